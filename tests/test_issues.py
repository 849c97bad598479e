from __future__ import annotations

import pytest

from bitcare_exact.catalogue import RULES
from bitcare_exact.errors import InvalidExportError
from bitcare_exact.issues import Issue, Report, Severity, make_issue


def _error(family_id: str) -> Issue:
    return make_issue("document.key_missing", "$.a", family_id=family_id, key="a")


def _warning(family_id: str) -> Issue:
    issue = _error(family_id)
    return Issue(
        code=issue.code,
        severity=Severity.WARNING,
        path=issue.path,
        message_en=issue.message_en,
        message_nl=issue.message_nl,
        fix_en=issue.fix_en,
        fix_nl=issue.fix_nl,
        family_id=family_id,
    )


def test_report_splits_errors_and_warnings() -> None:
    report = Report((_error("F1"), _warning("F2"), _error("F2")))

    assert [i.family_id for i in report.errors] == ["F1", "F2"]
    assert [i.family_id for i in report.warnings] == ["F2"]
    assert report.has_errors
    assert report.codes == ("document.key_missing",) * 3
    assert len(report.for_family("F2")) == 2
    assert list(report) == list(report.issues)


def test_report_without_errors() -> None:
    report = Report.of([_warning("F1")])

    assert not report.has_errors
    assert (Report() + report).issues == report.issues


def test_message_joins_text_and_fix_per_language() -> None:
    issue = make_issue("document.key_unknown", "$.families[0].nmae", key="nmae")
    rule = RULES["document.key_unknown"]

    assert issue.message("en") == (
        f"The key 'nmae' is not part of the interchange document. {rule.fix_en}"
    )
    assert issue.message("nl") == (
        f"De sleutel 'nmae' hoort niet bij het uitwisselingsdocument. {rule.fix_nl}"
    )
    assert issue.message() == issue.message("nl")
    assert str(issue) == (
        "document.key_unknown: The key 'nmae' is not part of the interchange "
        "document @ $.families[0].nmae"
    )


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        make_issue("no.such_code", "$")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_complete(code: str) -> None:
    rule = RULES[code]

    assert rule.code == code
    assert code.count(".") == 1
    assert code == code.lower()
    for text in (
        rule.meaning,
        rule.message_en,
        rule.message_nl,
        rule.fix_en,
        rule.fix_nl,
    ):
        assert text.strip() == text
        assert text
    # The issue joins message and fix with ". ": neither may end in a period.
    for text in (rule.message_en, rule.message_nl, rule.fix_en, rule.fix_nl):
        assert not text.endswith(".")


def test_export_error_shows_count_and_first_issues() -> None:
    issues = tuple(_error(f"F{n}") for n in range(3))

    error = InvalidExportError(issues)

    assert error.issues == issues
    assert str(error).splitlines() == [
        "3 errors prevent the export:",
        *(f"  {issue}" for issue in issues),
    ]
    assert isinstance(error, ValueError)
