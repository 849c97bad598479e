"""Invoices as sales entries: the checks, the report and the Exact file.

Every invoice (*factuur*) and credit note (*creditnota*) Bitcare issued is
booked in Exact Online as a sales entry (*verkoopboeking*) in the sales
journal (*verkoopboek*), on the family's debtor: the contract-responsible
parent (:func:`~bitcare_exact.parents.contract_parent`), known to Exact by
that parent's Klantnummer. An invoice is either booked or reported, never
booked on another parent. A family whose customer has an error (see
:func:`bitcare_exact.accounts.validate_accounts`) is not in Exact as its
invoices need, so they are reported as ``invoice.debtor_invalid``; the
customer problems themselves belong to the customer report.

Amounts are ledger-signed, as in Exact's own ledger: debit positive, credit
negative. Revenue is a credit, so an invoice line of 717.50 is written as
``-717.50``, a credit-note line of -45.00 as ``45.00``, and a negative
correction line on a normal invoice as a positive value. Invoices whose lines
add up below zero are credit notes (transaction type 21), all others sales
entries (type 20). Sources for the sign: the Boltrics NAV-to-Exact
transformation negates revenue and picks 20 or 21 from the sign of the
customer total; the ``exacttransactions.jinja`` template of
evertvandew/admingen writes revenue negative; a C# unit test holding a real
Exact Online ``GLTransaction`` export shows debit positive and credit
negative; Invantive's ledger tables show sales negative and credit notes
positive (forum thread "Special line number such as 0 and 9999 on financial
transactions in Exact Online"). Amounts are :class:`~decimal.Decimal` end to
end, written with two decimals; an entry's total is the sum of its lines to
the cent because nothing is rounded.

The invoice number becomes the entry number (*boekstuknummer*,
``GLTransaction/@entry``) only when it is purely digits without a leading
zero and at most 2147483647 (Exact's entry numbers are 32-bit integers);
otherwise Exact numbers the entry. Non-digits are never stripped, because
``F2026-0012`` and ``C2026-0012`` would collide. The number as printed always
goes to ``YourRef``. ``FinYear`` and ``FinPeriod`` are left out: Exact
derives them from the entry date with the administration's own fiscal
calendar.

The export settings are checked once (paths ``$.settings.…``). While they
have an error no invoice is booked, and every invoice is reported with
``invoice.settings_invalid`` besides its own problems, so that one run still
lists everything to fix.

More information:

- Exact Online eExact XML schema (2017), ``eExact-XML.xsd``: ``GLTransaction``
  (``@entry`` is an integer), ``typeDescription`` (255 characters)
- Exact Online REST reference, sales entries (``EntryNumber`` is Int32):
  https://start.exactonline.nl/docs/HlpRestAPIResourcesDetails.aspx?name=SalesEntrySalesEntries
- Invantive forum, line numbers 0 and 9999 on Exact Online transactions:
  https://forums.invantive.com/t/special-line-number-such-as-0-and-9999-on-financial-transactions-in-exact-online/1855
"""

from __future__ import annotations

import decimal
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from bitcare_exact._text import check_text
from bitcare_exact.accounts import StreamStateError, validate_accounts
from bitcare_exact.errors import InvalidExportError
from bitcare_exact.issues import Issue, Report, Severity, make_issue
from bitcare_exact.model import (
    ExportSettings,
    Family,
    Invoice,
    InvoiceLine,
    Parent,
    PaymentMethod,
)
from bitcare_exact.parents import contract_parent
from bitcare_exact.serialize._xml import (
    DOCUMENT_END,
    DOCUMENT_START,
    illegal_character,
)
from bitcare_exact.serialize.sales_entries import (
    SECTION_END,
    SECTION_START,
    SalesEntry,
    SalesEntryLine,
    entry_xml,
)


__all__ = [
    "SalesEntriesExport",
    "SalesEntriesStream",
    "export_sales_entries",
    "stream_sales_entries",
    "validate_sales_entries",
]

