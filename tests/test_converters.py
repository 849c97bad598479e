from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bitcare_exact.converters import structure_document, unstructure_document
from bitcare_exact.errors import InvalidDocumentError
from bitcare_exact.model import (
    Document,
    Gender,
    MandateScheme,
    PaymentMethod,
)


def _parent(**extra: object) -> dict[str, object]:
    return {"id": "P1", "last_name": "Jansen", **extra}


def _family(**extra: object) -> dict[str, object]:
    return {"id": "F1", "parents": [_parent()], **extra}


def _invoice(**extra: object) -> dict[str, object]:
    return {
        "number": "2026010001",
        "family_id": "F1",
        "date": "2026-01-01",
        "lines": [{"description": "Dagopvang", "amount": "717.50"}],
        **extra,
    }


def _problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document(data)
    return [(issue.code, issue.path) for issue in caught.value.issues]


def test_minimal_document_takes_the_documented_defaults() -> None:
    document = structure_document({})

    assert document == Document()
    # input-format.md, ExportSettings: the defaults of the table.
    assert document.settings.journal == "70"
    assert document.settings.currency == "EUR"
    assert document.settings.gl_account == "8000"
    assert document.settings.vat_code == "0"
    assert dict(document.settings.payment_conditions) == {}


def test_full_records_are_typed() -> None:
    data = {
        "families": [
            _family(
                children=[
                    {"id": "K1", "first_name": "Noor", "birth_date": "2022-03-14"}
                ],
                parents=[
                    _parent(
                        gender="female",
                        bank_accounts=[
                            {
                                "iban": "NL91ABNA0417164300",
                                "mandate": {
                                    "reference": "KDV-1",
                                    "signed_on": "2025-08-28",
                                    "scheme": "b2b",
                                },
                            },
                        ],
                    ),
                ],
            ),
        ],
        "invoices": [_invoice(payment_method="direct_debit")],
        "settings": {"payment_conditions": {"direct_debit": "IN"}},
    }

    document = structure_document(data)

    parent = document.families[0].parents[0]
    mandate = parent.bank_accounts[0].mandate
    assert parent.gender is Gender.FEMALE
    assert mandate is not None
    assert mandate.signed_on == date(2025, 8, 28)
    assert mandate.scheme is MandateScheme.B2B
    assert mandate.recurring is True
    assert mandate.first_collection_sent is False
    assert document.families[0].children[0].birth_date == date(2022, 3, 14)
    assert document.invoices[0].lines[0].amount == Decimal("717.50")
    assert document.invoices[0].payment_method is PaymentMethod.DIRECT_DEBIT
    assert document.settings.payment_conditions[PaymentMethod.DIRECT_DEBIT] == "IN"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        pytest.param("bank_accounts", None, (), id="null list is empty"),
        pytest.param("gender", None, None, id="null optional"),
    ],
)
def test_null_means_missing(key: str, value: object, expected: object) -> None:
    # input-format.md: "A missing optional key means the same as null."
    document = structure_document(
        {"families": [_family(parents=[_parent(**{key: value})])]}
    )

    assert getattr(document.families[0].parents[0], key) == expected


def test_null_defaults_of_mandate_and_invoice() -> None:
    mandate = {
        "reference": "R",
        "signed_on": "2025-01-01",
        "scheme": None,
        "recurring": None,
    }
    data = {
        "families": [
            _family(
                parents=[_parent(bank_accounts=[{"iban": "X", "mandate": mandate}])]
            )
        ],
        "invoices": [_invoice(payment_method=None, lines=None)],
        "settings": None,
    }

    document = structure_document(data)

    read = document.families[0].parents[0].bank_accounts[0].mandate
    assert read is not None
    assert read.scheme is MandateScheme.CORE
    assert read.recurring is True
    assert document.invoices[0].payment_method is PaymentMethod.BANK_TRANSFER
    assert document.invoices[0].lines == ()


def test_round_trip_is_lossless() -> None:
    data = {
        "families": [_family(contract_parent_id="P1")],
        "invoices": [_invoice(due_date="2026-01-28")],
        "settings": {"journal": "71", "payment_conditions": {"bank_transfer": "14"}},
    }
    document = structure_document(data)

    plain = unstructure_document(document)

    assert structure_document(plain) == document
    assert plain["settings"] == {
        "journal": "71",
        "currency": "EUR",
        "gl_account": "8000",
        "vat_code": "0",
        "payment_conditions": {"bank_transfer": "14"},
    }
    assert json.loads(json.dumps(plain)) == plain


