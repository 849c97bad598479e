from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bitcare_exact.accounts import (
    AccountsExport,
    AccountsStream,
    export_accounts,
    stream_accounts,
    validate_accounts,
)
from bitcare_exact.errors import InvalidExportError, StreamStateError
from bitcare_exact.issues import Severity
from bitcare_exact.model import (
    Address,
    BankAccount,
    ExportSettings,
    Family,
    Gender,
    Mandate,
    MandateScheme,
    Parent,
    PaymentMethod,
)


Validator = Callable[[bytes], etree._Element]

CONDITIONS = ExportSettings(
    payment_conditions={
        PaymentMethod.DIRECT_DEBIT: "IN",
        PaymentMethod.BANK_TRANSFER: "14",
    },
)

SANNE = Parent(
    id="P1",
    first_name="Sanne",
    initials="S.",
    name_prefix="van den",
    last_name="Heuvel",
    gender=Gender.FEMALE,
    email="sanne.heuvel@example.org",
    phone="+31 30 000 0042",
    language="nl",
    customer_number="20417",
    address=Address(
        street="Lindelaan",
        house_number="7",
        postcode="3512xy",
        city="Utrecht",
        country="NL",
    ),
    bank_accounts=(
        BankAccount(
            iban="NL91 ABNA 0417 1643 00",
            mandate=Mandate(reference="KDV-20417-1", signed_on=date(2025, 8, 28)),
        ),
    ),
)
LUC = Parent(
    id="P3",
    first_name="Luc",
    last_name="D'Hondt",
    gender=Gender.MALE,
    language="fr",
    address=Address(
        street="Grote Markt",
        house_number="60",
        house_number_suffix="bus 2",
        postcode="3000",
        city="Leuven",
        country="be",
    ),
    bank_accounts=(
        BankAccount(
            iban="BE68539007547034", bic="GKCCBEBB", holder_name="L. D'Hondt & Co"
        ),
    ),
)
SANNE_FAMILY = Family(id="F1", parents=(SANNE, Parent(id="P2", last_name="Heuvel")))
LUC_FAMILY = Family(id="F2", parents=(LUC,))

# Written by hand from exact-accounts.md §5, §6 and §12 and the 2017 XSD: the
# derived BIC of ABN AMRO, the normalised postcode, the display name as holder,
# the direct-debit condition for the customer with a mandate and the
# bank-transfer one for the customer without; no code for the customer
# without Klantnummer; '&' escaped, apostrophes as they are.
EXPECTED = """\
<?xml version="1.0" encoding="UTF-8"?>
<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:noNamespaceSchemaLocation="eExact-XML.xsd">
  <Accounts>
    <Account code="20417" status="C">
      <Name>Sanne van den Heuvel</Name>
      <Phone>+31 30 000 0042</Phone>
      <Email>sanne.heuvel@example.org</Email>
      <Language code="NL"/>
      <Contact default="1" gender="V">
        <LastName>Heuvel</LastName>
        <MiddleName>van den</MiddleName>
        <FirstName>Sanne</FirstName>
        <Initials>S.</Initials>
        <Email>sanne.heuvel@example.org</Email>
      </Contact>
      <Address type="VIS" default="1">
        <AddressStreet>Lindelaan</AddressStreet>
        <AddressStreetNumber>7</AddressStreetNumber>
        <PostalCode>3512 XY</PostalCode>
        <City>Utrecht</City>
        <Country code="NL"/>
      </Address>
      <BankAccount code="NL91ABNA0417164300" default="1">
        <BICCode>ABNANL2A</BICCode>
        <IBAN>NL91ABNA0417164300</IBAN>
        <Holder>
          <Name>Sanne van den Heuvel</Name>
        </Holder>
      </BankAccount>
      <DDMandates>
        <DDMandate reference="KDV-20417-1" default="1">
          <Account code="20417"/>
          <BankAccount code="NL91ABNA0417164300"/>
          <Type>Core</Type>
          <PaymentType>Recurrent</PaymentType>
          <SignatureDate>2025-08-28</SignatureDate>
          <FirstSend>1</FirstSend>
        </DDMandate>
      </DDMandates>
      <SalesPaymentCondition code="IN"/>
    </Account>
    <Account status="C">
      <Name>Luc D'Hondt</Name>
      <Language code="FR"/>
      <Contact default="1" gender="M">
        <LastName>D'Hondt</LastName>
        <FirstName>Luc</FirstName>
      </Contact>
      <Address type="VIS" default="1">
        <AddressStreet>Grote Markt</AddressStreet>
        <AddressStreetNumber>60</AddressStreetNumber>
        <AddressStreetSuffix>bus 2</AddressStreetSuffix>
        <PostalCode>3000</PostalCode>
        <City>Leuven</City>
        <Country code="BE"/>
      </Address>
      <BankAccount code="BE68539007547034" default="1">
        <BICCode>GKCCBEBB</BICCode>
        <IBAN>BE68539007547034</IBAN>
        <Holder>
          <Name>L. D'Hondt &amp; Co</Name>
        </Holder>
      </BankAccount>
      <SalesPaymentCondition code="14"/>
    </Account>
  </Accounts>
</eExact>
"""
EMPTY = """\
<?xml version="1.0" encoding="UTF-8"?>
<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:noNamespaceSchemaLocation="eExact-XML.xsd">
</eExact>
"""


