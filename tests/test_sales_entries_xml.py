"""The GLTransactions file: layout, signs, entry numbers, escaping, schema.

The two expected documents are written by hand from the examples of the
reference "Exact Online invoices as sales-journal entries" §15, changed only
where this library decided otherwise: no ``FinYear``/``FinPeriod`` (Exact
derives them from ``Date``), no ``PaymentReference``, and a ``Costcenter`` on
a line that has one. Every produced file is validated against the 2017 XSD.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

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
from bitcare_exact.sales import export_sales_entries
from bitcare_exact.serialize.sales_entries import (
    SalesEntry,
    SalesEntryLine,
    entry_xml,
)


Validate = Callable[[bytes], etree._Element]


def _at(element: etree._Element, path: str) -> etree._Element:
    """Return the first element at ``path``; fail when there is none."""
    found = element.find(path)
    assert found is not None, path
    return found


def _attribute(element: etree._Element, path: str, name: str) -> str | None:
    return _at(element, path).get(name)


NOOR = Family(
    id="F1",
    parents=(
        Parent(
            id="P1",
            first_name="Eva",
            last_name="Jansen",
            customer_number="20417",
            address=Address(
                street="Lindelaan",
                house_number="7",
                postcode="3512 JE",
                city="Utrecht",
                country="NL",
            ),
            bank_accounts=(
                BankAccount(
                    iban="NL91ABNA0417164300",
                    mandate=Mandate(
                        reference="MND20417",
                        signed_on=datetime.date(2025, 8, 28),
                    ),
                ),
            ),
        ),
    ),
    children=(Child(id="K1", first_name="Noor"),),
)
SETTINGS = ExportSettings(
    gl_account="8030",
    payment_conditions={PaymentMethod.DIRECT_DEBIT: "INC"},
)

INVOICE = Invoice(
    number="25120457",
    family_id="F1",
    date=datetime.date(2025, 12, 20),
    due_date=datetime.date(2026, 1, 5),
    description="Kinderopvang januari 2026 - Noor",
    payment_method=PaymentMethod.DIRECT_DEBIT,
    lines=(
        InvoiceLine(
            description="Dagopvang januari 2026, contract 3318",
            amount=Decimal("1187.40"),
            cost_center="LOC01",
            child_id="K1",
        ),
        InvoiceLine(description="Extra dag 14-01-2026", amount=Decimal("98.95")),
    ),
)

INVOICE_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="eExact-XML.xsd">
  <GLTransactions>
    <GLTransaction entry="25120457">
      <TransactionType number="20"/>
      <Journal code="70"/>
      <PaymentCondition code="INC"/>
      <Date>2025-12-20</Date>
      <Description>Kinderopvang januari 2026 - Noor</Description>
      <Account code="20417"/>
      <GLTransactionLine type="20" line="1">
        <Date>2025-12-20</Date>
        <GLAccount code="8030"/>
        <Description>Dagopvang januari 2026, contract 3318</Description>
        <DueDate>2026-01-05</DueDate>
        <InvoiceDate>2025-12-20</InvoiceDate>
        <Account code="20417"/>
        <Costcenter code="LOC01"/>
        <Amount>
          <Currency code="EUR"/>
          <Value>-1187.40</Value>
          <VAT code="0"/>
        </Amount>
        <References>
          <InvoiceNumber>25120457</InvoiceNumber>
          <YourRef>25120457</YourRef>
        </References>
      </GLTransactionLine>
      <GLTransactionLine type="20" line="2">
        <Date>2025-12-20</Date>
        <GLAccount code="8030"/>
        <Description>Extra dag 14-01-2026</Description>
        <DueDate>2026-01-05</DueDate>
        <InvoiceDate>2025-12-20</InvoiceDate>
        <Account code="20417"/>
        <Amount>
          <Currency code="EUR"/>
          <Value>-98.95</Value>
          <VAT code="0"/>
        </Amount>
        <References>
          <InvoiceNumber>25120457</InvoiceNumber>
          <YourRef>25120457</YourRef>
        </References>
      </GLTransactionLine>
    </GLTransaction>
  </GLTransactions>
</eExact>
"""

