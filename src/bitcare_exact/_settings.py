"""The payment conditions of the export settings, as both Exact files use them.

A blank code means none: Exact's default condition applies (input-format.md,
``ExportSettings.payment_conditions``). A code with a character XML cannot hold
is reported (paths ``$.settings.payment_conditions.<method>``) and not used.
The customer file and the sales-entry file both resolve the codes here, so
they report the same issue for the same code.
"""

from __future__ import annotations

from collections.abc import Mapping

from bitcare_exact._text import check_text
from bitcare_exact.issues import Issue
from bitcare_exact.model import PaymentMethod


__all__ = ["usable_payment_conditions"]


def usable_payment_conditions(
    conditions: Mapping[PaymentMethod, str],
    issues: list[Issue],
) -> dict[PaymentMethod, str]:
    r"""Return the usable codes, stripped, per method; add the others' issues.

    >>> issues = []
    >>> codes = {PaymentMethod.DIRECT_DEBIT: " 14 ",
    ...          PaymentMethod.BANK_TRANSFER: "\x00"}
    >>> usable_payment_conditions(codes, issues)
    {<PaymentMethod.DIRECT_DEBIT: 'direct_debit'>: '14'}
    >>> [issue.path for issue in issues]
    ['$.settings.payment_conditions.bank_transfer']
    """
    usable: dict[PaymentMethod, str] = {}
    for method in PaymentMethod:
        code = conditions.get(method, "").strip()
        if not code:
            continue
        issue = check_text(
            code,
            f"$.settings.payment_conditions.{method.value}",
            field=f"Payment condition for {method.value}",
            field_nl=f"Betalingsconditie voor {method.value}",
            limit=None,
        )
        if issue is None:
            usable[method] = code
        else:
            issues.append(issue)
    return usable
