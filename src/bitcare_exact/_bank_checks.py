"""The contract parent's bank accounts (*bankrekeningen*) and SEPA mandates.

Every bank account of the contract parent goes to Exact: the IBAN compact,
the BIC as given or, when none was given, as derived from the IBAN, and the
holder's name (the customer's name when blank). A mandate (*machtiging*) on an
account goes into the file only when the customer has a Klantnummer, since
Exact links a mandate to the customer's code.

An invalid IBAN drops its account; a BIC that disagrees with the IBAN's bank
is kept and reported; a mandate reference (*mandaatcode*) is checked against
the SEPA rules and against the other families of the export.

More information:

- IBAN, BIC and mandate references: :mod:`bitcare_exact.banking`,
  domain.md §3.2 and §3.3
- Exact's bank-account and mandate elements: exact-accounts.md §6.3, §6.4;
  XSD17 = the 2017 eExact-XML.xsd
- Bitcare's mandates: domain.md §1.3
"""

from __future__ import annotations

from typing import Final, cast

from bitcare_exact._account_index import AccountIndex
from bitcare_exact._collector import Collector
from bitcare_exact._prepared import PreparedBankAccount, PreparedMandate
from bitcare_exact.banking import (
    CheckedIban,
    Problem,
    check_iban,
    compact_bic,
    mandate_reference_problem,
    same_bank,
)
from bitcare_exact.model import BankAccount, Mandate, Parent


__all__ = ["check_bank_accounts"]

# Exact's data model (exact-accounts.md §9, Invantive): bank-account holder 50.
_HOLDER_LIMIT: Final = 50


def check_bank_accounts(
    collector: Collector,
    parent: Parent,
    name: str,
    code: str | None,
    index: AccountIndex,
) -> tuple[tuple[PreparedBankAccount, ...], tuple[PreparedMandate, ...]]:
    """Check every bank account and mandate of the customer called ``name``.

    ``code`` is the customer's Klantnummer, or ``None`` when it has none yet.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> accounts, mandates = check_bank_accounts(
    ...     collector,
    ...     Parent(id="P1", last_name="Smit",
    ...            bank_accounts=(BankAccount(iban="nl91 abna 0417 1643 00"),)),
    ...     "J. Smit", "20417", AccountIndex())
    >>> accounts
    (PreparedBankAccount(iban='NL91ABNA0417164300', bic='ABNANL2A',
                         holder='J. Smit'),)
    """
    if not parent.bank_accounts:
        # domain.md failure case 18: export without bank account, and warn.
        collector.add("bank_account.missing", ".bank_accounts")
        return (), ()
    accounts: list[PreparedBankAccount] = []
    mandates: list[PreparedMandate] = []
    for number, given in enumerate(parent.bank_accounts):
        suffix = f".bank_accounts[{number}]"
        account = _bank_account(collector, given, suffix, name)
        if account is not None:
            if accounts and any(account.iban == other.iban for other in accounts):
                collector.add(
                    "bank_account.duplicate", f"{suffix}.iban", found=account.iban
                )
            accounts.append(account)
            mandate = _mandate(collector, given.mandate, suffix, account, code)
            if mandate is not None:
                mandates.append(mandate)
        if given.mandate is not None:
            _check_reference(collector, given.mandate.reference, suffix, index)

    return tuple(accounts), tuple(mandates)


def _bank_account(
    collector: Collector,
    given: BankAccount,
    suffix: str,
    name: str,
) -> PreparedBankAccount | None:
    checked = check_iban(given.iban)
    bic = _bic(collector, given.bic, checked, suffix)
    holder = collector.text(
        given.holder_name,
        f"{suffix}.holder_name",
        ("Account holder", "Tenaamstelling"),
        _HOLDER_LIMIT,
    )
    if checked.compact is None:
        _report_invalid_iban(collector, given.iban, checked, suffix)
        return None

    return PreparedBankAccount(iban=checked.compact, bic=bic, holder=holder or name)


def _report_invalid_iban(
    collector: Collector,
    iban: str,
    checked: CheckedIban,
    suffix: str,
) -> None:
    # domain.md failure cases 1 to 3; schwifty says which part is wrong.
    problem = cast("Problem", checked.problem)
    collector.add(
        "iban.invalid",
        f"{suffix}.iban",
        found=iban,
        reason=problem.en,
        reason_nl=problem.nl,
    )


def _bic(
    collector: Collector,
    value: str | None,
    checked: CheckedIban,
    suffix: str,
) -> str | None:
    given = value or ""
    if not given.strip():
        # domain.md failure cases 4 and 5: derive when possible, else omit.
        return checked.bic
    bic = compact_bic(given)
    if bic is None:
        # ISO 9362: 8 or 11 letters and digits, the 5th and 6th a country;
        # so also within Exact's 11 (exact-accounts.md §9).
        collector.add("bic.invalid", f"{suffix}.bic", found=given)
        return None
    if checked.bic is not None and not same_bank(bic, checked.bic):
        # domain.md failure case 5: never overwrite a given BIC; warn.
        collector.add(
            "bic.mismatch",
            f"{suffix}.bic",
            found=given,
            derived=checked.bic,
            iban=cast("str", checked.compact),
        )

    return bic


def _mandate(
    collector: Collector,
    mandate: Mandate | None,
    suffix: str,
    account: PreparedBankAccount,
    code: str | None,
) -> PreparedMandate | None:
    if mandate is None:
        return None
    if code is None:
        # XSD17 typeDDMandate: Account is required (l.8888), and a customer
        # without code has none yet (exact-accounts.md §6.4).
        collector.add(
            "mandate.customer_number_missing",
            f"{suffix}.mandate.reference",
            found=mandate.reference,
        )
        return None

    return PreparedMandate(
        reference=mandate.reference,
        account_code=code,
        iban=account.iban,
        signed_on=mandate.signed_on,
        scheme=mandate.scheme,
        recurring=mandate.recurring,
        first_send=not mandate.first_collection_sent,
    )


def _check_reference(
    collector: Collector,
    reference: str,
    suffix: str,
    index: AccountIndex,
) -> None:
    # XSD17 typeDDMandate/@reference: typeString35 (l.8890); EPC character
    # set and slash rules; Bitcare: no spaces (domain.md §3.3, case 19).
    problem = mandate_reference_problem(reference)
    if problem is not None:
        collector.add(
            "mandate.reference_invalid",
            f"{suffix}.mandate.reference",
            found=reference,
            reason=problem.en,
            reason_nl=problem.nl,
        )
    families = index.mandate_references.get(reference.strip().upper())
    if families is not None:
        # domain.md §3.3: unique per creditor, not case-sensitive.
        collector.add(
            "mandate.reference_duplicate",
            f"{suffix}.mandate.reference",
            found=reference,
            families=families,
        )