CREDIT_NOTE = Invoice(
    number="CR2026-0009",
    family_id="F1",
    date=datetime.date(2026, 1, 16),
    description="Creditnota extra dag 14-01-2026 - Noor",
    payment_method=PaymentMethod.DIRECT_DEBIT,
    lines=(
        InvoiceLine(
            description="Vervallen extra dag 14-01-2026",
            amount=Decimal("-98.95"),
            gl_account="8030",
            vat_code="0",
        ),
    ),
)

CREDIT_NOTE_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="eExact-XML.xsd">
  <GLTransactions>
    <GLTransaction>
      <TransactionType number="21"/>
      <Journal code="70"/>
      <PaymentCondition code="INC"/>
      <Date>2026-01-16</Date>
      <Description>Creditnota extra dag 14-01-2026 - Noor</Description>
      <Account code="20417"/>
      <GLTransactionLine type="21" line="1">
        <Date>2026-01-16</Date>
        <GLAccount code="8030"/>
        <Description>Vervallen extra dag 14-01-2026</Description>
        <InvoiceDate>2026-01-16</InvoiceDate>
        <Account code="20417"/>
        <Amount>
          <Currency code="EUR"/>
          <Value>98.95</Value>
          <VAT code="0"/>
        </Amount>
        <References>
          <YourRef>CR2026-0009</YourRef>
        </References>
      </GLTransactionLine>
    </GLTransaction>
  </GLTransactions>
</eExact>
"""

EMPTY_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="eExact-XML.xsd">
</eExact>
"""


def _export(*invoices: Invoice, settings: ExportSettings = SETTINGS) -> bytes:
    export = export_sales_entries(invoices, (NOOR,), settings, strict=True)
    return export.xml


def _line(amount: str, **changes: Any) -> InvoiceLine:
    line = InvoiceLine(description="Dagopvang", amount=Decimal(amount))
    return attrs.evolve(line, **changes)


def _invoice(*lines: InvoiceLine, **changes: Any) -> Invoice:
    return attrs.evolve(INVOICE, lines=lines, **changes)


def _parts(document: str) -> tuple[str, str, str]:
    """Split a one-entry document into head, the entry and tail."""
    head, rest = document.split("  <GLTransactions>\n")
    entry, tail = rest.split("  </GLTransactions>\n")
    return head + "  <GLTransactions>\n", entry, "  </GLTransactions>\n" + tail


def _values(root: etree._Element) -> list[str | None]:
    return [value.text for value in root.iter("Value")]


def test_invoice_matches_the_hand_written_file(assert_valid: Validate) -> None:
    xml = _export(INVOICE)

    assert xml.decode() == INVOICE_XML
    assert_valid(xml)


def test_credit_note_matches_the_hand_written_file(assert_valid: Validate) -> None:
    xml = _export(CREDIT_NOTE)

    assert xml.decode() == CREDIT_NOTE_XML
    assert_valid(xml)


def test_both_in_one_file_in_input_order(assert_valid: Validate) -> None:
    xml = _export(CREDIT_NOTE, INVOICE)

    root = assert_valid(xml)
    assert [e.get("entry") for e in root.iter("GLTransaction")] == [None, "25120457"]
    head, credit_note, tail = _parts(CREDIT_NOTE_XML)
    assert xml.decode() == head + credit_note + _parts(INVOICE_XML)[1] + tail


def test_no_booked_invoice_gives_an_empty_document(assert_valid: Validate) -> None:
    export = export_sales_entries((attrs.evolve(INVOICE, family_id="F9"),), (NOOR,))

    assert export.xml.decode() == EMPTY_XML
    assert export.left_out == ("25120457",)
    assert_valid(export.xml)


def test_mixed_invoice_with_a_negative_correction_line(assert_valid: Validate) -> None:
    invoice = _invoice(_line("829.98"), _line("-28.62"))

    root = assert_valid(_export(invoice))

    # 829.98 - 28.62 = 801.36 > 0: still a sales entry (20); the correction is a
    # debit on revenue, so positive.
    assert (
        _attribute(root, "GLTransactions/GLTransaction/TransactionType", "number")
        == "20"
    )
    assert [line.get("type") for line in root.iter("GLTransactionLine")] == ["20", "20"]
    assert _values(root) == ["-829.98", "28.62"]