def test_sample_round_trips(sample_path: Path) -> None:
    data = json.loads(sample_path.read_text(encoding="utf-8"))

    document = structure_document(data)

    assert len(document.families) == len(data["families"])
    assert len(document.invoices) == len(data["invoices"])
    assert structure_document(unstructure_document(document)) == document


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            lambda d: d["families"][0]["parents"][0].update(nmae="x"),
            [("document.key_unknown", "$.families[0].parents[0].nmae")],
            id="unknown key",
        ),
        pytest.param(
            lambda d: d["families"][0]["parents"][0].pop("last_name"),
            [("document.key_missing", "$.families[0].parents[0].last_name")],
            id="missing required key",
        ),
        pytest.param(
            lambda d: d["families"][0]["parents"][0].update(customer_number=1042),
            [("document.type_invalid", "$.families[0].parents[0].customer_number")],
            id="number for text",
        ),
        pytest.param(
            lambda d: d["families"][0]["parents"][0]["address"].update(house_number=12),
            [
                (
                    "document.type_invalid",
                    "$.families[0].parents[0].address.house_number",
                )
            ],
            id="house number as number",
        ),
        pytest.param(
            lambda d: d["invoices"][0]["lines"][0].update(amount=717.5),
            [("document.money_float", "$.invoices[0].lines[0].amount")],
            id="float money",
        ),
        pytest.param(
            lambda d: d["invoices"][0]["lines"][0].update(amount=717),
            [("document.money_float", "$.invoices[0].lines[0].amount")],
            id="integer money",
        ),
        pytest.param(
            lambda d: d["invoices"][0]["lines"][0].update(amount="7,50"),
            [("document.money_invalid", "$.invoices[0].lines[0].amount")],
            id="comma decimal",
        ),
        *(
            pytest.param(
                lambda d, text=text: d["invoices"][0]["lines"][0].update(amount=text),
                [("document.money_invalid", "$.invoices[0].lines[0].amount")],
                id=f"money {text!r}",
            )
            # Decimal() takes each of these; input-format.md's decimal string
            # ("1234.56", "-45.00") does not.
            for text in (
                "1_000.00",
                "1e3",
                "+12.50",
                " 12.50",
                "12.50\n",
                ".5",
                "5.",
                "NaN",
                "Infinity",
                "\u0661\u0662.\u0665\u0660",
                "",
            )
        ),
        pytest.param(
            lambda d: d["invoices"][0].update(date="01-01-2026"),
            [("document.date_invalid", "$.invoices[0].date")],
            id="dutch date order",
        ),
        pytest.param(
            lambda d: d["invoices"][0].update(date="2026-02-30"),
            [("document.date_invalid", "$.invoices[0].date")],
            id="impossible date",
        ),
        pytest.param(
            lambda d: d["invoices"][0].update(date="20260101"),
            [("document.date_invalid", "$.invoices[0].date")],
            id="basic iso date",
        ),
        pytest.param(
            lambda d: d["invoices"][0].update(payment_method="incasso"),
            [("document.value_unknown", "$.invoices[0].payment_method")],
            id="unknown enum",
        ),
        pytest.param(
            lambda d: d["families"][0]["parents"][0]["bank_accounts"][0][
                "mandate"
            ].update(
                signed_on="yesterday",
            ),
            [
                (
                    "document.date_invalid",
                    "$.families[0].parents[0].bank_accounts[0].mandate.signed_on",
                ),
            ],
            id="deep path",
        ),
        pytest.param(
            lambda d: d["families"][0]["parents"][0]["bank_accounts"][0][
                "mandate"
            ].update(
                recurring="yes",
            ),
            [
                (
                    "document.type_invalid",
                    "$.families[0].parents[0].bank_accounts[0].mandate.recurring",
                ),
            ],
            id="string for boolean",
        ),
        pytest.param(
            lambda d: d["families"][0].update(children="Noor"),
            [("document.type_invalid", "$.families[0].children")],
            id="string for list",
        ),
        pytest.param(
            lambda d: d["families"].append("F2"),
            [("document.type_invalid", "$.families[1]")],
            id="string for record",
        ),
        pytest.param(
            lambda d: d["settings"].update(payment_conditions={"cash": "K"}),
            [("document.value_unknown", "$.settings.payment_conditions.cash")],
            id="unknown payment method key",
        ),
        pytest.param(
            lambda d: d["settings"].update(payment_conditions=["IN"]),
            [("document.type_invalid", "$.settings.payment_conditions")],
            id="list for mapping",
        ),
        pytest.param(
            lambda d: d["settings"].update(payment_conditions={"direct_debit": 7}),
            [("document.type_invalid", "$.settings.payment_conditions.direct_debit")],
            id="number for condition code",
        ),
    ],
)
def test_shape_problems_are_located(
    mutate: object, expected: list[tuple[str, str]]
) -> None:
    data: dict[str, object] = {
        "families": [
            _family(
                parents=[
                    _parent(
                        address={
                            "street": "Lindelaan",
                            "house_number": "7",
                            "postcode": "3512 XY",
                            "city": "Utrecht",
                            "country": "NL",
                        },
                        bank_accounts=[
                            {
                                "iban": "NL91ABNA0417164300",
                                "mandate": {
                                    "reference": "R",
                                    "signed_on": "2025-01-01",
                                },
                            },
                        ],
                    ),
                ],
            ),
        ],
        "invoices": [_invoice()],
        "settings": {},
    }
    data = copy.deepcopy(data)
    mutate(data)  # type: ignore[operator] # the table holds lambdas

    assert _problems(data) == expected