_CENT: Final = Decimal("0.01")
# Amounts are carried in whole cents; a trillion or more on one childcare line
# is a typo, and the bound keeps every sum exact in _MONEY.
_AMOUNT_LIMIT: Final = Decimal(10) ** 12
# Our own context, so that a caller's decimal context cannot round our sums.
_MONEY: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    traps=[decimal.InvalidOperation],
)
# GLTransaction/@entry is xs:integer (XSD17 l.1184); REST EntryNumber is Int32.
_ENTRY_NUMBER: Final = re.compile(r"[1-9][0-9]{0,9}")
_ENTRY_MAX: Final = 2_147_483_647
# ISO 4217 alphabetic codes are three letters.
_CURRENCY: Final = re.compile(r"[A-Za-z]{3}")
# Description is typeDescription, an extension of typeString255 (XSD17 l.3268).
_DESCRIPTION_LIMIT: Final = 255
_CODE_FIELDS: Final = {
    "gl_account": ("Ledger account", "Grootboekrekening"),
    "vat_code": ("VAT code", "Btw-code"),
    "cost_center": ("Cost centre", "Kostenplaats"),
}


@attrs.frozen(kw_only=True)
class SalesEntriesExport:
    """The sales-entry file of one export and what happened to each invoice.

    ``booked`` and ``left_out`` hold invoice numbers as given, in input
    order; every invoice is in exactly one of them (a number given twice
    appears twice), and every left-out invoice has an error in ``report``.

    >>> export = export_sales_entries([], [])
    >>> export.booked, export.left_out, export.report.has_errors
    ((), (), False)
    """

    xml: bytes
    report: Report
    booked: tuple[str, ...]
    left_out: tuple[str, ...]


def validate_sales_entries(
    invoices: Sequence[Invoice],
    families: Sequence[Family],
    settings: ExportSettings | None = None,
) -> Report:
    """Check every invoice and the settings; report, never raise, for data.

    The report holds the sales issues only (``invoice.*``, ``line.*``,
    ``settings.*`` and text checks of the invoices' fields); a customer's
    own problems are in :func:`bitcare_exact.accounts.validate_accounts`.

    >>> validate_sales_entries([], []).codes
    ()
    """
    batch, issues = _first_pass(invoices, families, settings or ExportSettings())
    found = list(issues)
    for position, invoice in enumerate(invoices):
        found.extend(_InvoiceCheck(invoice, position, batch).run()[1])

    return Report(tuple(found))


def export_sales_entries(
    invoices: Sequence[Invoice],
    families: Sequence[Family],
    settings: ExportSettings | None = None,
    *,
    strict: bool = False,
) -> SalesEntriesExport:
    """Write every bookable invoice as a sales entry; report the others.

    Args:
        invoices: the invoices, in the order they are to be written.
        families: every family of the document (the debtors).
        settings: the Exact administration's codes; defaults as documented.
        strict: raise instead of leaving invoices out.

    Returns:
        The eExact XML file (UTF-8), the report and the booked and left-out
        invoice numbers.

    Raises:
        InvalidExportError: ``strict`` is set and the report has errors; it
            lists every error.

    >>> import datetime
    >>> from bitcare_exact.model import Parent
    >>> family = Family(id="F1", parents=(
    ...     Parent(id="P1", last_name="Smit", customer_number="20417"),))
    >>> invoice = Invoice(number="2026010001", family_id="F1",
    ...                   date=datetime.date(2026, 1, 1), lines=(
    ...     InvoiceLine(description="Dagopvang", amount=Decimal("717.50")),))
    >>> export = export_sales_entries([invoice], [family])
    >>> export.booked, b"<Value>-717.50</Value>" in export.xml
    (('2026010001',), True)
    """
    stream = stream_sales_entries(invoices, families, settings)
    xml = b"".join(stream)
    if strict and stream.report.has_errors:
        raise InvalidExportError(stream.report.errors)

    return SalesEntriesExport(
        xml=xml,
        report=stream.report,
        booked=stream.booked,
        left_out=stream.left_out,
    )