def test_two_customers_byte_for_byte(assert_valid: Validator) -> None:
    export = export_accounts([SANNE_FAMILY, LUC_FAMILY], CONDITIONS)
    assert export.xml.decode() == EXPECTED
    assert_valid(export.xml)
    assert (export.exported, export.left_out) == (("F1", "F2"), ())
    assert [(issue.family_id, issue.code) for issue in export.report] == [
        ("F2", "customer_number.missing"),
    ]


def test_output_is_utf8(assert_valid: Validator) -> None:
    zoe = attrs.evolve(SANNE, first_name="Zoë", last_name="Müller-Çelik")
    xml = export_accounts([Family(id="F1", parents=(zoe,))]).xml
    assert "<Name>Zoë van den Müller-Çelik</Name>".encode() in xml
    assert (
        assert_valid(xml).findtext("Accounts/Account/Name")
        == "Zoë van den Müller-Çelik"
    )


@pytest.mark.parametrize(
    "families",
    [
        pytest.param([], id="no family"),
        pytest.param([Family(id="F1")], id="every family left out"),
    ],
)
def test_no_account_gives_an_empty_document(
    families: list[Family],
    assert_valid: Validator,
) -> None:
    export = export_accounts(families)
    assert export.xml.decode() == EMPTY
    assert_valid(export.xml)


def test_without_payment_conditions_none_is_written() -> None:
    assert (
        b"SalesPaymentCondition" not in export_accounts([SANNE_FAMILY, LUC_FAMILY]).xml
    )


def test_blank_payment_condition_counts_as_none() -> None:
    blank = ExportSettings(payment_conditions={PaymentMethod.DIRECT_DEBIT: "  "})
    export = export_accounts([SANNE_FAMILY], blank)
    assert b"SalesPaymentCondition" not in export.xml
    assert len(export.report) == 0


def test_payment_condition_with_an_illegal_character(assert_valid: Validator) -> None:
    broken = ExportSettings(
        payment_conditions={
            PaymentMethod.DIRECT_DEBIT: "I\x00N",
            PaymentMethod.BANK_TRANSFER: "14",
        },
    )
    export = export_accounts([SANNE_FAMILY, LUC_FAMILY], broken)
    first = export.report.issues[0]
    assert (first.code, first.path, first.family_id) == (
        "text.illegal_character",
        "$.settings.payment_conditions.direct_debit",
        None,
    )
    root = assert_valid(export.xml)
    conditions = [element.get("code") for element in root.iter("SalesPaymentCondition")]
    assert conditions == ["14"]
    assert export.exported == ("F1", "F2")


