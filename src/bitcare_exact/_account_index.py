"""What repeats across the families of one export: the batch-wide index.

Some customer rules cannot be judged one family at a time: the same family id,
parent id, *Klantnummer* (customer number) or mandate reference
(*mandaatcode*) in two families. :func:`build_account_index` finds them in
one pass over the families, before any family is checked, and the checks read
the resulting :class:`AccountIndex`.

The index keeps only the repeated values, as strings, so a large export stays
small in memory; a family that repeats nothing costs one dictionary look-up
per rule. Blank ids are not indexed: they are reported as missing.

Klantnummers are compared by their value without leading zeros
(:func:`customer_number_key`): the ``customer_number.leading_zero`` warning
says Exact may read ``0101`` as ``101``, so ``101`` and ``0101`` in two
families would merge into one Exact customer.

More information:

- Klantnummers: exact-accounts.md §8; domain.md §1.2 and failure case 16
- mandate references, unique per creditor and not case-sensitive: domain.md §3.3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import attrs

from bitcare_exact._chosen_parent import chosen_parent
from bitcare_exact.model import Family, Parent


__all__ = [
    "AccountIndex",
    "build_account_index",
    "customer_number_key",
    "family_listing",
]


@attrs.frozen(kw_only=True)
class AccountIndex:
    """What repeats across the families of one export.

    Each mapping holds only the repeated values: a family id with how often
    it occurs, any other value with the ids of the families it occurs in.
    Mandate references are keyed in upper case, Klantnummers by
    :func:`customer_number_key`; ``customer_number_forms`` gives, for each
    such key, the Klantnummers as typed, in the order of
    ``customer_numbers``.

    >>> AccountIndex().customer_numbers
    {}
    """

    family_ids: Mapping[str, int] = attrs.field(factory=dict)
    parent_ids: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    customer_numbers: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    mandate_references: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    customer_number_forms: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


_Seen = TypeVar("_Seen")


class _Tally(Generic[_Seen]):
    """Values seen once, and what was seen with the values seen more often."""

    __slots__ = ("first", "more")

    def __init__(self) -> None:
        self.first: dict[str, _Seen] = {}
        self.more: dict[str, list[_Seen]] = {}

    def add(self, value: str, seen: _Seen) -> None:
        first = self.first.get(value)
        if first is None:
            self.first[value] = seen
        else:
            self.more.setdefault(value, [first]).append(seen)

    def repeated(self) -> dict[str, tuple[_Seen, ...]]:
        return {value: tuple(seen) for value, seen in self.more.items()}


def customer_number_key(number: str) -> str:
    """Return the Klantnummer as it is compared: without leading zeros.

    A number of zeros only is ``"0"``.

    >>> [customer_number_key(number) for number in ("00101", "101", "000")]
    ['101', '101', '0']
    """
    return number.lstrip("0") or "0"


def build_account_index(families: Iterable[Family]) -> AccountIndex:
    """Find the ids, Klantnummers and mandate references used more than once.

    Only the contract parent's Klantnummer and mandates count, compared after
    stripping surrounding white space (Klantnummers also without leading
    zeros, mandate references also without regard to case, as SEPA compares
    them). Blank family and parent ids are left out.

    >>> from bitcare_exact.model import Parent
    >>> def family(family_id, number):
    ...     return Family(id=family_id, parents=(
    ...         Parent(id="P" + family_id, last_name="Smit", customer_number=number),))
    >>> index = build_account_index([family("1", "1042"), family("2", "01042")])
    >>> index.customer_numbers, index.customer_number_forms
    ({'1042': ('1', '2')}, {'1042': ('1042', '01042')})
    """
    family_ids: dict[str, int] = {}
    parent_ids: _Tally[str] = _Tally()
    references: _Tally[str] = _Tally()
    numbers: _Tally[tuple[str, str]] = _Tally()
    for family in families:
        if family.id.strip():
            family_ids[family.id] = family_ids.get(family.id, 0) + 1
        for parent in family.parents:
            if parent.id.strip():
                parent_ids.add(parent.id, family.id)
        # A family without contract parent is reported by check_family.
        chosen = chosen_parent(family, 0, [])[0]
        if chosen is not None:
            _tally_contract_parent(chosen, family.id, numbers, references)
    repeated_numbers = numbers.repeated()

    return AccountIndex(
        family_ids={key: count for key, count in family_ids.items() if count > 1},
        parent_ids=parent_ids.repeated(),
        customer_numbers={
            key: tuple(family_id for family_id, _ in seen)
            for key, seen in repeated_numbers.items()
        },
        mandate_references=references.repeated(),
        customer_number_forms={
            key: tuple(number for _, number in seen)
            for key, seen in repeated_numbers.items()
        },
    )


def _tally_contract_parent(
    parent: Parent,
    family_id: str,
    numbers: _Tally[tuple[str, str]],
    references: _Tally[str],
) -> None:
    number = (parent.customer_number or "").strip()
    if number:
        numbers.add(customer_number_key(number), (family_id, number))
    for account in parent.bank_accounts:
        if account.mandate is not None and account.mandate.reference.strip():
            references.add(account.mandate.reference.strip().upper(), family_id)


def family_listing(family_ids: tuple[str, ...], forms: tuple[str, ...] = ()) -> str:
    """List the families a repeated value occurs in, each once, for a message.

    ``forms`` are the values as typed, one per family id; when they differ,
    each family is listed with its own.

    >>> family_listing(("F1", "F2", "F1"))
    'F1, F2'
    >>> family_listing(("F1", "F2"), ("101", "0101"))
    "F1 ('101'), F2 ('0101')"
    """
    if len(set(forms)) > 1:
        pairs = dict.fromkeys(zip(family_ids, forms, strict=True))
        return ", ".join(f"{family_id} ({form!r})" for family_id, form in pairs)
    return ", ".join(dict.fromkeys(family_ids))
