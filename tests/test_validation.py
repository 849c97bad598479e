from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import attrs
import pytest

from bitcare_exact._rules_accounts import ACCOUNT_RULES
from bitcare_exact.accounts import validate_accounts
from bitcare_exact.catalogue import RULES
from bitcare_exact.issues import Issue, Severity
from bitcare_exact.model import (
    Address,
    BankAccount,
    Child,
    Family,
    Gender,
    Mandate,
    MandateScheme,
    Parent,
)
from bitcare_exact.validation import (
    AccountIndex,
    PreparedAccount,
    PreparedAddress,
    PreparedBankAccount,
    PreparedMandate,
    build_account_index,
    check_family,
)


# A clean customer, after exact-accounts.md §12.
ADDRESS = Address(
    street="Lindelaan",
    house_number="7",
    postcode="3512 XY",
    city="Utrecht",
    country="NL",
)
MANDATE = Mandate(reference="KDV-20417-1", signed_on=date(2025, 8, 28))
BANK = BankAccount(iban="NL91ABNA0417164300", mandate=MANDATE)
PARENT = Parent(
    id="P1",
    first_name="Sanne",
    initials="S.",
    name_prefix="van den",
    last_name="Heuvel",
    gender=Gender.FEMALE,
    email="sanne.heuvel@example.org",
    phone="+31 30 000 0042",
    language="nl",
    customer_number="20417",
    address=ADDRESS,
    bank_accounts=(BANK,),
)


def parent(**changes: Any) -> Parent:
    return attrs.evolve(PARENT, **changes)


def address(**changes: Any) -> Address:
    return attrs.evolve(ADDRESS, **changes)


def bank(**changes: Any) -> BankAccount:
    return attrs.evolve(BANK, **changes)


def family(family_id: str = "F1", *parents: Parent, **changes: Any) -> Family:
    return Family(id=family_id, parents=parents or (PARENT,), **changes)


def issues(*families: Family, require: bool = False) -> list[Issue]:
    return list(validate_accounts(families, require_customer_numbers=require))


def codes(*families: Family, require: bool = False) -> list[str]:
    return [issue.code for issue in issues(*families, require=require)]


def prepared(item: Family) -> PreparedAccount:
    account, found = check_family(item, 0, build_account_index([item]))
    assert found == ()
    assert account is not None
    return account


def only(found: list[Issue]) -> Issue:
    assert len(found) == 1, found
    return found[0]


# --- the clean customer ------------------------------------------------------


def test_clean_family_has_no_issue() -> None:
    assert issues(family()) == []


def test_clean_family_is_prepared_once_for_the_writer() -> None:
    assert prepared(family()) == PreparedAccount(
        code="20417",
        name="Sanne van den Heuvel",
        last_name="Heuvel",
        first_name="Sanne",
        initials="S.",
        name_prefix="van den",
        gender=Gender.FEMALE,
        phone="+31 30 000 0042",
        email="sanne.heuvel@example.org",
        language="NL",
        address=PreparedAddress(
            street="Lindelaan",
            house_number="7",
            postcode="3512 XY",
            city="Utrecht",
            country="NL",
        ),
        bank_accounts=(
            PreparedBankAccount(
                iban="NL91ABNA0417164300",
                bic="ABNANL2A",
                holder="Sanne van den Heuvel",
            ),
        ),
        mandates=(
            PreparedMandate(
                reference="KDV-20417-1",
                account_code="20417",
                iban="NL91ABNA0417164300",
                signed_on=date(2025, 8, 28),
                scheme=MandateScheme.CORE,
                recurring=True,
                first_send=True,
            ),
        ),
        has_mandate=True,
    )


def test_texts_are_stripped_and_blank_texts_are_absent() -> None:
    account = prepared(
        family(
            "F1",
            parent(
                first_name="  Sanne ",
                initials=" ",
                name_prefix="",
                last_name=" Heuvel\t",
                email="  sanne.heuvel@example.org ",
                phone="   ",
                language=" NL ",
                customer_number=" 20417 ",
                address=address(
                    street=" Lindelaan ",
                    house_number=" 7 ",
                    house_number_suffix="  ",
                    city=" Utrecht ",
                    postcode=" 3512xy ",
                    country=" nl ",
                ),
                bank_accounts=(bank(holder_name="  ", bic=" "),),
            ),
        ),
    )
    assert (account.name, account.first_name, account.initials) == (
        "Sanne Heuvel",
        "Sanne",
        None,
    )
    assert (account.name_prefix, account.last_name, account.phone) == (
        None,
        "Heuvel",
        None,
    )
    assert (account.email, account.language, account.code) == (
        "sanne.heuvel@example.org",
        "NL",
        "20417",
    )
    assert account.address == PreparedAddress(
        street="Lindelaan",
        house_number="7",
        house_number_suffix=None,
        postcode="3512 XY",
        city="Utrecht",
        country="NL",
    )
    assert account.bank_accounts == (
        PreparedBankAccount(
            iban="NL91ABNA0417164300", bic="ABNANL2A", holder="Sanne Heuvel"
        ),
    )


NAMES = [
    # domain.md failure case 10: as a Dutch person is addressed.
    pytest.param(
        {"first_name": "Jan", "name_prefix": "van der", "last_name": "Berg"},
        "Jan van der Berg",
        id="first name, prefix, last name",
    ),
    pytest.param(
        {
            "first_name": None,
            "initials": "J.P.",
            "name_prefix": "van der",
            "last_name": "Berg",
        },
        "J.P. van der Berg",
        id="initials when no first name",
    ),
    pytest.param(
        {
            "first_name": "Anna",
            "initials": "A.",
            "name_prefix": "'t",
            "last_name": "Hart",
        },
        "Anna 't Hart",
        id="first name wins over initials",
    ),
    pytest.param(
        {"first_name": None, "initials": None, "name_prefix": None, "last_name": "Li"},
        "Li",
        id="a two-letter surname is not a prefix",
    ),
    pytest.param(
        {"first_name": "Jan", "name_prefix": "van  der", "last_name": "Berg "},
        "Jan van der Berg",
        id="single spaces",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), NAMES)