def stream_sales_entries(
    invoices: Sequence[Invoice],
    families: Sequence[Family],
    settings: ExportSettings | None = None,
) -> SalesEntriesStream:
    """Return the sales-entry file as a stream of chunks, one per entry.

    ``b"".join(stream)`` is the file :func:`export_sales_entries` returns.

    >>> stream = stream_sales_entries([], [])
    >>> b"".join(stream).startswith(b"<?xml")
    True
    >>> stream.booked
    ()
    """
    return SalesEntriesStream(invoices, families, settings)


class SalesEntriesStream:
    """The sales-entry file, written one entry at a time.

    The stream can be iterated once. It reads ``invoices`` twice, so give a
    sequence rather than a one-shot iterator: the first pass only counts the
    invoice numbers, the second checks and writes one invoice at a time.
    Before that, it indexes ``families`` (family id → the family object
    itself, and the ids of families whose customer has an error, from
    :func:`bitcare_exact.accounts.validate_accounts`); nothing else is kept
    but the issues and the invoice numbers. ``report``, ``booked`` and
    ``left_out`` are known once the stream is exhausted, and raise
    :class:`~bitcare_exact.accounts.StreamStateError` before that (as does a
    second iteration).

    >>> stream = SalesEntriesStream([], [])
    >>> chunks = list(stream)
    >>> len(chunks), stream.report.codes
    (2, ())
    """

    def __init__(
        self,
        invoices: Sequence[Invoice],
        families: Sequence[Family],
        settings: ExportSettings | None = None,
    ) -> None:
        self._invoices = invoices
        self._families = families
        self._settings = settings or ExportSettings()
        self._started = False
        self._outcome: _Outcome | None = None

    def __iter__(self) -> Iterator[bytes]:
        """Start writing; a second iteration raises."""
        if self._started:
            msg = "a SalesEntriesStream can be read only once"
            raise StreamStateError(msg)
        self._started = True
        return self._chunks()

    @property
    def report(self) -> Report:
        """The issues found, once the stream is exhausted."""
        return self._finished().report

    @property
    def booked(self) -> tuple[str, ...]:
        """The invoice numbers written, in input order."""
        return self._finished().booked

    @property
    def left_out(self) -> tuple[str, ...]:
        """The invoice numbers left out, in input order."""
        return self._finished().left_out

    def _finished(self) -> _Outcome:
        if self._outcome is None:
            msg = "read the SalesEntriesStream to its end before asking for results"
            raise StreamStateError(msg)
        return self._outcome

    def _chunks(self) -> Iterator[bytes]:
        batch, settings_issues = _first_pass(
            self._invoices,
            self._families,
            self._settings,
        )
        issues = list(settings_issues)
        booked: list[str] = []
        left_out: list[str] = []
        yield DOCUMENT_START.encode()
        for position, invoice in enumerate(self._invoices):
            entry, found = _InvoiceCheck(invoice, position, batch).run()
            issues.extend(found)
            if entry is None:
                left_out.append(invoice.number)
                continue
            # GLTransactions is opened lazily: it must hold at least one entry.
            opening = "" if booked else SECTION_START
            booked.append(invoice.number)
            yield (opening + entry_xml(entry)).encode()
        closing = SECTION_END if booked else ""
        yield (closing + DOCUMENT_END).encode()
        self._outcome = _Outcome(
            report=Report(tuple(issues)),
            booked=tuple(booked),
            left_out=tuple(left_out),
        )


@attrs.frozen(kw_only=True)
class _Outcome:
    """What a finished stream tells."""

    report: Report
    booked: tuple[str, ...]
    left_out: tuple[str, ...]


