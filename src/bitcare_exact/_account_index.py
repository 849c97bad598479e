"""What repeats across the families of one export: the batch-wide index.

Some customer rules cannot be judged one family at a time: the same family id,
parent id, *Klantnummer* (customer number) or mandate reference
(*mandaatcode*) in two families. :func:`build_account_index` finds them in
one pass over the families, before any family is checked, and the checks read
the resulting :class:`AccountIndex`.

The index keeps only the repeated values, so a large export stays small in
memory; a family that repeats nothing costs one dictionary look-up per rule.
Blank ids are not indexed: they are reported as missing. For each repeated
value it keeps the listing of the families its messages show, made once: it
names at most :data:`LISTED_FAMILIES` families and counts the rest, so that a
value shared by thousands of families (a default Klantnummer, say) gives each
of them a short message, not a report that grows with the square of their
number.

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
from typing import Final, Generic, TypeVar

import attrs

from bitcare_exact._chosen_parent import chosen_parent
from bitcare_exact.model import Family, Parent


__all__ = [
    "LISTED_FAMILIES",
    "AccountIndex",
    "build_account_index",
    "customer_number_key",
    "family_listing",
]

LISTED_FAMILIES: Final = 10


@attrs.frozen(kw_only=True)
class AccountIndex:
    """What repeats across the families of one export.

    Each mapping holds only the repeated values: a family id with how often
    it occurs, any other value with the listing of the families it occurs in
    (:func:`family_listing`). Mandate references are keyed in upper case,
    Klantnummers by :func:`customer_number_key`; their listing shows each
    family's Klantnummer as typed when the forms differ.

    >>> AccountIndex().customer_numbers
    {}
    """

    family_ids: Mapping[str, int] = attrs.field(factory=dict)
    parent_ids: Mapping[str, str] = attrs.field(factory=dict)
    customer_numbers: Mapping[str, str] = attrs.field(factory=dict)
    mandate_references: Mapping[str, str] = attrs.field(factory=dict)


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
    >>> index.customer_numbers
    {'1042': "1 ('1042'), 2 ('01042')"}
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

    return AccountIndex(
        family_ids={key: count for key, count in family_ids.items() if count > 1},
        parent_ids={
            key: family_listing(seen) for key, seen in parent_ids.repeated().items()
        },
        customer_numbers={
            key: family_listing(
                tuple(family_id for family_id, _ in seen),
                tuple(number for _, number in seen),
            )
            for key, seen in numbers.repeated().items()
        },
        mandate_references={
            key: family_listing(seen) for key, seen in references.repeated().items()
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

    At most :data:`LISTED_FAMILIES` families are named, in order; the number
    of the others follows as ``+N``. ``forms`` are the values as typed, one
    per family id; when they differ, each family is listed with its own.

    >>> family_listing(("F1", "F2", "F1"))
    'F1, F2'
    >>> family_listing(("F1", "F2"), ("101", "0101"))
    "F1 ('101'), F2 ('0101')"
    >>> family_listing(tuple(f"F{n}" for n in range(1, 13)))
    'F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, +2'
    """
    if len(set(forms)) > 1:
        pairs = dict.fromkeys(zip(family_ids, forms, strict=True))
        named = [f"{family_id} ({form!r})" for family_id, form in pairs]
    else:
        named = list(dict.fromkeys(family_ids))
    shown = named[:LISTED_FAMILIES]
    if len(named) > LISTED_FAMILIES:
        shown.append(f"+{len(named) - LISTED_FAMILIES}")
    return ", ".join(shown)
