"""The sample exports' invoices, booked and checked against a hand reading.

The expectations come from reading ``bitcare-2026-01.json`` with a small
script, not with the library: which families' contract parents have a
customer error or no Klantnummer, and so which invoices cannot be booked.
The amounts per ledger account are summed here straight from the JSON.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from bitcare_exact.accounts import export_accounts, validate_accounts
from bitcare_exact.converters import structure_document
from bitcare_exact.issues import Report
from bitcare_exact.model import Document
from bitcare_exact.sales import (
    export_sales_entries,
    stream_sales_entries,
    validate_sales_entries,
)


Validate = Callable[[bytes], etree._Element]


def _at(element: etree._Element, path: str) -> etree._Element:
    """Return the first element at ``path``; fail when there is none."""
    found = element.find(path)
    assert found is not None, path
    return found


def _attribute(element: etree._Element, path: str, name: str) -> str | None:
    return _at(element, path).get(name)


JSON = dict[str, Any]

# Family → the code every invoice of that family is reported with.
NOT_BOOKED = {
    # mandate reference with a space ('MND 010066'): mandate.reference_invalid
    "F100006": "invoice.debtor_invalid",
    "F100065": "invoice.debtor_invalid",  # 'MND 010125'
    "F100074": "invoice.debtor_invalid",  # 'MND 010134'
    # Klantnummer 10105 on both F100045 and F100046 (F100045's display name,
    # 'Alexandra-Constantijn Maria Schimmelpenninck van der Oye-Westerhaar',
    # is also longer than Exact's 50)
    "F100045": "invoice.debtor_invalid",
    "F100046": "invoice.debtor_invalid",
    "F100058": "invoice.debtor_invalid",  # Klantnummer 10118 twice
    "F100059": "invoice.debtor_invalid",
    "F100157": "invoice.debtor_invalid",  # Klantnummer 10219 twice
    "F100158": "invoice.debtor_invalid",
    "F100186": "invoice.debtor_invalid",  # Klantnummer 10248 twice
    "F100187": "invoice.debtor_invalid",
    "F100245": "invoice.debtor_invalid",  # Klantnummer 10307 twice
    "F100246": "invoice.debtor_invalid",
    # display name over 50 characters (the same long name, with or without a
    # prefix 'de' or 'van der')
    "F100048": "invoice.debtor_invalid",
    "F100067": "invoice.debtor_invalid",
    "F100200": "invoice.debtor_invalid",
    "F100212": "invoice.debtor_invalid",
    # IBAN with a wrong check digit: NL03RBRB2621245520, NL39ASNB8140203116
    "F100163": "invoice.debtor_invalid",
    "F100232": "invoice.debtor_invalid",
    # the contract parent (the first one entered) has no Klantnummer yet;
    # F100035's other parent has none either
    "F100035": "invoice.customer_number_missing",
    "F100206": "invoice.customer_number_missing",
}


def _load(path: Path) -> JSON:
    data: JSON = json.loads(path.read_text(encoding="utf-8"))
    return data


def _invoices(data: JSON) -> list[JSON]:
    invoices: list[JSON] = data["invoices"]
    return invoices


def _expected_sums(data: JSON, booked: set[str]) -> dict[str, Decimal]:
    """Sum the lines of the booked invoices per ledger account, from the JSON."""
    settings: JSON = data["settings"]
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for invoice in _invoices(data):
        if invoice["number"] not in booked:
            continue
        for line in invoice["lines"]:
            account = line["gl_account"] or settings["gl_account"]
            sums[account] += Decimal(line["amount"])
    return dict(sums)


def _written_sums(root: etree._Element) -> dict[str, Decimal]:
    """Sum the written values per ledger account, turned back into revenue."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for line in root.iter("GLTransactionLine"):
        account = str(_attribute(line, "GLAccount", "code"))
        sums[account] -= Decimal(str(line.findtext("Amount/Value")))
    return dict(sums)


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> JSON:
    return _load(sample_path)


def test_sample_invoices_booked_or_reported(
    sample: JSON,
    assert_valid: Validate,
) -> None:
    document = structure_document(sample)
    expected_out = {
        str(invoice["number"]): NOT_BOOKED[str(invoice["family_id"])]
        for invoice in _invoices(sample)
        if invoice["family_id"] in NOT_BOOKED
    }

    export = export_sales_entries(
        document.invoices, document.families, document.settings
    )

    assert_valid(export.xml)
    assert len(expected_out) == 21
    assert sorted(export.left_out) == sorted(expected_out)
    assert len(export.booked) == len(_invoices(sample)) - 21
    for number, code in expected_out.items():
        codes = [i.code for i in export.report if i.invoice_number == number]
        assert codes == [code], number
    assert export.report.warnings == ()


def _validated(document: Document) -> Report:
    return validate_accounts(document.families)


def _exported(document: Document) -> Report:
    return export_accounts(document.families, document.settings).report


@pytest.mark.parametrize(
    "customer_report",
    [
        pytest.param(_validated, id="validate_accounts"),
        pytest.param(_exported, id="export_accounts"),
    ],
)
def test_sample_customer_report_given_changes_nothing(
    sample: JSON,
    customer_report: Callable[[Document], Report],
) -> None:
    document = structure_document(sample)
    accounts_report = customer_report(document)
    without = export_sales_entries(
        document.invoices, document.families, document.settings
    )

    given = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        accounts_report=accounts_report,
    )
    stream = stream_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        accounts_report=accounts_report,
    )

    assert len(given.left_out) == len(NOT_BOOKED)
    assert given == without
    assert b"".join(stream) == without.xml
    assert stream.report == without.report
    assert without.report == validate_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        accounts_report=accounts_report,
    )


def test_sample_sums_per_ledger_account(sample: JSON, assert_valid: Validate) -> None:
    document = structure_document(sample)

    export = export_sales_entries(
        document.invoices, document.families, document.settings
    )

    root = assert_valid(export.xml)
    expected = _expected_sums(sample, set(export.booked))
    assert _written_sums(root) == expected
    assert set(expected) == {"8000", "8010"}


def test_sample_credit_notes_are_type_21(sample: JSON, assert_valid: Validate) -> None:
    document = structure_document(sample)
    credit_notes = {
        invoice["number"]
        for invoice in _invoices(sample)
        if sum(Decimal(line["amount"]) for line in invoice["lines"]) < 0
    }

    export = export_sales_entries(
        document.invoices, document.families, document.settings
    )

    root = assert_valid(export.xml)
    written = {
        entry.findtext("GLTransactionLine/References/YourRef")
        for entry in root.iter("GLTransaction")
        if _attribute(entry, "TransactionType", "number") == "21"
    }
    assert written == credit_notes
    assert len(credit_notes) == 6


def test_small_clean_sample_books_everything(
    small_clean_path: Path,
    assert_valid: Validate,
) -> None:
    data = _load(small_clean_path)
    document = structure_document(data)

    export = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        strict=True,
    )

    root = assert_valid(export.xml)
    assert export.left_out == ()
    assert export.booked == tuple(invoice["number"] for invoice in _invoices(data))
    assert _written_sums(root) == _expected_sums(data, set(export.booked))
