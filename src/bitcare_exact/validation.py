"""Checking customers: the rules of the Accounts export, one family at a time.

Each family's contract-responsible parent (*contractverantwoordelijke ouder*)
becomes one Exact customer (*klant*). :func:`check_family` runs every rule on
that parent and, when no rule found an error, returns what the writer needs,
computed once: the display name, the stripped texts, the normalised postcode,
the compact IBAN, the given or derived BIC and the mandates that can go into
the file. The other parent is never checked: its data neither block the family
nor reach Exact.

Rules that look across families (the same Klantnummer, mandate reference,
family id or parent id twice) read an :class:`AccountIndex`, which
:func:`build_account_index` makes in one pass over the families beforehand.
It holds strings only, so a large export stays small in memory.

More information:

- the issue codes and their messages: :data:`bitcare_exact.catalogue.RULES`
- Exact's limits and formats: exact-accounts.md §8 (customer code) and §9
  (field lengths); XSD17 = the 2017 eExact-XML.xsd
- Bitcare's Klantnummer workflow and mandates: domain.md §1.2, §1.3
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Final, NamedTuple, cast

import attrs

from bitcare_exact._text import check_text
from bitcare_exact.banking import (
    CheckedIban,
    Problem,
    check_iban,
    compact_bic,
    mandate_reference_problem,
    same_bank,
)
from bitcare_exact.issues import Issue, Severity, make_issue
from bitcare_exact.model import (
    Address,
    BankAccount,
    Family,
    Gender,
    Mandate,
    MandateScheme,
    Parent,
)
from bitcare_exact.parents import contract_parent
from bitcare_exact.postal import country_code, normalise_postcode, uses_postcodes
from bitcare_exact.serialize._xml import illegal_character


__all__ = [
    "AccountIndex",
    "PreparedAccount",
    "PreparedAddress",
    "PreparedBankAccount",
    "PreparedMandate",
    "build_account_index",
    "check_family",
]

# Exact's data model (exact-accounts.md §9, Invantive): account name 50,
# address line 80, city 30, contact e-mail 128, bank-account holder 50.
_NAME_LIMIT: Final = 50
_STREET_LIMIT: Final = 80
_CITY_LIMIT: Final = 30
_EMAIL_LIMIT: Final = 128
_HOLDER_LIMIT: Final = 50
# REST Accounts.Code: numeric, at most 18 (exact-accounts.md §8).
_CUSTOMER_NUMBER: Final = re.compile("[0-9]{1,18}")
# input-format.md, Parent.email: one address. A local part without leading,
# trailing or double dots, then a domain of at least two labels whose last
# one starts with a letter; no display name, separator or white space.
_EMAIL: Final = re.compile(
    r"(?!\.)(?!.*\.\.)[\w.!#$%&'*+/=?^`{|}~-]+(?<!\.)"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_](?:[\w-]*[^\W_])?",
)


@attrs.frozen(kw_only=True)
class AccountIndex:
    """What repeats across the families of one export.

    Each mapping holds only the repeated values: a family id with how often
    it occurs, any other value with the ids of the families it occurs in.
    Mandate references are keyed in upper case.

    >>> AccountIndex().customer_numbers
    {}
    """

    family_ids: Mapping[str, int] = attrs.field(factory=dict)
    parent_ids: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    customer_numbers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    mandate_references: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


class _Tally:
    """Values seen once, and the families of the values seen more often."""

    __slots__ = ("first", "more")

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.more: dict[str, list[str]] = {}

    def add(self, value: str, family_id: str) -> None:
        first = self.first.get(value)
        if first is None:
            self.first[value] = family_id
        else:
            self.more.setdefault(value, [first]).append(family_id)

    def repeated(self) -> dict[str, tuple[str, ...]]:
        return {value: tuple(ids) for value, ids in self.more.items()}


def build_account_index(families: Iterable[Family]) -> AccountIndex:
    """Find the ids, Klantnummers and mandate references used more than once.

    Only the contract parent's Klantnummer and mandates count, compared after
    stripping surrounding white space (mandate references also without regard
    to case, as SEPA compares them).

    >>> from bitcare_exact.model import Parent
    >>> twice = Family(id="F1", parents=(Parent(id="P1", last_name="Smit",
    ...                                        customer_number="1042"),))
    >>> build_account_index([twice, twice]).customer_numbers
    {'1042': ('F1', 'F1')}
    """
    family_ids: dict[str, int] = {}
    parent_ids, numbers, references = _Tally(), _Tally(), _Tally()
    for family in families:
        family_ids[family.id] = family_ids.get(family.id, 0) + 1
        for parent in family.parents:
            parent_ids.add(parent.id, family.id)
        # A family without contract parent is reported by check_family.
        chosen = _chosen_parent(family, 0, [])[0]
        if chosen is not None:
            _tally_contract_parent(chosen, family.id, numbers, references)

    return AccountIndex(
        family_ids={key: count for key, count in family_ids.items() if count > 1},
        parent_ids=parent_ids.repeated(),
        customer_numbers=numbers.repeated(),
        mandate_references=references.repeated(),
    )


def _tally_contract_parent(
    parent: Parent,
    family_id: str,
    numbers: _Tally,
    references: _Tally,
) -> None:
    number = (parent.customer_number or "").strip()
    if number:
        numbers.add(number, family_id)
    for account in parent.bank_accounts:
        if account.mandate is not None and account.mandate.reference.strip():
            references.add(account.mandate.reference.strip().upper(), family_id)


# The prepared records are named tuples rather than frozen attrs classes: a
# few are built for every family on the export's hot path, and a named tuple
# is built in about half the time. They are as immutable.


class PreparedAddress(NamedTuple):
    """A checked home address, texts stripped and the postcode normalised.

    >>> PreparedAddress(street="Lindelaan", house_number="7", postcode="3512 XY",
    ...                 city="Utrecht", country="NL").country
    'NL'
    """

    street: str
    house_number: str
    city: str
    country: str
    postcode: str | None = None
    house_number_suffix: str | None = None


class PreparedBankAccount(NamedTuple):
    """A checked bank account: compact IBAN, BIC (given or derived), holder.

    >>> PreparedBankAccount(iban="NL91ABNA0417164300", bic="ABNANL2A",
    ...                     holder="J. Smit").bic
    'ABNANL2A'
    """

    iban: str
    bic: str | None
    holder: str


class PreparedMandate(NamedTuple):
    """A checked mandate of the customer with code ``account_code``.

    ``first_send`` is true while no first collection was sent on it.

    >>> PreparedMandate(reference="KDV-1", account_code="20417",
    ...                 iban="NL91ABNA0417164300",
    ...                 signed_on=datetime.date(2025, 8, 28)).first_send
    True
    """

    reference: str
    account_code: str
    iban: str
    signed_on: datetime.date
    scheme: MandateScheme = MandateScheme.CORE
    recurring: bool = True
    first_send: bool = True


class PreparedAccount(NamedTuple):
    """Everything the Accounts writer needs about one customer.

    ``has_mandate`` says whether the parent signed any mandate, even one left
    out of the file for lack of a Klantnummer (it picks the payment condition).

    >>> PreparedAccount(code="20417", name="Sanne van den Heuvel",
    ...                 last_name="Heuvel").name
    'Sanne van den Heuvel'
    """

    code: str | None
    name: str
    last_name: str
    first_name: str | None = None
    initials: str | None = None
    name_prefix: str | None = None
    gender: Gender | None = None
    phone: str | None = None
    email: str | None = None
    language: str | None = None
    address: PreparedAddress | None = None
    bank_accounts: tuple[PreparedBankAccount, ...] = ()
    mandates: tuple[PreparedMandate, ...] = ()
    has_mandate: bool = False


class _Collector:
    """The issues of one contract parent, with its ids and path."""

    __slots__ = ("family_id", "issues", "parent_id", "parent_index", "position")

    def __init__(
        self,
        position: int,
        parent_index: int,
        family_id: str,
        parent_id: str,
    ) -> None:
        self.position = position
        self.parent_index = parent_index
        self.family_id = family_id
        self.parent_id = parent_id
        self.issues: list[Issue] = []

    @property
    def base(self) -> str:
        """The parent's path; built only when an issue needs it."""
        return f"$.families[{self.position}].parents[{self.parent_index}]"

    def add(self, code: str, suffix: str, **params: str) -> Issue:
        issue = make_issue(
            code,
            self.base + suffix,
            family_id=self.family_id,
            parent_id=self.parent_id,
            **params,
        )
        self.issues.append(issue)
        return issue

    def text(
        self,
        value: str | None,
        suffix: str,
        field: tuple[str, str],
        limit: int | None = None,
    ) -> str | None:
        """Strip a text for the file; ``None`` when blank; report what is wrong."""
        if value is None:
            return None
        value = value.strip()
        if not value:
            return None
        too_long = limit is not None and len(value) > limit
        if too_long or illegal_character(value) is not None:
            issue = check_text(
                value,
                self.base + suffix,
                field=field[0],
                field_nl=field[1],
                limit=limit,
                family_id=self.family_id,
                parent_id=self.parent_id,
            )
            self.issues.append(cast("Issue", issue))  # the test above found one
        return value


