"""The issues (*meldingen*) found on one contract parent, and its texts.

Every customer rule reports on the same parent, so a :class:`Collector` holds
what each issue repeats: the family id, the parent id and the parent's place
in the document. A rule names only its code, the rest of the path and the
values for the message; the full path is built only when an issue needs it,
so a clean family builds none.

:meth:`Collector.text` is the one step every exported text field goes
through: strip it, treat blank as absent, and report an illegal XML character
or a text longer than Exact keeps.

More information:

- the issue codes and their messages: :data:`bitcare_exact.catalogue.RULES`
- the shared text rules: :func:`bitcare_exact._text.check_text`
"""

from __future__ import annotations

from typing import cast

from bitcare_exact._text import check_text
from bitcare_exact.issues import Issue, make_issue
from bitcare_exact.serialize._xml import illegal_character


__all__ = ["Collector"]


class Collector:
    """The issues of one contract parent, with its ids and path.

    >>> collector = Collector(3, 0, family_id="F4", parent_id="P7")
    >>> collector.text("  Jansen ", ".last_name", ("Last name", "Achternaam"))
    'Jansen'
    >>> collector.add("address.missing", ".address").path
    '$.families[3].parents[0].address'
    """

    __slots__ = ("family_id", "issues", "parent_id", "parent_index", "position")

    def __init__(
        self,
        position: int,
        parent_index: int,
        family_id: str,
        parent_id: str,
    ) -> None:
        self.position = position
        self.parent_index = parent_index
        self.family_id = family_id
        self.parent_id = parent_id
        self.issues: list[Issue] = []

    @property
    def base(self) -> str:
        """The parent's path; built only when an issue needs it."""
        return f"$.families[{self.position}].parents[{self.parent_index}]"

    def add(self, code: str, suffix: str, **params: str) -> Issue:
        """Report ``code`` at the parent's path plus ``suffix``; return the issue."""
        issue = make_issue(
            code,
            self.base + suffix,
            family_id=self.family_id,
            parent_id=self.parent_id,
            **params,
        )
        self.issues.append(issue)
        return issue

    def text(
        self,
        value: str | None,
        suffix: str,
        field: tuple[str, str],
        limit: int | None = None,
    ) -> str | None:
        """Strip a text for the file; ``None`` when blank; report what is wrong."""
        if value is None:
            return None
        value = value.strip()
        if not value:
            return None
        too_long = limit is not None and len(value) > limit
        if too_long or illegal_character(value) is not None:
            issue = check_text(
                value,
                self.base + suffix,
                field=field[0],
                field_nl=field[1],
                limit=limit,
                family_id=self.family_id,
                parent_id=self.parent_id,
            )
            self.issues.append(cast("Issue", issue))  # the test above found one

        return value