def test_payment_condition_follows_the_mandate_not_its_export() -> None:
    no_number = attrs.evolve(SANNE, customer_number=None)
    export = export_accounts([Family(id="F1", parents=(no_number,))], CONDITIONS)
    assert b'<SalesPaymentCondition code="IN"/>' in export.xml
    assert b"DDMandate" not in export.xml
    assert b"<Account status=" in export.xml
    assert [issue.code for issue in export.report] == [
        "customer_number.missing",
        "mandate.customer_number_missing",
    ]


def test_second_bank_account_and_mandate_are_not_default(
    assert_valid: Validator,
) -> None:
    one_off = Mandate(
        reference="KDV-20417-2",
        signed_on=date(2026, 1, 5),
        scheme=MandateScheme.B2B,
        recurring=False,
        first_collection_sent=True,
    )
    second = BankAccount(iban="DE89370400440532013000", mandate=one_off)
    parent = attrs.evolve(SANNE, bank_accounts=(*SANNE.bank_accounts, second))
    xml = export_accounts([Family(id="F1", parents=(parent,))]).xml.decode()
    assert '<BankAccount code="DE89370400440532013000">\n' in xml
    assert "<BICCode>COBADEFFXXX</BICCode>" in xml
    assert (
        '        <DDMandate reference="KDV-20417-2">\n'
        '          <Account code="20417"/>\n'
        '          <BankAccount code="DE89370400440532013000"/>\n'
        "          <Type>B2B</Type>\n"
        "          <PaymentType>OneOff</PaymentType>\n"
        "          <SignatureDate>2026-01-05</SignatureDate>\n"
        "          <FirstSend>0</FirstSend>\n"
        "        </DDMandate>\n"
    ) in xml
    assert xml.count("<DDMandates>") == 1
    assert_valid(xml.encode())


def test_gender_other_and_unknown(assert_valid: Validator) -> None:
    other = attrs.evolve(SANNE, gender=Gender.OTHER)
    unknown = attrs.evolve(
        SANNE, id="P9", gender=None, customer_number="20418", bank_accounts=()
    )
    xml = export_accounts(
        [Family(id="F1", parents=(other,)), Family(id="F2", parents=(unknown,))],
    ).xml.decode()
    assert '<Contact default="1" gender="O">' in xml
    assert '<Contact default="1">' in xml
    assert_valid(xml.encode())


def test_never_the_other_parents_bank_account() -> None:
    # domain.md failure case 18.
    other = attrs.evolve(SANNE, id="P2", customer_number=None)
    lonely = attrs.evolve(LUC, bank_accounts=())
    export = export_accounts([Family(id="F1", parents=(lonely, other))])
    assert export.exported == ("F1",)
    assert b"NL91ABNA0417164300" not in export.xml
    assert b"<BankAccount" not in export.xml
    assert [issue.code for issue in export.report] == [
        "customer_number.missing",
        "bank_account.missing",
    ]


def test_switched_contract_parent_is_exported() -> None:
    family = Family(id="F1", parents=(SANNE, LUC), contract_parent_id="P3")
    xml = export_accounts([family]).xml
    assert b"<Name>Luc D'Hondt</Name>" in xml
    assert b"Heuvel" not in xml


def test_duplicate_customer_number_fails_both_families(assert_valid: Validator) -> None:
    twin = Family(
        id="F3", parents=(attrs.evolve(LUC, id="P4", customer_number=" 20417"),)
    )
    export = export_accounts([SANNE_FAMILY, LUC_FAMILY, twin])
    assert (export.exported, export.left_out) == (("F2",), ("F1", "F3"))
    duplicates = [
        issue for issue in export.report if issue.code == "customer_number.duplicate"
    ]
    assert [issue.family_id for issue in duplicates] == ["F1", "F3"]
    assert b"20417" not in export.xml
    assert_valid(export.xml)


def test_strict_raises_with_every_error() -> None:
    broken = Family(id="F3", parents=(attrs.evolve(LUC, id="P4", last_name=""),))
    with pytest.raises(InvalidExportError) as raised:
        export_accounts([Family(id="F0"), SANNE_FAMILY, broken], strict=True)
    assert [(issue.family_id, issue.code) for issue in raised.value.issues] == [
        ("F0", "family.no_parent"),
        ("F3", "parent.name_missing"),
    ]
    assert all(issue.severity is Severity.ERROR for issue in raised.value.issues)