def check_family(
    family: Family,
    position: int,
    index: AccountIndex,
    *,
    require_customer_numbers: bool = False,
) -> tuple[PreparedAccount | None, tuple[Issue, ...]]:
    """Run every customer rule on ``family``, the ``position``-th of the input.

    Returns the prepared account, or ``None`` when an issue is an error, and
    the issues in the order found.

    >>> from bitcare_exact.model import Parent
    >>> family = Family(id="F1", parents=(Parent(id="P1", last_name="Smit"),))
    >>> account, issues = check_family(family, 0, AccountIndex())
    >>> account.name, [issue.code for issue in issues]
    ('Smit', ['customer_number.missing', 'address.missing', 'bank_account.missing'])
    """
    issues: list[Issue] = []
    repeated = index.family_ids.get(family.id)
    if repeated is not None:
        issues.append(
            make_issue(
                "family.id_duplicate",
                f"$.families[{position}].id",
                family_id=family.id,
                found=family.id,
                count=str(repeated),
            ),
        )
    parent, parent_index = _chosen_parent(family, position, issues)
    if parent is None:
        return None, tuple(issues)
    collector = _Collector(position, parent_index, family.id, parent.id)
    account = _check_parent(collector, parent, index, require_customer_numbers)
    issues.extend(collector.issues)
    if issues and any(issue.severity is Severity.ERROR for issue in issues):
        return None, tuple(issues)

    return account, tuple(issues)


