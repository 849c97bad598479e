"""Realistic synthetic Bitcare interchange documents of any size.

:func:`generate_document` builds the plain JSON-compatible document that
``bitcare_exact.structure_document`` reads (see ``docs`` / input-format): most
families Dutch, some Belgian and German, with valid postcodes and valid IBANs
whose check digits are computed here (ISO 13616 mod 97, and the national check
digits of Belgian accounts and of German banks using the Bundesbank's method
00). Families have one or two parents and one to three children; about half
pay by direct debit under a SEPA mandate; each family gets one invoice of about
three lines. The output depends only on ``families`` and ``seed``.

Run it to write a document to a file::

    python benchmarks/generate.py --families 100000 -o /tmp/bitcare-100k.json
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Final, TypeVar


__all__ = ["generate_document", "iban"]

_T = TypeVar("_T")

FEMALE: Final = (
    "Anna", "Emma", "Sanne", "Lotte", "Fleur", "Noor", "Julia", "Sophie", "Eva",
    "Lisa", "Anne-Marie", "Fatima", "Zoë", "Chloé", "Inès", "Marieke", "Ilse",
    "Yasmina", "Hanneke", "Saskia", "Lieke", "Mirjam", "Griet", "Els", "Katrin",
    "Jürgen", "Ayşe", "Nguyễn Thị",
)  # fmt: skip
MALE: Final = (
    "Jan", "Pieter", "Bram", "Joris", "Maarten", "Thomas", "Daan", "Sem", "Ruben",
    "Mohammed", "Youssef", "Stijn", "Wouter", "Koen", "Jeroen", "Bart", "Tim",
    "Niels", "Gijs", "Mehmet", "Lukas", "Stefan", "François", "Pierre-Yves",
    "Dirk", "Hendrik", "Sjoerd", "Mees",
)  # fmt: skip
CHILDREN: Final = (
    "Siem", "Adam", "Mees", "Tess", "Noah", "Luuk", "Sara", "Liv", "Mila", "Nova",
    "Finn", "Olivia", "Saar", "Jens", "Yara", "Zoë", "Milan", "Nora", "Lars",
    "Ilyas", "Elin", "Jules", "Fien", "Vic",
)  # fmt: skip
PREFIXES: Final = (
    "van", "de", "van der", "van den", "van de", "ter", "'t", "van 't", "den",
    "de la", "op de",
)  # fmt: skip
LAST_NAMES: Final = (
    "Jansen", "Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos",
    "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "Dijkstra", "Berg",
    "Heuvel", "Horst", "Kowalski", "Maes", "Peeters", "Janssens", "Wouters",
    "Dubois", "Müller", "Schmidt", "Öztürk", "Çelik", "El Amrani", "Nguyen",
    "O'Neill", "Hart", "Boer", "Groot", "Koster", "Willems", "Verhoeven",
    "Claes", "Lambrechts", "Fischer", "Weber",
)  # fmt: skip
NL_STREETS: Final = (
    "Schoolstraat", "Kerkstraat", "Dorpsstraat", "Lindelaan", "Stationsweg",
    "Prinses Irenestraat", "Julianalaan", "Molenweg", "Oranjestraat",
    "Burgemeester de Withstraat", "Van 't Hoffstraat", "Mr. P.J. Troelstraweg",
    "Eikenlaan", "Beukenlaan", "Havenkade", "Wilhelminapark",
)  # fmt: skip
# City, first and last four-digit postcode of (part of) its range.
NL_CITIES: Final = (
    ("Amsterdam", 1011, 1109), ("Utrecht", 3511, 3585), ("Rotterdam", 3011, 3089),
    ("Den Haag", 2491, 2599), ("Groningen", 9711, 9747), ("Eindhoven", 5611, 5658),
    ("Nijmegen", 6511, 6546), ("Zwolle", 8011, 8043), ("Leiden", 2311, 2334),
    ("Haarlem", 2011, 2037), ("Arnhem", 6811, 6846), ("Maastricht", 6211, 6229),
    ("Breda", 4811, 4839), ("Tilburg", 5011, 5049), ("Amersfoort", 3811, 3829),
    ("Alphen aan den Rijn", 2401, 2409), ("'s-Hertogenbosch", 5211, 5236),
)  # fmt: skip
# Letters used in real Dutch postcodes; SA, SD and SS are never issued.
NL_LETTERS: Final = "ABCDEGHJKLMNPRSTVWXZ"
BE_CITIES: Final = (
    ("Leuven", "3000"), ("Brugge", "8000"), ("Gent", "9000"), ("Antwerpen", "2000"),
    ("Mechelen", "2800"), ("Hasselt", "3500"), ("Brussel", "1000"), ("Liège", "4000"),
)  # fmt: skip
BE_STREETS: Final = (
    "Stationsstraat", "Grote Markt", "Kerkstraat", "Nieuwstraat", "Rue de la Gare",
    "Dorpsstraat",
)  # fmt: skip
DE_CITIES: Final = (
    ("Aachen", "52062", "39050000"), ("Kleve", "47533", "32450000"),
    ("Düsseldorf", "40213", "30050110"), ("Berlin", "10115", "12030000"),
    ("Dresden", "01067", "12030000"), ("Köln", "50667", "37050198"),
)  # fmt: skip
DE_STREETS: Final = (
    "Schulstraße", "Bahnhofstraße", "Hauptstraße", "Kirchweg", "Am Markt",
)  # fmt: skip
# BIC of each bank code used (as published in the banks' registries).
DE_BICS: Final = {
    "39050000": "AACSDE33XXX",
    "32450000": "WELADED1KLE",
    "30050110": "DUSSDEDDXXX",
    "12030000": "BYLADEM1001",
    "37050198": "COLSDE33XXX",
}
NL_BANKS: Final = ("ABNA", "RABO", "INGB", "SNSB", "ASNB", "KNAB", "TRIO", "BUNQ")
BE_BANKS: Final = {"001": "GEBABEBB", "068": "GKCCBEBB", "734": "KREDBEBB",
                   "363": "BBRUBEBB", "523": "TRIOBEBB", "973": "ARSPBE22"}  # fmt: skip
CARE: Final = (
    ("Dagopvang", Decimal("10.25")),
    ("Buitenschoolse opvang", Decimal("9.12")),
    ("Peuteropvang", Decimal("9.54")),
)
EXTRAS: Final = (
    ("Extra dag 14-01-2026", Decimal("98.95")),
    ("Maaltijden januari 2026", Decimal("27.50")),
    ("Luiers januari 2026", Decimal("12.00")),
    ("Inschrijfkosten", Decimal("25.00")),
    ("Correctie te veel gerekende uren december 2025", Decimal("-41.00")),
)
SETTINGS: Final = {
    "journal": "70",
    "currency": "EUR",
    "gl_account": "8000",
    "vat_code": "0",
    "payment_conditions": {"direct_debit": "IN", "bank_transfer": "14"},
}


def _numerify(text: str) -> str:
    return "".join(str(int(character, 36)) for character in text)


def iban(country: str, bban: str) -> str:
    """Return the IBAN of ``bban`` in ``country``, check digits computed (mod 97).

    >>> iban("NL", "ABNA0417164300")
    'NL91ABNA0417164300'
    """
    check = 98 - int(_numerify(bban + country + "00")) % 97
    return f"{country}{check:02d}{bban}"


def _belgian_account(rng: random.Random, bank: str) -> str:
    body = bank + "".join(rng.choice("0123456789") for _ in range(7))
    check = int(body) % 97 or 97
    return f"{body}{check:02d}"


def _german_account(rng: random.Random) -> str:
    # Bundesbank check method 00: digits 1-9 weighted 2, 1, 2, ... from the
    # right, digit sums of the products, check digit (10 - sum mod 10) mod 10.
    body = "".join(rng.choice("0123456789") for _ in range(9))
    total = 0
    for position, digit in enumerate(reversed(body)):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return f"{body}{(10 - total % 10) % 10}"


class _Maker:
    """Builds one document; counters keep every id and number unique."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.parent_count = 0
        self.child_count = 0

    def pick(self, items: tuple[_T, ...]) -> _T:
        return items[int(self.rng.random() * len(items))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def digits(self, count: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(count))

    # -- addresses ---------------------------------------------------------

    def address(self, country: str) -> dict[str, object]:
        suffix: str | None = None
        if country == "NL":
            city, low, high = self.pick(NL_CITIES)
            digits = self.rng.randint(low, high)
            letters = self.pick(tuple(NL_LETTERS)) + self.pick(tuple(NL_LETTERS))
            if letters in {"SA", "SD", "SS"}:
                letters = "AB"
            style = self.rng.random()
            if style < 0.7:
                postcode = f"{digits} {letters}"
            elif style < 0.9:
                postcode = f"{digits}{letters}"
            else:
                postcode = f"{digits}{letters.lower()}"
            street = self.pick(NL_STREETS)
            if self.chance(0.15):
                suffix = self.pick(("A", "B", "bis", "hs", "II", "-2", "zw"))
        elif country == "BE":
            city, postcode = self.pick(BE_CITIES)
            street = self.pick(BE_STREETS)
            if self.chance(0.2):
                suffix = "bus " + str(self.rng.randint(1, 12))
        else:
            city, postcode, _ = self.pick(DE_CITIES)
            street = self.pick(DE_STREETS)
            if self.chance(0.1):
                suffix = "a"
        return {
            "street": street,
            "house_number": str(self.rng.randint(1, 240)),
            "house_number_suffix": suffix,
            "postcode": postcode,
            "city": city,
            "country": country,
        }

    # -- banking -----------------------------------------------------------

    def bank_account(self, country: str, holder: str | None) -> dict[str, object]:
        bic: str | None = None
        if country == "NL":
            number = iban("NL", self.pick(NL_BANKS) + self.digits(10))
        elif country == "BE":
            bank = self.pick(tuple(BE_BANKS))
            number = iban("BE", _belgian_account(self.rng, bank))
            bic = BE_BANKS[bank] if self.chance(0.3) else None
        else:
            bank = self.pick(tuple(DE_BICS))
            number = iban("DE", bank + _german_account(self.rng))
            bic = DE_BICS[bank] if self.chance(0.3) else None
        if self.chance(0.05):
            # As typed into Bitcare: in groups of four, sometimes lower case.
            number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
            if self.chance(0.5):
                number = number.lower()
        return {"iban": number, "bic": bic, "holder_name": holder, "mandate": None}

    def mandate(self, customer_number: str | None, number: int) -> dict[str, object]:
        signed = datetime.date(2019, 1, 1) + datetime.timedelta(
            days=self.rng.randrange(7 * 365)
        )
        reference = f"MND{customer_number}" if customer_number else f"KDV-{number}-1"
        return {
            "reference": reference,
            "signed_on": signed.isoformat(),
            "scheme": "core",
            "recurring": not self.chance(0.01),
            "first_collection_sent": self.chance(0.9),
        }

    # -- people ------------------------------------------------------------

    def parent(
        self, country: str, last_name: str, prefix: str | None
    ) -> dict[str, object]:
        self.parent_count += 1
        female = self.chance(0.55)
        first = self.pick(FEMALE if female else MALE)
        gender = "female" if female else "male"
        if self.chance(0.02):
            gender = self.pick(("other", None))  # type: ignore[arg-type]
        initials = ".".join(part[0] for part in first.replace("-", " ").split()) + "."
        language = {"NL": "nl", "BE": "nl" if self.chance(0.7) else "fr", "DE": "de"}[
            country
        ]
        if self.chance(0.02):
            language = "en"
        return {
            "id": f"P{2000000 + self.parent_count}",
            "first_name": first if self.chance(0.97) else None,
            "initials": initials,
            "name_prefix": prefix,
            "last_name": last_name,
            "gender": gender,
            "email": f"{_mailbox(first, last_name)}{self.parent_count % 97}@example.nl",
            "phone": self.phone(country),
            "language": language,
            "customer_number": None,
            "address": None,
            "bank_accounts": [],
        }

    def phone(self, country: str) -> str:
        if country == "BE":
            groups = " ".join(self.digits(2) for _ in range(3))
            return f"+32 4{self.digits(2)} {groups}"
        if country == "DE":
            return f"+49 1{self.digits(2)} {self.digits(7)}"
        if self.chance(0.8):
            return f"06-{self.digits(8)}"
        return f"+31 6 {self.digits(8)}"

    def name(self) -> tuple[str, str | None]:
        prefix = self.pick(PREFIXES) if self.chance(0.3) else None
        return self.pick(LAST_NAMES), prefix

    def child(self, last_name: str) -> dict[str, object]:
        self.child_count += 1
        born = datetime.date(2014, 1, 1) + datetime.timedelta(
            days=self.rng.randrange(11 * 365)
        )
        return {
            "id": f"K{3000000 + self.child_count}",
            "first_name": self.pick(CHILDREN),
            "last_name": last_name,
            "birth_date": born.isoformat(),
        }

    # -- families and invoices -----------------------------------------------

    def family(self, number: int) -> tuple[dict[str, object], dict[str, object]]:
        roll = self.rng.random()
        country = "NL" if roll < 0.9 else ("BE" if roll < 0.96 else "DE")
        last_name, prefix = self.name()
        parents = [self.parent(country, last_name, prefix)]
        if self.chance(0.7):
            other_last, other_prefix = self.name()
            parents.append(self.parent(country, other_last, other_prefix))
        home = self.address(country)
        for parent in parents:
            parent["address"] = dict(home)
        contract_parent_id = None
        responsible = parents[0]
        if len(parents) == 2 and self.chance(0.05):
            responsible = parents[1]
            contract_parent_id = responsible["id"]
        customer_number = str(100000 + number) if self.chance(0.99) else None
        responsible["customer_number"] = customer_number
        holder = None
        if self.chance(0.1):
            holder = f"{responsible['initials']!s} {last_name}"
        if self.chance(0.96):
            responsible["bank_accounts"] = [self.bank_account(country, holder)]
        direct_debit = bool(responsible["bank_accounts"]) and self.chance(0.52)
        if direct_debit:
            account = responsible["bank_accounts"][0]  # type: ignore[index]
            account["mandate"] = self.mandate(customer_number, number)
        for parent in parents:
            if parent is not responsible and self.chance(0.5):
                parent["bank_accounts"] = [self.bank_account(country, None)]
        children = [
            self.child(last_name) for _ in range(self.rng.choice((1, 1, 2, 2, 2, 3)))
        ]
        family = {
            "id": f"F{1000000 + number}",
            "parents": parents,
            "children": children,
            "contract_parent_id": contract_parent_id,
        }
        return family, self.invoice(number, family, children, direct_debit=direct_debit)

    def invoice(
        self,
        number: int,
        family: dict[str, object],
        children: list[dict[str, object]],
        *,
        direct_debit: bool,
    ) -> dict[str, object]:
        lines = [self.care_line(child) for child in children]
        if self.chance(0.85):
            description, amount = self.pick(EXTRAS)
            lines.append(self.line(description, amount, None, children[0]["id"]))
        credit = self.chance(0.01)
        if credit:
            lines = [
                self.line(
                    "Vervallen extra dag 14-01-2026", Decimal("-98.95"), None, None
                )
            ]
        printed = f"2026{number:06d}"
        if credit:
            printed = f"CR2026-{number:06d}"
        elif self.chance(0.02):
            printed = f"F2026-{number:06d}"
        return {
            "number": printed,
            "family_id": family["id"],
            "date": "2026-01-01",
            "due_date": "2026-01-28" if self.chance(0.95) else None,
            "description": "Kinderopvang januari 2026",
            "payment_method": "direct_debit" if direct_debit else "bank_transfer",
            "lines": lines,
        }

    def care_line(self, child: dict[str, object]) -> dict[str, object]:
        kind, rate = self.pick(CARE)
        hours = self.rng.randint(24, 140)
        description = f"{kind} januari 2026 {child['first_name']} ({hours} uur)"
        gl_account = "8010" if kind == "Buitenschoolse opvang" else "8000"
        return self.line(description, rate * hours, gl_account, child["id"])

    def line(
        self,
        description: str,
        amount: Decimal,
        gl_account: str | None,
        child_id: object,
    ) -> dict[str, object]:
        return {
            "description": description,
            "amount": f"{amount:.2f}",
            "gl_account": gl_account,
            "vat_code": "0" if self.chance(0.5) else None,
            "cost_center": f"LOC0{self.rng.randint(1, 5)}",
            "child_id": child_id,
        }


def _mailbox(first: str, last: str) -> str:
    text = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    ascii_only = text.encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_only if c.isalnum() or c in ".-")


def generate_document(families: int, *, seed: int = 2026) -> dict[str, object]:
    """Return an interchange document with ``families`` families and invoices.

    >>> document = generate_document(3, seed=1)
    >>> len(document["families"]), len(document["invoices"])
    (3, 3)
    >>> generate_document(3, seed=1) == document
    True
    """
    maker = _Maker(seed)
    family_list: list[dict[str, object]] = []
    invoices: list[dict[str, object]] = []
    for number in range(families):
        family, invoice = maker.family(number)
        family_list.append(family)
        invoices.append(invoice)
    return {
        "families": family_list,
        "invoices": invoices,
        "settings": json.loads(json.dumps(SETTINGS)),
    }


def main(argv: list[str] | None = None) -> int:
    """Write a generated document as JSON (to a file or standard output)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("-o", "--output", type=Path)
    arguments = parser.parse_args(argv)
    text = json.dumps(
        generate_document(arguments.families, seed=arguments.seed),
        ensure_ascii=False,
        indent=1,
    )
    if arguments.output is None:
        sys.stdout.write(text + "\n")
    else:
        arguments.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
