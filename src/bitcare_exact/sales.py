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

``invoices`` and ``families`` may be any iterables: both are read more than
once, so a one-shot iterator (a generator, say) is first read once into a
tuple, and any other collection is used as it is.

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

from collections.abc import Iterable, Iterator

import attrs

from bitcare_exact._inputs import reusable
from bitcare_exact._sales_batch import first_pass
from bitcare_exact._sales_checks import InvoiceCheck
from bitcare_exact._stream import OneShotStream, StreamOutcome
from bitcare_exact.errors import InvalidExportError
from bitcare_exact.issues import Issue, Report
from bitcare_exact.model import ExportSettings, Family, Invoice
from bitcare_exact.serialize._xml import DOCUMENT_END, DOCUMENT_START
from bitcare_exact.serialize.sales_entries import SECTION_END, SECTION_START, entry_xml


__all__ = [
    "SalesEntriesExport",
    "SalesEntriesStream",
    "export_sales_entries",
    "stream_sales_entries",
    "validate_sales_entries",
]


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
    invoices: Iterable[Invoice],
    families: Iterable[Family],
    settings: ExportSettings | None = None,
    *,
    accounts_report: Report | None = None,
) -> Report:
    """Check every invoice and the settings; report, never raise, for data.

    The report holds the sales issues only (``invoice.*``, ``line.*``,
    ``settings.*`` and text checks of the invoices' fields); a customer's
    own problems are in :func:`bitcare_exact.accounts.validate_accounts`.

    Args:
        invoices: the invoices, in the order they are to be written.
        families: every family of the document (the debtors).
        settings: the Exact administration's codes; defaults as documented.
        accounts_report: the report of
            :func:`~bitcare_exact.accounts.validate_accounts` or
            :func:`~bitcare_exact.accounts.export_accounts` on these same
            ``families``, when the caller has one; see
            :class:`SalesEntriesStream`.

    Returns:
        The issues, settings first, then invoice by invoice.

    >>> validate_sales_entries([], []).codes
    ()
    """
    invoices = reusable(invoices)
    batch, settings_issues = first_pass(
        invoices,
        reusable(families),
        settings or ExportSettings(),
        accounts_report,
    )
    found = list(settings_issues)
    for position, invoice in enumerate(invoices):
        found.extend(InvoiceCheck(invoice, position, batch).run()[1])

    return Report(tuple(found))


def export_sales_entries(
    invoices: Iterable[Invoice],
    families: Iterable[Family],
    settings: ExportSettings | None = None,
    *,
    strict: bool = False,
    accounts_report: Report | None = None,
) -> SalesEntriesExport:
    """Write every bookable invoice as a sales entry; report the others.

    Args:
        invoices: the invoices, in the order they are to be written.
        families: every family of the document (the debtors).
        settings: the Exact administration's codes; defaults as documented.
        strict: raise instead of leaving invoices out.
        accounts_report: the report of
            :func:`~bitcare_exact.accounts.validate_accounts` or
            :func:`~bitcare_exact.accounts.export_accounts` on these same
            ``families``, when the caller has one; see
            :class:`SalesEntriesStream`.

    Returns:
        The eExact XML file (UTF-8), the report and the booked and left-out
        invoice numbers.

    Raises:
        InvalidExportError: ``strict`` is set and the report has errors; it
            lists every error.

    >>> import datetime
    >>> from decimal import Decimal
    >>> from bitcare_exact.model import InvoiceLine, Parent
    >>> family = Family(id="F1", parents=(
    ...     Parent(id="P1", last_name="Smit", customer_number="20417"),))
    >>> invoice = Invoice(number="2026010001", family_id="F1",
    ...                   date=datetime.date(2026, 1, 1), lines=(
    ...     InvoiceLine(description="Dagopvang", amount=Decimal("717.50")),))
    >>> export = export_sales_entries([invoice], [family])
    >>> export.booked, b"<Value>-717.50</Value>" in export.xml
    (('2026010001',), True)
    """
    stream = stream_sales_entries(
        invoices,
        families,
        settings,
        accounts_report=accounts_report,
    )
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
    invoices: Iterable[Invoice],
    families: Iterable[Family],
    settings: ExportSettings | None = None,
    *,
    accounts_report: Report | None = None,
) -> SalesEntriesStream:
    """Return the sales-entry file as a stream of chunks, one per entry.

    ``b"".join(stream)`` is the file :func:`export_sales_entries` returns
    with the same arguments; see :class:`SalesEntriesStream` for what the
    stream needs from its input and for ``accounts_report``.

    >>> stream = stream_sales_entries([], [])
    >>> b"".join(stream).startswith(b"<?xml")
    True
    >>> stream.booked
    ()
    """
    return SalesEntriesStream(
        invoices,
        families,
        settings,
        accounts_report=accounts_report,
    )


