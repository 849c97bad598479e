"""The checks of one invoice, and its sales entry when nothing stops it.

:class:`InvoiceCheck` runs every invoice rule (``invoice.*``, ``line.*`` and
the text checks of the invoice's own fields) and prepares the
:class:`~bitcare_exact.serialize.sales_entries.SalesEntry` the writer needs:
every text stripped, every code resolved against the settings, every amount
a ledger-signed string with two decimals. An invoice with an error gets no
entry.

A clean invoice is the usual case, so it takes the quick road: one search
for illegal characters over all of its texts, one cached lookup per distinct
amount (:func:`~bitcare_exact._sales_values.ledger_amount`), and paths built
only for the issues found. Only an invoice that fails a quick test is looked
at field by field.

More information:

- Exact Online eExact XML schema (2017), ``eExact-XML.xsd``: ``GLTransaction``
  (at least one line), ``typeDescription`` (255 characters)
- the rules and their codes: :data:`bitcare_exact.catalogue.RULES`
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Final

from bitcare_exact._sales_batch import CODE_FIELDS, Batch
from bitcare_exact._sales_values import MONEY, entry_number, ledger_amount
from bitcare_exact._text import check_text
from bitcare_exact.issues import Issue, Severity, make_issue
from bitcare_exact.model import Invoice, InvoiceLine, Parent, PaymentMethod
from bitcare_exact.parents import contract_parent
from bitcare_exact.serialize._xml import illegal_character
from bitcare_exact.serialize.sales_entries import SalesEntry, SalesEntryLine


__all__ = ["InvoiceCheck"]

# Description is typeDescription, an extension of typeString255 (XSD17 l.3268).
_DESCRIPTION_LIMIT: Final = 255
_ZERO: Final = Decimal(0)
_DESCRIPTION: Final = ("Description", "Omschrijving")
_LINE_DESCRIPTION: Final = ("Line description", "Regelomschrijving")
_NUMBER: Final = ("Invoice number", "Factuurnummer")
# Called unbound, so that a datetime counts only by its calendar date.
_DAY: Final = datetime.date.toordinal
_ISO_DATE: Final = datetime.date.isoformat


def _debtor_params(parent: Parent) -> dict[str, str]:
    name = " ".join(part for part in (parent.name_prefix, parent.last_name) if part)
    return {"parent_id": parent.id, "parent": parent.id, "name": name}


def _without_required_number(
    codes: tuple[str, ...],
    parent: Parent,
) -> tuple[str, ...] | None:
    # A debtor without Klantnummer gets invoice.customer_number_missing, which
    # says it more precisely than debtor_invalid naming the customer report's
    # customer_number.required; the other customer errors are still named.
    if (parent.customer_number or "").strip():
        return codes
    rest = tuple(code for code in codes if code != "customer_number.required")
    return rest or None


def _characters_legal(invoice: Invoice) -> bool:
    # One search over every text of the invoice instead of one per field: the
    # usual invoice has nothing to report. Only when this search finds a
    # character are the fields searched one by one, to say which.
    parts = [invoice.number, invoice.description or ""]
    for line in invoice.lines:
        parts += (
            line.description,
            line.gl_account or "",
            line.vat_code or "",
            line.cost_center or "",
        )
    joined = "".join(parts)
    # A printable text holds no control character, surrogate or
    # noncharacter, so it is legal XML; isprintable is the quicker test.
    return joined.isprintable() or illegal_character(joined) is None


class InvoiceCheck:
    """Check one invoice, collecting its issues, and prepare its entry.

    >>> from bitcare_exact._sales_batch import first_pass
    >>> from bitcare_exact.model import ExportSettings
    >>> invoice = Invoice(number="7", family_id="F9", date=datetime.date(2026, 1, 1))
    >>> batch, _ = first_pass((invoice,), (), ExportSettings())
    >>> entry, issues = InvoiceCheck(invoice, 0, batch).run()
    >>> entry, [issue.code for issue in issues]
    (None, ['invoice.family_unknown', 'invoice.no_lines'])
    """

    __slots__ = ("batch", "child_ids", "invoice", "issues", "legal", "position")

    def __init__(self, invoice: Invoice, position: int, batch: Batch) -> None:
        self.invoice = invoice
        self.position = position
        self.batch = batch
        self.issues: list[Issue] = []
        self.child_ids: list[str] | None = None
        self.legal = _characters_legal(invoice)

    def run(self) -> tuple[SalesEntry | None, list[Issue]]:
        """Return the prepared entry (``None`` on an error) and the issues."""
        number = self._number()
        account = self._debtor()
        due_date = self.invoice.due_date
        # Compared as calendar days: a datetime (a date subclass) may stand
        # for either, and a datetime and a date cannot be compared directly.
        if due_date is not None and _DAY(due_date) < _DAY(self.invoice.date):
            self._due_before_date(due_date)
        description = self._description()
        lines, total = self._lines()
        if self.batch.settings_codes:
            codes = ", ".join(self.batch.settings_codes)
            self._add("invoice.settings_invalid", self._where(), codes=codes)
        if account is None or total is None or (self.issues and self._has_errors()):
            return None, self.issues

        return self._entry(number, account, description, lines, total), self.issues

    def _where(self, key: str | None = None, index: int | None = None) -> str:
        line = "" if index is None else f".lines[{index}]"
        field = "" if key is None else f".{key}"
        return f"$.invoices[{self.position}]{line}{field}"

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
        return any(issue.severity is Severity.ERROR for issue in self.issues)

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

    def _number(self) -> str:
        number = self.invoice.number.strip()
        if not number:
            path = self._where("number")
            self._add("invoice.number_missing", path, found=self.invoice.number)
            return number
        if not self.legal:
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
        self.child_ids = [child.id for child in family.children]
        # Only the code of a contract-parent issue is used, so no path is built.
        choice = contract_parent(family)
        codes = self.batch.debtor_errors.get(family.id)
        if codes is not None and choice.parent is not None:
            codes = _without_required_number(codes, choice.parent)
        if codes is not None or choice.issue is not None:
            own = () if choice.issue is None else (choice.issue.code,)
            listed = ", ".join(dict.fromkeys((*(codes or ()), *own)))
            path = f"$.families[{position}]"
            self._add("invoice.debtor_invalid", path, family=family.id, codes=listed)
        if choice.parent is None:
            return None
        return self._customer_number(choice.parent, position, choice.index)

    def _customer_number(
        self,
        parent: Parent,
        position: int,
        index: int | None,
    ) -> str | None:
        # The entry names its customer by code and Exact refuses an unknown
        # one; Bitcare keeps that code as the parent's Klantnummer.
        number = (parent.customer_number or "").strip() or None
        if number is None:
            self._add(
                "invoice.customer_number_missing",
                f"$.families[{position}].parents[{index}].customer_number",
                found=parent.customer_number or "",
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

    def _due_before_date(self, due_date: datetime.date) -> None:
        self._add(
            "invoice.due_before_date",
            self._where("due_date"),
            found=_ISO_DATE(due_date),
            date=_ISO_DATE(self.invoice.date),
        )

    def _description(self) -> str | None:
        description = (self.invoice.description or "").strip() or None
        if description is not None and (
            not self.legal or len(description) > _DESCRIPTION_LIMIT
        ):
            where = ("description", None)
            self._check_text(description, _DESCRIPTION, _DESCRIPTION_LIMIT, where)
        return description

    def _lines(self) -> tuple[tuple[SalesEntryLine, ...], Decimal | None]:
        # GLTransaction needs at least one GLTransactionLine (XSD17 l.1181).
        if not self.invoice.lines:
            self._add("invoice.no_lines", self._where("lines"), found=0)
            return (), None
        prepared = []
        total: Decimal | None = _ZERO
        for index, line in enumerate(self.invoice.lines):
            amount = ledger_amount(line.amount)
            prepared.append(self._line(line, index, amount))
            if total is not None:
                total = None if amount is None else MONEY.add(total, amount[0])
        if total is not None and total.is_zero():
            self._add("invoice.zero_total", self._where("lines"), found="0.00")
        return tuple(prepared), total

    def _line(
        self,
        line: InvoiceLine,
        index: int,
        amount: tuple[Decimal, str] | None,
    ) -> SalesEntryLine:
        settings = self.batch.settings
        # (x or "").strip() inline: this runs for every line of every invoice.
        prepared = SalesEntryLine(
            gl_account=(line.gl_account or "").strip() or settings.gl_account or "",
            vat_code=(line.vat_code or "").strip() or settings.vat_code or "",
            # An invalid amount is an error: its placeholder is never written.
            value="0.00" if amount is None else amount[1],
            description=line.description.strip() or None,
            cost_center=(line.cost_center or "").strip() or None,
        )
        # The quick test for the usual line; when it fails, _line_issues
        # looks at each field and reports what is wrong.
        description = prepared.description
        child_id, known = line.child_id, self.child_ids
        if (
            amount is None
            or not (self.legal and prepared.gl_account and prepared.vat_code)
            or (description is not None and len(description) > _DESCRIPTION_LIMIT)
            or (child_id is not None and known is not None and child_id not in known)
        ):
            self._line_issues(line, index, prepared, valid=amount is not None)
        return prepared

    def _line_issues(
        self,
        line: InvoiceLine,
        index: int,
        prepared: SalesEntryLine,
        *,
        valid: bool,
    ) -> None:
        if not valid:
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
            self._check_text(
                prepared.cost_center, CODE_FIELDS["cost_center"], None, where
            )
        self._child(line.child_id, index)

    def _code(self, value: str | None, resolved: str, key: str, index: int) -> None:
        if not resolved:
            path = self._where(key, index)
            self._add(f"line.{key}_missing", path, found=value or "")
        elif (value or "").strip():
            # The line's own code; a default was checked with the settings.
            self._check_text(resolved, CODE_FIELDS[key], None, (key, index))

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
            entry=entry_number(number),
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