def test_strict_returns_when_there_are_only_warnings() -> None:
    export = export_accounts([LUC_FAMILY], strict=True)
    assert export.exported == ("F2",)
    assert export.report.warnings


def test_strict_with_require_customer_numbers() -> None:
    with pytest.raises(InvalidExportError) as raised:
        export_accounts([LUC_FAMILY], require_customer_numbers=True, strict=True)
    assert [issue.code for issue in raised.value.issues] == ["customer_number.required"]


def test_export_is_the_stream_joined() -> None:
    families = [SANNE_FAMILY, Family(id="F0"), LUC_FAMILY]
    export = export_accounts(families, CONDITIONS)
    stream = stream_accounts(families, CONDITIONS)
    pieces = list(stream)
    assert b"".join(pieces) == export.xml
    assert len(pieces) == 4  # the header, one per customer, the end
    assert (stream.report, stream.exported, stream.left_out) == (
        export.report,
        export.exported,
        export.left_out,
    )


def test_stream_outcome_is_not_available_before_the_end() -> None:
    stream = stream_accounts([SANNE_FAMILY, LUC_FAMILY])
    for read in (
        lambda: stream.report,
        lambda: stream.exported,
        lambda: stream.left_out,
    ):
        with pytest.raises(StreamStateError, match="whole AccountsStream"):
            read()
    pieces = iter(stream)
    next(pieces)
    next(pieces)
    with pytest.raises(StreamStateError):
        _ = stream.exported


def test_stream_can_be_iterated_once() -> None:
    stream = AccountsStream([SANNE_FAMILY])
    list(stream)
    with pytest.raises(
        StreamStateError, match=r"^this AccountsStream was iterated already"
    ):
        iter(stream)


def test_stream_reads_the_families_twice_and_only_when_read() -> None:
    class Counting(list[Family]):
        reads = 0

        def __iter__(self) -> Iterator[Family]:
            Counting.reads += 1
            return super().__iter__()

    families = Counting([SANNE_FAMILY, LUC_FAMILY])
    stream = stream_accounts(families)
    assert Counting.reads == 0
    list(stream)
    assert Counting.reads == 2


def _generator(families: tuple[Family, ...]) -> Iterator[Family]:
    yield from families


def test_export_accepts_a_generator(assert_valid: Validator) -> None:
    # A one-shot iterator is read once into a tuple, so both passes see it.
    families = (SANNE_FAMILY, Family(id="F0"), LUC_FAMILY)
    expected = export_accounts(families, CONDITIONS)
    export = export_accounts(_generator(families), CONDITIONS)
    assert export == expected
    assert (export.exported, export.left_out) == (("F1", "F2"), ("F0",))
    assert_valid(export.xml)


def test_stream_and_validate_accept_a_generator() -> None:
    families = (SANNE_FAMILY, Family(id="F0"), LUC_FAMILY)
    stream = stream_accounts(_generator(families), CONDITIONS)
    assert b"".join(stream) == export_accounts(families, CONDITIONS).xml
    assert (stream.exported, stream.left_out) == (("F1", "F2"), ("F0",))
    assert validate_accounts(_generator(families)) == validate_accounts(families)
    assert validate_accounts(iter(families)).codes == stream.report.codes


def test_stream_finds_klantnummers_equal_but_for_leading_zeros() -> None:
    # Two passes: the index of the first pass sees F3's number before F1 is
    # written, so neither is.
    twin = Family(
        id="F3", parents=(attrs.evolve(LUC, id="P4", customer_number="020417"),)
    )
    stream = stream_accounts([SANNE_FAMILY, LUC_FAMILY, twin])
    xml = b"".join(stream)
    assert (stream.exported, stream.left_out) == (("F2",), ("F1", "F3"))
    duplicates = [
        issue for issue in stream.report if issue.code == "customer_number.duplicate"
    ]
    assert [(issue.family_id, issue.message_en) for issue in duplicates] == [
        (
            family_id,
            (
                f"The Klantnummer {number!r} belongs to more than one family "
                "(families F1 ('20417'), F3 ('020417'))"
            ),
        )
        for family_id, number in (("F1", "20417"), ("F3", "020417"))
    ]
    assert b"20417" not in xml


