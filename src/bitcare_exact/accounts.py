"""Customers for Exact Online: check the families, write the Accounts file.

Every family's contract-responsible parent becomes one Exact customer
(*klant*, topic ``Accounts``). :func:`validate_accounts` only checks;
:func:`export_accounts` checks and writes the whole file at once;
:func:`stream_accounts` writes it in pieces, one customer at a time, for
exports too large to hold twice in memory. All three run the same checks
(:func:`bitcare_exact.validation.check_family`), so a family is exported
exactly when :func:`validate_accounts` reports no error for it.

A family with an error is left out of the file and reported; a warning never
keeps a family out. Nothing is read from or written to disk here.

``families`` may be any iterable. The families are read in two passes (see
:class:`AccountsStream`), so a one-shot iterator, such as a generator, is
first read once into a tuple; a list, a tuple or any other re-iterable
collection is used as it is, without a copy.

More information:

- the rules and their codes: :data:`bitcare_exact.catalogue.RULES`
- what the file holds: :mod:`bitcare_exact.serialize.accounts`
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from bitcare_exact._inputs import reusable
from bitcare_exact._settings import usable_payment_conditions
from bitcare_exact._stream import OneShotStream, StreamOutcome
from bitcare_exact.errors import InvalidExportError
from bitcare_exact.issues import Issue, Report
from bitcare_exact.model import ExportSettings, Family, PaymentMethod
from bitcare_exact.serialize._xml import DOCUMENT_END, DOCUMENT_START
from bitcare_exact.serialize.accounts import ACCOUNTS_END, ACCOUNTS_START, account_xml
from bitcare_exact.validation import build_account_index, check_family


__all__ = [
    "AccountsExport",
    "AccountsStream",
    "export_accounts",
    "stream_accounts",
    "validate_accounts",
]


def validate_accounts(
    families: Iterable[Family],
    *,
    require_customer_numbers: bool = False,
) -> Report:
    """Check every family's customer without writing anything.

    A family whose issues (those with its ``family_id``) include an error is
    the family the export leaves out. ``require_customer_numbers`` makes a
    missing Klantnummer an error (``customer_number.required``) instead of
    a warning (once Exact holds every customer, a missing number is a
    mistake). ``families`` may be any iterable, a generator included.

    >>> from bitcare_exact.model import Parent
    >>> families = [Family(id="F1", parents=(Parent(id="P1", last_name=" "),))]
    >>> validate_accounts(families).errors[0].code
    'parent.name_missing'
    """
    families = reusable(families)
    index = build_account_index(families)
    issues: list[Issue] = []
    for position, family in enumerate(families):
        _, found = check_family(
            family,
            position,
            index,
            require_customer_numbers=require_customer_numbers,
        )
        issues.extend(found)

    return Report(tuple(issues))


@attrs.frozen(kw_only=True)
class AccountsExport:
    """The Accounts file and what happened to each family.

    ``exported`` and ``left_out`` hold family ids in input order; together
    they hold every family once (a family id given twice appears twice).

    >>> AccountsExport(xml=b"", report=Report(), exported=(), left_out=()).exported
    ()
    """

    xml: bytes
    report: Report
    exported: tuple[str, ...]
    left_out: tuple[str, ...]


class AccountsStream(OneShotStream):
    r"""The Accounts file in pieces (``bytes``): its start, one per customer, its end.

    Iterate once; the pieces joined are the bytes :func:`export_accounts`
    returns. After the last piece, :attr:`report`, :attr:`exported` and
    :attr:`left_out` tell what happened; before it they raise
    :class:`~bitcare_exact.errors.StreamStateError`.

    The families are read twice: once to find the Klantnummers, mandate
    references and ids used more than once (only those strings are kept),
    and once to check and write one family at a time. A collection that
    gives the same families on each pass, such as a list or a lazy sequence
    that rebuilds them, is read as it is, and the stream itself keeps no
    family. A one-shot iterator, such as a generator, is read into a tuple
    when the stream is made, so the stream then holds those input records
    (to keep memory flat for a very large export, give a lazy sequence).

    >>> stream = AccountsStream([])
    >>> b"".join(stream).decode().endswith("</eExact>\n"), stream.exported
    (True, ())
    """

    def __init__(
        self,
        families: Iterable[Family],
        settings: ExportSettings | None = None,
        *,
        require_customer_numbers: bool = False,
    ) -> None:
        super().__init__()
        self._families = reusable(families)
        self._settings = ExportSettings() if settings is None else settings
        self._require = require_customer_numbers

    @property
    def exported(self) -> tuple[str, ...]:
        """The ids of the families written, in input order."""
        return self._result().written

    def _chunks(self) -> Iterator[bytes]:
        issues: list[Issue] = []
        exported: list[str] = []
        left_out: list[str] = []
        conditions = usable_payment_conditions(
            self._settings.payment_conditions, issues
        )
        index = build_account_index(self._families)
        yield DOCUMENT_START.encode()
        opened = False
        for position, family in enumerate(self._families):
            account, found = check_family(
                family,
                position,
                index,
                require_customer_numbers=self._require,
            )
            issues.extend(found)
            if account is None:
                left_out.append(family.id)
                continue
            exported.append(family.id)
            condition = conditions.get(
                PaymentMethod.DIRECT_DEBIT
                if account.has_mandate
                else PaymentMethod.BANK_TRANSFER,
            )
            piece = account_xml(account, condition)
            yield (piece if opened else ACCOUNTS_START + piece).encode()
            opened = True
        yield ((ACCOUNTS_END if opened else "") + DOCUMENT_END).encode()
        self._finish(
            StreamOutcome(Report(tuple(issues)), tuple(exported), tuple(left_out)),
        )


def stream_accounts(
    families: Iterable[Family],
    settings: ExportSettings | None = None,
    *,
    require_customer_numbers: bool = False,
) -> AccountsStream:
    """Write the Accounts file piece by piece; see :class:`AccountsStream`.

    ``families`` is read twice (see :class:`AccountsStream`); the pieces are
    those of :func:`export_accounts` with the same arguments.

    >>> from bitcare_exact.model import Parent
    >>> stream = stream_accounts([Family(id="F1",
    ...                                  parents=(Parent(id="P1", last_name="Smit"),))])
    >>> pieces = list(stream)
    >>> len(pieces), stream.exported
    (3, ('F1',))
    """
    return AccountsStream(
        families,
        settings,
        require_customer_numbers=require_customer_numbers,
    )


def export_accounts(
    families: Iterable[Family],
    settings: ExportSettings | None = None,
    *,
    require_customer_numbers: bool = False,
    strict: bool = False,
) -> AccountsExport:
    """Check the families and write the whole Accounts file (UTF-8 bytes).

    ``settings`` gives the payment-condition codes: a customer with a mandate
    gets the direct-debit condition, any other the bank-transfer one; without
    a code no condition is written. With ``strict``, any error raises one
    :class:`~bitcare_exact.errors.InvalidExportError` listing every error
    instead of returning.

    Raises:
        InvalidExportError: ``strict`` is set and an error was found.

    >>> from bitcare_exact.model import Parent
    >>> export = export_accounts([Family(id="F1",
    ...                                  parents=(Parent(id="P1", last_name="Smit"),))])
    >>> export.exported, b"<Name>Smit</Name>" in export.xml
    (('F1',), True)
    """
    stream = stream_accounts(
        families,
        settings,
        require_customer_numbers=require_customer_numbers,
    )
    xml = b"".join(stream)
    report = stream.report
    if strict and report.has_errors:
        raise InvalidExportError(report.errors)

    return AccountsExport(
        xml=xml,
        report=report,
        exported=stream.exported,
        left_out=stream.left_out,
    )
