"""Problems found in an export, and the report that collects them.

An :class:`Issue` is one problem (*melding*) with a stable dotted code, a
severity, the JSON path of the field and a message in Dutch and English that
says what is wrong, what was found and where to fix it in Bitcare. A
:class:`Report` holds the issues of one run in the order they were found.

Every code is described once, in :data:`bitcare_exact.catalogue.RULES`; an
issue is made from its rule with :func:`make_issue`, so a message can never
drift from the catalogue.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator

import attrs


__all__ = ["Issue", "Report", "Severity", "make_issue"]


class Severity(enum.StrEnum):
    """How bad an issue is.

    An ``error`` keeps the record out of the Exact file; a ``warning`` does not.

    >>> Severity.ERROR.value
    'error'
    """

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Issue:
    """One problem in the input, located by path and record ids.

    >>> issue = make_issue("document.key_missing", "$.families[0].id",
    ...                    family_id="F1", key="id")
    >>> issue.severity.value, issue.family_id
    ('error', 'F1')
    """

    code: str
    severity: Severity
    path: str
    message_en: str
    message_nl: str
    fix_en: str
    fix_nl: str
    family_id: str | None = None
    parent_id: str | None = None
    invoice_number: str | None = None

    def message(self, lang: str = "nl") -> str:
        """Return the message with its fix in Dutch (``nl``) or English (``en``).

        >>> issue = make_issue("document.key_missing", "$.families[0].id", key="id")
        >>> issue.message("en")
        "The required key 'id' is missing. Fix the export file or ..."
        """
        if lang == "en":
            return f"{self.message_en}. {self.fix_en}"
        return f"{self.message_nl}. {self.fix_nl}"

    def __str__(self) -> str:
        """Render as ``code: message @ path`` in English."""
        return f"{self.code}: {self.message_en} @ {self.path}"


@attrs.frozen
class Report:
    """The issues of one run, in the order they were found.

    >>> report = Report((make_issue("document.key_missing", "$.a", key="a"),))
    >>> report.has_errors, len(report)
    (True, 1)
    """

    issues: tuple[Issue, ...] = ()

    def __iter__(self) -> Iterator[Issue]:
        """Iterate over the issues."""
        return iter(self.issues)

    def __len__(self) -> int:
        """Count the issues."""
        return len(self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues of severity ``error``."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues of severity ``warning``."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def has_errors(self) -> bool:
        """Whether any issue is an error."""
        return any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all issues, in order (handy in tests and filters)."""
        return tuple(i.code for i in self.issues)

    def for_family(self, family_id: str) -> Report:
        """Return the issues that concern one family.

        >>> Report().for_family("F1").issues
        ()
        """
        return Report(tuple(i for i in self.issues if i.family_id == family_id))

    def __add__(self, other: Report) -> Report:
        """Join two reports, this one's issues first."""
        return Report(self.issues + other.issues)

    @classmethod
    def of(cls, issues: Iterable[Issue]) -> Report:
        """Build a report from any iterable of issues.

        >>> len(Report.of([]))
        0
        """
        return cls(tuple(issues))


def make_issue(
    code: str,
    path: str,
    *,
    family_id: str | None = None,
    parent_id: str | None = None,
    invoice_number: str | None = None,
    **params: object,
) -> Issue:
    """Make an issue from its catalogue rule, filling the message templates.

    ``params`` fill the ``{placeholders}`` of the rule's messages (most rules
    take ``found``). Where a rule's severity depends on the caller's options,
    change it with :func:`attrs.evolve`.

    >>> make_issue("document.key_unknown", "$.families[0].nmae",
    ...            key="nmae").message_en
    "The key 'nmae' is not part of the interchange document"
    """
    from bitcare_exact.catalogue import RULES  # noqa: PLC0415 - import cycle

    rule = RULES[code]
    return Issue(
        code=code,
        severity=rule.severity,
        path=path,
        message_en=rule.message_en.format(**params),
        message_nl=rule.message_nl.format(**params),
        fix_en=rule.fix_en,
        fix_nl=rule.fix_nl,
        family_id=family_id,
        parent_id=parent_id,
        invoice_number=invoice_number,
    )