def test_display_name(changes: dict[str, str | None], expected: str) -> None:
    assert prepared(family("F1", parent(**changes))).name == expected


def test_holder_name_is_used_when_given() -> None:
    account = prepared(
        family("F1", parent(bank_accounts=(bank(holder_name=" S. Heuvel "),)))
    )
    assert account.bank_accounts[0].holder == "S. Heuvel"


def test_one_off_b2b_mandate_after_a_first_collection() -> None:
    mandate = Mandate(
        reference="B2B-1",
        signed_on=date(2024, 1, 2),
        scheme=MandateScheme.B2B,
        recurring=False,
        first_collection_sent=True,
    )
    account = prepared(family("F1", parent(bank_accounts=(bank(mandate=mandate),))))
    assert account.mandates == (
        PreparedMandate(
            reference="B2B-1",
            account_code="20417",
            iban="NL91ABNA0417164300",
            signed_on=date(2024, 1, 2),
            scheme=MandateScheme.B2B,
            recurring=False,
            first_send=False,
        ),
    )


def test_without_mandate_no_direct_debit() -> None:
    account = prepared(family("F1", parent(bank_accounts=(bank(mandate=None),))))
    assert (account.mandates, account.has_mandate) == ((), False)


def test_all_bank_accounts_are_kept_in_order() -> None:
    second = BankAccount(iban="DE89 3704 0044 0532 0130 00", bic="COBADEFF")
    account = prepared(family("F1", parent(bank_accounts=(bank(), second))))
    assert [item.iban for item in account.bank_accounts] == [
        "NL91ABNA0417164300",
        "DE89370400440532013000",
    ]
    assert account.bank_accounts[1].bic == "COBADEFF"


# --- family rules ------------------------------------------------------------


def test_family_without_parent() -> None:
    found = only(issues(Family(id="F1")))
    assert (found.code, found.severity, found.path, found.family_id) == (
        "family.no_parent",
        Severity.ERROR,
        "$.families[0]",
        "F1",
    )


def test_contract_parent_unknown_stops_the_family_checks() -> None:
    broken = family("F1", parent(last_name=""), contract_parent_id="P9")
    found = only(issues(broken))
    assert (found.code, found.path) == (
        "family.contract_parent_unknown",
        "$.families[0].contract_parent_id",
    )


def test_family_id_duplicate_reports_every_occurrence() -> None:
    first = family("F1", parent(id="P1", customer_number="1"))
    second = family("F1", parent(id="P2", customer_number="2", bank_accounts=()))
    found = [
        item for item in issues(first, second) if item.code == "family.id_duplicate"
    ]
    assert [(item.path, item.family_id) for item in found] == [
        ("$.families[0].id", "F1"),
        ("$.families[1].id", "F1"),
    ]
    assert found[0].message_en == "The family id 'F1' occurs 2 times in the document"


@pytest.mark.parametrize(
    "family_id",
    [pytest.param("", id="empty"), pytest.param(" \t", id="blank")],
)
def test_family_id_missing(family_id: str) -> None:
    # Invoices name their family by id: a family without one cannot be found.
    found = only(issues(family(family_id)))
    assert (found.code, found.severity, found.path, found.family_id) == (
        "family.id_missing",
        Severity.ERROR,
        "$.families[0].id",
        family_id,
    )
    assert found.message_en == (
        f"The family has no id (found {family_id!r}), so no invoice can name it"
    )


def test_two_families_without_id_are_missing_not_duplicate() -> None:
    first = family("", parent(id="P1", customer_number="1"))
    second = family(" ", parent(id="P2", customer_number="2", bank_accounts=()))
    assert codes(first, second) == [
        "family.id_missing",
        "family.id_missing",
        "bank_account.missing",
    ]


@pytest.mark.parametrize(
    "parent_id",
    [pytest.param("", id="empty"), pytest.param("  ", id="blank")],
)
def test_contract_parent_id_missing(parent_id: str) -> None:
    item = family("F1", parent(id=parent_id))
    found = only(issues(item))
    assert (found.code, found.severity, found.path, found.parent_id) == (
        "parent.id_missing",
        Severity.ERROR,
        "$.families[0].parents[0].id",
        parent_id,
    )
    assert found.message_en == (
        f"The contract-responsible parent has no id (found {parent_id!r})"
    )


def test_two_contract_parents_without_id_are_missing_not_duplicate() -> None:
    first = family("F1", parent(id="", customer_number="1"))
    second = family("F2", parent(id="", customer_number="2", bank_accounts=()))
    assert codes(first, second) == [
        "parent.id_missing",
        "parent.id_missing",
        "bank_account.missing",
    ]


def test_other_parent_and_child_without_id_are_harmless() -> None:
    other = parent(id="", customer_number=None)
    item = family("F1", PARENT, other, children=(Child(id="", first_name="Noor"),))
    assert issues(item) == []


def test_family_ids_that_differ_in_case_are_distinct() -> None:
    first = family("F1", parent(id="P1", customer_number="1"))
    second = family("f1", parent(id="P2", customer_number="2", bank_accounts=()))
    assert "family.id_duplicate" not in codes(first, second)


def test_contract_parent_id_duplicate() -> None:
    # The same contract parent in two families would become two customers.
    first = family("F1", parent(id="P1", customer_number="1"))
    second = family("F2", parent(id="P1", customer_number="2", bank_accounts=()))
    found = [
        item for item in issues(first, second) if item.code == "parent.id_duplicate"
    ]
    assert [(item.family_id, item.parent_id, item.path) for item in found] == [
        ("F1", "P1", "$.families[0].parents[0].id"),
        ("F2", "P1", "$.families[1].parents[0].id"),
    ]
    assert found[0].message_en == (
        "The parent id 'P1' occurs more than once in the document (families F1, F2)"
    )


