"""Catalogue rows for customers (families, parents, addresses, banks)."""

from __future__ import annotations

from typing import Final


ACCOUNT_RULES: Final[tuple[tuple[str, str, str, str, str, str, str], ...]] = ()
