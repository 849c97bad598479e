"""The Exact Online ``Accounts`` topic: one ``<Account>`` per customer.

The writer gets accounts that :mod:`bitcare_exact.validation` checked and
prepared, and only places them: children in the order of the 2017 schema's
``typeAccount`` sequence, attributes in a fixed order, two spaces of
indentation per level, and no element without content (Exact may read an
empty element as "clear this field", exact-accounts.md §10). The same account
always gives the same text.

Mapping to Exact (XSD17 line numbers):

- ``Account`` (l.2283): ``@code`` the Klantnummer when known (omitted, Exact
  numbers the customer), ``@status="C"`` (customer); ``Name``, ``Phone``,
  ``Email``, ``Language/@code``;
- ``Contact`` (l.3505, name group l.3092): the parent as a person, the
  *tussenvoegsel* as ``MiddleName``; ``@gender`` M, V or O for male, female,
  other (*man*, *vrouw*, *onbekend*);
- ``Address type="VIS"`` (l.3541): street, number and suffix in the schema's
  ``AddressStreet`` branch of its choice, so nothing is re-split; postcode,
  city, ``Country/@code``;
- ``BankAccount`` (l.3651): ``@code`` the compact IBAN, ``BICCode`` when known,
  ``IBAN``, ``Holder/Name``; the first account is the default;
- ``DDMandates/DDMandate`` (l.8880): reference, customer and bank account,
  ``Type`` Core or B2B, ``PaymentType`` Recurrent or OneOff, ``SignatureDate``
  and ``FirstSend`` (1 while no first collection was sent);
- ``SalesPaymentCondition/@code`` (l.5054) when the settings give one.

More information:

- exact-accounts.md §5, §6 and the example of §12
- Exact Online eExact-XML.xsd (2017)
"""

from __future__ import annotations

import datetime
from typing import Final

from bitcare_exact.model import Gender, MandateScheme
from bitcare_exact.serialize._xml import attribute, text
from bitcare_exact.validation import (
    PreparedAccount,
    PreparedAddress,
    PreparedBankAccount,
    PreparedMandate,
)


__all__ = ["ACCOUNTS_END", "ACCOUNTS_START", "account_xml"]

ACCOUNTS_START: Final = "  <Accounts>\n"
"""Opens the topic; written before the first account only (an empty
``<Accounts/>`` is not valid: it needs one ``Account`` or more, l.250)."""
ACCOUNTS_END: Final = "  </Accounts>\n"
"""Closes the topic after the last account."""

_GENDER: Final = {Gender.MALE: "M", Gender.FEMALE: "V", Gender.OTHER: "O"}
_SCHEME: Final = {MandateScheme.CORE: "Core", MandateScheme.B2B: "B2B"}

_IN_ACCOUNT: Final = " " * 6
_IN_PART: Final = " " * 8
_IN_MANDATE: Final = " " * 10


def account_xml(account: PreparedAccount, payment_condition: str | None = None) -> str:
    """Write one ``<Account>`` element, indented for its place in the document.

    ``payment_condition`` is the code of the customer's default payment
    condition (*betalingsconditie*), or ``None`` to leave it to Exact.
    ``account`` comes from :func:`bitcare_exact.validation.check_family`:
    its codes (customer, country, language, IBAN, BIC, mandate reference)
    were checked to need no escaping and are written as they are.

    >>> print(account_xml(PreparedAccount(code="20417", name="Jan Smit",
    ...                                   last_name="Smit", first_name="Jan")))
        <Account code="20417" status="C">
          <Name>Jan Smit</Name>
          <Contact default="1">
            <LastName>Smit</LastName>
            <FirstName>Jan</FirstName>
          </Contact>
        </Account>
    """
    # One list of pieces, appended to in schema order: this runs once per
    # customer, so it avoids building and joining a string per part.
    out: list[str] = []
    _head(out, account)
    _contact(out, account)
    if account.address is not None:
        _address(out, account.address)
    default = ' default="1"'
    for bank_account in account.bank_accounts:
        _bank_account(out, bank_account, default)
        default = ""
    if account.mandates:
        _mandates(out, account.mandates)
    if payment_condition is not None:
        code = attribute(payment_condition)
        out.append(f'{_IN_ACCOUNT}<SalesPaymentCondition code="{code}"/>\n')
    out.append("    </Account>\n")

    return "".join(out)