def test_other_parent_id_duplicate_does_not_block_a_family() -> None:
    other = parent(id="P9", customer_number=None)
    first = family("F1", parent(id="P1", customer_number="1"), other)
    second = family("F2", parent(id="P2", customer_number="2", bank_accounts=()), other)
    assert codes(first, second) == ["bank_account.missing"]


# --- names -------------------------------------------------------------------


@pytest.mark.parametrize(
    "last_name",
    [pytest.param("", id="empty"), pytest.param("   ", id="white space only")],
)
def test_name_missing(last_name: str) -> None:
    found = only(issues(family("F1", parent(last_name=last_name))))
    assert (found.code, found.severity, found.path, found.parent_id) == (
        "parent.name_missing",
        Severity.ERROR,
        "$.families[0].parents[0].last_name",
        "P1",
    )


def test_name_of_fifty_characters_fits() -> None:
    name = parent(first_name="A" * 20, name_prefix=None, last_name="B" * 29)
    assert issues(family("F1", name)) == []


def test_name_longer_than_fifty() -> None:
    # exact-accounts.md §9: the account name holds 50.
    name = parent(first_name="A" * 20, name_prefix="van", last_name="B" * 26)
    found = only(issues(family("F1", name)))
    assert (found.code, found.path) == ("text.too_long", "$.families[0].parents[0]")
    assert found.message_en == (
        "Name (first name, prefix and last name) is 51 characters long; Exact keeps"
        f" at most 50 (found '{'A' * 20} van {'B' * 26}')"
    )


ILLEGAL = [
    pytest.param(
        "first_name", "Ja\x0bn", "$.families[0].parents[0].first_name", id="first name"
    ),
    pytest.param(
        "initials", "J.\x01", "$.families[0].parents[0].initials", id="initials"
    ),
    pytest.param(
        "name_prefix", "va\x1fn", "$.families[0].parents[0].name_prefix", id="prefix"
    ),
    pytest.param(
        "last_name", "Heu\x00vel", "$.families[0].parents[0].last_name", id="last name"
    ),
    pytest.param("phone", "06\ufffe12", "$.families[0].parents[0].phone", id="phone"),
]


@pytest.mark.parametrize(("field", "value", "path"), ILLEGAL)
def test_illegal_character_in_parent_texts(field: str, value: str, path: str) -> None:
    found = only(issues(family("F1", parent(**{field: value}))))
    assert (found.code, found.severity, found.path) == (
        "text.illegal_character",
        Severity.ERROR,
        path,
    )


def test_legal_unusual_characters_pass() -> None:
    # domain.md failure cases 11 to 13: UTF-8 and escaping handle these.
    odd = parent(first_name="Zoë", name_prefix="'t", last_name="Müller-Çelik & Zn <b>")
    assert issues(family("F1", odd)) == []


# --- language ----------------------------------------------------------------


@pytest.mark.parametrize(
    "language",
    [
        pytest.param("xx", id="no such language"),
        pytest.param("nl-NL", id="a locale"),
        pytest.param("dutch", id="a name"),
        pytest.param("nld", id="ISO 639-2"),
    ],
)
def test_language_invalid_is_a_warning_and_omitted(language: str) -> None:
    item = family("F1", parent(language=language))
    found = only(issues(item))
    assert (found.code, found.severity, found.path) == (
        "parent.language_invalid",
        Severity.WARNING,
        "$.families[0].parents[0].language",
    )
    account, _ = check_family(item, 0, AccountIndex())
    assert account is not None
    assert account.language is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param("en", "EN", id="lower case"),
        pytest.param(" FR ", "FR", id="upper case with white space"),
        pytest.param(None, None, id="none"),
        pytest.param("  ", None, id="blank"),
    ],
)
def test_language_accepted(language: str | None, expected: str | None) -> None:
    assert prepared(family("F1", parent(language=language))).language == expected


# --- customer numbers --------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("  ", id="blank"),
    ],
)
def test_customer_number_missing_is_a_warning(number: str | None) -> None:
    item = family("F1", parent(customer_number=number, bank_accounts=()))
    assert [(item.code, item.severity) for item in issues(item)] == [
        ("customer_number.missing", Severity.WARNING),
        ("bank_account.missing", Severity.WARNING),
    ]
    account, _ = check_family(item, 0, AccountIndex())
    assert account is not None
    assert account.code is None


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("  ", id="blank"),
    ],
)
def test_customer_number_required(number: str | None) -> None:
    # With require_customer_numbers Exact already holds the customers: the
    # message must not promise that Exact assigns a number.
    item = family("F1", parent(customer_number=number, bank_accounts=()))
    found = issues(item, require=True)[0]
    assert (found.code, found.severity, found.path) == (
        "customer_number.required",
        Severity.ERROR,
        "$.families[0].parents[0].customer_number",
    )
    assert "assign" not in found.message_en
    assert "kent er een toe" not in found.message_nl
    assert "Exact first" in found.fix_en
    assert "customer_number.missing" not in codes(item, require=True)
    assert (
        check_family(item, 0, AccountIndex(), require_customer_numbers=True)[0] is None
    )


def test_require_customer_numbers_does_not_change_a_present_one() -> None:
    assert issues(family(), require=True) == []


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("12a", id="a letter"),
        pytest.param("10 42", id="a space inside"),
        pytest.param("-5", id="a sign"),
        pytest.param("1" * 19, id="19 digits"),
        pytest.param("١٢٣", id="Arabic-Indic digits"),
        pytest.param("1.042", id="a thousands separator"),
    ],
)
def test_customer_number_invalid(number: str) -> None:
    found = only(issues(family("F1", parent(customer_number=number))))
    assert (found.code, found.severity) == ("customer_number.invalid", Severity.ERROR)
    assert (
        found.message_en == f"The Klantnummer must be 1 to 18 digits (found {number!r})"
    )