@attrs.frozen(kw_only=True)
class _Settings:
    """The export settings as written: stripped, blank defaults as ``None``."""

    journal: str
    currency: str
    gl_account: str | None
    vat_code: str | None
    conditions: Mapping[PaymentMethod, str]


@attrs.frozen(kw_only=True)
class _Batch:
    """What the first pass learns about the whole batch."""

    settings: _Settings
    settings_codes: tuple[str, ...]
    families: Mapping[str, tuple[int, Family]]
    debtor_errors: Mapping[str | None, tuple[str, ...]]
    duplicates: Mapping[str, int]


def _first_pass(
    invoices: Sequence[Invoice],
    families: Sequence[Family],
    settings: ExportSettings,
) -> tuple[_Batch, tuple[Issue, ...]]:
    resolved, issues = _check_settings(settings)
    batch = _Batch(
        settings=resolved,
        settings_codes=tuple(dict.fromkeys(i.code for i in issues if _is_error(i))),
        families=_family_index(families),
        debtor_errors=_debtor_errors(families),
        duplicates=_duplicate_numbers(invoices),
    )

    return batch, issues


def _is_error(issue: Issue) -> bool:
    return issue.severity is Severity.ERROR


def _family_index(families: Sequence[Family]) -> dict[str, tuple[int, Family]]:
    # A family id given twice is a customer error (reported by the customer
    # checks), so which of the two the index keeps does not matter.
    index: dict[str, tuple[int, Family]] = {}
    for position, family in enumerate(families):
        index.setdefault(family.id, (position, family))
    return index


def _debtor_errors(families: Sequence[Family]) -> dict[str | None, tuple[str, ...]]:
    codes: dict[str | None, dict[str, None]] = {}
    for issue in validate_accounts(families).errors:
        codes.setdefault(issue.family_id, {})[issue.code] = None
    return {family_id: tuple(found) for family_id, found in codes.items()}


def _duplicate_numbers(invoices: Sequence[Invoice]) -> dict[str, int]:
    counts = Counter(invoice.number.strip() for invoice in invoices)
    return {number: count for number, count in counts.items() if number and count > 1}


def _check_settings(settings: ExportSettings) -> tuple[_Settings, tuple[Issue, ...]]:
    issues: list[Issue] = []
    journal = settings.journal.strip()
    if journal:
        _append(issues, _code_text(journal, "journal", "Journal", "Dagboek"))
    else:
        issues.append(_settings_issue("journal_missing", "journal", settings.journal))
    currency = settings.currency.strip()
    if not _CURRENCY.fullmatch(currency):
        issues.append(
            _settings_issue("currency_invalid", "currency", settings.currency),
        )
    resolved = _Settings(
        journal=journal,
        currency=currency.upper(),
        gl_account=_default_code(settings.gl_account, "gl_account", issues),
        vat_code=_default_code(settings.vat_code, "vat_code", issues),
        conditions=_conditions(settings.payment_conditions, issues),
    )

    return resolved, tuple(issues)


def _settings_issue(kind: str, key: str, found: str) -> Issue:
    return make_issue(f"settings.{kind}", f"$.settings.{key}", found=found)


def _code_text(value: str, key: str, field: str, field_nl: str) -> Issue | None:
    return check_text(
        value,
        f"$.settings.{key}",
        field=field,
        field_nl=field_nl,
        limit=None,
    )


def _append(issues: list[Issue], issue: Issue | None) -> None:
    if issue is not None:
        issues.append(issue)


def _default_code(value: str, key: str, issues: list[Issue]) -> str | None:
    # A blank default is no default: the lines that need one are reported.
    code = value.strip()
    if not code:
        return None
    field, field_nl = _CODE_FIELDS[key]
    _append(issues, _code_text(code, key, field, field_nl))
    return code


