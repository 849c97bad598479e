"""What repeats across the families of one export: the batch-wide index.

Some customer rules cannot be judged one family at a time: the same family id,
parent id, *Klantnummer* (customer number) or mandate reference
(*mandaatcode*) in two families. :func:`build_account_index` finds them in
one pass over the families, before any family is checked, and the checks read
the resulting :class:`AccountIndex`.

The index keeps only the repeated values, as strings, so a large export stays
small in memory; a family that repeats nothing costs one dictionary look-up
per rule.

More information:

- Klantnummers: exact-accounts.md §8; domain.md §1.2 and failure case 16
- mandate references, unique per creditor and not case-sensitive: domain.md §3.3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from bitcare_exact._chosen_parent import chosen_parent
from bitcare_exact.model import Family, Parent


__all__ = ["AccountIndex", "build_account_index", "family_listing"]


@attrs.frozen(kw_only=True)
class AccountIndex:
    """What repeats across the families of one export.

    Each mapping holds only the repeated values: a family id with how often
    it occurs, any other value with the ids of the families it occurs in.
    Mandate references are keyed in upper case.

    >>> AccountIndex().customer_numbers
    {}
    """

    family_ids: Mapping[str, int] = attrs.field(factory=dict)
    parent_ids: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    customer_numbers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    mandate_references: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


class _Tally:
    """Values seen once, and the families of the values seen more often."""

    __slots__ = ("first", "more")

    def __init__(self) -> None:
        self.first: dict[str, str] = {}
        self.more: dict[str, list[str]] = {}

    def add(self, value: str, family_id: str) -> None:
        first = self.first.get(value)
        if first is None:
            self.first[value] = family_id
        else:
            self.more.setdefault(value, [first]).append(family_id)

    def repeated(self) -> dict[str, tuple[str, ...]]:
        return {value: tuple(ids) for value, ids in self.more.items()}


def build_account_index(families: Iterable[Family]) -> AccountIndex:
    """Find the ids, Klantnummers and mandate references used more than once.

    Only the contract parent's Klantnummer and mandates count, compared after
    stripping surrounding white space (mandate references also without regard
    to case, as SEPA compares them).

    >>> from bitcare_exact.model import Parent
    >>> twice = Family(id="F1", parents=(Parent(id="P1", last_name="Smit",
    ...                                        customer_number="1042"),))
    >>> build_account_index([twice, twice]).customer_numbers
    {'1042': ('F1', 'F1')}
    """
    family_ids: dict[str, int] = {}
    parent_ids, numbers, references = _Tally(), _Tally(), _Tally()
    for family in families:
        family_ids[family.id] = family_ids.get(family.id, 0) + 1
        for parent in family.parents:
            parent_ids.add(parent.id, family.id)
        # A family without contract parent is reported by check_family.
        chosen = chosen_parent(family, 0, [])[0]
        if chosen is not None:
            _tally_contract_parent(chosen, family.id, numbers, references)

    return AccountIndex(
        family_ids={key: count for key, count in family_ids.items() if count > 1},
        parent_ids=parent_ids.repeated(),
        customer_numbers=numbers.repeated(),
        mandate_references=references.repeated(),
    )


def _tally_contract_parent(
    parent: Parent,
    family_id: str,
    numbers: _Tally,
    references: _Tally,
) -> None:
    number = (parent.customer_number or "").strip()
    if number:
        numbers.add(number, family_id)
    for account in parent.bank_accounts:
        if account.mandate is not None and account.mandate.reference.strip():
            references.add(account.mandate.reference.strip().upper(), family_id)


def family_listing(family_ids: tuple[str, ...]) -> str:
    """List the families a repeated value occurs in, each once, for a message.

    >>> family_listing(("F1", "F2", "F1"))
    'F1, F2'
    """
    return ", ".join(dict.fromkeys(family_ids))
