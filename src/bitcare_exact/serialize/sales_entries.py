"""The eExact ``GLTransactions`` writer: one sales entry per invoice.

A sales entry (*verkoopboeking*) is written as one ``GLTransaction`` in a
sales journal, with one ``GLTransactionLine`` per revenue line. Only the
revenue side is sent: Exact derives the receivable line and the VAT from the
journal, the customer and each line's VAT code. The writer takes entries that
validation has already prepared (:class:`SalesEntry`): every text stripped and
checked, every amount a ledger-signed string with two decimals. It escapes and
arranges, and decides nothing.

The records are named tuples rather than frozen attrs classes: one is built
for every invoice and every invoice line on the export's hot path, and a named
tuple is built in about half the time. They are as immutable.

Children follow the sequences of the 2017 schema (``GLTransaction``
l.1144-1186, ``GLTransactionLine`` l.983-1035, ``Amount`` l.3745-3768,
``References`` l.3421-3453); absent parts are left out, never written empty.

More information:

- Exact Online eExact XML schema (2017), ``eExact-XML.xsd``: elements
  ``GLTransaction``, ``GLTransactionLine``, ``Amount``, ``References``
- Exact Online REST reference, sales entries (the same entries, other API):
  https://start.exactonline.nl/docs/HlpRestAPIResourcesDetails.aspx?name=SalesEntrySalesEntries
"""

from __future__ import annotations

import datetime
import functools
from typing import Final, NamedTuple

from bitcare_exact.serialize._xml import attribute, text


__all__ = [
    "SECTION_END",
    "SECTION_START",
    "SalesEntry",
    "SalesEntryLine",
    "entry_xml",
]

SECTION_START: Final = "  <GLTransactions>\n"
SECTION_END: Final = "  </GLTransactions>\n"

# TransactionType/@number and GLTransactionLine/@type, XSD17 code list l.3161ff.
_SALES_ENTRY: Final = "20"
_SALES_CREDIT_NOTE: Final = "21"


class SalesEntryLine(NamedTuple):
    """One revenue line, ready to write.

    ``value`` is the ledger-signed amount with two decimals: revenue is a
    credit, so an invoice line of 717.50 is ``"-717.50"``.

    >>> SalesEntryLine(gl_account="8000", vat_code="0", value="-717.50").value
    '-717.50'
    """

    gl_account: str
    vat_code: str
    value: str
    description: str | None = None
    cost_center: str | None = None


class SalesEntry(NamedTuple):
    """One invoice as a sales entry, ready to write.

    ``entry`` is the entry number (*boekstuknummer*) when the invoice number
    may serve as one, else ``None`` (Exact then numbers the entry);
    ``your_ref`` is the invoice number as printed.

    >>> SalesEntry(entry=None, your_ref="F2026-0001", credit_note=False,
    ...            journal="70", currency="EUR", account="10060",
    ...            date=datetime.date(2026, 1, 1), lines=()).your_ref
    'F2026-0001'
    """

    entry: str | None
    your_ref: str
    credit_note: bool
    journal: str
    currency: str
    account: str
    date: datetime.date
    lines: tuple[SalesEntryLine, ...]
    payment_condition: str | None = None
    description: str | None = None
    due_date: datetime.date | None = None


def entry_xml(entry: SalesEntry) -> str:
    """Return the ``GLTransaction`` element of ``entry``, indented, one per line.

    >>> line = SalesEntryLine(gl_account="8000", vat_code="0", value="-10.00")
    >>> xml = entry_xml(SalesEntry(entry="7", your_ref="7", credit_note=False,
    ...                            journal="70", currency="EUR", account="1",
    ...                            date=datetime.date(2026, 1, 1), lines=(line,)))
    >>> xml.splitlines()[0]
    '    <GLTransaction entry="7">'
    """
    kind = _SALES_CREDIT_NOTE if entry.credit_note else _SALES_ENTRY
    # date.isoformat called unbound: a datetime (a date subclass) given as
    # the date would otherwise add its time, which xs:date refuses.
    date = datetime.date.isoformat(entry.date)
    account = f'<Account code="{attribute(entry.account)}"/>\n'
    opening, dated, middle, amount, tail = _shared(entry, kind, date, account)
    parts = [_header(entry, kind, date, account)]
    for number, line in enumerate(entry.lines, start=1):
        description = (
            ""
            if line.description is None
            else f"        <Description>{text(line.description)}</Description>\n"
        )
        cost_center = (
            ""
            if line.cost_center is None
            else f'        <Costcenter code="{_code(line.cost_center)}"/>\n'
        )
        parts.append(
            f"{opening}{number}{dated}"
            f'        <GLAccount code="{_code(line.gl_account)}"/>\n'
            f"{description}{middle}{cost_center}{amount}"
            f"          <Value>{line.value}</Value>\n"
            f'          <VAT code="{_code(line.vat_code)}"/>\n{tail}'
        )
    parts.append("    </GLTransaction>\n")

    return "".join(parts)


# Codes (ledger accounts, VAT codes, cost centres, the journal, the currency,
# payment conditions) repeat on almost every entry: escape each distinct one
# once. The cache is bounded.
_code = functools.lru_cache(maxsize=1024)(attribute)


def _header(entry: SalesEntry, kind: str, date: str, account: str) -> str:
    number = "" if entry.entry is None else f' entry="{entry.entry}"'
    condition = (
        ""
        if entry.payment_condition is None
        else f'      <PaymentCondition code="{_code(entry.payment_condition)}"/>\n'
    )
    description = (
        ""
        if entry.description is None
        else f"      <Description>{text(entry.description)}</Description>\n"
    )
    # FinYear and FinPeriod are left out: Exact derives them from Date with
    # the administration's own fiscal calendar.
    return (
        f"    <GLTransaction{number}>\n"
        f'      <TransactionType number="{kind}"/>\n'
        f'      <Journal code="{_code(entry.journal)}"/>\n'
        f"{condition}"
        f"      <Date>{date}</Date>\n"
        f"{description}"
        f"      {account}"
    )


def _shared(
    entry: SalesEntry,
    kind: str,
    date: str,
    account: str,
) -> tuple[str, str, str, str, str]:
    """Return the parts every line of ``entry`` repeats, in the order written."""
    due_date = (
        ""
        if entry.due_date is None
        else f"        <DueDate>{datetime.date.isoformat(entry.due_date)}</DueDate>\n"
    )
    # InvoiceNumber only with a numeric entry number (reference §8-§9);
    # YourRef always carries the number as printed. PaymentReference is left
    # out: Bitcare's payment reference is not in the interchange document.
    invoice_number = (
        ""
        if entry.entry is None
        else f"          <InvoiceNumber>{entry.entry}</InvoiceNumber>\n"
    )
    return (
        f'      <GLTransactionLine type="{kind}" line="',
        f'">\n        <Date>{date}</Date>\n',
        f"{due_date}        <InvoiceDate>{date}</InvoiceDate>\n        {account}",
        f'        <Amount>\n          <Currency code="{_code(entry.currency)}"/>\n',
        (
            f"        </Amount>\n        <References>\n{invoice_number}"
            f"          <YourRef>{text(entry.your_ref)}</YourRef>\n"
            "        </References>\n      </GLTransactionLine>\n"
        ),
    )
