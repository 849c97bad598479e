"""Baselines for the benchmark: the same two files, written two other ways.

*floor*: the work no correct implementation can skip, as straight-line code
with no checks at all: pick the contract parent, one ``schwifty.IBAN(...)``
parse per exported IBAN (which also derives the BIC), the Dutch postcode
normalised with python-stdnum, every text XML-escaped, amounts negated and
written with two decimals, and the pieces joined with ``str.join``. It trusts
its input (the generated documents are clean), so it writes exactly the bytes
the library writes for them; ``run.py`` checks that.

*tree*: the same preparation, but the document built as an
:mod:`xml.etree.ElementTree` tree, indented and serialized, as an integrator
would write it by hand. Its bytes differ in form only (``<a />`` for
``<a/>``, quoting of the declaration); ``run.py`` compares them canonically.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal

from schwifty import IBAN
from stdnum.nl import postcode as nl_postcode

from bitcare_exact import Document, Family, Invoice, Parent, PaymentMethod
from bitcare_exact.serialize._xml import DOCUMENT_END, DOCUMENT_START


__all__ = ["floor_accounts", "floor_sales", "tree_accounts", "tree_sales"]

_CENT = Decimal("0.01")
_GENDER = {"male": "M", "female": "V", "other": "O"}


def _text(value: str) -> str:
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _attribute(value: str) -> str:
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\t" in value or "\n" in value:
        value = value.replace("\t", "&#9;").replace("\n", "&#10;")
    return value


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _contract_parent(family: Family) -> Parent:
    if family.contract_parent_id is None:
        return family.parents[0]
    for parent in family.parents:
        if parent.id == family.contract_parent_id:
            return parent
    msg = "the generated documents name a parent that exists"
    raise AssertionError(msg)


def _postcode(value: str, country: str) -> str:
    if country == "NL":
        return str(nl_postcode.validate(value))
    return " ".join(value.upper().split())


def _conditions(document: Document) -> dict[PaymentMethod, str]:
    conditions = document.settings.payment_conditions
    return {method: code.strip() for method, code in conditions.items() if code.strip()}


# -- the customer file ---------------------------------------------------------


class _Customer:
    """One prepared customer: what both baselines write, computed once."""

    __slots__ = (
        "accounts",
        "address",
        "code",
        "condition",
        "email",
        "first",
        "gender",
        "initials",
        "language",
        "last",
        "mandates",
        "name",
        "phone",
        "prefix",
    )

    def __init__(self, family: Family, conditions: dict[PaymentMethod, str]) -> None:
        parent = _contract_parent(family)
        self.code = _blank(parent.customer_number)
        self.first = _blank(parent.first_name)
        self.initials = _blank(parent.initials)
        self.prefix = _blank(parent.name_prefix)
        self.last = parent.last_name.strip()
        self.name = " ".join(
            " ".join(
                filter(None, (self.first or self.initials, self.prefix, self.last))
            ).split()
        )
        self.phone = _blank(parent.phone)
        self.email = _blank(parent.email)
        language = _blank(parent.language)
        self.language = None if language is None else language.upper()
        self.gender = None if parent.gender is None else _GENDER[parent.gender.value]
        address = parent.address
        self.address = None
        if address is not None:
            country = address.country.strip().upper()
            self.address = (
                address.street.strip(),
                address.house_number.strip(),
                _blank(address.house_number_suffix),
                _postcode(address.postcode, country),
                address.city.strip(),
                country,
            )
        self.accounts: list[tuple[str, str | None, str]] = []
        self.mandates: list[tuple[str, str, str, str, str, str]] = []
        for account in parent.bank_accounts:
            iban = IBAN("".join(account.iban.split()).upper())
            compact = iban.compact
            given = _blank(account.bic)
            if given is not None:
                bic: str | None = "".join(given.split()).upper()
            else:
                derived = iban.bic
                bic = None if derived is None else derived.compact
            self.accounts.append(
                (compact, bic, _blank(account.holder_name) or self.name)
            )
            mandate = account.mandate
            if mandate is not None and self.code is not None:
                self.mandates.append(
                    (
                        mandate.reference,
                        compact,
                        "Core" if mandate.scheme.value == "core" else "B2B",
                        "Recurrent" if mandate.recurring else "OneOff",
                        mandate.signed_on.isoformat(),
                        "0" if mandate.first_collection_sent else "1",
                    )
                )
        has_mandate = any(a.mandate is not None for a in parent.bank_accounts)
        method = (
            PaymentMethod.DIRECT_DEBIT if has_mandate else PaymentMethod.BANK_TRANSFER
        )
        self.condition = conditions.get(method)


def _floor_account(customer: _Customer) -> str:
    out = []
    if customer.code is None:
        out.append('    <Account status="C">\n')
    else:
        out.append(f'    <Account code="{_attribute(customer.code)}" status="C">\n')
    out.append(f"      <Name>{_text(customer.name)}</Name>\n")
    if customer.phone is not None:
        out.append(f"      <Phone>{_text(customer.phone)}</Phone>\n")
    if customer.email is not None:
        out.append(f"      <Email>{_text(customer.email)}</Email>\n")
    if customer.language is not None:
        out.append(f'      <Language code="{customer.language}"/>\n')
    if customer.gender is None:
        out.append('      <Contact default="1">\n')
    else:
        out.append(f'      <Contact default="1" gender="{customer.gender}">\n')
    out.append(f"        <LastName>{_text(customer.last)}</LastName>\n")
    if customer.prefix is not None:
        out.append(f"        <MiddleName>{_text(customer.prefix)}</MiddleName>\n")
    if customer.first is not None:
        out.append(f"        <FirstName>{_text(customer.first)}</FirstName>\n")
    if customer.initials is not None:
        out.append(f"        <Initials>{_text(customer.initials)}</Initials>\n")
    if customer.email is not None:
        out.append(f"        <Email>{_text(customer.email)}</Email>\n")
    out.append("      </Contact>\n")
    if customer.address is not None:
        street, number, suffix, postcode, city, country = customer.address
        out.append('      <Address type="VIS" default="1">\n')
        out.append(f"        <AddressStreet>{_text(street)}</AddressStreet>\n")
        out.append(
            f"        <AddressStreetNumber>{_text(number)}</AddressStreetNumber>\n"
        )
        if suffix is not None:
            out.append(
                f"        <AddressStreetSuffix>{_text(suffix)}</AddressStreetSuffix>\n"
            )
        out.append(f"        <PostalCode>{_text(postcode)}</PostalCode>\n")
        out.append(f"        <City>{_text(city)}</City>\n")
        out.append(f'        <Country code="{country}"/>\n')
        out.append("      </Address>\n")
    for number, (iban, bic, holder) in enumerate(customer.accounts):
        flag = ' default="1"' if number == 0 else ""
        out.append(f'      <BankAccount code="{iban}"{flag}>\n')
        if bic is not None:
            out.append(f"        <BICCode>{bic}</BICCode>\n")
        out.append(f"        <IBAN>{iban}</IBAN>\n")
        out.append("        <Holder>\n")
        out.append(f"          <Name>{_text(holder)}</Name>\n")
        out.append("        </Holder>\n")
        out.append("      </BankAccount>\n")
    if customer.mandates:
        out.append("      <DDMandates>\n")
        for number, (reference, iban, scheme, kind, signed, first) in enumerate(
            customer.mandates
        ):
            flag = ' default="1"' if number == 0 else ""
            out.append(
                f'        <DDMandate reference="{_attribute(reference)}"{flag}>\n'
            )
            out.append(
                f'          <Account code="{_attribute(str(customer.code))}"/>\n'
            )
            out.append(f'          <BankAccount code="{iban}"/>\n')
            out.append(f"          <Type>{scheme}</Type>\n")
            out.append(f"          <PaymentType>{kind}</PaymentType>\n")
            out.append(f"          <SignatureDate>{signed}</SignatureDate>\n")
            out.append(f"          <FirstSend>{first}</FirstSend>\n")
            out.append("        </DDMandate>\n")
        out.append("      </DDMandates>\n")
    if customer.condition is not None:
        out.append(
            f'      <SalesPaymentCondition code="{_attribute(customer.condition)}"/>\n'
        )
    out.append("    </Account>\n")
    return "".join(out)


def floor_accounts(document: Document) -> bytes:
    """Write the customer file of a clean document, with no checks at all."""
    conditions = _conditions(document)
    accounts = [_floor_account(_Customer(f, conditions)) for f in document.families]
    opening = "  <Accounts>\n" if accounts else ""
    closing = "  </Accounts>\n" if accounts else ""
    return "".join((DOCUMENT_START, opening, *accounts, closing, DOCUMENT_END)).encode()


def _sub(
    parent: ET.Element, tag: str, value: str | None = None, **attrib: str
) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    element.text = value
    return element


def _tree_account(parent: ET.Element, customer: _Customer) -> None:
    attrib = {} if customer.code is None else {"code": customer.code}
    account = _sub(parent, "Account", **attrib, status="C")
    _sub(account, "Name", customer.name)
    if customer.phone is not None:
        _sub(account, "Phone", customer.phone)
    if customer.email is not None:
        _sub(account, "Email", customer.email)
    if customer.language is not None:
        _sub(account, "Language", code=customer.language)
    gender = {} if customer.gender is None else {"gender": customer.gender}
    contact = _sub(account, "Contact", default="1", **gender)
    _sub(contact, "LastName", customer.last)
    if customer.prefix is not None:
        _sub(contact, "MiddleName", customer.prefix)
    if customer.first is not None:
        _sub(contact, "FirstName", customer.first)
    if customer.initials is not None:
        _sub(contact, "Initials", customer.initials)
    if customer.email is not None:
        _sub(contact, "Email", customer.email)
    if customer.address is not None:
        street, number, suffix, postcode, city, country = customer.address
        address = _sub(account, "Address", type="VIS", default="1")
        _sub(address, "AddressStreet", street)
        _sub(address, "AddressStreetNumber", number)
        if suffix is not None:
            _sub(address, "AddressStreetSuffix", suffix)
        _sub(address, "PostalCode", postcode)
        _sub(address, "City", city)
        _sub(address, "Country", code=country)
    for number, (iban, bic, holder) in enumerate(customer.accounts):
        flag = {"default": "1"} if number == 0 else {}
        bank = _sub(account, "BankAccount", code=iban, **flag)
        if bic is not None:
            _sub(bank, "BICCode", bic)
        _sub(bank, "IBAN", iban)
        _sub(_sub(bank, "Holder"), "Name", holder)
    if customer.mandates:
        mandates = _sub(account, "DDMandates")
        for number, (reference, iban, scheme, kind, signed, first) in enumerate(
            customer.mandates
        ):
            flag = {"default": "1"} if number == 0 else {}
            mandate = _sub(mandates, "DDMandate", reference=reference, **flag)
            _sub(mandate, "Account", code=str(customer.code))
            _sub(mandate, "BankAccount", code=iban)
            _sub(mandate, "Type", scheme)
            _sub(mandate, "PaymentType", kind)
            _sub(mandate, "SignatureDate", signed)
            _sub(mandate, "FirstSend", first)
    if customer.condition is not None:
        _sub(account, "SalesPaymentCondition", code=customer.condition)


def _tree_document(build: Callable[[ET.Element], None]) -> bytes:
    root = ET.Element(
        "eExact",
        {
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "eExact-XML.xsd",
        },
    )
    build(root)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def tree_accounts(document: Document) -> bytes:
    """Write the customer file of a clean document through an ElementTree."""
    conditions = _conditions(document)

    def build(root: ET.Element) -> None:
        if document.families:
            topic = ET.SubElement(root, "Accounts")
            for family in document.families:
                _tree_account(topic, _Customer(family, conditions))

    return _tree_document(build)


# -- the sales-entry file --------------------------------------------------------


def _value(amount: Decimal) -> str:
    amount = amount.quantize(_CENT)
    if amount.is_zero():
        return "0.00"
    return f"{amount.copy_negate():f}"


def _entry_number(number: str) -> str | None:
    if number.isdigit() and number.isascii() and number[0] != "0" and len(number) <= 10:
        return number if int(number) <= 2_147_483_647 else None
    return None


class _Entry:
    """One prepared sales entry, shared by both baselines."""

    __slots__ = (
        "account",
        "condition",
        "date",
        "description",
        "due",
        "entry",
        "kind",
        "lines",
        "number",
    )

    def __init__(
        self,
        invoice: Invoice,
        account: str,
        document: Document,
        conditions: dict[PaymentMethod, str],
    ) -> None:
        settings = document.settings
        self.number = invoice.number.strip()
        self.entry = _entry_number(self.number)
        self.account = account
        self.condition = conditions.get(invoice.payment_method)
        self.date = invoice.date.isoformat()
        self.due = None if invoice.due_date is None else invoice.due_date.isoformat()
        self.description = _blank(invoice.description)
        total = sum((line.amount for line in invoice.lines), Decimal(0))
        self.kind = "21" if total < 0 else "20"
        self.lines = [
            (
                _blank(line.gl_account) or settings.gl_account.strip(),
                _blank(line.description),
                _blank(line.cost_center),
                _value(line.amount),
                _blank(line.vat_code) or settings.vat_code.strip(),
            )
            for line in invoice.lines
        ]


def _debtors(document: Document) -> dict[str, str | None]:
    return {
        family.id: _blank(_contract_parent(family).customer_number)
        for family in document.families
    }


def _entries(document: Document) -> list[_Entry]:
    debtors = _debtors(document)
    conditions = _conditions(document)
    entries = []
    for invoice in document.invoices:
        account = debtors.get(invoice.family_id)
        if account is not None:  # no Klantnummer yet: left out
            entries.append(_Entry(invoice, account, document, conditions))
    return entries


def _floor_entry(entry: _Entry, journal: str, currency: str) -> str:
    out = []
    if entry.entry is None:
        out.append("    <GLTransaction>\n")
    else:
        out.append(f'    <GLTransaction entry="{entry.entry}">\n')
    out.append(f'      <TransactionType number="{entry.kind}"/>\n')
    out.append(f'      <Journal code="{journal}"/>\n')
    if entry.condition is not None:
        out.append(f'      <PaymentCondition code="{_attribute(entry.condition)}"/>\n')
    out.append(f"      <Date>{entry.date}</Date>\n")
    if entry.description is not None:
        out.append(f"      <Description>{_text(entry.description)}</Description>\n")
    account = f'        <Account code="{_attribute(entry.account)}"/>\n'
    out.append(account[2:])
    due = "" if entry.due is None else f"        <DueDate>{entry.due}</DueDate>\n"
    invoice_number = (
        ""
        if entry.entry is None
        else f"          <InvoiceNumber>{entry.entry}</InvoiceNumber>\n"
    )
    references = (
        f"        <References>\n{invoice_number}"
        f"          <YourRef>{_text(entry.number)}</YourRef>\n        </References>\n"
    )
    for number, (gl_account, description, cost_center, value, vat) in enumerate(
        entry.lines, start=1
    ):
        out.append(f'      <GLTransactionLine type="{entry.kind}" line="{number}">\n')
        out.append(f"        <Date>{entry.date}</Date>\n")
        out.append(f'        <GLAccount code="{_attribute(gl_account)}"/>\n')
        if description is not None:
            out.append(f"        <Description>{_text(description)}</Description>\n")
        out.append(due)
        out.append(f"        <InvoiceDate>{entry.date}</InvoiceDate>\n")
        out.append(account)
        if cost_center is not None:
            out.append(f'        <Costcenter code="{_attribute(cost_center)}"/>\n')
        out.append(
            f'        <Amount>\n          <Currency code="{currency}"/>\n'
            f"          <Value>{value}</Value>\n"
            f'          <VAT code="{_attribute(vat)}"/>\n        </Amount>\n'
        )
        out.append(references)
        out.append("      </GLTransactionLine>\n")
    out.append("    </GLTransaction>\n")
    return "".join(out)


def floor_sales(document: Document) -> bytes:
    """Write the sales-entry file of a clean document, with no checks at all."""
    journal = _attribute(document.settings.journal.strip())
    currency = _attribute(document.settings.currency.strip().upper())
    entries = [_floor_entry(e, journal, currency) for e in _entries(document)]
    opening = "  <GLTransactions>\n" if entries else ""
    closing = "  </GLTransactions>\n" if entries else ""
    return "".join((DOCUMENT_START, opening, *entries, closing, DOCUMENT_END)).encode()


def _tree_entry(parent: ET.Element, entry: _Entry, journal: str, currency: str) -> None:
    attrib = {} if entry.entry is None else {"entry": entry.entry}
    transaction = _sub(parent, "GLTransaction", **attrib)
    _sub(transaction, "TransactionType", number=entry.kind)
    _sub(transaction, "Journal", code=journal)
    if entry.condition is not None:
        _sub(transaction, "PaymentCondition", code=entry.condition)
    _sub(transaction, "Date", entry.date)
    if entry.description is not None:
        _sub(transaction, "Description", entry.description)
    _sub(transaction, "Account", code=entry.account)
    for number, (gl_account, description, cost_center, value, vat) in enumerate(
        entry.lines, start=1
    ):
        line = _sub(transaction, "GLTransactionLine", type=entry.kind, line=str(number))
        _sub(line, "Date", entry.date)
        _sub(line, "GLAccount", code=gl_account)
        if description is not None:
            _sub(line, "Description", description)
        if entry.due is not None:
            _sub(line, "DueDate", entry.due)
        _sub(line, "InvoiceDate", entry.date)
        _sub(line, "Account", code=entry.account)
        if cost_center is not None:
            _sub(line, "Costcenter", code=cost_center)
        amount = _sub(line, "Amount")
        _sub(amount, "Currency", code=currency)
        _sub(amount, "Value", value)
        _sub(amount, "VAT", code=vat)
        references = _sub(line, "References")
        if entry.entry is not None:
            _sub(references, "InvoiceNumber", entry.entry)
        _sub(references, "YourRef", entry.number)


def tree_sales(document: Document) -> bytes:
    """Write the sales-entry file of a clean document through an ElementTree."""
    journal = document.settings.journal.strip()
    currency = document.settings.currency.strip().upper()

    def build(root: ET.Element) -> None:
        entries = _entries(document)
        if entries:
            topic = ET.SubElement(root, "GLTransactions")
            for entry in entries:
                _tree_entry(topic, entry, journal, currency)

    return _tree_document(build)
