"""Typed records of a Bitcare export.

Every record of the interchange document (``gezin``, ``ouder``, ``kind``,
``factuur`` …) has a frozen, keyword-only attrs class here with exactly the fields
the document defines. The records hold data as Bitcare gave it: nothing is
normalised, checked or rejected when a record is built. Checking is the job of
:mod:`bitcare_exact.validation` and :mod:`bitcare_exact.sales`, which report
problems instead of raising.

Collections are tuples, money is :class:`decimal.Decimal` and dates are
:class:`datetime.date`.

More information:

- the interchange document: ``docs/interchange.md``
- Bitcare's customer export: https://help.bitcare.com (article "Klanten export
  van Bitcare naar Exact")
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs


__all__ = [
    "Address",
    "BankAccount",
    "Child",
    "Document",
    "ExportSettings",
    "Family",
    "Gender",
    "Invoice",
    "InvoiceLine",
    "Mandate",
    "MandateScheme",
    "Parent",
    "PaymentMethod",
]


class Gender(enum.StrEnum):
    """A parent's gender as Bitcare records it (``geslacht``).

    >>> Gender("female").value
    'female'
    """

    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class MandateScheme(enum.StrEnum):
    """The SEPA direct-debit scheme of a mandate.

    >>> MandateScheme.CORE.value
    'core'
    """

    CORE = "core"
    B2B = "b2b"


class PaymentMethod(enum.StrEnum):
    """How a family pays an invoice.

    ``direct_debit`` is Dutch *automatische incasso*.

    >>> PaymentMethod("direct_debit") is PaymentMethod.DIRECT_DEBIT
    True
    """

    DIRECT_DEBIT = "direct_debit"
    BANK_TRANSFER = "bank_transfer"


@attrs.frozen(kw_only=True)
class Address:
    """A home address (``adres``) as entered in Bitcare.

    >>> Address(street="Lindelaan", house_number="7", postcode="3512xy",
    ...         city="Utrecht", country="NL").postcode
    '3512xy'
    """

    street: str
    house_number: str
    postcode: str
    city: str
    country: str
    house_number_suffix: str | None = None


@attrs.frozen(kw_only=True)
class Mandate:
    """A SEPA direct-debit mandate (``incassomachtiging``) on a bank account.

    >>> Mandate(reference="KDV-1001", signed_on=datetime.date(2025, 8, 28)).recurring
    True
    """

    reference: str
    signed_on: datetime.date
    scheme: MandateScheme = MandateScheme.CORE
    recurring: bool = True
    first_collection_sent: bool = False


@attrs.frozen(kw_only=True)
class BankAccount:
    """A parent's bank account (``bankrekening``) as entered.

    >>> BankAccount(iban="nl91 abna 0417 1643 00").iban
    'nl91 abna 0417 1643 00'
    """

    iban: str
    bic: str | None = None
    holder_name: str | None = None
    mandate: Mandate | None = None


@attrs.frozen(kw_only=True)
class Parent:
    """A parent or guardian (``ouder``) of a family.

    >>> Parent(id="P1", last_name="Berg", name_prefix="van der").name_prefix
    'van der'
    """

    id: str
    last_name: str
    first_name: str | None = None
    initials: str | None = None
    name_prefix: str | None = None
    gender: Gender | None = None
    email: str | None = None
    phone: str | None = None
    language: str | None = None
    customer_number: str | None = None
    address: Address | None = None
    bank_accounts: tuple[BankAccount, ...] = ()


@attrs.frozen(kw_only=True)
class Child:
    """A child (``kind``) of a family.

    >>> Child(id="K1", first_name="Noor").last_name is None
    True
    """

    id: str
    first_name: str
    last_name: str | None = None
    birth_date: datetime.date | None = None


@attrs.frozen(kw_only=True)
class Family:
    """A household (``gezin``): its parents in the order they were entered.

    ``contract_parent_id`` is set when the contract-responsible parent was
    changed in Bitcare; otherwise the first parent is responsible.

    >>> Family(id="F1", parents=(Parent(id="P1", last_name="Berg"),)).parents[0].id
    'P1'
    """

    id: str
    parents: tuple[Parent, ...] = ()
    children: tuple[Child, ...] = ()
    contract_parent_id: str | None = None


def _is_decimal(
    _instance: object,
    attribute: attrs.Attribute[Decimal],
    value: object,
) -> None:
    # Catches a programming error only: a float cannot hold cents exactly.
    if not isinstance(value, Decimal):
        msg = f"{attribute.name} must be a Decimal (got {type(value).__name__})"
        raise TypeError(msg)


@attrs.frozen(kw_only=True)
class InvoiceLine:
    """One line (``factuurregel``) of an invoice, amount excluding VAT.

    >>> InvoiceLine(description="Dagopvang", amount=Decimal("717.50")).amount
    Decimal('717.50')
    """

    description: str
    amount: Decimal = attrs.field(validator=_is_decimal)
    gl_account: str | None = None
    vat_code: str | None = None
    cost_center: str | None = None
    child_id: str | None = None


@attrs.frozen(kw_only=True)
class Invoice:
    """An invoice (``factuur``) Bitcare issued to a family's contract parent.

    An invoice whose lines add up to less than zero is a credit note.

    >>> invoice = Invoice(number="2026010001", family_id="F1",
    ...                   date=datetime.date(2026, 1, 1))
    >>> invoice.payment_method.value
    'bank_transfer'
    """

    number: str
    family_id: str
    date: datetime.date
    due_date: datetime.date | None = None
    description: str | None = None
    payment_method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    lines: tuple[InvoiceLine, ...] = ()


def _frozen_mapping(
    value: Mapping[PaymentMethod, str],
) -> Mapping[PaymentMethod, str]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class ExportSettings:
    """What differs per Exact administration (``administratie``).

    Every code must exist in that administration.

    >>> ExportSettings().journal
    '70'
    """

    journal: str = "70"
    currency: str = "EUR"
    gl_account: str = "8000"
    vat_code: str = "0"
    payment_conditions: Mapping[PaymentMethod, str] = attrs.field(
        factory=dict,
        converter=_frozen_mapping,
        hash=False,
    )


@attrs.frozen(kw_only=True)
class Document:
    """A whole interchange document: families, invoices and settings.

    >>> Document().settings.currency
    'EUR'
    """

    families: tuple[Family, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    settings: ExportSettings = attrs.field(factory=ExportSettings)