def test_every_problem_is_reported_at_once() -> None:
    data = {
        "families": [
            {"parents": [{"id": "P1", "last_name": 5}]},
            _family(extra=True),
        ],
        "invoices": [_invoice(lines=[{"description": "d", "amount": 1.5}])],
        "unknown": [],
    }

    assert sorted(_problems(data)) == [
        ("document.key_missing", "$.families[0].id"),
        ("document.key_unknown", "$.families[1].extra"),
        ("document.key_unknown", "$.unknown"),
        ("document.money_float", "$.invoices[0].lines[0].amount"),
        ("document.type_invalid", "$.families[0].parents[0].last_name"),
    ]


@pytest.mark.parametrize(
    ("data", "found"),
    [
        pytest.param([], "a list", id="list"),
        pytest.param(None, "null", id="null"),
        pytest.param("{}", "a string", id="string"),
        pytest.param(3.5, "the number 3.5", id="number"),
        pytest.param(True, "a boolean", id="boolean"),
    ],
)
def test_top_level_must_be_an_object(data: object, found: str) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document(data)

    (issue,) = caught.value.issues
    assert (issue.code, issue.path) == ("document.type_invalid", "$")
    assert issue.message_en == f"The value must be an object (found {found})"


def test_error_message_lists_the_first_problems() -> None:
    data = {"families": [{"id": str(n), "parents": [{"id": "P"}]} for n in range(7)]}

    with pytest.raises(InvalidDocumentError) as caught:
        structure_document(data)

    text = str(caught.value)
    assert text.startswith("7 problems in the document:\n")
    single = {"families": [{"id": "F1"}], "x": 1}
    with pytest.raises(InvalidDocumentError, match=r"^1 problem in the document:"):
        structure_document(single)
    assert "… and 2 more" in text
    assert len(caught.value.issues) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("717.50", Decimal("717.50"), id="two decimals"),
        pytest.param("-45.00", Decimal("-45.00"), id="negative"),
        pytest.param("100", Decimal(100), id="whole"),
        pytest.param(
            "0.005", Decimal("0.005"), id="three decimals: a rule, not a shape"
        ),
        pytest.param("-0.00", Decimal("-0.00"), id="negative zero"),
    ],
)
def test_plain_decimal_strings_are_money(text: str, expected: Decimal) -> None:
    document = structure_document(
        {"invoices": [_invoice(lines=[{"description": "d", "amount": text}])]}
    )

    assert document.invoices[0].lines[0].amount == expected


def test_impossible_date_message_says_it_does_not_exist() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document({"invoices": [_invoice(date="2026-02-29")]})

    (issue,) = caught.value.issues
    assert issue.message_en == (
        "A date must be an existing calendar date written YYYY-MM-DD (found '2026-02-29')"
    )


# --- Python data that JSON cannot hold -----------------------------------------


def test_keys_of_other_types_are_unknown_keys() -> None:
    # JSON keys are strings; a Python caller can pass others, mixed types
    # included, and gets issues, not a TypeError from sorting them.
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document({1: 2, "x": 3, None: 4, (1, 2): 5})

    assert sorted(issue.path for issue in caught.value.issues) == [
        "$.(1, 2)",
        "$.1",
        "$.None",
        "$.x",
    ]
    assert {issue.code for issue in caught.value.issues} == {"document.key_unknown"}


def test_an_integer_too_long_to_show_is_described() -> None:
    # Python refuses to turn integers of over 4,300 digits into text.
    huge = 10**5000
    data = {
        "families": [{"id": huge}],
        "invoices": [
            {
                "number": "1",
                "family_id": "F1",
                "date": "2026-01-01",
                "lines": [{"description": "Opvang", "amount": huge}],
            }
        ],
    }
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document(data)

    found = {(i.code, i.path): i.message_en for i in caught.value.issues}
    assert found[("document.type_invalid", "$.families[0].id")] == (
        "The value must be a string (found a number too long to show)"
    )
    assert (
        "(found a number too long to show)"
        in found[("document.money_float", "$.invoices[0].lines[0].amount")]
    )


def test_a_payment_condition_keyed_by_a_number() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        structure_document({"settings": {"payment_conditions": {3: "14"}}})

    (issue,) = caught.value.issues
    assert (issue.code, issue.path) == (
        "document.type_invalid",
        "$.settings.payment_conditions.3",
    )
    assert issue.message_en == "The value must be a string (found the number 3)"
