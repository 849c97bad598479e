"""Choosing the contract-responsible parent of a family.

The contract-responsible parent (*contractverantwoordelijke ouder*) is the one
Exact knows as the customer (debtor) of the family, and the only parent whose
data, bank accounts and mandates are exported. Bitcare keeps parents in the
order they were entered: the parent entered first is responsible, unless the
responsibility was moved to another parent, which the interchange document
records as ``contract_parent_id``.

More information:

- Bitcare, "Klanten export van Bitcare naar Exact" (the first-entered parent
  is exported) and "Wanneer geef ik een kind een nieuw contract?" (the parent
  can change without a new contract): https://help.bitcare.com
"""

from __future__ import annotations

import attrs

from bitcare_exact.issues import Issue, make_issue
from bitcare_exact.model import Family, Parent


__all__ = ["ContractParent", "contract_parent"]


@attrs.frozen(kw_only=True)
class ContractParent:
    """The outcome of choosing a family's contract parent.

    Exactly one of ``parent`` and ``issue`` is set; ``index`` is the parent's
    position in ``Family.parents`` (for paths such as ``parents[1]``).

    >>> ContractParent(parent=None, index=None, issue=None).parent is None
    True
    """

    parent: Parent | None
    index: int | None
    issue: Issue | None


def contract_parent(family: Family, *, path: str = "$") -> ContractParent:
    """Pick the contract-responsible parent of ``family``.

    ``path`` is the family's own path, used in a reported issue.

    >>> family = Family(id="F1", parents=(Parent(id="P1", last_name="Jansen"),
    ...                                   Parent(id="P2", last_name="Smit")),
    ...                 contract_parent_id="P2")
    >>> contract_parent(family).parent.id
    'P2'
    """
    if not family.parents:
        issue = make_issue("family.no_parent", path, family_id=family.id)
        return ContractParent(parent=None, index=None, issue=issue)
    if family.contract_parent_id is None:
        return ContractParent(parent=family.parents[0], index=0, issue=None)
    for index, parent in enumerate(family.parents):
        if parent.id == family.contract_parent_id:
            return ContractParent(parent=parent, index=index, issue=None)
    issue = make_issue(
        "family.contract_parent_unknown",
        f"{path}.contract_parent_id",
        family_id=family.id,
        found=family.contract_parent_id,
        known=", ".join(parent.id for parent in family.parents),
    )
    return ContractParent(parent=None, index=None, issue=issue)