def _chosen_parent(
    family: Family,
    position: int,
    issues: list[Issue],
) -> tuple[Parent | None, int]:
    # The usual case of parents.contract_parent (the first parent, no other
    # named) is taken directly, without building its record.
    if family.contract_parent_id is None and family.parents:
        return family.parents[0], 0
    chosen = contract_parent(family, path=f"$.families[{position}]")
    if chosen.issue is not None:
        issues.append(chosen.issue)
        return None, 0

    return chosen.parent, cast("int", chosen.index)


def _check_parent(
    collector: _Collector,
    parent: Parent,
    index: AccountIndex,
    require_customer_numbers: bool,  # noqa: FBT001 - a private step
) -> PreparedAccount:
    _check_parent_id(collector, parent, index)
    name = _name(collector, parent)
    code = _customer_number(collector, parent, index, require_customer_numbers)
    email = _email(collector, parent.email)
    phone = collector.text(parent.phone, ".phone", ("Phone", "Telefoon"))
    language = _language(collector, parent.language)
    address = _address(collector, parent.address)
    bank_accounts, mandates = _bank_accounts(collector, parent, name.full, code, index)

    return PreparedAccount(
        code=code,
        name=name.full,
        last_name=name.last,
        first_name=name.first,
        initials=name.initials,
        name_prefix=name.prefix,
        gender=parent.gender,
        phone=phone,
        email=email,
        language=language,
        address=address,
        bank_accounts=bank_accounts,
        mandates=mandates,
        has_mandate=any(item.mandate is not None for item in parent.bank_accounts),
    )


