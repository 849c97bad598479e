"""Checking customers: the rules of the Accounts export, one family at a time.

Each family's contract-responsible parent (*contractverantwoordelijke ouder*)
becomes one Exact customer (*klant*). :func:`check_family` runs every rule on
that parent and, when no rule found an error, returns what the writer needs,
computed once (a :class:`PreparedAccount`). The other parent is never checked:
its data neither block the family nor reach Exact. Rules that look across
families read an :class:`AccountIndex`, which :func:`build_account_index`
makes in one pass over the families beforehand.

This module is the public face of the customer rules and runs them in order;
the rules live in private modules by concept: the parent's own fields
(``_parent_checks``), the address (``_address_checks``), the bank accounts and
mandates (``_bank_checks``), the batch-wide index (``_account_index``), the
choice of parent (``_chosen_parent``), the prepared records (``_prepared``)
and the issue collector (``_collector``).

More information:

- the issue codes and their messages: :data:`bitcare_exact.catalogue.RULES`
- Exact's limits and formats: exact-accounts.md §8 (customer code) and §9
  (field lengths); XSD17 = the 2017 eExact-XML.xsd
- Bitcare's Klantnummer workflow and mandates: domain.md §1.2, §1.3
"""

from __future__ import annotations

from bitcare_exact._account_index import AccountIndex, build_account_index
from bitcare_exact._address_checks import check_address
from bitcare_exact._bank_checks import check_bank_accounts
from bitcare_exact._chosen_parent import chosen_parent
from bitcare_exact._collector import Collector
from bitcare_exact._parent_checks import (
    check_customer_number,
    check_email,
    check_language,
    check_name,
    check_parent_id,
)
from bitcare_exact._prepared import (
    PreparedAccount,
    PreparedAddress,
    PreparedBankAccount,
    PreparedMandate,
)
from bitcare_exact.issues import Issue, Severity, make_issue
from bitcare_exact.model import Family, Parent


__all__ = [
    "AccountIndex",
    "PreparedAccount",
    "PreparedAddress",
    "PreparedBankAccount",
    "PreparedMandate",
    "build_account_index",
    "check_family",
]


def check_family(
    family: Family,
    position: int,
    index: AccountIndex,
    *,
    require_customer_numbers: bool = False,
) -> tuple[PreparedAccount | None, tuple[Issue, ...]]:
    """Run every customer rule on ``family``, the ``position``-th of the input.

    Returns the prepared account, or ``None`` when an issue is an error, and
    the issues in the order found.

    >>> family = Family(id="F1", parents=(Parent(id="P1", last_name="Smit"),))
    >>> account, issues = check_family(family, 0, AccountIndex())
    >>> account.name, [issue.code for issue in issues]
    ('Smit', ['customer_number.missing', 'address.missing', 'bank_account.missing'])
    """
    issues: list[Issue] = []
    repeated = index.family_ids.get(family.id)
    if repeated is not None:
        issues.append(_family_id_duplicate(family, position, repeated))
    elif not family.id.strip():
        # input-format.md, Family: invoices name their family by this id.
        path = f"$.families[{position}].id"
        issues.append(
            make_issue("family.id_missing", path, family_id=family.id, found=family.id)
        )
    parent, parent_index = chosen_parent(family, position, issues)
    if parent is None:
        return None, tuple(issues)
    collector = Collector(position, parent_index, family.id, parent.id)
    account = _check_parent(collector, parent, index, require_customer_numbers)
    issues.extend(collector.issues)
    if issues and any(issue.severity is Severity.ERROR for issue in issues):
        return None, tuple(issues)

    return account, tuple(issues)


def _family_id_duplicate(family: Family, position: int, count: int) -> Issue:
    # input-format.md, Family: the id is unique in the document.
    return make_issue(
        "family.id_duplicate",
        f"$.families[{position}].id",
        family_id=family.id,
        found=family.id,
        count=str(count),
    )


def _check_parent(
    collector: Collector,
    parent: Parent,
    index: AccountIndex,
    require: bool,  # noqa: FBT001 - a private step
) -> PreparedAccount:
    """Run the parent's rules in the order their issues are reported."""
    check_parent_id(collector, parent, index)
    name = check_name(collector, parent)
    code = check_customer_number(collector, parent, index, require=require)
    email = check_email(collector, parent.email)
    phone = collector.text(parent.phone, ".phone", ("Phone", "Telefoon"))
    language = check_language(collector, parent.language)
    address = check_address(collector, parent.address)
    accounts, mandates = check_bank_accounts(collector, parent, name.full, code, index)

    return PreparedAccount(
        code=code,
        name=name.full,
        last_name=name.last,
        first_name=name.first,
        initials=name.initials,
        name_prefix=name.prefix,
        gender=parent.gender,
        phone=phone,
        email=email,
        language=language,
        address=address,
        bank_accounts=accounts,
        mandates=mandates,
        has_mandate=any(item.mandate is not None for item in parent.bank_accounts),
    )