def _conditions(
    conditions: Mapping[PaymentMethod, str],
    issues: list[Issue],
) -> dict[PaymentMethod, str]:
    # A blank code is no code: Exact's default condition applies, as in the
    # customer export (input-format.md, ExportSettings.payment_conditions).
    resolved: dict[PaymentMethod, str] = {}
    for method in PaymentMethod:
        code = conditions.get(method, "").strip()
        if code:
            # Worded as the customer export words it, so the two are equal.
            _append(
                issues,
                _code_text(
                    code,
                    f"payment_conditions.{method.value}",
                    f"Payment condition for {method.value}",
                    f"Betalingsconditie voor {method.value}",
                ),
            )
            resolved[method] = code
    return resolved


def _cents(amount: Decimal) -> Decimal | None:
    """Return ``amount`` with exactly two decimals, or ``None`` if it has no such form.

    >>> _cents(Decimal("1.5")), _cents(Decimal("1.005")), _cents(Decimal("sNaN"))
    (Decimal('1.50'), None, None)
    """
    # is_finite first: comparing a signalling NaN raises InvalidOperation.
    if not amount.is_finite() or amount.copy_abs() >= _AMOUNT_LIMIT:
        return None
    cents = amount.quantize(_CENT, context=_MONEY)
    return cents if cents == amount else None


def _ledger_value(amount: Decimal) -> str:
    """Return a revenue amount as a ledger-signed value: credit is negative.

    >>> _ledger_value(Decimal("717.50")), _ledger_value(Decimal("-45.00"))
    ('-717.50', '45.00')
    """
    if amount.is_zero():
        return "0.00"  # never "-0.00"
    return f"{amount.copy_negate():f}"


def _entry_number(number: str) -> str | None:
    if _ENTRY_NUMBER.fullmatch(number) and int(number) <= _ENTRY_MAX:
        return number
    return None


def _stripped(value: str | None) -> str:
    return (value or "").strip()


def _debtor_params(parent: Parent) -> dict[str, str]:
    name = " ".join(part for part in (parent.name_prefix, parent.last_name) if part)
    return {"parent_id": parent.id, "parent": parent.id, "name": name}


def _characters_legal(invoice: Invoice) -> bool:
    # One search over every text of the invoice instead of one per field: the
    # usual invoice has nothing to report. Only when this search finds a
    # character are the fields searched one by one, to say which.
    parts = [invoice.number, invoice.description or ""]
    for line in invoice.lines:
        parts.extend(
            (
                line.description,
                line.gl_account or "",
                line.vat_code or "",
                line.cost_center or "",
            ),
        )
    return illegal_character("".join(parts)) is None


_DESCRIPTION: Final = ("Description", "Omschrijving")
_LINE_DESCRIPTION: Final = ("Line description", "Regelomschrijving")
_NUMBER: Final = ("Invoice number", "Factuurnummer")


