"""Catalogue rows for invoices booked as sales entries."""

from __future__ import annotations

from typing import Final


SALES_RULES: Final[tuple[tuple[str, str, str, str, str, str, str], ...]] = ()