@pytest.mark.parametrize(
    "number",
    [pytest.param("1" * 18, id="18 digits"), pytest.param("7", id="one digit")],
)
def test_customer_number_valid(number: str) -> None:
    assert issues(family("F1", parent(customer_number=number))) == []


@pytest.mark.parametrize(
    ("number", "read_as"),
    [pytest.param("000123", "123", id="zeros"), pytest.param("0", "0", id="only zero")],
)
def test_customer_number_leading_zero(number: str, read_as: str) -> None:
    found = only(issues(family("F1", parent(customer_number=number))))
    assert (found.code, found.severity) == (
        "customer_number.leading_zero",
        Severity.WARNING,
    )
    assert found.message_en == (
        f"The Klantnummer {number!r} starts with a zero; Exact may read it as {read_as!r}"
    )


def test_customer_number_zero_inside_is_fine() -> None:
    assert issues(family("F1", parent(customer_number="1030"))) == []


def test_customer_number_duplicate_fails_both_families() -> None:
    # domain.md failure case 16: never pick one.
    first = family("F1", parent(id="P1", customer_number="1042"))
    second = family("F2", parent(id="P2", customer_number=" 1042 ", bank_accounts=()))
    found = [
        item
        for item in issues(first, second)
        if item.code == "customer_number.duplicate"
    ]
    assert [(item.family_id, item.severity, item.path) for item in found] == [
        ("F1", Severity.ERROR, "$.families[0].parents[0].customer_number"),
        ("F2", Severity.ERROR, "$.families[1].parents[0].customer_number"),
    ]
    assert found[1].message_en == (
        "The Klantnummer '1042' belongs to more than one family (families F1, F2)"
    )


@pytest.mark.parametrize(
    ("first_number", "second_number", "listing"),
    [
        pytest.param("101", "0101", "F1 ('101'), F2 ('0101')", id="one zero"),
        pytest.param("101", "00101", "F1 ('101'), F2 ('00101')", id="two zeros"),
        pytest.param("0101", "00101", "F1 ('0101'), F2 ('00101')", id="both zeros"),
        pytest.param("0", "000", "F1 ('0'), F2 ('000')", id="all zeros"),
    ],
)
def test_customer_numbers_equal_but_for_leading_zeros_are_one_customer(
    first_number: str,
    second_number: str,
    listing: str,
) -> None:
    # The leading_zero warning says Exact may read 0101 as 101: then both
    # families would be one Exact customer, so both are left out.
    first = family("F1", parent(id="P1", customer_number=first_number))
    second = family("F2", parent(id="P2", customer_number=second_number))
    found = [
        item
        for item in issues(first, second)
        if item.code == "customer_number.duplicate"
    ]
    assert [(item.family_id, item.severity) for item in found] == [
        ("F1", Severity.ERROR),
        ("F2", Severity.ERROR),
    ]
    assert found[1].message_en == (
        f"The Klantnummer {second_number!r} belongs to more than one family "
        f"(families {listing})"
    )
    assert found[0].message_nl == (
        f"Het klantnummer {first_number!r} hoort bij meer dan één gezin "
        f"(gezinnen {listing})"
    )
    assert [
        check_family(item, 0, build_account_index([first, second]))[0]
        for item in (first, second)
    ] == [None, None]


@pytest.mark.parametrize(
    ("first_number", "second_number"),
    [
        pytest.param("101", "1010", id="trailing zero"),
        pytest.param("101", "0110", id="zero moved"),
        pytest.param("1001", "101", id="zero inside"),
    ],
)
def test_customer_numbers_that_differ_beyond_leading_zeros(
    first_number: str,
    second_number: str,
) -> None:
    first = family("F1", parent(id="P1", customer_number=first_number))
    second = family("F2", parent(id="P2", customer_number=second_number))
    assert "customer_number.duplicate" not in codes(first, second)


def test_other_parents_customer_number_is_not_compared() -> None:
    other = parent(id="P2", customer_number="1042")
    first = family("F1", parent(id="P1", customer_number="1042"), other)
    assert issues(first) == []


# --- e-mail ------------------------------------------------------------------


