"""Amounts and entry numbers as Exact's ledger holds them.

Amounts are :class:`~decimal.Decimal` end to end and carried in whole cents:
an amount with more decimals is refused, never rounded, so an entry's total
is the sum of its lines to the cent. Exact's ledger is signed (debit
positive, credit negative) and revenue is a credit, so an invoice line's
amount is written negated (see :mod:`bitcare_exact.sales` for the sources).
An invoice number is the entry number (*boekstuknummer*) only when it is
one as it stands: digits without a leading zero, within 32 bits.

More information:

- Exact Online eExact XML schema (2017), ``eExact-XML.xsd``: ``GLTransaction``
  (``@entry`` is an integer)
- Exact Online REST reference, sales entries (``EntryNumber`` is Int32):
  https://start.exactonline.nl/docs/HlpRestAPIResourcesDetails.aspx?name=SalesEntrySalesEntries
"""

from __future__ import annotations

import decimal
import functools
import re
from decimal import Decimal
from typing import Final


__all__ = ["MONEY", "entry_number", "ledger_amount"]

_CENT: Final = Decimal("0.01")
# Amounts are carried in whole cents; a trillion or more on one childcare line
# is a typo, and the bound keeps every sum exact in MONEY.
_AMOUNT_LIMIT: Final = Decimal(10) ** 12
# Our own context, so that a caller's decimal context cannot round our sums.
MONEY: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    traps=[decimal.InvalidOperation],
)
# GLTransaction/@entry is xs:integer (XSD17 l.1184); REST EntryNumber is Int32.
_ENTRY_NUMBER: Final = re.compile(r"[1-9][0-9]{0,9}")
_ENTRY_MAX: Final = 2_147_483_647


def ledger_amount(amount: Decimal) -> tuple[Decimal, str] | None:
    """Return ``amount`` in cents and as a ledger-signed value, or ``None``.

    ``None`` means the amount has no exact form with two decimals (more
    decimals, NaN, infinite, a trillion or more). The value is what Exact's
    ledger holds: revenue is a credit, so it is negative, and zero is never
    ``-0.00``.

    >>> ledger_amount(Decimal("717.5")), ledger_amount(Decimal("1.005"))
    ((Decimal('717.50'), '-717.50'), None)
    """
    # is_finite first: hashing or comparing a signalling NaN raises.
    if not amount.is_finite():
        return None
    return _finite_ledger_amount(amount)


# Amounts repeat (the same rate on many invoices): each distinct value is
# worked out once. Equal amounts (1.5 and 1.50) give equal results, so the
# cache may treat them as one. The cache is bounded.
@functools.lru_cache(maxsize=4096)
def _finite_ledger_amount(amount: Decimal) -> tuple[Decimal, str] | None:
    if amount.copy_abs() >= _AMOUNT_LIMIT:
        return None
    cents = amount.quantize(_CENT, context=MONEY)
    if cents != amount:
        return None
    value = "0.00" if cents.is_zero() else f"{cents.copy_negate():f}"
    return cents, value


def entry_number(number: str) -> str | None:
    """Return the invoice number as an entry number, or ``None`` if it is none.

    >>> entry_number("2026010001"), entry_number("F2026-0012"), entry_number("012")
    ('2026010001', None, None)
    """
    if _ENTRY_NUMBER.fullmatch(number) and int(number) <= _ENTRY_MAX:
        return number
    return None
