from __future__ import annotations

from bitcare_exact.issues import Severity
from bitcare_exact.model import Family, Parent
from bitcare_exact.parents import ContractParent, contract_parent


MOTHER = Parent(id="P1", last_name="Jansen")
FATHER = Parent(id="P2", last_name="Smit")


def test_first_entered_parent_by_default() -> None:
    family = Family(id="F1", parents=(MOTHER, FATHER))
    assert contract_parent(family) == ContractParent(parent=MOTHER, index=0, issue=None)


def test_explicit_contract_parent_wins() -> None:
    # domain.md failure case 17: responsibility moved to the father.
    family = Family(id="F1", parents=(MOTHER, FATHER), contract_parent_id="P2")
    assert contract_parent(family) == ContractParent(parent=FATHER, index=1, issue=None)


def test_explicit_contract_parent_may_be_the_first() -> None:
    family = Family(id="F1", parents=(MOTHER, FATHER), contract_parent_id="P1")
    assert contract_parent(family) == ContractParent(parent=MOTHER, index=0, issue=None)


def test_family_without_parents() -> None:
    chosen = contract_parent(Family(id="F7"), path="$.families[3]")
    assert chosen.parent is None
    assert chosen.index is None
    assert chosen.issue is not None
    assert chosen.issue.code == "family.no_parent"
    assert chosen.issue.severity is Severity.ERROR
    assert chosen.issue.path == "$.families[3]"
    assert chosen.issue.family_id == "F7"


def test_family_without_parents_ignores_contract_parent_id() -> None:
    chosen = contract_parent(Family(id="F7", contract_parent_id="P1"))
    assert chosen.issue is not None
    assert chosen.issue.code == "family.no_parent"


def test_unknown_contract_parent() -> None:
    family = Family(id="F1", parents=(MOTHER, FATHER), contract_parent_id="P9")
    chosen = contract_parent(family, path="$.families[0]")
    assert chosen.parent is None
    assert chosen.index is None
    assert chosen.issue is not None
    assert chosen.issue.code == "family.contract_parent_unknown"
    assert chosen.issue.severity is Severity.ERROR
    assert chosen.issue.path == "$.families[0].contract_parent_id"
    assert chosen.issue.family_id == "F1"
    assert chosen.issue.message_en == (
        "The contract-responsible parent 'P9' is not one of the family's parents (P1, P2)"
    )
    assert chosen.issue.message_nl == (
        "De contractverantwoordelijke ouder 'P9' is geen van de ouders van het gezin (P1, P2)"
    )


def test_default_path_is_the_root() -> None:
    chosen = contract_parent(Family(id="F1"))
    assert chosen.issue is not None
    assert chosen.issue.path == "$"