def test_mandate_signed_at_a_moment_writes_the_calendar_date(
    assert_valid: Validator,
) -> None:
    # datetime is a date subclass; its isoformat would add a time, which
    # SignatureDate (xs:date) refuses.
    moment = datetime.datetime(2025, 8, 28, 5, 0, 0, tzinfo=datetime.UTC)
    mandate = Mandate(reference="KDV-20417-1", signed_on=moment)
    bank = attrs.evolve(SANNE.bank_accounts[0], mandate=mandate)
    parent = attrs.evolve(SANNE, bank_accounts=(bank,))
    export = export_accounts([attrs.evolve(SANNE_FAMILY, parents=(parent,))])
    root = assert_valid(export.xml)
    assert [item.text for item in root.iter("SignatureDate")] == ["2025-08-28"]


def test_validate_agrees_with_export() -> None:
    families = [SANNE_FAMILY, Family(id="F0"), LUC_FAMILY]
    assert validate_accounts(families) == export_accounts(families).report


def test_export_record_is_frozen() -> None:
    export = export_accounts([])
    assert isinstance(export, AccountsExport)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        export.xml = b""  # type: ignore[misc]


# --- properties --------------------------------------------------------------

VARIANTS = [
    SANNE_FAMILY,
    LUC_FAMILY,
    Family(id="X"),
    Family(id="X", parents=(attrs.evolve(LUC, last_name=" "),)),
    Family(id="X", parents=(attrs.evolve(SANNE, customer_number="12a"),)),
    Family(id="X", parents=(SANNE, LUC), contract_parent_id="P9"),
    Family(id="X", parents=(attrs.evolve(LUC, email="a@b"),)),
    Family(id="X", parents=(attrs.evolve(SANNE, customer_number=None),)),
]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(VARIANTS), st.sampled_from(["F1", "F2", "F3", "F4"])),
        max_size=6,
    ),
)
def test_every_family_is_exported_or_reported(
    picks: list[tuple[Family, str]],
    assert_valid: Validator,
) -> None:
    families = [attrs.evolve(variant, id=family_id) for variant, family_id in picks]
    export = export_accounts(families, CONDITIONS)
    assert len(export.exported) + len(export.left_out) == len(families)
    assert sorted(export.exported + export.left_out) == sorted(f.id for f in families)
    for family_id in export.left_out:
        assert export.report.for_family(family_id).has_errors
    assert export.xml == b"".join(stream_accounts(families, CONDITIONS))
    root = assert_valid(export.xml)
    assert len(root.findall("Accounts/Account")) == len(export.exported)


@settings(max_examples=150)
@given(name=st.text())
def test_any_name_gives_well_formed_xml_or_an_error(name: str) -> None:
    family = Family(
        id="F1", parents=(attrs.evolve(SANNE, last_name=name, name_prefix=None),)
    )
    export = export_accounts([family])
    root = etree.fromstring(export.xml)
    if export.exported:
        assert root.findtext("Accounts/Account/Contact/LastName") == name.strip()
    else:
        assert export.report.has_errors


def test_address_without_postcode_has_no_postal_code(assert_valid: Validator) -> None:
    hong_kong = Address(
        street="Queen's Road Central",
        house_number="88",
        postcode=" ",
        city="Hong Kong",
        country="HK",
    )
    parent = attrs.evolve(SANNE, address=hong_kong)
    export = export_accounts([Family(id="F1", parents=(parent,))])
    assert export.exported == ("F1",)
    assert (
        "        <AddressStreetNumber>88</AddressStreetNumber>\n"
        "        <City>Hong Kong</City>\n"
        '        <Country code="HK"/>\n'
    ) in export.xml.decode()
    assert_valid(export.xml)