BAD_EMAILS = [
    pytest.param("jan", id="no at sign"),
    pytest.param("jan@example", id="no dot in the domain"),
    pytest.param("jan @example.nl", id="space"),
    pytest.param("a@example.nl; b@example.nl", id="two addresses"),
    pytest.param("a@example.nl,b@example.nl", id="two addresses with a comma"),
    pytest.param("Jan <jan@example.nl>", id="with a display name"),
    pytest.param("jan@@example.nl", id="two at signs"),
    pytest.param(".jan@example.nl", id="leading dot"),
    pytest.param("jan.@example.nl", id="trailing dot"),
    pytest.param("jan..smit@example.nl", id="double dot"),
    pytest.param("jan@-example.nl", id="domain starts with a hyphen"),
    pytest.param("jan@example.123", id="numeric top-level domain"),
    pytest.param("mailto:jan@example.nl", id="mailto"),
    pytest.param("jan\x0b@example.nl", id="control character"),
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_email_invalid(email: str) -> None:
    found = only(issues(family("F1", parent(email=email))))
    assert (found.code, found.severity, found.path) == (
        "email.invalid",
        Severity.ERROR,
        "$.families[0].parents[0].email",
    )


GOOD_EMAILS = [
    pytest.param("jan@example.nl", id="plain"),
    pytest.param("jan.de.vries+kdv@mail.example.co.uk", id="dots, plus, subdomains"),
    pytest.param("lisa.oztürk19@example.nl", id="non-ASCII local part (sample data)"),
    pytest.param("o'neil@example.ie", id="apostrophe"),
    pytest.param("info@kdv-de-ster.nl", id="hyphen in the domain"),
    pytest.param("Jan@Example.NL", id="upper case"),
]


@pytest.mark.parametrize("email", GOOD_EMAILS)
def test_email_valid(email: str) -> None:
    assert issues(family("F1", parent(email=email))) == []


def test_email_longer_than_128() -> None:
    email = "a" * 117 + "@example.org"  # 129 characters
    found = only(issues(family("F1", parent(email=email))))
    assert (found.code, found.path) == (
        "text.too_long",
        "$.families[0].parents[0].email",
    )


def test_email_of_128_fits() -> None:
    assert issues(family("F1", parent(email="a" * 116 + "@example.org"))) == []


# --- address -----------------------------------------------------------------


def test_address_missing_is_a_warning() -> None:
    item = family("F1", parent(address=None))
    found = only(issues(item))
    assert (found.code, found.severity, found.path) == (
        "address.missing",
        Severity.WARNING,
        "$.families[0].parents[0].address",
    )
    assert check_family(item, 0, AccountIndex())[0] is not None


INCOMPLETE = [
    pytest.param({"street": " "}, "street", "straat", id="street"),
    pytest.param({"house_number": ""}, "house number", "huisnummer", id="house number"),
    pytest.param({"postcode": "  "}, "postcode", "postcode", id="postcode"),
    pytest.param({"city": ""}, "city", "plaats", id="city"),
    pytest.param(
        {"street": "", "house_number": "", "postcode": "", "city": ""},
        "street, house number, postcode, city",
        "straat, huisnummer, postcode, plaats",
        id="everything",
    ),
]


@pytest.mark.parametrize(("changes", "missing", "missing_nl"), INCOMPLETE)
def test_address_incomplete(
    changes: dict[str, str], missing: str, missing_nl: str
) -> None:
    found = only(issues(family("F1", parent(address=address(**changes)))))
    assert (found.code, found.severity, found.path) == (
        "address.incomplete",
        Severity.ERROR,
        "$.families[0].parents[0].address",
    )
    assert found.message_en == f"The address lacks: {missing}"
    assert found.message_nl == f"Aan het adres ontbreekt: {missing_nl}"


def test_address_without_postcode_where_there_are_none() -> None:
    hong_kong = address(postcode="", country="HK")
    account = prepared(family("F1", parent(address=hong_kong)))
    assert account.address is not None
    assert (account.address.postcode, account.address.country) == (None, "HK")


def test_suffix_is_optional() -> None:
    account = prepared(family("F1", parent(address=address(house_number_suffix="bis"))))
    assert account.address is not None
    assert account.address.house_number_suffix == "bis"


@pytest.mark.parametrize(
    "country",
    [
        pytest.param("Nederland", id="Dutch name"),
        pytest.param("Netherlands", id="English name"),
        pytest.param("", id="empty"),
        pytest.param("UK", id="not ISO"),
        pytest.param("NLD", id="alpha-3"),
    ],
)
def test_country_invalid(country: str) -> None:
    found = only(issues(family("F1", parent(address=address(country=country)))))
    assert (found.code, found.severity, found.path) == (
        "address.country_invalid",
        Severity.ERROR,
        "$.families[0].parents[0].address.country",
    )


def test_country_invalid_and_postcode_blank() -> None:
    item = family("F1", parent(address=address(country="Holland", postcode="")))
    assert codes(item) == ["address.country_invalid", "address.incomplete"]


def test_lower_case_country_is_accepted() -> None:
    account = prepared(
        family("F1", parent(address=address(country="be", postcode="2000")))
    )
    assert account.address is not None
    assert account.address.country == "BE"


# What each message says about the country's form (domain.md §3.1; NL after
# python-stdnum's nl.postcode: no leading 0, never SA, SD or SS).
NL_FORM = (
    "a Dutch postcode is four digits, the first not 0, and two letters, such as "
    "1234 AB; the letter pairs SA, SD and SS are never issued"
)
NL_FORM_NL = (
    "een Nederlandse postcode is vier cijfers, waarvan het eerste geen 0 is, en "
    "twee letters, zoals 1234 AB; de lettercombinaties SA, SD en SS worden nooit "
    "uitgegeven"
)
BE_FORM = "a Belgian postcode is four digits, the first not 0"
DE_FORM = "a German postcode is five digits, a leading 0 included"
OTHER_FORM = "it does not have the form the post office of that country uses"


@pytest.mark.parametrize(
    ("postcode", "country", "form"),
    [
        pytest.param("0123 AB", "NL", NL_FORM, id="NL leading zero"),
        pytest.param("1234 SA", "NL", NL_FORM, id="NL pair SA"),
        pytest.param("1234 SD", "NL", NL_FORM, id="NL pair SD"),
        pytest.param("1234 ss", "NL", NL_FORM, id="NL pair SS"),
        pytest.param("2000", "NL", NL_FORM, id="Belgian postcode in NL"),
        pytest.param("0200", "BE", BE_FORM, id="BE leading zero"),
        pytest.param("1067", "DE", DE_FORM, id="DE lost zero"),
        pytest.param("7500", "FR", OTHER_FORM, id="FR four digits"),
    ],
)
def test_postcode_invalid(postcode: str, country: str, form: str) -> None:
    found = only(
        issues(
            family("F1", parent(address=address(postcode=postcode, country=country)))
        )
    )
    assert (found.code, found.severity, found.path) == (
        "postcode.invalid",
        Severity.ERROR,
        "$.families[0].parents[0].address.postcode",
    )
    assert found.message_en == (
        f"The postcode {postcode!r} is not a valid postcode in {country}: {form}"
    )


def test_postcode_invalid_in_dutch_names_the_form() -> None:
    item = family("F1", parent(address=address(postcode="1234 SA")))
    assert only(issues(item)).message_nl == (
        f"De postcode '1234 SA' is geen geldige postcode in NL: {NL_FORM_NL}"
    )


def test_postcode_with_a_near_pair_is_valid() -> None:
    # SA, SD and SS are the only pairs never issued; SB or AS are fine.
    for postcode in ("1234 SB", "1234 AS"):
        assert issues(family("F1", parent(address=address(postcode=postcode)))) == []


@pytest.mark.parametrize(
    ("postcode", "country", "expected"),
    [
        pytest.param("1234ab", "NL", "1234 AB", id="NL normalised"),
        pytest.param("2000", "BE", "2000", id="BE"),
        pytest.param("01067", "DE", "01067", id="DE keeps its zero"),
        pytest.param("75002", "FR", "75002", id="FR"),
    ],
)
def test_postcode_normalised(postcode: str, country: str, expected: str) -> None:
    item = family("F1", parent(address=address(postcode=postcode, country=country)))
    account = prepared(item)
    assert account.address is not None
    assert account.address.postcode == expected


def test_postcode_without_pattern_is_checked_for_characters() -> None:
    item = family("F1", parent(address=address(postcode="12\x01", country="HK")))
    found = only(issues(item))
    assert (found.code, found.path) == (
        "text.illegal_character",
        "$.families[0].parents[0].address.postcode",
    )


ADDRESS_TEXTS = [
    pytest.param("street", "S" * 81, "text.too_long", id="street of 81"),
    pytest.param(
        "city", "Westerhaar-Vriezenveensewijk Oost", "text.too_long", id="city of 33"
    ),
    pytest.param(
        "street", "Linde\x0claan", "text.illegal_character", id="street control"
    ),
    pytest.param(
        "house_number", "7\x02", "text.illegal_character", id="number control"
    ),
    pytest.param(
        "house_number_suffix", "A\x02", "text.illegal_character", id="suffix control"
    ),
    pytest.param("city", "Utr\x08echt", "text.illegal_character", id="city control"),
]


@pytest.mark.parametrize(("field", "value", "code"), ADDRESS_TEXTS)
def test_address_texts(field: str, value: str, code: str) -> None:
    found = only(issues(family("F1", parent(address=address(**{field: value})))))
    assert (found.code, found.path) == (
        code,
        f"$.families[0].parents[0].address.{field}",
    )


def test_address_limits_reached_but_not_passed() -> None:
    item = family("F1", parent(address=address(street="S" * 80, city="C" * 30)))
    assert issues(item) == []


# --- bank accounts -----------------------------------------------------------


def test_bank_account_missing_is_a_warning() -> None:
    item = family("F1", parent(bank_accounts=()))
    found = only(issues(item))
    assert (found.code, found.severity, found.path) == (
        "bank_account.missing",
        Severity.WARNING,
        "$.families[0].parents[0].bank_accounts",
    )


def test_only_the_other_parent_has_a_bank_account() -> None:
    # domain.md failure case 18: never take "the family's IBAN".
    other = parent(id="P2", customer_number=None)
    item = family("F1", parent(bank_accounts=()), other)
    account, found = check_family(item, 0, build_account_index([item]))
    assert [issue.code for issue in found] == ["bank_account.missing"]
    assert account is not None
    assert account.bank_accounts == ()


@pytest.mark.parametrize(
    ("iban", "reason"),
    [
        pytest.param(
            "NL91ABNA0417164301",
            "the check digits are wrong (a typing error?)",
            id="checksum",
        ),
        pytest.param(
            "NL91ABNA041716430", "the length is wrong for its country", id="length"
        ),
        pytest.param(
            "QQ91ABNA0417164300",
            "it does not start with a known country code",
            id="country",
        ),
        pytest.param(
            "NL91ABNA04171643OO",
            "its format is wrong (only letters and digits, as the country prescribes)",
            id="format",
        ),
        pytest.param("", "it is empty", id="empty"),
    ],
)
def test_iban_invalid_says_which_part(iban: str, reason: str) -> None:
    found = only(issues(family("F1", parent(bank_accounts=(bank(iban=iban),)))))
    assert (found.code, found.severity, found.path) == (
        "iban.invalid",
        Severity.ERROR,
        "$.families[0].parents[0].bank_accounts[0].iban",
    )
    assert found.message_en == f"The IBAN {iban!r} is not valid: {reason}"


def test_invalid_iban_still_has_its_mandate_checked() -> None:
    broken = bank(
        iban="NL91ABNA0417164301", mandate=attrs.evolve(MANDATE, reference="A B")
    )
    assert codes(family("F1", parent(bank_accounts=(broken,)))) == [
        "iban.invalid",
        "mandate.reference_invalid",
    ]


def test_bic_invalid() -> None:
    found = only(issues(family("F1", parent(bank_accounts=(bank(bic="ABNANL2"),)))))
    assert (found.code, found.severity, found.path) == (
        "bic.invalid",
        Severity.ERROR,
        "$.families[0].parents[0].bank_accounts[0].bic",
    )


def test_bic_mismatch_is_a_warning_and_the_given_bic_is_kept() -> None:
    item = family("F1", parent(bank_accounts=(bank(bic="rabonl2u"),)))
    account, found = check_family(item, 0, build_account_index([item]))
    mismatch = only(list(found))
    assert (mismatch.code, mismatch.severity) == ("bic.mismatch", Severity.WARNING)
    assert mismatch.message_en == (
        "The BIC 'rabonl2u' does not belong to the bank of IBAN 'NL91ABNA0417164300',"
        " whose BIC is 'ABNANL2A'"
    )
    assert account is not None
    assert account.bank_accounts[0].bic == "RABONL2U"


@pytest.mark.parametrize(
    ("iban", "bic"),
    [
        pytest.param("NL91ABNA0417164300", "ABNANL2AXXX", id="same bank with branch"),
        pytest.param("NL45XMPL4725190306", "RABONL2U", id="bank not derivable"),
    ],
)
def test_bic_not_a_mismatch(iban: str, bic: str) -> None:
    assert issues(family("F1", parent(bank_accounts=(bank(iban=iban, bic=bic),)))) == []


def test_no_bic_when_none_given_or_derivable() -> None:
    account = prepared(
        family("F1", parent(bank_accounts=(bank(iban="NL45XMPL4725190306"),)))
    )
    assert account.bank_accounts[0].bic is None


def test_bank_account_duplicate() -> None:
    twice = (bank(), bank(iban="nl91 abna 0417 1643 00", mandate=None))
    found = only(issues(family("F1", parent(bank_accounts=twice))))
    assert (found.code, found.severity, found.path) == (
        "bank_account.duplicate",
        Severity.ERROR,
        "$.families[0].parents[0].bank_accounts[1].iban",
    )


@pytest.mark.parametrize(
    ("holder", "code"),
    [
        pytest.param("H" * 51, "text.too_long", id="51 characters"),
        pytest.param("S.\x0b Heuvel", "text.illegal_character", id="control character"),
    ],
)
def test_holder_name_texts(holder: str, code: str) -> None:
    found = only(
        issues(family("F1", parent(bank_accounts=(bank(holder_name=holder),))))
    )
    assert (found.code, found.path) == (
        code,
        "$.families[0].parents[0].bank_accounts[0].holder_name",
    )


# --- mandates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        pytest.param("MND 001_2024", "it contains a space", id="space"),
        pytest.param(
            "A" * 36, "it is 36 characters long; at most 35 are allowed", id="36"
        ),
        pytest.param("/ABC//1", "it starts or ends with '/'", id="slashes"),
        pytest.param(
            "ABC_1",
            "the character '_' is not allowed in SEPA references",
            id="underscore",
        ),
    ],
)
def test_mandate_reference_invalid(reference: str, reason: str) -> None:
    mandate = attrs.evolve(MANDATE, reference=reference)
    found = only(issues(family("F1", parent(bank_accounts=(bank(mandate=mandate),)))))
    assert (found.code, found.severity, found.path) == (
        "mandate.reference_invalid",
        Severity.ERROR,
        "$.families[0].parents[0].bank_accounts[0].mandate.reference",
    )
    assert (
        found.message_en
        == f"The mandate reference {reference!r} is not valid: {reason}"
    )