def _head(out: list[str], account: PreparedAccount) -> None:
    # Codes were checked to hold letters or digits only: nothing to escape.
    if account.code is None:
        out.append('    <Account status="C">\n')
    else:
        out.append(f'    <Account code="{account.code}" status="C">\n')
    out.append(f"{_IN_ACCOUNT}<Name>{text(account.name)}</Name>\n")
    if account.phone is not None:
        out.append(f"{_IN_ACCOUNT}<Phone>{text(account.phone)}</Phone>\n")
    if account.email is not None:
        out.append(f"{_IN_ACCOUNT}<Email>{text(account.email)}</Email>\n")
    if account.language is not None:
        out.append(f'{_IN_ACCOUNT}<Language code="{account.language}"/>\n')


def _contact(out: list[str], account: PreparedAccount) -> None:
    if account.gender is None:
        out.append(f'{_IN_ACCOUNT}<Contact default="1">\n')
    else:
        gender = _GENDER[account.gender]
        out.append(f'{_IN_ACCOUNT}<Contact default="1" gender="{gender}">\n')
    out.append(f"{_IN_PART}<LastName>{text(account.last_name)}</LastName>\n")
    if account.name_prefix is not None:
        out.append(f"{_IN_PART}<MiddleName>{text(account.name_prefix)}</MiddleName>\n")
    if account.first_name is not None:
        out.append(f"{_IN_PART}<FirstName>{text(account.first_name)}</FirstName>\n")
    if account.initials is not None:
        out.append(f"{_IN_PART}<Initials>{text(account.initials)}</Initials>\n")
    if account.email is not None:
        out.append(f"{_IN_PART}<Email>{text(account.email)}</Email>\n")
    out.append(f"{_IN_ACCOUNT}</Contact>\n")


def _address(out: list[str], address: PreparedAddress) -> None:
    out.append(f'{_IN_ACCOUNT}<Address type="VIS" default="1">\n')
    out.append(f"{_IN_PART}<AddressStreet>{text(address.street)}</AddressStreet>\n")
    out.append(
        f"{_IN_PART}<AddressStreetNumber>{text(address.house_number)}"
        "</AddressStreetNumber>\n",
    )
    if address.house_number_suffix is not None:
        out.append(
            f"{_IN_PART}<AddressStreetSuffix>{text(address.house_number_suffix)}"
            "</AddressStreetSuffix>\n",
        )
    if address.postcode is not None:
        out.append(f"{_IN_PART}<PostalCode>{text(address.postcode)}</PostalCode>\n")
    out.append(f"{_IN_PART}<City>{text(address.city)}</City>\n")
    out.append(f'{_IN_PART}<Country code="{address.country}"/>\n')
    out.append(f"{_IN_ACCOUNT}</Address>\n")


def _bank_account(
    out: list[str], bank_account: PreparedBankAccount, default: str
) -> None:
    # The compact IBAN and the BIC hold letters and digits only.
    out.append(f'{_IN_ACCOUNT}<BankAccount code="{bank_account.iban}"{default}>\n')
    if bank_account.bic is not None:
        out.append(f"{_IN_PART}<BICCode>{bank_account.bic}</BICCode>\n")
    out.append(f"{_IN_PART}<IBAN>{bank_account.iban}</IBAN>\n")
    out.append(
        f"{_IN_PART}<Holder>\n"
        f"{_IN_MANDATE}<Name>{text(bank_account.holder)}</Name>\n"
        f"{_IN_PART}</Holder>\n"
        f"{_IN_ACCOUNT}</BankAccount>\n",
    )


def _mandates(out: list[str], mandates: tuple[PreparedMandate, ...]) -> None:
    out.append(f"{_IN_ACCOUNT}<DDMandates>\n")
    default = ' default="1"'
    for mandate in mandates:
        out.append(_mandate(mandate, default))
        default = ""
    out.append(f"{_IN_ACCOUNT}</DDMandates>\n")


def _mandate(mandate: PreparedMandate, default: str) -> str:
    # The SEPA character set of a reference has no '"', '&' or '<'.
    payment_type = "Recurrent" if mandate.recurring else "OneOff"
    # date.isoformat called unbound: a datetime (a date subclass) would
    # otherwise add its time, which xs:date refuses.
    signed = datetime.date.isoformat(mandate.signed_on)
    return (
        f'{_IN_PART}<DDMandate reference="{mandate.reference}"{default}>\n'
        f'{_IN_MANDATE}<Account code="{mandate.account_code}"/>\n'
        f'{_IN_MANDATE}<BankAccount code="{mandate.iban}"/>\n'
        f"{_IN_MANDATE}<Type>{_SCHEME[mandate.scheme]}</Type>\n"
        f"{_IN_MANDATE}<PaymentType>{payment_type}</PaymentType>\n"
        f"{_IN_MANDATE}<SignatureDate>{signed}</SignatureDate>\n"
        f"{_IN_MANDATE}<FirstSend>{int(mandate.first_send)}</FirstSend>\n"
        f"{_IN_PART}</DDMandate>\n"
    )
