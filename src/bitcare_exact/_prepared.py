"""The checked customer (*klant*) as the Accounts writer receives it.

:func:`bitcare_exact.validation.check_family` checks a family's contract
parent and, when no rule found an error, hands the writer a
:class:`PreparedAccount`: every text stripped, the postcode normalised, the
IBAN compact, the BIC given or derived, and only the mandates (*machtigingen*)
that can go into the file. Each value is computed once, so the writer only
places and escapes.

The records are named tuples rather than frozen attrs classes: a few are built
for every family on the export's hot path, and a named tuple is built in about
half the time. They are as immutable.

More information:

- what the writer makes of them: :mod:`bitcare_exact.serialize.accounts`
- Exact's customer fields: exact-accounts.md §5 and §6
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from bitcare_exact.model import Gender, MandateScheme


__all__ = [
    "PreparedAccount",
    "PreparedAddress",
    "PreparedBankAccount",
    "PreparedMandate",
]


class PreparedAddress(NamedTuple):
    """A checked home address, texts stripped and the postcode normalised.

    >>> PreparedAddress(street="Lindelaan", house_number="7", postcode="3512 XY",
    ...                 city="Utrecht", country="NL").country
    'NL'
    """

    street: str
    house_number: str
    city: str
    country: str
    postcode: str | None = None
    house_number_suffix: str | None = None


class PreparedBankAccount(NamedTuple):
    """A checked bank account: compact IBAN, BIC (given or derived), holder.

    >>> PreparedBankAccount(iban="NL91ABNA0417164300", bic="ABNANL2A",
    ...                     holder="J. Smit").bic
    'ABNANL2A'
    """

    iban: str
    bic: str | None
    holder: str


class PreparedMandate(NamedTuple):
    """A checked mandate of the customer with code ``account_code``.

    ``first_send`` is true while no first collection was sent on it.

    >>> PreparedMandate(reference="KDV-1", account_code="20417",
    ...                 iban="NL91ABNA0417164300",
    ...                 signed_on=datetime.date(2025, 8, 28)).first_send
    True
    """

    reference: str
    account_code: str
    iban: str
    signed_on: datetime.date
    scheme: MandateScheme = MandateScheme.CORE
    recurring: bool = True
    first_send: bool = True


class PreparedAccount(NamedTuple):
    """Everything the Accounts writer needs about one customer.

    ``has_mandate`` says whether the parent signed any mandate, even one left
    out of the file for lack of a Klantnummer (it picks the payment condition).

    >>> PreparedAccount(code="20417", name="Sanne van den Heuvel",
    ...                 last_name="Heuvel").name
    'Sanne van den Heuvel'
    """

    code: str | None
    name: str
    last_name: str
    first_name: str | None = None
    initials: str | None = None
    name_prefix: str | None = None
    gender: Gender | None = None
    phone: str | None = None
    email: str | None = None
    language: str | None = None
    address: PreparedAddress | None = None
    bank_accounts: tuple[PreparedBankAccount, ...] = ()
    mandates: tuple[PreparedMandate, ...] = ()
    has_mandate: bool = False