def test_mandate_reference_duplicate_ignores_case() -> None:
    first = family("F1", parent(id="P1", customer_number="1"))
    upper = bank(
        iban="DE89370400440532013000",
        mandate=attrs.evolve(MANDATE, reference="kdv-20417-1"),
    )
    second = family("F2", parent(id="P2", customer_number="2", bank_accounts=(upper,)))
    found = [
        item
        for item in issues(first, second)
        if item.code == "mandate.reference_duplicate"
    ]
    assert [(item.family_id, item.severity) for item in found] == [
        ("F1", Severity.ERROR),
        ("F2", Severity.ERROR),
    ]
    assert found[1].message_en == (
        "The mandate reference 'kdv-20417-1' is used more than once (families F1, F2);"
        " references do not differ by upper or lower case"
    )


def test_mandate_reference_duplicate_within_one_family() -> None:
    second = bank(iban="DE89370400440532013000")
    assert codes(family("F1", parent(bank_accounts=(bank(), second)))) == [
        "mandate.reference_duplicate",
        "mandate.reference_duplicate",
    ]


def test_other_parents_mandate_is_not_compared() -> None:
    other = parent(id="P2", customer_number=None)
    assert issues(family("F1", PARENT, other)) == []


def test_different_references_are_fine() -> None:
    first = family("F1", parent(id="P1", customer_number="1"))
    other = bank(mandate=attrs.evolve(MANDATE, reference="KDV-20417-2"))
    second = family("F2", parent(id="P2", customer_number="2", bank_accounts=(other,)))
    assert issues(first, second) == []