def test_credit_note_with_a_positive_line(assert_valid: Validate) -> None:
    invoice = _invoice(_line("10.00"), _line("-112.75"))

    root = assert_valid(_export(invoice))

    # 10.00 - 112.75 = -102.75 < 0: a credit note (21).
    assert (
        _attribute(root, "GLTransactions/GLTransaction/TransactionType", "number")
        == "21"
    )
    assert [line.get("type") for line in root.iter("GLTransactionLine")] == ["21", "21"]
    assert _values(root) == ["-10.00", "112.75"]


def test_exempt_and_taxed_lines_keep_their_own_codes(assert_valid: Validate) -> None:
    invoice = _invoice(
        _line("717.50", gl_account="8030", vat_code="0"),
        _line("40.00", gl_account="8000", vat_code="2", description="Workshop"),
    )

    root = assert_valid(_export(invoice))

    lines = root.findall("GLTransactions/GLTransaction/GLTransactionLine")
    assert [_attribute(line, "GLAccount", "code") for line in lines] == ["8030", "8000"]
    assert [_attribute(line, "Amount/VAT", "code") for line in lines] == ["0", "2"]
    assert _values(root) == ["-717.50", "-40.00"]


def test_settings_give_the_default_codes(assert_valid: Validate) -> None:
    settings = ExportSettings(gl_account=" 8010 ", vat_code=" 1 ", journal=" 71 ")

    root = assert_valid(_export(_invoice(_line("5.00")), settings=settings))

    assert _attribute(root, ".//Journal", "code") == "71"
    assert _attribute(root, ".//GLAccount", "code") == "8010"
    assert _attribute(root, ".//VAT", "code") == "1"


@pytest.mark.parametrize(
    ("number", "entry"),
    [
        pytest.param("2026010001", "2026010001", id="digits"),
        pytest.param("1", "1", id="one"),
        pytest.param("2147483647", "2147483647", id="int32-max"),
        # Above Int32: Exact numbers the entry, the number stays in YourRef.
        pytest.param("2147483648", None, id="above-int32"),
        pytest.param("99999999999", None, id="eleven-digits"),
        # Never strip non-digits, never drop a leading zero.
        pytest.param("F2026-0123", None, id="alphanumeric"),
        pytest.param("0123", None, id="leading-zero"),
        pytest.param("0", None, id="zero"),
        pytest.param("2026 0001", None, id="inner-space"),
        pytest.param("٢٠٢٦", None, id="arabic-indic-digits"),
    ],
)
def test_entry_number(number: str, entry: str | None, assert_valid: Validate) -> None:
    root = assert_valid(_export(_invoice(_line("5.00"), number=number)))

    transaction = _at(root, "GLTransactions/GLTransaction")
    assert transaction.get("entry") == entry
    references = _at(transaction, "GLTransactionLine/References")
    assert references.findtext("YourRef") == number
    assert references.findtext("InvoiceNumber") == entry


def test_number_is_written_without_surrounding_spaces(assert_valid: Validate) -> None:
    root = assert_valid(_export(_invoice(_line("5.00"), number=" 77 ")))

    assert _attribute(root, ".//GLTransaction", "entry") == "77"
    assert root.findtext(".//YourRef") == "77"


@pytest.mark.parametrize(
    ("amount", "value"),
    [
        pytest.param("717.50", "-717.50", id="invoice-line"),
        pytest.param("-45.00", "45.00", id="credit-line"),
        pytest.param("3", "-3.00", id="whole-euros"),
        pytest.param("0.5", "-0.50", id="one-decimal"),
        pytest.param("1.500", "-1.50", id="trailing-zero"),
        pytest.param("1E+2", "-100.00", id="exponent"),
        pytest.param("0.00", "0.00", id="zero"),
        pytest.param("-0.00", "0.00", id="negative-zero-never-written"),
        pytest.param("999999999999.99", "-999999999999.99", id="largest"),
    ],
)
def test_amounts_have_two_decimals_and_ledger_sign(
    amount: str,
    value: str,
    assert_valid: Validate,
) -> None:
    root = assert_valid(_export(_invoice(_line("1.00"), _line(amount))))

    assert _values(root)[1] == value


