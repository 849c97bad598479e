"""Which parent of a family the customer rules check, found without detours.

Only the contract-responsible parent (*contractverantwoordelijke ouder*)
becomes the Exact customer; :func:`bitcare_exact.parents.contract_parent`
decides which one it is. The batch-wide index and the per-family checks both
ask :func:`chosen_parent`, so they always agree on the parent.

Nearly every family takes its first parent and names no other, so that case is
answered directly, without building the outcome record; ``contract_parent`` is
asked only otherwise.

More information:

- the choice itself: :mod:`bitcare_exact.parents`
- Bitcare's first-entered parent: domain.md §1.1
"""

from __future__ import annotations

from typing import cast

from bitcare_exact.issues import Issue
from bitcare_exact.model import Family, Parent
from bitcare_exact.parents import contract_parent


__all__ = ["chosen_parent"]


def chosen_parent(
    family: Family,
    position: int,
    issues: list[Issue],
) -> tuple[Parent | None, int]:
    """Return the contract parent of ``family`` and its index among the parents.

    When there is none, the issue that says why is appended to ``issues`` and
    the parent is ``None``.

    >>> family = Family(id="F1", parents=(Parent(id="P1", last_name="Smit"),))
    >>> chosen_parent(family, 0, [])
    (Parent(id='P1', ...), 0)
    """
    if family.contract_parent_id is None and family.parents:
        return family.parents[0], 0
    chosen = contract_parent(family, path=f"$.families[{position}]")
    if chosen.issue is not None:
        issues.append(chosen.issue)
        return None, 0

    return chosen.parent, cast("int", chosen.index)