def test_mandate_without_customer_number_is_left_out() -> None:
    item = family("F1", parent(customer_number=None))
    account, found = check_family(item, 0, build_account_index([item]))
    assert [(issue.code, issue.severity, issue.path) for issue in found] == [
        (
            "customer_number.missing",
            Severity.WARNING,
            "$.families[0].parents[0].customer_number",
        ),
        (
            "mandate.customer_number_missing",
            Severity.WARNING,
            "$.families[0].parents[0].bank_accounts[0].mandate.reference",
        ),
    ]
    assert account is not None
    assert (account.mandates, account.has_mandate, len(account.bank_accounts)) == (
        (),
        True,
        1,
    )


# --- only the contract parent ------------------------------------------------


def test_other_parent_is_never_checked() -> None:
    broken = Parent(
        id="P2",
        last_name=" ",
        email="not an address",
        customer_number="12a",
        language="xx",
        address=address(country="Nederland", postcode="0000"),
        bank_accounts=(
            BankAccount(
                iban="NL00", bic="X", mandate=attrs.evolve(MANDATE, reference="A B")
            ),
        ),
    )
    assert issues(family("F1", PARENT, broken)) == []


def test_switched_contract_parent_is_the_one_checked() -> None:
    # domain.md failure case 17: the father is now responsible.
    mother = parent(id="P1", last_name=" ")
    father = parent(id="P2", first_name="Joris", name_prefix=None, last_name="Smit")
    item = family("F1", mother, father, contract_parent_id="P2")
    account, found = check_family(item, 4, build_account_index([item]))
    assert found == ()
    assert account is not None
    assert account.name == "Joris Smit"
    broken = family("F1", mother, father, contract_parent_id="P1")
    assert only(issues(broken)).path == "$.families[0].parents[0].last_name"
    father_broken = family(
        "F1", PARENT, attrs.evolve(father, last_name=""), contract_parent_id="P2"
    )
    assert only(issues(father_broken)).path == "$.families[0].parents[1].last_name"


# --- the report as a whole ---------------------------------------------------