class SalesEntriesStream(OneShotStream):
    """The sales-entry file, written one entry at a time.

    The stream can be iterated once. It reads ``invoices`` twice: the first
    pass only counts the invoice numbers, the second checks and writes one
    invoice at a time. A collection that gives the same invoices on each
    pass (a list, a lazy sequence) is read as it is; a one-shot iterator,
    such as a generator, is read into a tuple when the stream is made, so
    the stream then holds those input records. ``families`` likewise.
    Before that, it indexes ``families`` (family id → the family object
    itself) and learns which families' customers have an error: from
    ``accounts_report`` when given, else from
    :func:`bitcare_exact.accounts.validate_accounts`. Nothing else is kept
    but the issues and the invoice numbers. ``report``, ``booked`` and
    ``left_out`` are known once the stream is exhausted, and raise
    :class:`~bitcare_exact.errors.StreamStateError` before that (as does a
    second iteration).

    ``accounts_report`` saves checking the customers twice when the caller
    has already checked them (with
    :func:`~bitcare_exact.accounts.validate_accounts` or
    :func:`~bitcare_exact.accounts.export_accounts`, any settings): it must
    be the report of these same ``families``. It is trusted, not checked: a
    family is taken to have a customer error exactly when the report holds
    an error with its ``family_id``. A report of other families therefore
    books invoices whose customer has an error, or leaves out invoices of a
    clean customer as ``invoice.debtor_invalid``; an empty report makes
    every customer count as clean. A report made with
    ``require_customer_numbers=True`` counts a missing Klantnummer as a
    customer error (``customer_number.required``); the invoice then says so
    once, as ``invoice.customer_number_missing``, and is reported as
    ``invoice.debtor_invalid`` only for the customer's other errors.

    >>> stream = SalesEntriesStream([], [])
    >>> chunks = list(stream)
    >>> len(chunks), stream.report.codes
    (2, ())
    """

    def __init__(
        self,
        invoices: Iterable[Invoice],
        families: Iterable[Family],
        settings: ExportSettings | None = None,
        *,
        accounts_report: Report | None = None,
    ) -> None:
        super().__init__()
        self._invoices = reusable(invoices)
        self._families = reusable(families)
        self._settings = settings or ExportSettings()
        self._accounts_report = accounts_report

    @property
    def booked(self) -> tuple[str, ...]:
        """The invoice numbers written, in input order."""
        return self._result().written

    def _chunks(self) -> Iterator[bytes]:
        batch, settings_issues = first_pass(
            self._invoices,
            self._families,
            self._settings,
            self._accounts_report,
        )
        issues: list[Issue] = list(settings_issues)
        booked: list[str] = []
        left_out: list[str] = []
        yield DOCUMENT_START.encode()
        for position, invoice in enumerate(self._invoices):
            entry, found = InvoiceCheck(invoice, position, batch).run()
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
        self._finish(
            StreamOutcome(Report(tuple(issues)), tuple(booked), tuple(left_out)),
        )