def _check_parent_id(
    collector: _Collector, parent: Parent, index: AccountIndex
) -> None:
    # input-format.md, Parent: the id is unique in the document.
    families = index.parent_ids.get(parent.id)
    if families is not None:
        collector.add(
            "parent.id_duplicate",
            ".id",
            found=parent.id,
            families=_listing(families),
        )


def _listing(family_ids: tuple[str, ...]) -> str:
    return ", ".join(dict.fromkeys(family_ids))


class _Name(NamedTuple):
    full: str
    last: str
    first: str | None
    initials: str | None
    prefix: str | None


def _name(collector: _Collector, parent: Parent) -> _Name:
    last = collector.text(parent.last_name, ".last_name", ("Last name", "Achternaam"))
    if last is None:
        # XSD17 typeAccount: Name comes first and is required (l.2285); REST
        # CRMAccounts marks Name required too (exact-accounts.md §5.2).
        collector.add("parent.name_missing", ".last_name", found=parent.last_name)
    first = collector.text(parent.first_name, ".first_name", ("First name", "Voornaam"))
    initials = collector.text(parent.initials, ".initials", ("Initials", "Voorletters"))
    prefix = collector.text(
        parent.name_prefix,
        ".name_prefix",
        ("Name prefix", "Tussenvoegsel"),
    )
    # domain.md failure case 10: "Jan van der Berg", initials when no first
    # name, single spaces, no guessing of prefixes.
    full = " ".join(" ".join(filter(None, (first or initials, prefix, last))).split())
    if len(full) > _NAME_LIMIT:
        # Exact's account name holds 50 (exact-accounts.md §9, Invantive).
        collector.add(
            "text.too_long",
            "",
            field="Name (first name, prefix and last name)",
            field_nl="Naam (voornaam, tussenvoegsel en achternaam)",
            length=str(len(full)),
            limit=str(_NAME_LIMIT),
            found=full,
        )

    return _Name(
        full=full,
        last=last or "",
        first=first,
        initials=initials,
        prefix=prefix,
    )


def _customer_number(
    collector: _Collector,
    parent: Parent,
    index: AccountIndex,
    require: bool,  # noqa: FBT001 - a private step
) -> str | None:
    number = (parent.customer_number or "").strip()
    if not number:
        # exact-accounts.md §8: without a code Exact assigns the next number.
        issue = collector.add("customer_number.missing", ".customer_number")
        if require:
            collector.issues[-1] = attrs.evolve(issue, severity=Severity.ERROR)
        return None
    if _CUSTOMER_NUMBER.fullmatch(number) is None:
        # exact-accounts.md §8: REST Code is numeric, at most 18 characters.
        collector.add("customer_number.invalid", ".customer_number", found=number)
    elif number.startswith("0"):
        # exact-accounts.md §8: whether 000123 equals 123 in Exact is unknown.
        collector.add(
            "customer_number.leading_zero",
            ".customer_number",
            found=number,
            number=number.lstrip("0") or "0",
        )
    families = index.customer_numbers.get(number)
    if families is not None:
        # domain.md failure case 16: fail every family, never pick one.
        collector.add(
            "customer_number.duplicate",
            ".customer_number",
            found=number,
            families=_listing(families),
        )

    return number


def _email(collector: _Collector, value: str | None) -> str | None:
    email = (value or "").strip()
    if not email:
        return None
    if _EMAIL.fullmatch(email) is None:
        collector.add("email.invalid", ".email", found=email)
        return None

    return collector.text(
        email, ".email", ("E-mail address", "E-mailadres"), _EMAIL_LIMIT
    )


def _language(collector: _Collector, value: str | None) -> str | None:
    given = value or ""
    language = given.strip().lower()
    if not language:
        return None
    # input-format.md, Parent.language: ISO 639-1; written upper case as in
    # exact-accounts.md §12 (the code format Exact expects is unverified, §5.2).
    if language in _languages():
        return language.upper()
    collector.add("parent.language_invalid", ".language", found=given)

    return None