def test_issues_come_family_by_family_in_input_order() -> None:
    first = family("F1", parent(id="P1", customer_number=None, bank_accounts=()))
    second = Family(id="F2")
    third = family("F3", parent(id="P3", customer_number="3", address=None))
    assert [(item.family_id, item.code) for item in issues(first, second, third)] == [
        ("F1", "customer_number.missing"),
        ("F1", "bank_account.missing"),
        ("F2", "family.no_parent"),
        ("F3", "address.missing"),
    ]


def test_every_issue_names_its_family_and_parent() -> None:
    item = family(
        "F9", parent(id="P7", customer_number="x", address=None, bank_accounts=())
    )
    found = issues(item)
    assert {(issue.family_id, issue.parent_id) for issue in found} == {("F9", "P7")}


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(iter, id="iterator"),
        pytest.param(lambda items: (item for item in items), id="generator"),
    ],
)
def test_validate_accepts_a_one_shot_iterator(
    make: Callable[[tuple[Family, ...]], Iterable[Family]],
) -> None:
    first = family("F1", parent(id="P1", customer_number="1042"))
    second = family("F2", parent(id="P2", customer_number="1042", bank_accounts=()))
    clean = family("F3", parent(id="P3", customer_number="7", bank_accounts=()))
    given = (first, second, clean)
    expected = validate_accounts(given)
    assert expected.codes == (
        "customer_number.duplicate",
        "customer_number.duplicate",
        "bank_account.missing",
        "bank_account.missing",
    )
    assert validate_accounts(make(given)) == expected


def test_index_keeps_only_repeated_values() -> None:
    first = family("F1", parent(id="P1", customer_number="1"), parent(id="P2"))
    second = family("F2", parent(id="P2", customer_number="1", bank_accounts=()))
    third = Family(id="F2")
    fourth = family("F4", parent(id="P4", customer_number="4"), contract_parent_id="P0")
    index = build_account_index([first, second, third, fourth])
    assert index == AccountIndex(
        family_ids={"F2": 2},
        parent_ids={"P2": "F1, F2"},
        customer_numbers={"1": "F1, F2"},
        mandate_references={},
    )


def test_blank_mandate_reference_is_not_indexed() -> None:
    blank = bank(mandate=attrs.evolve(MANDATE, reference=" "))
    first = family("F1", parent(id="P1", customer_number="1", bank_accounts=(blank,)))
    second = family("F2", parent(id="P2", customer_number="2", bank_accounts=(blank,)))
    assert build_account_index([first, second]).mandate_references == {}


# --- the catalogue -----------------------------------------------------------


@pytest.mark.parametrize("row", ACCOUNT_RULES, ids=[row[0] for row in ACCOUNT_RULES])
def test_account_rule_texts(row: tuple[str, ...]) -> None:
    code, severity, meaning, message_en, message_nl, fix_en, fix_nl = row
    assert RULES[code].severity.value == severity
    assert re.fullmatch(r"[a-z_]+\.[a-z_]+", code)
    assert meaning.endswith(".")
    for text in (message_en, message_nl, fix_en, fix_nl):
        assert text
        assert not text.endswith(".")
    placeholders = set(re.findall(r"\{(\w+)", message_en))
    assert set(re.findall(r"\{(\w+)", message_nl)) <= placeholders | {
        "missing_nl",
        "reason_nl",
        "form_nl",
    }


# --- values shared by many families --------------------------------------------


def _shared_number_families(count: int) -> list[Family]:
    return [
        family(f"F{n:04}", parent(id=f"P{n:04}", customer_number="1"))
        for n in range(count)
    ]


def test_a_value_shared_by_many_families_names_ten_and_counts_the_rest() -> None:
    # 2,000 families with Klantnummer "1": every one is reported, and each
    # message names F0000 to F0009 and counts the other 1,990.
    report = validate_accounts(_shared_number_families(2000))
    found = [i for i in report.issues if i.code == "customer_number.duplicate"]
    listing = ", ".join(f"F{n:04}" for n in range(10)) + ", +1990"
    expected = (
        f"The Klantnummer '1' belongs to more than one family (families {listing})"
    )

    assert len(found) == 2000
    assert {item.message_en for item in found} == {expected}
    assert {item.family_id for item in found} == {f"F{n:04}" for n in range(2000)}


@pytest.mark.parametrize(
    ("count", "listing"),
    [
        pytest.param(
            10,
            "F0000, F0001, F0002, F0003, F0004, F0005, F0006, F0007, F0008, F0009",
            id="ten: all named",
        ),
        pytest.param(
            11,
            "F0000, F0001, F0002, F0003, F0004, F0005, F0006, F0007, F0008, F0009, +1",
            id="eleven: one counted",
        ),
    ],
)
def test_the_listing_limit(count: int, listing: str) -> None:
    report = validate_accounts(_shared_number_families(count))
    found = [i for i in report.issues if i.code == "customer_number.duplicate"]

    assert {item.message_nl for item in found} == {
        f"Het klantnummer '1' hoort bij meer dan één gezin (gezinnen {listing})"
    }


def test_a_parent_id_and_a_mandate_reference_shared_by_many_families() -> None:
    shared = bank(mandate=MANDATE)
    families = [
        family(
            f"F{n:02}",
            parent(id="P1", customer_number=str(100 + n), bank_accounts=(shared,)),
        )
        for n in range(12)
    ]
    listing = ", ".join(f"F{n:02}" for n in range(10)) + ", +2"
    report = validate_accounts(families)
    messages = {
        (item.code, item.message_en)
        for item in report.issues
        if item.code in {"parent.id_duplicate", "mandate.reference_duplicate"}
    }

    assert messages == {
        (
            "parent.id_duplicate",
            (
                "The parent id 'P1' occurs more than once in the document "
                f"(families {listing})"
            ),
        ),
        (
            "mandate.reference_duplicate",
            (
                "The mandate reference 'KDV-20417-1' is used more than once "
                f"(families {listing}); references do not differ by upper or lower "
                "case"
            ),
        ),
    }
