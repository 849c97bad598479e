"""Input collections that the exports may read more than once.

The public functions read their families and invoices in two passes: a
first one that finds what repeats across the batch (Klantnummers, ids,
invoice numbers) and a second one that checks and writes one record at a
time. A list, a tuple or a lazy sequence gives the same records on each
pass; a one-shot iterator (a generator, ``iter(families)``, a ``map``) would
be empty on the second. :func:`reusable` turns such an iterator into a tuple
once, and hands any other iterable back unchanged, so that it is not copied.

More information:

- the two passes: :class:`bitcare_exact.accounts.AccountsStream` and
  :class:`bitcare_exact.sales.SalesEntriesStream`
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar


__all__ = ["reusable"]

_Item = TypeVar("_Item")


def reusable(items: Iterable[_Item]) -> Iterable[_Item]:
    """Return ``items`` so that it can be iterated more than once.

    A one-shot iterator (an :class:`~collections.abc.Iterator`, for which
    ``iter(x) is x``) is read into a tuple; any other iterable is returned as
    it is, without being iterated.

    >>> reusable(name for name in ("F1", "F2"))
    ('F1', 'F2')
    >>> families = ["F1"]
    >>> reusable(families) is families
    True
    """
    # isinstance rather than iter(items) is items: asking a lazy sequence
    # for an iterator may already start building its records.
    if isinstance(items, Iterator):
        return tuple(items)
    return items