class _InvoiceCheck:
    """Check one invoice, collecting its issues, and prepare its entry.

    Paths are built only for the issues found, so a clean invoice costs no
    string formatting beyond what the file needs.
    """

    def __init__(self, invoice: Invoice, position: int, batch: _Batch) -> None:
        self.invoice = invoice
        self.position = position
        self.batch = batch
        self.issues: list[Issue] = []
        self.child_ids: tuple[str, ...] | None = None
        self.legal = _characters_legal(invoice)

    def run(self) -> tuple[SalesEntry | None, tuple[Issue, ...]]:
        """Return the prepared entry (``None`` on an error) and the issues."""
        number = self._number()
        account = self._debtor()
        self._due_date()
        description = self._description()
        lines, total = self._lines()
        if self.batch.settings_codes:
            codes = ", ".join(self.batch.settings_codes)
            path = f"$.invoices[{self.position}]"
            self._add("invoice.settings_invalid", path, codes=codes)
        entry = None
        if account is not None and total is not None and not self._has_errors():
            entry = self._entry(number, account, description, lines, total)

        return entry, tuple(self.issues)

    def _where(self, key: str, index: int | None = None) -> str:
        line = "" if index is None else f".lines[{index}]"
        return f"$.invoices[{self.position}]{line}.{key}"

    def _add(
        self,
        code: str,
        path: str,
        *,
        parent_id: str | None = None,
        **params: object,
    ) -> None:
        issue = make_issue(
            code,
            path,
            family_id=self.invoice.family_id,
            parent_id=parent_id,
            invoice_number=self.invoice.number,
            **params,
        )
        self.issues.append(issue)

    def _has_errors(self) -> bool:
        return any(_is_error(issue) for issue in self.issues)

    def _check_text(
        self,
        value: str,
        field: tuple[str, str],
        limit: int | None,
        where: tuple[str, int | None],
    ) -> None:
        if self.legal and (limit is None or len(value) <= limit):
            return
        issue = check_text(
            value,
            self._where(*where),
            field=field[0],
            field_nl=field[1],
            limit=limit,
            family_id=self.invoice.family_id,
            invoice_number=self.invoice.number,
        )
        if issue is not None:
            self.issues.append(issue)

    def _description(self) -> str | None:
        description = _stripped(self.invoice.description) or None
        if description is not None:
            where = ("description", None)
            self._check_text(description, _DESCRIPTION, _DESCRIPTION_LIMIT, where)
        return description

    def _number(self) -> str:
        number = self.invoice.number.strip()
        if not number:
            path = self._where("number")
            self._add("invoice.number_missing", path, found=self.invoice.number)
            return number
        self._check_text(number, _NUMBER, None, ("number", None))
        # Exact refuses an entry number in use ("Boekstuknummer in gebruik"),
        # and YourRef is the key integrations match on: one number, one entry.
        count = self.batch.duplicates.get(number)
        if count is not None:
            path = self._where("number")
            self._add("invoice.number_duplicate", path, found=number, count=count)
        return number

    def _debtor(self) -> str | None:
        found = self.batch.families.get(self.invoice.family_id)
        if found is None:
            path = self._where("family_id")
            self._add("invoice.family_unknown", path, found=self.invoice.family_id)
            return None
        position, family = found
        self.child_ids = tuple(child.id for child in family.children)
        path = f"$.families[{position}]"
        choice = contract_parent(family, path=path)
        codes = self.batch.debtor_errors.get(family.id)
        if codes is not None or choice.issue is not None:
            own = () if choice.issue is None else (choice.issue.code,)
            listed = ", ".join(dict.fromkeys((*(codes or ()), *own)))
            self._add("invoice.debtor_invalid", path, family=family.id, codes=listed)
        if choice.parent is None:
            return None
        return self._customer_number(choice.parent, f"{path}.parents[{choice.index}]")

    def _customer_number(self, parent: Parent, path: str) -> str | None:
        # The entry names its customer by code and Exact refuses an unknown
        # one; Bitcare keeps that code as the parent's Klantnummer.
        number = _stripped(parent.customer_number) or None
        if number is None:
            self._add(
                "invoice.customer_number_missing",
                f"{path}.customer_number",
                found=parent.customer_number,
                **_debtor_params(parent),
            )
        # Collection (payment method I) needs a signed mandate on the debtor's
        # own account (Bitcare: the mandate code on the contract parent's
        # bank account).
        if self.invoice.payment_method is PaymentMethod.DIRECT_DEBIT and not any(
            account.mandate is not None for account in parent.bank_accounts
        ):
            self._add(
                "invoice.direct_debit_without_mandate",
                self._where("payment_method"),
                found=len(parent.bank_accounts),
                **_debtor_params(parent),
            )
        return number

    def _due_date(self) -> None:
        due, date = self.invoice.due_date, self.invoice.date
        if due is not None and due < date:
            self._add(
                "invoice.due_before_date",
                self._where("due_date"),
                found=due.isoformat(),
                date=date.isoformat(),
            )

    def _lines(self) -> tuple[tuple[SalesEntryLine, ...], Decimal | None]:
        # GLTransaction needs at least one GLTransactionLine (XSD17 l.1181).
        if not self.invoice.lines:
            self._add("invoice.no_lines", self._where("lines"), found=0)
            return (), None
        prepared = []
        total: Decimal | None = Decimal(0)
        for index, line in enumerate(self.invoice.lines):
            entry_line, amount = self._line(line, index)
            prepared.append(entry_line)
            total = (
                None if total is None or amount is None else _MONEY.add(total, amount)
            )
        if total is not None and total.is_zero():
            self._add("invoice.zero_total", self._where("lines"), found="0.00")
        return tuple(prepared), total

    def _line(
        self,
        line: InvoiceLine,
        index: int,
    ) -> tuple[SalesEntryLine, Decimal | None]:
        amount = _cents(line.amount)
        settings = self.batch.settings
        # (x or "").strip() inline rather than _stripped(x): this runs for
        # every line of every invoice.
        prepared = SalesEntryLine(
            gl_account=(line.gl_account or "").strip() or settings.gl_account or "",
            vat_code=(line.vat_code or "").strip() or settings.vat_code or "",
            # An invalid amount is an error: the placeholder is never written.
            value="0.00" if amount is None else _ledger_value(amount),
            description=(line.description or "").strip() or None,
            cost_center=(line.cost_center or "").strip() or None,
        )
        if amount is None or not self._line_clean(prepared, line.child_id):
            self._line_issues(line, index, prepared)
        return prepared, amount

    def _line_clean(self, prepared: SalesEntryLine, child_id: str | None) -> bool:
        # The quick test for the usual line; when it fails, _line_issues
        # looks at each field and reports what is wrong.
        description = prepared.description
        known = self.child_ids
        return (
            self.legal
            and bool(prepared.gl_account and prepared.vat_code)
            and (description is None or len(description) <= _DESCRIPTION_LIMIT)
            and (child_id is None or known is None or child_id in known)
        )

    def _line_issues(
        self,
        line: InvoiceLine,
        index: int,
        prepared: SalesEntryLine,
    ) -> None:
        if _cents(line.amount) is None:
            path = self._where("amount", index)
            self._add("line.amount_invalid", path, found=str(line.amount))
        self._code(line.gl_account, prepared.gl_account, "gl_account", index)
        self._code(line.vat_code, prepared.vat_code, "vat_code", index)
        if prepared.description is not None:
            where = ("description", index)
            field, limit = _LINE_DESCRIPTION, _DESCRIPTION_LIMIT
            self._check_text(prepared.description, field, limit, where)
        if prepared.cost_center is not None:
            where = ("cost_center", index)
            field = _CODE_FIELDS["cost_center"]
            self._check_text(prepared.cost_center, field, None, where)
        self._child(line.child_id, index)

    def _code(self, value: str | None, resolved: str, key: str, index: int) -> None:
        if not resolved:
            self._add(f"line.{key}_missing", self._where(key, index), found=value)
        elif _stripped(value):
            # The line's own code; a default was checked with the settings.
            self._check_text(resolved, _CODE_FIELDS[key], None, (key, index))

    def _child(self, child_id: str | None, index: int) -> None:
        known = self.child_ids
        if child_id is None or known is None or child_id in known:
            return
        self._add(
            "line.child_unknown",
            self._where("child_id", index),
            found=child_id,
            family=self.invoice.family_id,
        )

    def _entry(
        self,
        number: str,
        account: str,
        description: str | None,
        lines: tuple[SalesEntryLine, ...],
        total: Decimal,
    ) -> SalesEntry:
        settings = self.batch.settings
        return SalesEntry(
            entry=_entry_number(number),
            your_ref=number,
            credit_note=total < 0,
            journal=settings.journal,
            currency=settings.currency,
            account=account,
            date=self.invoice.date,
            lines=lines,
            payment_condition=settings.conditions.get(self.invoice.payment_method),
            description=description,
            due_date=self.invoice.due_date,
        )