@functools.cache
def _languages() -> frozenset[str]:
    # ISO 639-1 codes are the two-letter ones; pycountry gives them as alpha_2.
    # Loaded on first use, as in bitcare_exact.postal.
    import pycountry  # noqa: PLC0415 - see above

    return frozenset(
        code
        for language in pycountry.languages
        if (code := getattr(language, "alpha_2", None)) is not None
    )


def _address(collector: _Collector, address: Address | None) -> PreparedAddress | None:
    if address is None:
        collector.add("address.missing", ".address")
        return None
    street = collector.text(address.street, ".address.street", _STREET, _STREET_LIMIT)
    number = collector.text(address.house_number, ".address.house_number", _NUMBER)
    suffix = collector.text(
        address.house_number_suffix,
        ".address.house_number_suffix",
        _SUFFIX,
    )
    city = collector.text(address.city, ".address.city", _CITY, _CITY_LIMIT)
    country = _country(collector, address.country)
    postcode, postcode_missing = _postcode(collector, address.postcode, country)
    # XSD17 Address needs AddressStreet (or AddressLine1, l.3560); street,
    # number, postcode and city are the minimum Bitcare asks for (domain.md
    # §1.1) and the post needs.
    if street is None or number is None or postcode_missing or city is None:
        _report_missing(
            collector,
            street=street is None,
            house_number=number is None,
            postcode=postcode_missing,
            city=city is None,
        )

    return PreparedAddress(
        street=street or "",
        house_number=number or "",
        house_number_suffix=suffix,
        postcode=postcode,
        city=city or "",
        country=country or "",
    )


_STREET: Final = ("Street", "Straat")
_NUMBER: Final = ("House number", "Huisnummer")
_SUFFIX: Final = ("House number suffix", "Toevoeging")
_CITY: Final = ("City", "Plaats")
_PARTS: Final = {
    "street": ("street", "straat"),
    "house_number": ("house number", "huisnummer"),
    "postcode": ("postcode", "postcode"),
    "city": ("city", "plaats"),
}


def _country(collector: _Collector, value: str) -> str | None:
    # XSD17 Country/@code is required (l.3377); every peer sends ISO 3166-1
    # alpha-2 (exact-accounts.md §6.2); domain.md failure cases 7 and 24.
    code = country_code(value)
    if code is None:
        collector.add("address.country_invalid", ".address.country", found=value)

    return code


def _postcode(
    collector: _Collector,
    value: str,
    country: str | None,
) -> tuple[str | None, bool]:
    """Return the normalised postcode and whether a required one is missing."""
    if not value.strip():
        return None, country is None or uses_postcodes(country)
    if country is None:
        # The country is wrong already; its postcode cannot be judged.
        return None, False
    postcode = normalise_postcode(value, country)
    if postcode is None:
        # domain.md §3.1 and failure cases 6 to 8.
        collector.add(
            "postcode.invalid",
            ".address.postcode",
            found=value,
            country=country,
        )
        return None, False

    return collector.text(
        postcode, ".address.postcode", ("Postcode", "Postcode")
    ), False


def _report_missing(collector: _Collector, **missing: bool) -> None:
    parts = [_PARTS[name] for name, absent in missing.items() if absent]
    collector.add(
        "address.incomplete",
        ".address",
        missing=", ".join(part[0] for part in parts),
        missing_nl=", ".join(part[1] for part in parts),
    )


