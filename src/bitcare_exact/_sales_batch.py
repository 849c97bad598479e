"""What the sales-entry export learns once per batch, before any invoice.

The export settings of the Exact administration are checked once (paths
``$.settings.…``) and resolved to the codes the entries are written with.
The first pass over the batch then indexes the families (the debtors), finds
the families whose customer has an error, and counts the invoice numbers, so
that the second pass can check and write one invoice at a time.

More information:

- ISO 4217 currency codes (three letters): https://www.iso.org/iso-4217-currency-codes.html
- the customer checks the debtors rely on: :mod:`bitcare_exact.accounts`
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from bitcare_exact._inputs import reusable
from bitcare_exact._settings import usable_payment_conditions
from bitcare_exact._text import check_text
from bitcare_exact.accounts import validate_accounts
from bitcare_exact.issues import Issue, Report, Severity, make_issue
from bitcare_exact.model import ExportSettings, Family, Invoice, PaymentMethod


__all__ = ["CODE_FIELDS", "Batch", "BatchSettings", "first_pass"]

# ISO 4217 alphabetic codes are three ASCII letters; the quick test before
# the look-up in the list of codes.
_CURRENCY: Final = re.compile(r"[A-Za-z]{3}")
CODE_FIELDS: Final = {
    "gl_account": ("Ledger account", "Grootboekrekening"),
    "vat_code": ("VAT code", "Btw-code"),
    "cost_center": ("Cost centre", "Kostenplaats"),
}


@attrs.frozen(kw_only=True)
class BatchSettings:
    """The export settings as written: stripped, blank defaults as ``None``.

    >>> BatchSettings(journal="70", currency="EUR", gl_account=None,
    ...               vat_code="0", conditions={}).currency
    'EUR'
    """

    journal: str
    currency: str
    gl_account: str | None
    vat_code: str | None
    conditions: Mapping[PaymentMethod, str]


@attrs.frozen(kw_only=True)
class Batch:
    """What the first pass learns about the whole batch.

    ``families`` maps a family id to its position and the family itself;
    ``debtor_errors`` maps a family id to the error codes of its customer;
    ``duplicates`` maps an invoice number used more than once to its count;
    ``settings_codes`` holds the codes of the settings errors.

    >>> batch, _ = first_pass((), (), ExportSettings())
    >>> batch.settings.journal, batch.settings_codes
    ('70', ())
    """

    settings: BatchSettings
    settings_codes: tuple[str, ...]
    families: Mapping[str, tuple[int, Family]]
    debtor_errors: Mapping[str | None, tuple[str, ...]]
    duplicates: Mapping[str, int]


def first_pass(
    invoices: Iterable[Invoice],
    families: Iterable[Family],
    settings: ExportSettings,
    accounts_report: Report | None = None,
) -> tuple[Batch, tuple[Issue, ...]]:
    """Check the settings and learn the batch; return it and the settings issues.

    ``accounts_report`` is the customer report of the same families; without
    it the families are checked here with
    :func:`~bitcare_exact.accounts.validate_accounts`.

    >>> batch, issues = first_pass((), (), ExportSettings(journal=" "))
    >>> batch.settings_codes, issues[0].path
    (('settings.journal_missing',), '$.settings.journal')
    """
    resolved, issues = _check_settings(settings)
    # Read twice below (the customer checks and the index).
    families = reusable(families)
    report = validate_accounts(families) if accounts_report is None else accounts_report
    batch = Batch(
        settings=resolved,
        settings_codes=tuple(dict.fromkeys(i.code for i in issues if _is_error(i))),
        families=_family_index(families),
        debtor_errors=_debtor_errors(report),
        duplicates=_duplicate_numbers(invoices),
    )

    return batch, issues


def _is_error(issue: Issue) -> bool:
    return issue.severity is Severity.ERROR


def _family_index(families: Iterable[Family]) -> dict[str, tuple[int, Family]]:
    # A family id given twice is a customer error (reported by the customer
    # checks), so which of the two the index keeps does not matter.
    index: dict[str, tuple[int, Family]] = {}
    for position, family in enumerate(families):
        index.setdefault(family.id, (position, family))
    return index


def _debtor_errors(report: Report) -> dict[str | None, tuple[str, ...]]:
    codes: dict[str | None, dict[str, None]] = {}
    for issue in report.errors:
        codes.setdefault(issue.family_id, {})[issue.code] = None
    return {family_id: tuple(found) for family_id, found in codes.items()}


def _duplicate_numbers(invoices: Iterable[Invoice]) -> dict[str, int]:
    counts = Counter(invoice.number.strip() for invoice in invoices)
    return {number: count for number, count in counts.items() if number and count > 1}


def _check_settings(
    settings: ExportSettings,
) -> tuple[BatchSettings, tuple[Issue, ...]]:
    issues: list[Issue] = []
    journal = settings.journal.strip()
    if journal:
        _append(issues, _code_text(journal, "journal", "Journal", "Dagboek"))
    else:
        issues.append(_settings_issue("journal_missing", "journal", settings.journal))
    currency = settings.currency.strip()
    if not _CURRENCY.fullmatch(currency) or currency.upper() not in _currencies():
        issues.append(
            _settings_issue("currency_invalid", "currency", settings.currency),
        )
    resolved = BatchSettings(
        journal=journal,
        currency=currency.upper(),
        gl_account=_default_code(settings.gl_account, "gl_account", issues),
        vat_code=_default_code(settings.vat_code, "vat_code", issues),
        conditions=usable_payment_conditions(settings.payment_conditions, issues),
    )

    return resolved, tuple(issues)


@functools.cache
def _currencies() -> frozenset[str]:
    # ISO 4217 alphabetic codes as pycountry ships them; loaded on first use,
    # as in bitcare_exact.postal, to keep `import bitcare_exact` quick.
    import pycountry  # noqa: PLC0415 - see above

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


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
    field, field_nl = CODE_FIELDS[key]
    _append(issues, _code_text(code, key, field, field_nl))
    return code
