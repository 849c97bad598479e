"""The issue catalogue: every rule is complete, bilingual and usable.

The catalogue is the single source of the issue codes, of the messages users
read and of the documentation's code page, so these checks run over every row
of every rule table, including rows added later.
"""

from __future__ import annotations

import re
import string
from types import MappingProxyType

import pytest

from bitcare_exact import RULES, Rule, Severity
from bitcare_exact.catalogue import _index
from bitcare_exact.issues import make_issue


CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
TEXTS = ("message_en", "message_nl", "fix_en", "fix_nl")
ALL_RULES = [pytest.param(rule, id=code) for code, rule in RULES.items()]


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _as_english(field: str) -> str:
    # A Dutch template may use a Dutch variant of a value: {field_nl} for {field}.
    return field.removesuffix("_nl")


def test_catalogue_is_not_empty_and_read_only() -> None:
    assert isinstance(RULES, MappingProxyType)
    assert "document.key_unknown" in RULES
    with pytest.raises(TypeError):
        RULES["x.y"] = RULES["document.key_unknown"]  # type: ignore[index]


@pytest.mark.parametrize("rule", ALL_RULES)
def test_code_is_dotted_lower_case_and_matches_its_key(rule: Rule) -> None:
    assert CODE.fullmatch(rule.code)
    assert RULES[rule.code] is rule


@pytest.mark.parametrize("rule", ALL_RULES)
def test_severity_is_a_severity(rule: Rule) -> None:
    assert isinstance(rule.severity, Severity)


@pytest.mark.parametrize("rule", ALL_RULES)
def test_meaning_is_one_sentence(rule: Rule) -> None:
    assert rule.meaning.strip() == rule.meaning
    assert rule.meaning.endswith(".")


@pytest.mark.parametrize("rule", ALL_RULES)
def test_messages_and_fixes_have_no_trailing_period(rule: Rule) -> None:
    # Issue.message() joins message and fix with ". "; a period of their own
    # would double it.
    for name in TEXTS:
        text = getattr(rule, name)
        assert text, name
        assert text.strip() == text, name
        assert not text.endswith("."), name


@pytest.mark.parametrize("rule", ALL_RULES)
def test_dutch_is_not_a_copy_of_english(rule: Rule) -> None:
    assert rule.message_nl != rule.message_en
    assert rule.fix_nl != rule.fix_en


@pytest.mark.parametrize("rule", ALL_RULES)
def test_both_languages_show_the_same_values(rule: Rule) -> None:
    english = _placeholders(rule.message_en)
    dutch = {_as_english(field) for field in _placeholders(rule.message_nl)}
    assert dutch == english
    assert not _placeholders(rule.fix_en)
    assert not _placeholders(rule.fix_nl)


@pytest.mark.parametrize("rule", ALL_RULES)
def test_an_issue_can_be_made_from_every_rule(rule: Rule) -> None:
    fields = _placeholders(rule.message_en) | _placeholders(rule.message_nl)
    params = {field: f"<{field}>" for field in fields}
    issue = make_issue(rule.code, "$.x", family_id="F1", **params)
    assert issue.code == rule.code
    assert issue.severity is rule.severity
    assert issue.message("en") == f"{issue.message_en}. {rule.fix_en}"
    assert issue.message("nl") == f"{issue.message_nl}. {rule.fix_nl}"
    assert "{" not in issue.message_en
    assert "{" not in issue.message_nl


def test_placeholders_are_filled_with_the_value_found() -> None:
    issue = make_issue("document.key_unknown", "$.families[0].nmae", key="nmae")
    assert issue.message_en == "The key 'nmae' is not part of the interchange document"
    assert (
        issue.message_nl == "De sleutel 'nmae' hoort niet bij het uitwisselingsdocument"
    )


def test_a_code_defined_twice_is_refused() -> None:
    row = ("x.twice", "error", "Meaning.", "en", "nl", "fix", "herstel")
    with pytest.raises(ValueError, match=re.escape("'x.twice' is defined twice")):
        _index((row, row))


def test_index_builds_rules_in_order() -> None:
    rows = (
        ("b.second", "warning", "B.", "b", "b-nl", "fix b", "herstel b"),
        ("a.first", "error", "A.", "a", "a-nl", "fix a", "herstel a"),
    )
    rules = _index(rows)
    assert list(rules) == ["b.second", "a.first"]
    assert rules["b.second"] == Rule(
        code="b.second",
        severity=Severity.WARNING,
        meaning="B.",
        message_en="b",
        message_nl="b-nl",
        fix_en="fix b",
        fix_nl="herstel b",
    )
