"""Hypothesis strategies for whole interchange documents, as plain JSON data.

:func:`documents` draws documents that are *mostly valid but perturbed*: each
field starts from a realistic value and is, now and then, replaced by
something awkward, so that plenty of documents export something while every
rule and every escape path is exercised:

- any Unicode text in every text field, including control characters, lone
  surrogates, white space only, empty and very long values;
- optional keys missing, or present as ``null``;
- duplicate family and parent ids, Klantnummers, mandate references and
  invoice numbers (drawn from what the document already holds);
- money such as ``"0.005"``, ``"1E+3"``, ``"-0.00"``, ``"NaN"``, ``"sNaN"``;
- now and then a shape error (an unknown key, a number where text belongs,
  a float for money, an impossible date) that the converter must refuse.

A document is built from one drawn byte string that a small reader
(:class:`_Source`) turns into choices: a property campaign of 100,000
documents would otherwise be bound by Hypothesis' cost per draw (about 25 µs,
against under 1 µs per byte). Every choice maps the bytes monotonically, with
zero meaning the first, plainest value, and bytes past the end read as zero:
so Hypothesis' shrinker, which lowers and drops bytes, shrinks towards short,
plain documents.

:func:`json_values` draws arbitrary JSON for the converter's robustness.

Settings profiles, chosen with the environment variable
``HYPOTHESIS_PROFILE``: ``normal`` (the default: 50 examples), ``ci`` (500)
and ``campaign`` (100,000 examples, no deadline; see ``scripts/campaign``).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from typing import Final

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


__all__ = ["any_text", "documents", "json_values", "valid_iban"]

JSON = dict[str, object]

_RELAXED: Final = (HealthCheck.too_slow, HealthCheck.data_too_large)
settings.register_profile(
    "normal", max_examples=50, deadline=None, suppress_health_check=_RELAXED
)
settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=_RELAXED
)
settings.register_profile(
    "campaign",
    max_examples=int(os.environ.get("CAMPAIGN_EXAMPLES", "100000")),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=tuple(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "normal"))


def valid_iban(country: str, bban: str) -> str:
    """Return the IBAN of ``bban``, with ISO 13616 mod-97 check digits.

    >>> valid_iban("NL", "ABNA0417164300")
    'NL91ABNA0417164300'
    """
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


# -- pools of realistic and of awkward values --------------------------------
# The first value of each pool is the plainest: shrinking goes there.

IBANS: Final = (
    valid_iban("NL", "ABNA0417164300"),
    valid_iban("NL", "RABO0123456789"),
    valid_iban("NL", "INGB0001234567"),
    valid_iban("BE", "539007547034"),  # national check 34 = 5390075470 mod 97
    valid_iban("DE", "370400440532013000"),
    "nl91 abna 0417 1643 00",  # as typed: valid once compacted
)
ODD_IBANS: Final = (
    "NL92ABNA0417164300",  # check digits wrong
    "NL91ABNA041716430",  # one character short
    "XX91ABNA0417164300",  # no such country
    "NL91 ABNA 0417 1643 00 00",
    "",
    "   ",
    "IBAN NL91ABNA0417164300",
)
BICS: Final = ("ABNANL2A", "ABNANL2AXXX", "RABONL2U", "abnanl2a", "KREDBEBB")
ODD_BICS: Final = ("NOTABIC!", "", "ABNA", "ABNANL2AXXXX")
NAMES: Final = ("Jansen", "Vries", "Öztürk", "O'Neill", "Bakker & Zn", "Heuvel")
FIRST_NAMES: Final = ("Sanne", "Jan", "Zoë", "Anne-Marie", "Noor", "Pierre-Yves")
INITIALS: Final = ("S.", "J.P.", "A.M.")
PREFIXES: Final = ("van", "van der", "'t", "de", "van den")
STREETS: Final = ("Lindelaan", "Schoolstraat", "Rue de la Gare", "Schulstraße")
HOUSE_NUMBERS: Final = ("7", "12", "227", "1-3")
SUFFIXES: Final = ("A", "bis", "-2", "hs")
CITIES: Final = ("Utrecht", "Leuven", "Aachen", "'s-Hertogenbosch", "Liège")
# Postcodes per country code (upper-cased); any other country takes the last.
POSTCODES: Final = {
    "NL": ("3512 XY", "3512xy", "3512XY", "NL-3512XY", " 3512  xy "),
    "BE": ("3000", "8000"),
    "DE": ("01067", "52062"),
    "FR": ("75001",),
    "": ("1234",),
}
ODD_POSTCODES: Final = (
    "0123 AB", "1234 SA", "12345", "0300", "1067", "", "3512 XY",
    # Arabic-Indic and full-width digits, a ligature: none is ASCII.
    "\u0667\u0665\u0660\u0660\u0661", "\uff17\uff15\uff10\uff10\uff11", "3512\ufb00",
)  # fmt: skip
COUNTRIES: Final = ("NL", "NL", "NL", "BE", "DE", "nl", "FR")
ODD_COUNTRIES: Final = ("US", "Nederland", "", "XX", "NLD", "ß", "ǉ", "ﬀ")
EMAILS: Final = ("sanne@example.nl", "a.b-c@example.org")
ODD_EMAILS: Final = (
    "not-an-email", "a@b@example.nl", "a@example.nl, b@example.nl", "",
    "x" * 130 + "@example.nl",
)  # fmt: skip
PHONES: Final = ("06-12345678", "+31 30 000 0042")
LANGUAGES: Final = ("nl", "NL", "en", "fr", "de")
ODD_LANGUAGES: Final = ("dutch", "", "n", "nld")
ODD_CUSTOMER_NUMBERS: Final = ("000123", "12a", "1" * 19, "", " ", "1.0", "١٢٣")
ODD_REFERENCES: Final = (
    "with space", "/lead", "trail/", "a//b", "x" * 36, "ümlaut", "", "ok-ref.1:(a)+",
)  # fmt: skip
AMOUNTS: Final = (
    "717.50", "-45.00", "0.00", "98.95", "1234.56", "0.01", "-0.01", "12",
    "0.10", "999999999999.99",
)  # fmt: skip
ODD_AMOUNTS: Final = (
    "0.005", "1E+3", "-0.00", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity",
    "1e-2", "1.000", "-0", "0E-7", "12345678901234567890.12", " 3.50 ", "1E+30",
)  # fmt: skip
UNREADABLE_AMOUNTS: Final = ("abc", "", "1,50", "€ 5", 1.5, 12, None)
DATES: Final = ("2026-01-01", "2025-12-20", "2026-01-28", "2024-02-29", "0001-01-01",
                "9999-12-31")  # fmt: skip
BAD_DATES: Final = ("2026-02-30", "01-01-2026", "2026-1-1", "")
INVOICE_NUMBERS: Final = (
    "0123", "2147483647", "2147483648", "F2026-0123", "", "  ", " 77 ", "-5", "+5",
    "99999999999999999999", "0",
)  # fmt: skip
CODES: Final = ("8000", "8010", "0", "LOC01")
ODD_CODES: Final = ("", "  ", "a" * 300, " 8000")
LINE_TEXTS: Final = ("Dagopvang januari 2026 Noor (70 uur)", "Extra dag")
SHAPE_ERRORS: Final[tuple[object, ...]] = (12, 1.5, True, [], {})

# XML forbids most of these; lone surrogates cannot even be encoded as UTF-8.
NASTY_CHARACTERS: Final = (
    "\x00", "\x0b", "\ud800", "\udfff", "\ufffe", "\r", "\t", "\n", "\x85", "]]>",
)  # fmt: skip

_MISSING: Final = object()
_ANY_CHARACTER: Final = st.characters(exclude_categories=())


def any_text() -> st.SearchStrategy[str]:
    """Any Unicode text: control characters, surrogates, blank, empty, huge.

    >>> isinstance(any_text(), st.SearchStrategy)
    True
    """
    return st.one_of(
        st.text(_ANY_CHARACTER, max_size=12),
        st.sampled_from(NASTY_CHARACTERS),
        st.sampled_from(("", " ", "\u00a0", "\t \n", "\u2028")),
        st.builds(
            lambda unit, count: unit * count,
            st.sampled_from(("x", "é", "<&>", "\U0001f600", "ab ", '"')),
            st.integers(30, 3000),
        ),
    )


class _Source:
    """Choices read from a byte string; zero bytes mean the plainest choice."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def roll(self, size: int = 1000) -> int:
        """Return 0..size-1 from the next two bytes (0 when they run out)."""
        chunk = self.data[self.at : self.at + 2]
        self.at += 2
        value = int.from_bytes(chunk.ljust(2, b"\0"), "big")
        return value * size >> 16

    def pick(self, pool: Sequence[object]) -> object:
        return pool[self.roll(len(pool))]

    def text(self) -> str:
        """Any text at all: random code points, nasty characters, blank, huge."""
        kind = self.roll(4)
        if kind == 0:
            length = self.roll(13)
            # Any code point, surrogates and non-characters included.
            return "".join(chr(self.roll(0x110000)) for _ in range(length))
        if kind == 1:
            return str(self.pick(NASTY_CHARACTERS))
        if kind == 2:
            return str(self.pick(("", " ", "\u00a0", "\t \n", "\u2028")))
        unit = str(self.pick(("x", "é", "<&>", "\U0001f600", "ab ", '"')))
        return unit * (30 + self.roll(3000))

    def field(
        self,
        pool: Sequence[object],
        odd: Sequence[object] = (),
        *,
        weird: int = 40,
        absent: int = 0,
    ) -> object:
        """Draw a pool value, or (per mille) something odd or awkward, or absent.

        ``weird`` per mille is split between the ``odd`` pool, a pool value
        with a nasty character spliced in and any text at all; ``absent`` per
        mille between ``None`` and a missing key (:data:`_MISSING`).
        """
        roll = self.roll()
        if roll < 1000 - weird - absent:
            return pool[roll % len(pool)]
        if roll >= 1000 - absent:
            return None if roll % 2 else _MISSING
        kind = roll % 3
        if kind == 0 and odd:
            return odd[roll // 3 % len(odd)]
        if kind == 1:
            base = str(pool[roll % len(pool)])
            at = self.roll(len(base) + 1)
            return base[:at] + self.text()[:3] + base[at:]
        return self.text()

    def identifier(
        self,
        fresh: str,
        seen: list[str],
        odd: Sequence[str] = (),
        *,
        repeat: int = 80,
    ) -> str:
        """Usually ``fresh``; ``repeat`` per mille one seen before; else odd."""
        roll = self.roll()
        if roll < 900 or (roll < 900 + repeat and not seen):
            value = fresh
        elif roll < 900 + repeat:
            value = seen[roll % len(seen)]
            if roll % 3 == 0:
                value = f" {value} " if roll % 2 else value.lower()
        elif odd and roll % 2:
            value = odd[roll % len(odd)]
        else:
            value = self.text()
        seen.append(value)
        return value

    def broken(self, record: JSON, keys: tuple[str, ...]) -> JSON:
        """Now and then (0.3 %) give ``record`` an unknown or mistyped key."""
        roll = self.roll(10_000)
        if 5000 <= roll < 5015:
            record[str(self.pick(("nmae", "Id", "extra", "")))] = "?"
        elif 5015 <= roll < 5030:
            record[str(self.pick(keys))] = self.pick(SHAPE_ERRORS)
        return record

    def date(self) -> object:
        roll = self.roll(100_000)
        if roll < 80_000:
            return DATES[roll % len(DATES)]
        if 97_000 <= roll < 97_300:
            return BAD_DATES[roll % len(BAD_DATES)]
        if 97_300 <= roll < 97_330:
            return SHAPE_ERRORS[roll % len(SHAPE_ERRORS)]
        day = datetime.date(1990, 1, 1) + datetime.timedelta(days=roll - 80_000)
        return day.isoformat()

    def amount(self) -> object:
        roll = self.roll(100_000)
        if roll < 80_000:
            return AMOUNTS[roll % len(AMOUNTS)]
        if roll < 90_000:
            # Any amount with two decimals, small or large, positive or negative.
            cents = self.roll(1 << 16) * self.roll(1 << 16) * (roll % 7 + 1)
            sign = "-" if roll % 2 else ""
            return f"{sign}{cents // 100}.{cents % 100:02d}"
        if 97_000 <= roll < 97_100:
            return UNREADABLE_AMOUNTS[roll % len(UNREADABLE_AMOUNTS)]
        return ODD_AMOUNTS[roll % len(ODD_AMOUNTS)]


def _put(record: JSON, key: str, value: object) -> None:
    if value is not _MISSING:
        record[key] = value


class _Seen:
    """What the document holds so far, for drawing duplicates."""

    def __init__(self) -> None:
        self.family_ids: list[str] = []
        self.parent_ids: list[str] = []
        self.child_ids: list[str] = []
        self.customer_numbers: list[str] = []
        self.references: list[str] = []
        self.invoice_numbers: list[str] = []


# -- records ------------------------------------------------------------------


def _address(source: _Source) -> JSON:
    country = source.field(COUNTRIES, ODD_COUNTRIES, weird=60)
    postcodes = POSTCODES.get(str(country).strip().upper(), POSTCODES[""])
    address: JSON = {
        "street": source.field(STREETS),
        "house_number": source.field(HOUSE_NUMBERS, ("",)),
        "postcode": source.field(postcodes, ODD_POSTCODES, weird=60),
        "city": source.field(CITIES),
        "country": country,
    }
    _put(address, "house_number_suffix", source.field(SUFFIXES, absent=800))
    return source.broken(address, ("street", "house_number", "postcode"))


def _mandate(source: _Source, number: str, seen: _Seen) -> JSON:
    fresh = f"MND-{number}-{len(seen.references)}"
    mandate: JSON = {
        "reference": source.identifier(
            fresh, seen.references, ODD_REFERENCES, repeat=30
        ),
        "signed_on": source.date(),
    }
    _put(mandate, "scheme", source.field(("core", "b2b"), weird=0, absent=400))
    _put(mandate, "recurring", source.field((True, False), weird=0, absent=400))
    _put(
        mandate,
        "first_collection_sent",
        source.field((False, True), weird=0, absent=400),
    )
    return source.broken(mandate, ("reference", "signed_on", "scheme", "recurring"))


def _bank_account(source: _Source, number: str, seen: _Seen) -> JSON:
    account: JSON = {"iban": source.field(IBANS, ODD_IBANS, weird=50)}
    _put(account, "bic", source.field(BICS, ODD_BICS, weird=80, absent=700))
    _put(account, "holder_name", source.field(NAMES, absent=700))
    has_mandate = source.roll() < 550
    account["mandate"] = _mandate(source, number, seen) if has_mandate else None
    return source.broken(account, ("iban", "bic", "holder_name"))


def _parent(source: _Source, family: int, index: int, seen: _Seen) -> JSON:
    number = f"{1000 + family * 10 + index}"
    parent: JSON = {
        "id": source.identifier(f"P{family}-{index}", seen.parent_ids),
        "last_name": source.field(NAMES),
    }
    _put(parent, "first_name", source.field(FIRST_NAMES, absent=100))
    _put(parent, "initials", source.field(INITIALS, ("",), absent=200))
    _put(parent, "name_prefix", source.field(PREFIXES, absent=650))
    _put(
        parent, "gender", source.field(("female", "male", "other"), weird=0, absent=150)
    )
    _put(parent, "email", source.field(EMAILS, ODD_EMAILS, weird=40, absent=150))
    _put(parent, "phone", source.field(PHONES, absent=200))
    _put(parent, "language", source.field(LANGUAGES, ODD_LANGUAGES, absent=200))
    if source.roll() < 920:
        parent["customer_number"] = source.identifier(
            number, seen.customer_numbers, ODD_CUSTOMER_NUMBERS
        )
    if source.roll() < 900:
        parent["address"] = _address(source)
    accounts = source.roll(3)
    parent["bank_accounts"] = [
        _bank_account(source, number, seen) for _ in range(accounts)
    ]
    return source.broken(parent, ("id", "last_name", "gender", "bank_accounts"))


def _child(source: _Source, family: int, index: int, seen: _Seen) -> JSON:
    child: JSON = {
        "id": source.identifier(f"K{family}-{index}", seen.child_ids),
        "first_name": source.field(FIRST_NAMES),
    }
    _put(child, "last_name", source.field(NAMES, absent=300))
    if source.roll() < 700:
        child["birth_date"] = source.date()
    return child


def _family(source: _Source, index: int, seen: _Seen) -> JSON:
    family: JSON = {"id": source.identifier(f"F{index}", seen.family_ids)}
    roll = source.roll()
    parent_count = 1 + roll % 2 if roll < 950 else roll % 4
    parents = [_parent(source, index, i, seen) for i in range(parent_count)]
    if roll < 990:
        family["parents"] = parents
    children = source.roll(4)
    family["children"] = [_child(source, index, i, seen) for i in range(children)]
    roll = source.roll()
    if roll < 100 and parents:
        family["contract_parent_id"] = parents[roll % len(parents)]["id"]
    elif 500 <= roll < 540:
        family["contract_parent_id"] = source.field(("P-unknown",), weird=300)
    elif roll < 500:
        family["contract_parent_id"] = None
    return source.broken(family, ("id", "parents", "contract_parent_id"))


def _line(source: _Source, children: list[str]) -> JSON:
    line: JSON = {"description": source.field(LINE_TEXTS), "amount": source.amount()}
    _put(line, "gl_account", source.field(CODES, ODD_CODES, absent=500))
    _put(line, "vat_code", source.field(CODES, ODD_CODES, absent=500))
    _put(line, "cost_center", source.field(CODES, ODD_CODES, absent=600))
    _put(line, "child_id", source.field((*children, "K-unknown"), weird=0, absent=500))
    return source.broken(line, ("description", "gl_account", "child_id"))


def _invoice(source: _Source, index: int, seen: _Seen) -> JSON:
    known = seen.family_ids or ["F-unknown"]
    invoice: JSON = {
        "number": source.identifier(
            f"{2026010000 + index}", seen.invoice_numbers, INVOICE_NUMBERS
        ),
        "family_id": source.field(known, ("F-unknown",), weird=40),
        "date": source.date(),
    }
    if source.roll() < 800:
        invoice["due_date"] = source.date()
    _put(invoice, "description", source.field(("Kinderopvang januari",), absent=300))
    _put(
        invoice,
        "payment_method",
        source.field(("bank_transfer", "direct_debit"), weird=0, absent=200),
    )
    roll = source.roll()
    lines = [
        _line(source, seen.child_ids) for _ in range(1 + roll % 4 if roll < 980 else 0)
    ]
    if roll < 995:
        invoice["lines"] = lines
    return source.broken(invoice, ("number", "date", "lines", "payment_method"))


def _settings(source: _Source) -> JSON:
    result: JSON = {}
    _put(result, "journal", source.field(("70", "VK"), ("", " "), absent=400))
    _put(result, "currency", source.field(("EUR", "eur"), ("EU", ""), absent=500))
    _put(result, "gl_account", source.field(CODES, ODD_CODES, absent=500))
    _put(result, "vat_code", source.field(CODES, ODD_CODES, absent=500))
    if source.roll() < 600:
        methods = ("direct_debit", "bank_transfer")
        result["payment_conditions"] = {
            method: source.field(("IN", "14"), ("",))
            for method in methods[: source.roll(3)]
        }
    return source.broken(result, ("journal", "currency", "payment_conditions"))


def _document(
    parts: tuple[bytes, bytes, list[bytes], list[bytes]],
) -> JSON:
    top, settings_bytes, family_bytes, invoice_bytes = parts
    seen = _Seen()
    families = [_family(_Source(data), i, seen) for i, data in enumerate(family_bytes)]
    invoices = [
        _invoice(_Source(data), i, seen) for i, data in enumerate(invoice_bytes)
    ]
    roll = _Source(top).roll()
    document: JSON = {}
    if roll < 970:
        document["families"] = families
    if roll % 31 != 30:
        document["invoices"] = invoices
    if roll % 3 == 0:
        document["settings"] = _settings(_Source(settings_bytes))
    return document


def documents(max_families: int = 4, max_invoices: int = 6) -> st.SearchStrategy[JSON]:
    """Draw a whole interchange document: families, invoices and settings.

    Each family and each invoice reads its own byte string, so that shrinking
    one record leaves the others as they were.

    >>> isinstance(documents(max_families=2), st.SearchStrategy)
    True
    """
    return st.tuples(
        st.binary(min_size=2, max_size=2),
        st.binary(min_size=40, max_size=40),
        st.lists(st.binary(min_size=150, max_size=600), max_size=max_families),
        st.lists(st.binary(min_size=60, max_size=300), max_size=max_invoices),
    ).map(_document)


def json_values() -> st.SearchStrategy[object]:
    """Draw any JSON value (the kind ``json.loads`` returns).

    >>> isinstance(json_values(), st.SearchStrategy)
    True
    """
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | any_text()
    keys = st.sampled_from(("families", "invoices", "settings", "id")) | any_text()
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4)
        ),
        max_leaves=20,
    )