def test_optional_parts_are_left_out(assert_valid: Validate) -> None:
    invoice = Invoice(
        number="7",
        family_id="F1",
        date=datetime.date(2026, 2, 1),
        description="  ",
        lines=(InvoiceLine(description=" ", amount=Decimal("12.00"), cost_center=""),),
    )

    root = assert_valid(_export(invoice))

    transaction = _at(root, "GLTransactions/GLTransaction")
    # Bank transfer has no condition in SETTINGS: Exact's default applies.
    assert [child.tag for child in transaction] == [
        "TransactionType",
        "Journal",
        "Date",
        "Account",
        "GLTransactionLine",
    ]
    assert [child.tag for child in _at(transaction, "GLTransactionLine")] == [
        "Date",
        "GLAccount",
        "InvoiceDate",
        "Account",
        "Amount",
        "References",
    ]


def test_texts_are_escaped_and_stripped(assert_valid: Validate) -> None:
    invoice = _invoice(
        _line("5.00", description=" Bakker & Zn <geen> \r ", cost_center='L"1'),
        description="Opvang 'Het Bolletje' & co",
    )

    xml = _export(invoice)

    root = assert_valid(xml)
    assert b"<Description>Bakker &amp; Zn &lt;geen&gt;</Description>" in xml
    assert b'<Costcenter code="L&quot;1"/>' in xml
    assert (
        _at(root, ".//GLTransaction/Description").text == "Opvang 'Het Bolletje' & co"
    )
    assert _attribute(root, ".//Costcenter", "code") == 'L"1'


def test_lower_case_currency_is_written_in_upper_case(assert_valid: Validate) -> None:
    root = assert_valid(
        _export(_invoice(_line("5.00")), settings=ExportSettings(currency=" eur ")),
    )

    assert _attribute(root, ".//Currency", "code") == "EUR"


def test_payment_condition_per_method(assert_valid: Validate) -> None:
    settings = ExportSettings(
        payment_conditions={
            PaymentMethod.DIRECT_DEBIT: " IN ",
            PaymentMethod.BANK_TRANSFER: "14",
        },
    )
    invoices = (
        _invoice(_line("5.00"), number="1"),
        _invoice(_line("5.00"), number="2", payment_method=PaymentMethod.BANK_TRANSFER),
    )

    root = assert_valid(_export(*invoices, settings=settings))

    conditions = [e.get("code") for e in root.iter("PaymentCondition")]
    assert conditions == ["IN", "14"]


def test_entry_xml_without_optional_parts() -> None:
    entry = SalesEntry(
        entry=None,
        your_ref="A-1",
        credit_note=True,
        journal="70",
        currency="EUR",
        account="1",
        date=datetime.date(2026, 3, 1),
        lines=(SalesEntryLine(gl_account="8000", vat_code="0", value="1.00"),),
    )

    assert entry_xml(entry) == (
        "    <GLTransaction>\n"
        '      <TransactionType number="21"/>\n'
        '      <Journal code="70"/>\n'
        "      <Date>2026-03-01</Date>\n"
        '      <Account code="1"/>\n'
        '      <GLTransactionLine type="21" line="1">\n'
        "        <Date>2026-03-01</Date>\n"
        '        <GLAccount code="8000"/>\n'
        "        <InvoiceDate>2026-03-01</InvoiceDate>\n"
        '        <Account code="1"/>\n'
        "        <Amount>\n"
        '          <Currency code="EUR"/>\n'
        "          <Value>1.00</Value>\n"
        '          <VAT code="0"/>\n'
        "        </Amount>\n"
        "        <References>\n"
        "          <YourRef>A-1</YourRef>\n"
        "        </References>\n"
        "      </GLTransactionLine>\n"
        "    </GLTransaction>\n"
    )


_CENTS = st.integers(min_value=-(10**9), max_value=10**9)


@given(st.lists(_CENTS, min_size=1, max_size=6))
def test_values_add_up_to_the_negated_total(cents: list[int]) -> None:
    amounts = [Decimal(c).scaleb(-2) for c in cents]
    invoice = _invoice(*(_line(str(a)) for a in amounts))

    root = etree.fromstring(_export(invoice))

    values = [Decimal(v) for v in _values(root) if v is not None]
    total = sum(amounts, Decimal(0))
    assert sum(values, Decimal(0)) == -total
    assert all(len(v.split(".")[1]) == 2 for v in _values(root) if v is not None)
    assert "-0.00" not in _values(root)
    kind = _attribute(root, ".//TransactionType", "number")
    assert kind == ("21" if total < 0 else "20")
