from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from bitcare_exact._text import check_text
from bitcare_exact.model import InvoiceLine
from bitcare_exact.serialize._xml import attribute, illegal_character, text


NASTY = [
    pytest.param("Bakker & Zn", id="ampersand"),
    pytest.param("<geen>", id="markup"),
    pytest.param('Anna \'t Hart "Annie"', id="quotes"),
    pytest.param("regel 1\r\nregel 2\ttab", id="white space"),
    pytest.param("Zoë Müller-Çelik, Юрий 😀", id="non-latin"),
    pytest.param("]]>", id="cdata end"),
]


@pytest.mark.parametrize("value", NASTY)
def test_text_and_attribute_survive_a_parser(value: str) -> None:
    # What a conforming parser reads back must be exactly what was written
    # (XML 1.0 §2.11 end-of-line handling, §3.3.3 attribute normalisation).
    document = f'<a b="{attribute(value)}">{text(value)}</a>'.encode()

    root = etree.fromstring(document)

    assert root.text == value
    assert root.get("b") == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Jansen\x0b", "\x0b", id="vertical tab"),
        pytest.param("\x01", "\x01", id="start of heading"),
        pytest.param("a\ud800b", "\ud800", id="lone surrogate"),
        pytest.param("\ufffe", "\ufffe", id="non-character"),
        pytest.param("tab\tcr\rlf\n", None, id="allowed controls"),
        pytest.param("\ud7ff\ue000\ufffd\U0010ffff", None, id="range edges"),
    ],
)
def test_illegal_character(value: str, expected: str | None) -> None:
    assert illegal_character(value) == expected


def test_check_text_reports_character_before_length() -> None:
    issue = check_text(
        "\x0b" * 60,
        "$.x",
        field="Name",
        field_nl="Naam",
        limit=50,
        family_id="F1",
    )

    assert issue is not None
    assert issue.code == "text.illegal_character"
    assert issue.family_id == "F1"
    assert "U+000B" in issue.message_en


def test_check_text_limit() -> None:
    def check(value: str, limit: int | None) -> str | None:
        issue = check_text(value, "$.x", field="City", field_nl="Plaats", limit=limit)
        return None if issue is None else issue.code

    # domain.md failure case 15: a 33-character city against Exact's 30.
    city = "Westerhaar-Vriezenveensewijk Oost"
    assert len(city) == 33
    assert check(city, 30) == "text.too_long"
    assert check(city[:30], 30) is None
    assert check(city, None) is None


def test_money_must_be_decimal() -> None:
    with pytest.raises(TypeError, match="amount must be a Decimal"):
        InvoiceLine(description="Dagopvang", amount=717.5)  # type: ignore[arg-type]

    assert InvoiceLine(description="d", amount=Decimal(1)).amount == Decimal(1)
