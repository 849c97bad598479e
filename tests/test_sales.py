"""Invoice checks and the sales-entry export API.

Each rule has inputs that trigger it and near misses that must not. The base
case is one clean family (contract parent with Klantnummer 20417, an address,
an IBAN with a mandate) and one clean direct-debit invoice; each case changes
one thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, Inexact, Rounded, localcontext
from typing import Any

import attrs
import pytest
from lxml import etree

from bitcare_exact.accounts import export_accounts, validate_accounts
from bitcare_exact.errors import (
    BitcareExactError,
    InvalidExportError,
    StreamStateError,
)
from bitcare_exact.issues import Report, Severity
from bitcare_exact.model import (
    Address,
    BankAccount,
    Child,
    ExportSettings,
    Family,
    Invoice,
    InvoiceLine,
    Mandate,
    Parent,
    PaymentMethod,
)
from bitcare_exact.sales import (
    SalesEntriesStream,
    export_sales_entries,
    stream_sales_entries,
    validate_sales_entries,
)
from bitcare_exact.serialize._xml import illegal_character


Validate = Callable[[bytes], etree._Element]

MANDATE = Mandate(reference="MND20417", signed_on=datetime.date(2025, 8, 28))
PARENT = Parent(
    id="P1",
    first_name="Eva",
    name_prefix="van",
    last_name="Dijk",
    customer_number="20417",
    address=Address(
        street="Lindelaan",
        house_number="7",
        postcode="3512 JE",
        city="Utrecht",
        country="NL",
    ),
    bank_accounts=(BankAccount(iban="NL91ABNA0417164300", mandate=MANDATE),),
)
OTHER_PARENT = Parent(id="P2", first_name="Bram", last_name="Smit")
FAMILY = Family(
    id="F1",
    parents=(PARENT, OTHER_PARENT),
    children=(Child(id="K1", first_name="Noor"),),
)
LINE = InvoiceLine(
    description="Dagopvang januari 2026 Noor",
    amount=Decimal("717.50"),
    cost_center="LOC01",
    child_id="K1",
)
INVOICE = Invoice(
    number="2026010001",
    family_id="F1",
    date=datetime.date(2026, 1, 1),
    due_date=datetime.date(2026, 1, 28),
    description="Kinderopvang januari 2026",
    payment_method=PaymentMethod.DIRECT_DEBIT,
    lines=(LINE,),
)


def _lines(*amounts: str, **changes: Any) -> tuple[InvoiceLine, ...]:
    return tuple(
        attrs.evolve(LINE, amount=Decimal(amount), **changes) for amount in amounts
    )


def _case(
    *,
    invoice: Mapping[str, Any] | None = None,
    line: Mapping[str, Any] | None = None,
    parent: Mapping[str, Any] | None = None,
    family: Mapping[str, Any] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> tuple[tuple[Invoice, ...], tuple[Family, ...], ExportSettings]:
    """One family and one invoice, each changed as given."""
    chosen = attrs.evolve(PARENT, **(parent or {}))
    lines = (attrs.evolve(LINE, **(line or {})),)
    the_family = attrs.evolve(
        FAMILY,
        **{"parents": (chosen, OTHER_PARENT), **(family or {})},
    )
    the_invoice = attrs.evolve(INVOICE, **{"lines": lines, **(invoice or {})})
    return (the_invoice,), (the_family,), ExportSettings(**(settings or {}))


# Each row: the change, the codes the sales report must hold (in order), and
# whether the invoice is still booked.
RULE_CASES = [
    pytest.param({}, (), True, id="clean"),
    # invoice.number_missing
    pytest.param(
        {"invoice": {"number": ""}},
        ("invoice.number_missing",),
        False,
        id="number-empty",
    ),
    pytest.param(
        {"invoice": {"number": " \t"}},
        ("invoice.number_missing",),
        False,
        id="number-blank",
    ),
    pytest.param({"invoice": {"number": " 2026010001 "}}, (), True, id="number-padded"),
    # invoice.family_unknown
    pytest.param(
        {"invoice": {"family_id": "F9"}},
        ("invoice.family_unknown",),
        False,
        id="family-unknown",
    ),
    pytest.param(
        {"invoice": {"family_id": "f1"}},
        ("invoice.family_unknown",),
        False,
        id="family-id-case",
    ),
    # invoice.customer_number_missing: never booked on the other parent
    pytest.param(
        {"parent": {"customer_number": None}},
        ("invoice.customer_number_missing",),
        False,
        id="klantnummer-none",
    ),
    pytest.param(
        {"parent": {"customer_number": ""}},
        ("invoice.customer_number_missing",),
        False,
        id="klantnummer-empty",
    ),
    pytest.param(
        {"parent": {"customer_number": " 20417 "}}, (), True, id="klantnummer-padded"
    ),
    # invoice.debtor_invalid: the customer has an error
    pytest.param(
        {"parent": {"customer_number": "20417A"}},
        ("invoice.debtor_invalid",),
        False,
        id="klantnummer-invalid",
    ),
    pytest.param(
        {
            "parent": {
                "bank_accounts": (
                    BankAccount(iban="NL91ABNA0417164301", mandate=MANDATE),
                )
            }
        },
        ("invoice.debtor_invalid",),
        False,
        id="iban-invalid",
    ),
    pytest.param(
        {"family": {"parents": ()}}, ("invoice.debtor_invalid",), False, id="no-parent"
    ),
    pytest.param(
        {"family": {"contract_parent_id": "P9"}},
        ("invoice.debtor_invalid",),
        False,
        id="contract-parent-unknown",
    ),
    # Only warnings on the customer (no address): the invoice is booked.
    pytest.param({"parent": {"address": None}}, (), True, id="customer-warning-only"),
    # invoice.no_lines
    pytest.param(
        {"invoice": {"lines": ()}}, ("invoice.no_lines",), False, id="no-lines"
    ),
    pytest.param(
        {"invoice": {"lines": _lines("1.00", "2.00")}}, (), True, id="two-lines"
    ),
    # invoice.zero_total
    pytest.param(
        {"invoice": {"lines": _lines("10.00", "-10.00")}},
        ("invoice.zero_total",),
        True,
        id="zero-total",
    ),
    pytest.param(
        {"line": {"amount": Decimal("0.00")}},
        ("invoice.zero_total",),
        True,
        id="zero-line",
    ),
    pytest.param(
        {"invoice": {"lines": _lines("10.00", "-9.99")}}, (), True, id="total-one-cent"
    ),
    pytest.param(
        {"invoice": {"lines": _lines("10.00", "-10.01")}},
        (),
        True,
        id="total-minus-one-cent",
    ),
    # invoice.due_before_date
    pytest.param(
        {"invoice": {"due_date": datetime.date(2025, 12, 31)}},
        ("invoice.due_before_date",),
        True,
        id="due-before",
    ),
    pytest.param(
        {"invoice": {"due_date": datetime.date(2026, 1, 1)}},
        (),
        True,
        id="due-same-day",
    ),
    pytest.param({"invoice": {"due_date": None}}, (), True, id="no-due-date"),
    # invoice.direct_debit_without_mandate
    pytest.param(
        {"parent": {"bank_accounts": (BankAccount(iban="NL91ABNA0417164300"),)}},
        ("invoice.direct_debit_without_mandate",),
        False,
        id="no-mandate",
    ),
    pytest.param(
        {"parent": {"bank_accounts": ()}},
        ("invoice.direct_debit_without_mandate",),
        False,
        id="no-bank-account",
    ),
    pytest.param(
        {
            "parent": {"bank_accounts": ()},
            "invoice": {"payment_method": PaymentMethod.BANK_TRANSFER},
        },
        (),
        True,
        id="bank-transfer-needs-no-mandate",
    ),
    pytest.param(
        {
            "parent": {
                "bank_accounts": (
                    BankAccount(iban="NL20INGB0001234567"),
                    BankAccount(iban="NL91ABNA0417164300", mandate=MANDATE),
                )
            }
        },
        (),
        True,
        id="mandate-on-second-account",
    ),
    # line.amount_invalid
    pytest.param(
        {"line": {"amount": Decimal("1.005")}},
        ("line.amount_invalid",),
        False,
        id="three-decimals",
    ),
    pytest.param(
        {"line": {"amount": Decimal("0.001")}},
        ("line.amount_invalid",),
        False,
        id="tenth-cent",
    ),
    pytest.param(
        {"line": {"amount": Decimal("NaN")}}, ("line.amount_invalid",), False, id="nan"
    ),
    pytest.param(
        {"line": {"amount": Decimal("-NaN")}},
        ("line.amount_invalid",),
        False,
        id="negative-nan",
    ),
    pytest.param(
        {"line": {"amount": Decimal("sNaN")}},
        ("line.amount_invalid",),
        False,
        id="signalling-nan",
    ),
    pytest.param(
        {"line": {"amount": Decimal("Infinity")}},
        ("line.amount_invalid",),
        False,
        id="infinity",
    ),
    pytest.param(
        {"line": {"amount": Decimal("-Infinity")}},
        ("line.amount_invalid",),
        False,
        id="minus-infinity",
    ),
    pytest.param(
        {"line": {"amount": Decimal("1E+12")}},
        ("line.amount_invalid",),
        False,
        id="a-trillion",
    ),
    pytest.param(
        {"line": {"amount": Decimal("-1000000000000.00")}},
        ("line.amount_invalid",),
        False,
        id="minus-a-trillion",
    ),
    pytest.param(
        {"line": {"amount": Decimal("1E+30")}},
        ("line.amount_invalid",),
        False,
        id="huge",
    ),
    # Blank description and no cost centre: nothing else to report.
    pytest.param(
        {"line": {"amount": Decimal("NaN"), "description": " ", "cost_center": None}},
        ("line.amount_invalid",),
        False,
        id="nan-bare-line",
    ),
    pytest.param({"line": {"amount": Decimal("1.500")}}, (), True, id="trailing-zero"),
    pytest.param(
        {"line": {"amount": Decimal("999999999999.99")}},
        (),
        True,
        id="below-a-trillion",
    ),
    pytest.param({"line": {"amount": Decimal("-45.00")}}, (), True, id="credit-note"),
    # line.child_unknown
    pytest.param(
        {"line": {"child_id": "K9"}}, ("line.child_unknown",), True, id="child-unknown"
    ),
    pytest.param({"line": {"child_id": None}}, (), True, id="no-child"),
    # line.gl_account_missing / line.vat_code_missing
    pytest.param(
        {"line": {"gl_account": None}, "settings": {"gl_account": ""}},
        ("line.gl_account_missing",),
        False,
        id="no-gl-account",
    ),
    pytest.param(
        {"line": {"gl_account": " "}, "settings": {"gl_account": " "}},
        ("line.gl_account_missing",),
        False,
        id="blank-gl-account",
    ),
    pytest.param(
        {"line": {"gl_account": "8010"}, "settings": {"gl_account": ""}},
        (),
        True,
        id="own-gl-account",
    ),
    pytest.param({"line": {"gl_account": " "}}, (), True, id="default-gl-account"),
    pytest.param(
        {"line": {"vat_code": None}, "settings": {"vat_code": ""}},
        ("line.vat_code_missing",),
        False,
        id="no-vat-code",
    ),
    pytest.param(
        {"line": {"vat_code": "2"}, "settings": {"vat_code": ""}},
        (),
        True,
        id="own-vat-code",
    ),
    # text.illegal_character / text.too_long on every field written
    pytest.param(
        {"invoice": {"number": "2026\x0b01"}},
        ("text.illegal_character",),
        False,
        id="number-control",
    ),
    pytest.param(
        {"invoice": {"description": "Opvang\x01"}},
        ("text.illegal_character",),
        False,
        id="description-control",
    ),
    pytest.param(
        {"invoice": {"description": "x" * 256}},
        ("text.too_long",),
        False,
        id="description-256",
    ),
    pytest.param(
        {"invoice": {"description": "x" * 255}}, (), True, id="description-255"
    ),
    pytest.param(
        {"invoice": {"description": " " + "x" * 255 + " "}},
        (),
        True,
        id="description-255-padded",
    ),
    pytest.param(
        {"line": {"description": "Opvang\ud800"}},
        ("text.illegal_character",),
        False,
        id="line-description-surrogate",
    ),
    pytest.param(
        {"line": {"description": "é" * 256}},
        ("text.too_long",),
        False,
        id="line-description-256",
    ),
    pytest.param(
        {"line": {"gl_account": "80\x0000"}},
        ("text.illegal_character",),
        False,
        id="gl-account-control",
    ),
    pytest.param(
        {"line": {"vat_code": "2\x1fL"}},
        ("text.illegal_character",),
        False,
        id="vat-code-control",
    ),
    pytest.param(
        {"line": {"cost_center": "LOC\ufffe"}},
        ("text.illegal_character",),
        False,
        id="cost-center-noncharacter",
    ),
    pytest.param(
        {"line": {"description": "Zoë & <Çelik> 'Юрий' 😀"}},
        (),
        True,
        id="unicode-and-markup",
    ),
    # Tab, line feed and carriage return are legal XML characters (§2.2).
    pytest.param(
        {"line": {"description": "Opvang\tjanuari\r\n2026"}},
        (),
        True,
        id="line-description-tab-and-newline",
    ),
    pytest.param(
        {"invoice": {"description": "Opvang\njanuari"}},
        (),
        True,
        id="description-newline",
    ),
    # settings.*: reported once, and the invoice is left out
    pytest.param(
        {"settings": {"journal": ""}},
        ("settings.journal_missing", "invoice.settings_invalid"),
        False,
        id="journal-empty",
    ),
    pytest.param(
        {"settings": {"journal": " \t"}},
        ("settings.journal_missing", "invoice.settings_invalid"),
        False,
        id="journal-blank",
    ),
    pytest.param(
        {"settings": {"journal": "7\x0b0"}},
        ("text.illegal_character", "invoice.settings_invalid"),
        False,
        id="journal-control",
    ),
    pytest.param(
        {"settings": {"currency": ""}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-empty",
    ),
    pytest.param(
        {"settings": {"currency": "EU"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-two",
    ),
    pytest.param(
        {"settings": {"currency": "EURO"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-four",
    ),
    pytest.param(
        {"settings": {"currency": "€UR"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-symbol",
    ),
    pytest.param(
        {"settings": {"currency": "ÉUR"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-accent",
    ),
    pytest.param(
        {"settings": {"currency": "XYZ"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-not-iso-4217",
    ),
    pytest.param(
        {"settings": {"currency": "ABC"}},
        ("settings.currency_invalid", "invoice.settings_invalid"),
        False,
        id="currency-not-iso-4217-either",
    ),
    pytest.param({"settings": {"currency": "eur"}}, (), True, id="currency-lower-case"),
    pytest.param({"settings": {"currency": "USD"}}, (), True, id="currency-usd"),
    pytest.param({"settings": {"currency": " chf "}}, (), True, id="currency-chf"),
    pytest.param(
        {"settings": {"gl_account": "80\x01"}},
        ("text.illegal_character", "invoice.settings_invalid"),
        False,
        id="default-gl-control",
    ),
    pytest.param(
        {"settings": {"vat_code": "0\x01"}},
        ("text.illegal_character", "invoice.settings_invalid"),
        False,
        id="default-vat-control",
    ),
    # A blank condition is no condition (Exact's default), as for customers.
    pytest.param(
        {"settings": {"payment_conditions": {PaymentMethod.DIRECT_DEBIT: " "}}},
        (),
        True,
        id="condition-blank",
    ),
    pytest.param(
        {"settings": {"payment_conditions": {PaymentMethod.BANK_TRANSFER: "1\x02"}}},
        ("text.illegal_character", "invoice.settings_invalid"),
        False,
        id="condition-control",
    ),
    pytest.param(
        {"settings": {"payment_conditions": {PaymentMethod.BANK_TRANSFER: "14"}}},
        (),
        True,
        id="condition-other-method",
    ),
]


@pytest.mark.parametrize(("change", "codes", "booked"), RULE_CASES)
def test_rule(
    change: dict[str, Mapping[str, Any]],
    codes: tuple[str, ...],
    booked: bool,
    assert_valid: Validate,
) -> None:
    invoices, families, settings = _case(**change)

    export = export_sales_entries(invoices, families, settings)

    assert export.report.codes == codes
    # Numbers are reported as given, surrounding spaces included.
    assert export.booked == ((invoices[0].number,) if booked else ())
    assert export.left_out == (() if booked else (invoices[0].number,))
    assert_valid(export.xml)
    assert validate_sales_entries(invoices, families, settings) == export.report


@pytest.mark.parametrize(("change", "codes", "booked"), RULE_CASES)
def test_rule_with_the_customer_report_given(
    change: dict[str, Mapping[str, Any]],
    codes: tuple[str, ...],
    booked: bool,
) -> None:
    invoices, families, settings = _case(**change)
    accounts = export_accounts(families, settings)

    export = export_sales_entries(
        invoices, families, settings, accounts_report=accounts.report
    )

    assert export.report.codes == codes
    assert export.booked == ((invoices[0].number,) if booked else ())
    assert export == export_sales_entries(invoices, families, settings)
    assert export.report == validate_sales_entries(
        invoices,
        families,
        settings,
        accounts_report=validate_accounts(families),
    )


def test_duplicate_numbers_report_every_invoice() -> None:
    invoices = (
        INVOICE,
        attrs.evolve(INVOICE, number="2026010002"),
        attrs.evolve(INVOICE, number=" 2026010001"),
        attrs.evolve(INVOICE, number="2026010001"),
    )

    export = export_sales_entries(invoices, (FAMILY,))

    assert export.booked == ("2026010002",)
    assert export.left_out == ("2026010001", " 2026010001", "2026010001")
    assert export.report.codes == ("invoice.number_duplicate",) * 3
    assert [i.path for i in export.report] == [
        "$.invoices[0].number",
        "$.invoices[2].number",
        "$.invoices[3].number",
    ]
    assert export.report.issues[0].message_en == (
        "The invoice number '2026010001' occurs 3 times in this export; "
        "none of these invoices is booked"
    )


def test_blank_numbers_are_missing_not_duplicate() -> None:
    invoices = (attrs.evolve(INVOICE, number=""), attrs.evolve(INVOICE, number=" "))

    report = validate_sales_entries(invoices, (FAMILY,))

    assert report.codes == ("invoice.number_missing", "invoice.number_missing")


def test_the_contract_parent_is_the_debtor(assert_valid: Validate) -> None:
    second = attrs.evolve(PARENT, id="P3", customer_number="30001")
    family = attrs.evolve(
        FAMILY,
        parents=(OTHER_PARENT, second),
        contract_parent_id="P3",
    )

    root = assert_valid(export_sales_entries((INVOICE,), (family,)).xml)

    assert {a.get("code") for a in root.iter("Account")} == {"30001"}


def test_never_booked_on_the_other_parent() -> None:
    # The first parent has no Klantnummer; the other parent has one.
    first = attrs.evolve(PARENT, customer_number=None)
    other = attrs.evolve(OTHER_PARENT, customer_number="30001")
    family = attrs.evolve(FAMILY, parents=(first, other))

    export = export_sales_entries((INVOICE,), (family,))

    assert export.left_out == ("2026010001",)
    (issue,) = export.report
    assert issue.code == "invoice.customer_number_missing"
    assert issue.parent_id == "P1"
    assert issue.family_id == "F1"
    assert issue.invoice_number == "2026010001"
    assert issue.path == "$.families[0].parents[0].customer_number"
    assert issue.message_en == (
        "The debtor, parent 'P1' (van Dijk), has no Klantnummer yet (found '')"
    )


def test_debtor_invalid_names_the_customer_codes() -> None:
    parent = attrs.evolve(
        PARENT,
        customer_number="20417A",
        bank_accounts=(BankAccount(iban="NL91ABNA0417164301", mandate=MANDATE),),
    )
    families = (attrs.evolve(FAMILY, parents=(parent, OTHER_PARENT)),)

    (issue,) = validate_sales_entries((INVOICE,), families)

    assert issue.code == "invoice.debtor_invalid"
    assert issue.path == "$.families[0]"
    assert issue.family_id == "F1"
    assert "customer_number.invalid" in issue.message_en
    assert "iban.invalid" in issue.message_en
    assert "customer_number.invalid" in issue.message_nl


def test_debtor_invalid_without_parents_names_the_reason() -> None:
    families = (attrs.evolve(FAMILY, id="F0"), attrs.evolve(FAMILY, parents=()))

    (issue,) = validate_sales_entries((INVOICE,), families)

    assert issue.path == "$.families[1]"
    assert issue.message_en == (
        "The customer of family 'F1' has errors (family.no_parent), "
        "so it is not in Exact as this invoice needs"
    )


def test_every_problem_of_an_invoice_is_reported() -> None:
    parent = attrs.evolve(PARENT, customer_number=None, bank_accounts=())
    family = attrs.evolve(FAMILY, parents=(parent, OTHER_PARENT))
    invoice = attrs.evolve(
        INVOICE,
        number="",
        due_date=datetime.date(2025, 1, 1),
        description="\x07",
        lines=(
            attrs.evolve(
                LINE,
                amount=Decimal("NaN"),
                child_id="K7",
                gl_account="8000",
                vat_code="0",
            ),
            attrs.evolve(LINE, gl_account=None, vat_code=None, description="\x08"),
        ),
    )
    settings = ExportSettings(gl_account="", vat_code="", journal="")

    report = validate_sales_entries((invoice,), (family,), settings)

    assert [(i.code, i.path) for i in report] == [
        ("settings.journal_missing", "$.settings.journal"),
        ("invoice.number_missing", "$.invoices[0].number"),
        ("invoice.customer_number_missing", "$.families[0].parents[0].customer_number"),
        ("invoice.direct_debit_without_mandate", "$.invoices[0].payment_method"),
        ("invoice.due_before_date", "$.invoices[0].due_date"),
        ("text.illegal_character", "$.invoices[0].description"),
        ("line.amount_invalid", "$.invoices[0].lines[0].amount"),
        ("line.child_unknown", "$.invoices[0].lines[0].child_id"),
        ("line.gl_account_missing", "$.invoices[0].lines[1].gl_account"),
        ("line.vat_code_missing", "$.invoices[0].lines[1].vat_code"),
        ("text.illegal_character", "$.invoices[0].lines[1].description"),
        ("invoice.settings_invalid", "$.invoices[0]"),
    ]
    assert all(i.invoice_number == "" for i in report.issues[1:])
    assert report.issues[0].invoice_number is None


@pytest.mark.parametrize(
    ("amount", "found"),
    [
        pytest.param("sNaN", "'sNaN'", id="signalling-nan"),
        pytest.param("1.005", "'1.005'", id="three-decimals"),
    ],
)
def test_amount_message_shows_what_was_found(amount: str, found: str) -> None:
    invoice = attrs.evolve(INVOICE, lines=_lines(amount))

    (issue,) = validate_sales_entries((invoice,), (FAMILY,))

    assert issue.message_en.endswith(f"(found {found})")
    assert issue.severity is Severity.ERROR


def test_settings_errors_leave_every_invoice_out() -> None:
    invoices = (INVOICE, attrs.evolve(INVOICE, number="2026010002"))
    settings = ExportSettings(journal="", currency="EURO")

    export = export_sales_entries(invoices, (FAMILY,), settings)

    assert export.booked == ()
    assert export.left_out == ("2026010001", "2026010002")
    assert export.report.codes == (
        "settings.journal_missing",
        "settings.currency_invalid",
        "invoice.settings_invalid",
        "invoice.settings_invalid",
    )
    assert export.report.issues[2].message_en == (
        "The invoice is not booked because the export settings have errors "
        "(settings.journal_missing, settings.currency_invalid)"
    )
    assert export.report.issues[1].path == "$.settings.currency"


def test_condition_with_a_bad_character_is_a_settings_error() -> None:
    settings = ExportSettings(
        payment_conditions={PaymentMethod.BANK_TRANSFER: "1\x02"},
    )

    issue = validate_sales_entries((), (), settings).issues[0]

    assert issue.code == "text.illegal_character"
    assert issue.path == "$.settings.payment_conditions.bank_transfer"


def _mixed_batch() -> tuple[tuple[Invoice, ...], tuple[Family, ...]]:
    """Booked and left-out invoices in one batch, duplicates included."""
    no_number = attrs.evolve(
        PARENT,
        id="P5",
        customer_number=None,
        bank_accounts=(
            BankAccount(
                iban="NL20INGB0001234567",
                mandate=attrs.evolve(MANDATE, reference="MND30001"),
            ),
        ),
    )
    families = (FAMILY, attrs.evolve(FAMILY, id="F2", parents=(no_number,)))
    invoices = (
        INVOICE,
        attrs.evolve(INVOICE, number="A-1", family_id="F2"),
        attrs.evolve(INVOICE, number="CR-1", lines=_lines("-45.00")),
        attrs.evolve(INVOICE, number="D-1"),
        attrs.evolve(INVOICE, number="X-1", family_id="F9"),
        attrs.evolve(INVOICE, number="D-1", lines=()),
        attrs.evolve(INVOICE, number="W-1", lines=_lines("5.00", child_id="K9")),
        attrs.evolve(INVOICE, number="Z-1", lines=_lines("1.00", "-1.00")),
    )
    return invoices, families


def test_every_invoice_is_booked_or_left_out_with_an_error() -> None:
    invoices, families = _mixed_batch()

    export = export_sales_entries(invoices, families)

    assert export.booked == ("2026010001", "CR-1", "W-1", "Z-1")
    assert export.left_out == ("A-1", "D-1", "X-1", "D-1")
    assert len(export.booked) + len(export.left_out) == len(invoices)
    with_errors = {i.invoice_number for i in export.report.errors}
    assert set(export.left_out) <= with_errors
    assert not set(export.booked) & with_errors
    assert export.report.warnings != ()


def test_stream_gives_the_same_bytes_one_chunk_per_entry() -> None:
    invoices, families = _mixed_batch()
    whole = export_sales_entries(invoices, families)

    stream = stream_sales_entries(invoices, families)
    chunks = list(stream)

    assert b"".join(chunks) == whole.xml
    assert len(chunks) == len(whole.booked) + 2
    assert stream.report == whole.report
    assert stream.booked == whole.booked
    assert stream.left_out == whole.left_out


def test_the_customer_report_given_changes_nothing_on_a_defective_batch() -> None:
    invoices, families = _mixed_batch()
    accounts_report = validate_accounts(families)
    whole = export_sales_entries(invoices, families)

    stream = stream_sales_entries(invoices, families, accounts_report=accounts_report)
    chunks = list(stream)

    assert b"".join(chunks) == whole.xml
    assert (stream.report, stream.booked, stream.left_out) == (
        whole.report,
        whole.booked,
        whole.left_out,
    )
    given = export_sales_entries(invoices, families, accounts_report=accounts_report)
    assert given == whole
    with pytest.raises(InvalidExportError) as caught:
        export_sales_entries(
            invoices, families, strict=True, accounts_report=accounts_report
        )
    assert caught.value.issues == whole.report.errors


def test_the_customer_report_is_trusted() -> None:
    # F1 with a wrong IBAN check digit: a customer error.
    wrong_iban = (BankAccount(iban="NL91ABNA0417164301", mandate=MANDATE),)
    parent = attrs.evolve(PARENT, bank_accounts=wrong_iban)
    defective = (attrs.evolve(FAMILY, parents=(parent, OTHER_PARENT)),)

    clean = export_sales_entries(
        (INVOICE,), (FAMILY,), accounts_report=validate_accounts(defective)
    )
    unchecked = export_sales_entries((INVOICE,), defective, accounts_report=Report())

    # A clean customer is taken to have the errors the report says ...
    assert clean.left_out == ("2026010001",)
    (issue,) = clean.report
    assert issue.code == "invoice.debtor_invalid"
    assert "iban.invalid" in issue.message_en
    # ... and a customer with an error is taken to be clean.
    assert unchecked.booked == ("2026010001",)
    assert unchecked.report.codes == ()


def test_every_printable_character_is_legal_in_xml() -> None:
    # The invoice checks take str.isprintable() as a quick proof that a text
    # holds only characters XML 1.0 §2.2 allows; test it on every code point.
    printable = "".join(
        character for character in map(chr, range(0x110000)) if character.isprintable()
    )

    assert illegal_character(printable) is None
    assert not "\ufffe".isprintable()
    assert not "\ud800".isprintable()


def test_stream_is_read_once() -> None:
    stream = stream_sales_entries((INVOICE,), (FAMILY,))
    list(stream)

    with pytest.raises(
        StreamStateError, match=r"^this SalesEntriesStream was iterated"
    ):
        iter(stream)


@pytest.mark.parametrize("name", ["report", "booked", "left_out"])
def test_stream_results_need_the_whole_stream(name: str) -> None:
    stream = SalesEntriesStream((INVOICE,), (FAMILY,))
    chunks = iter(stream)
    next(chunks)

    with pytest.raises(StreamStateError, match="to its end") as caught:
        getattr(stream, name)

    assert isinstance(caught.value, BitcareExactError)


def test_stream_reads_a_sequence_twice_and_keeps_input_order() -> None:
    class Counted(tuple[Invoice, ...]):
        __slots__ = ()
        reads = 0

        def __iter__(self) -> Iterator[Invoice]:
            Counted.reads += 1
            return super().__iter__()

    invoices = Counted((INVOICE, attrs.evolve(INVOICE, number="2")))

    stream = stream_sales_entries(invoices, (FAMILY,))
    b"".join(stream)

    assert Counted.reads == 2
    assert stream.booked == ("2026010001", "2")


def test_strict_raises_once_with_every_error() -> None:
    invoices, families = _mixed_batch()
    report = validate_sales_entries(invoices, families)

    with pytest.raises(InvalidExportError) as caught:
        export_sales_entries(invoices, families, strict=True)

    assert caught.value.issues == report.errors
    assert len(caught.value.issues) == 5


def test_strict_passes_with_warnings_only() -> None:
    invoice = attrs.evolve(INVOICE, lines=_lines("5.00", child_id="K9"))

    export = export_sales_entries((invoice,), (FAMILY,), strict=True)

    assert export.report.codes == ("line.child_unknown",)
    assert export.booked == ("2026010001",)


def test_a_callers_decimal_context_changes_nothing() -> None:
    invoice = attrs.evolve(INVOICE, lines=_lines("123456789.01", "0.99"))
    expected = export_sales_entries((invoice,), (FAMILY,)).xml

    with localcontext() as context:
        context.prec = 3
        context.traps[Inexact] = True
        context.traps[Rounded] = True
        assert export_sales_entries((invoice,), (FAMILY,)).xml == expected


def test_output_is_deterministic() -> None:
    invoices, families = _mixed_batch()

    first = export_sales_entries(invoices, families)
    second = export_sales_entries(invoices, families)

    assert first == second


# --- review fixes --------------------------------------------------------------


def _generator(items: tuple[Any, ...]) -> Iterator[Any]:
    yield from items


def test_export_accepts_generators(assert_valid: Validate) -> None:
    # A one-shot iterator is read once into a tuple, so every pass sees it.
    invoices, families = _mixed_batch()
    expected = export_sales_entries(invoices, families)
    assert expected.booked

    export = export_sales_entries(_generator(invoices), _generator(families))

    assert export == expected
    assert_valid(export.xml)


def test_validate_and_stream_accept_generators() -> None:
    invoices, families = _mixed_batch()
    expected = export_sales_entries(invoices, families)

    stream = stream_sales_entries(iter(invoices), iter(families))
    assert b"".join(stream) == expected.xml
    assert (stream.booked, stream.left_out) == (expected.booked, expected.left_out)
    report = validate_sales_entries(_generator(invoices), _generator(families))
    assert report == expected.report


def test_families_as_a_generator_are_found() -> None:
    export = export_sales_entries((INVOICE,), _generator((FAMILY,)))

    assert export.booked == ("2026010001",)
    assert export.report.codes == ()


def test_dates_given_as_datetimes_are_written_as_dates(assert_valid: Validate) -> None:
    # datetime is a date subclass; its isoformat adds a time, which the
    # XSD's xs:date elements refuse.
    invoice = attrs.evolve(
        INVOICE,
        date=datetime.datetime(2026, 1, 1, 5, 0, 0, tzinfo=datetime.UTC),
        due_date=datetime.datetime(2026, 1, 28, 23, 59, 59, tzinfo=datetime.UTC),
    )

    export = export_sales_entries((invoice,), (FAMILY,))

    root = assert_valid(export.xml)
    assert [e.text for e in root.iter("Date")] == ["2026-01-01"] * 2
    assert [e.text for e in root.iter("InvoiceDate")] == ["2026-01-01"]
    assert [e.text for e in root.iter("DueDate")] == ["2026-01-28"]
    assert b"T05:00" not in export.xml


@pytest.mark.parametrize(
    ("date", "due_date", "codes"),
    [
        pytest.param(
            datetime.datetime(2026, 1, 28, 5, 0, tzinfo=datetime.UTC),
            datetime.date(2026, 1, 28),
            (),
            id="same day, moment and date",
        ),
        pytest.param(
            datetime.date(2026, 1, 28),
            datetime.datetime(2026, 1, 27, 23, 0, tzinfo=datetime.UTC),
            ("invoice.due_before_date",),
            id="day before, date and moment",
        ),
        pytest.param(
            datetime.datetime(2026, 1, 28, 12, 0, tzinfo=datetime.UTC),
            datetime.datetime(2026, 1, 28, 5, 0, tzinfo=datetime.UTC),
            (),
            id="same day, earlier hour",
        ),
    ],
)
def test_due_date_is_compared_by_calendar_day(
    date: datetime.date,
    due_date: datetime.date,
    codes: tuple[str, ...],
) -> None:
    invoice = attrs.evolve(INVOICE, date=date, due_date=due_date)

    report = validate_sales_entries((invoice,), (FAMILY,))

    assert report.codes == codes
    for issue in report:
        assert issue.message_en == (
            "The due date 2026-01-27 is before the invoice date 2026-01-28"
        )


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param(
            {"parent": {"customer_number": None}},
            "invoice.customer_number_missing",
            id="klantnummer",
        ),
        pytest.param(
            {"line": {"gl_account": None}, "settings": {"gl_account": ""}},
            "line.gl_account_missing",
            id="gl-account",
        ),
        pytest.param(
            {"line": {"vat_code": None}, "settings": {"vat_code": ""}},
            "line.vat_code_missing",
            id="vat-code",
        ),
    ],
)
def test_no_python_none_in_messages(
    change: dict[str, Mapping[str, Any]], code: str
) -> None:
    invoices, families, settings = _case(**change)

    (issue,) = validate_sales_entries(invoices, families, settings)

    assert issue.code == code
    assert "(found '')" in issue.message_en
    assert "(gevonden: '')" in issue.message_nl
    assert "None" not in issue.message_en + issue.message_nl


def test_required_klantnummer_is_reported_once_on_the_invoice() -> None:
    # The customer report made with require_customer_numbers=True has
    # customer_number.required for F1; the invoice says it precisely, once.
    invoices, families, settings = _case(parent={"customer_number": None})
    accounts = validate_accounts(families, require_customer_numbers=True)
    assert "customer_number.required" in accounts.codes

    report = validate_sales_entries(
        invoices, families, settings, accounts_report=accounts
    )

    assert report.codes == ("invoice.customer_number_missing",)


def test_required_klantnummer_with_other_customer_errors() -> None:
    # Other customer errors are still named, without the Klantnummer one.
    invoices, families, settings = _case(
        parent={"customer_number": None, "last_name": " "}
    )
    accounts = validate_accounts(families, require_customer_numbers=True)

    report = validate_sales_entries(
        invoices, families, settings, accounts_report=accounts
    )

    assert report.codes == (
        "invoice.debtor_invalid",
        "invoice.customer_number_missing",
    )
    assert "(parent.name_missing)" in report.issues[0].message_en