def _bank_accounts(
    collector: _Collector,
    parent: Parent,
    name: str,
    code: str | None,
    index: AccountIndex,
) -> tuple[tuple[PreparedBankAccount, ...], tuple[PreparedMandate, ...]]:
    if not parent.bank_accounts:
        # domain.md failure case 18: export without bank account, and warn.
        collector.add("bank_account.missing", ".bank_accounts")
        return (), ()
    accounts: list[PreparedBankAccount] = []
    mandates: list[PreparedMandate] = []
    for number, given in enumerate(parent.bank_accounts):
        suffix = f".bank_accounts[{number}]"
        account = _bank_account(collector, given, suffix, name)
        if account is not None:
            if accounts and any(account.iban == other.iban for other in accounts):
                collector.add(
                    "bank_account.duplicate", f"{suffix}.iban", found=account.iban
                )
            accounts.append(account)
            mandate = _mandate(collector, given.mandate, suffix, account, code)
            if mandate is not None:
                mandates.append(mandate)
        if given.mandate is not None:
            _check_reference(collector, given.mandate.reference, suffix, index)

    return tuple(accounts), tuple(mandates)


def _bank_account(
    collector: _Collector,
    given: BankAccount,
    suffix: str,
    name: str,
) -> PreparedBankAccount | None:
    checked = check_iban(given.iban)
    bic = _bic(collector, given.bic, checked, suffix)
    holder = collector.text(
        given.holder_name,
        f"{suffix}.holder_name",
        ("Account holder", "Tenaamstelling"),
        _HOLDER_LIMIT,
    )
    if checked.compact is None:
        # domain.md failure cases 1 to 3; schwifty says which part is wrong.
        problem = cast("Problem", checked.problem)
        collector.add(
            "iban.invalid",
            f"{suffix}.iban",
            found=given.iban,
            reason=problem.en,
            reason_nl=problem.nl,
        )
        return None

    return PreparedBankAccount(iban=checked.compact, bic=bic, holder=holder or name)


def _bic(
    collector: _Collector,
    value: str | None,
    checked: CheckedIban,
    suffix: str,
) -> str | None:
    given = value or ""
    if not given.strip():
        # domain.md failure cases 4 and 5: derive when possible, else omit.
        return checked.bic
    bic = compact_bic(given)
    if bic is None:
        # ISO 9362: 8 or 11 letters and digits, the 5th and 6th a country;
        # so also within Exact's 11 (exact-accounts.md §9).
        collector.add("bic.invalid", f"{suffix}.bic", found=given)
        return None
    if checked.bic is not None and not same_bank(bic, checked.bic):
        # domain.md failure case 5: never overwrite a given BIC; warn.
        collector.add(
            "bic.mismatch",
            f"{suffix}.bic",
            found=given,
            derived=checked.bic,
            iban=cast("str", checked.compact),
        )

    return bic


def _mandate(
    collector: _Collector,
    mandate: Mandate | None,
    suffix: str,
    account: PreparedBankAccount,
    code: str | None,
) -> PreparedMandate | None:
    if mandate is None:
        return None
    if code is None:
        # XSD17 typeDDMandate: Account is required (l.8888), and a customer
        # without code has none yet (exact-accounts.md §6.4).
        collector.add(
            "mandate.customer_number_missing",
            f"{suffix}.mandate.reference",
            found=mandate.reference,
        )
        return None

    return PreparedMandate(
        reference=mandate.reference,
        account_code=code,
        iban=account.iban,
        signed_on=mandate.signed_on,
        scheme=mandate.scheme,
        recurring=mandate.recurring,
        first_send=not mandate.first_collection_sent,
    )


def _check_reference(
    collector: _Collector,
    reference: str,
    suffix: str,
    index: AccountIndex,
) -> None:
    # XSD17 typeDDMandate/@reference: typeString35 (l.8890); EPC character
    # set and slash rules; Bitcare: no spaces (domain.md §3.3, case 19).
    problem = mandate_reference_problem(reference)
    if problem is not None:
        collector.add(
            "mandate.reference_invalid",
            f"{suffix}.mandate.reference",
            found=reference,
            reason=problem.en,
            reason_nl=problem.nl,
        )
    families = index.mandate_references.get(reference.strip().upper())
    if families is not None:
        # domain.md §3.3: unique per creditor, not case-sensitive.
        collector.add(
            "mandate.reference_duplicate",
            f"{suffix}.mandate.reference",
            found=reference,
            families=_listing(families),
        )
