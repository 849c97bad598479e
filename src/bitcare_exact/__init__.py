"""Bitcare childcare billing data, checked and written as Exact Online files.

``bitcare_exact`` reads a Bitcare export (the interchange document), picks each
family's contract-responsible parent, checks everything Exact needs, and
writes Exact Online eExact XML files: customers (topic ``Accounts``) and
invoices as sales-journal entries (topic ``GLTransactions``). Every family and
invoice is either exported or reported, with a message in Dutch and English
that says what to fix where in Bitcare.

The library does no I/O: give it data, get bytes and a report back. The
command line (``python -m bitcare_exact``) is the one part that reads and
writes files.
"""

from __future__ import annotations

from bitcare_exact.accounts import (
    AccountsExport,
    AccountsStream,
    export_accounts,
    stream_accounts,
    validate_accounts,
)
from bitcare_exact.catalogue import RULES, Rule
from bitcare_exact.converters import structure_document, unstructure_document
from bitcare_exact.errors import (
    BitcareExactError,
    InvalidDocumentError,
    InvalidExportError,
    StreamStateError,
)
from bitcare_exact.issues import Issue, Report, Severity
from bitcare_exact.model import (
    Address,
    BankAccount,
    Child,
    Document,
    ExportSettings,
    Family,
    Gender,
    Invoice,
    InvoiceLine,
    Mandate,
    MandateScheme,
    Parent,
    PaymentMethod,
)
from bitcare_exact.parents import ContractParent, contract_parent
from bitcare_exact.sales import (
    SalesEntriesExport,
    SalesEntriesStream,
    export_sales_entries,
    stream_sales_entries,
    validate_sales_entries,
)


__all__ = [
    "RULES",
    "AccountsExport",
    "AccountsStream",
    "Address",
    "BankAccount",
    "BitcareExactError",
    "Child",
    "ContractParent",
    "Document",
    "ExportSettings",
    "Family",
    "Gender",
    "InvalidDocumentError",
    "InvalidExportError",
    "Invoice",
    "InvoiceLine",
    "Issue",
    "Mandate",
    "MandateScheme",
    "Parent",
    "PaymentMethod",
    "Report",
    "Rule",
    "SalesEntriesExport",
    "SalesEntriesStream",
    "Severity",
    "StreamStateError",
    "__version__",
    "contract_parent",
    "export_accounts",
    "export_sales_entries",
    "stream_accounts",
    "stream_sales_entries",
    "structure_document",
    "unstructure_document",
    "validate_accounts",
    "validate_sales_entries",
]


def __getattr__(name: str) -> str:
    """Give ``__version__`` on first use.

    Reading the installed metadata costs about 40 ms of ``importlib.metadata``,
    so it is not done at import time.

    >>> import bitcare_exact
    >>> bitcare_exact.__version__ == _installed_version()
    True
    """
    if name == "__version__":
        return _installed_version()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - see __getattr__

    try:
        return version("bitcare-exact")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
