# ruff: noqa: INP001 - a Sphinx extension, loaded from docs/_ext, not a package
"""Sphinx extension: the issue-code catalogue, generated from ``RULES``.

The directive ``bitcare-rules`` (no arguments) writes, at build time:

- a table of every code with its severity and meaning, each code linking to
  its entry;
- one section per code family (the part before the first dot), and inside it
  one section per code listing severity, meaning, the English and Dutch
  message templates and where to fix the data in Bitcare.

Each code is also a label, so any page can link to it with
``{ref}`customer_number.missing```; a link to a code that does not exist
fails the ``-W`` build. Nothing is copied by hand, so the page cannot drift
from :data:`bitcare_exact.RULES`.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from bitcare_exact.catalogue import Rule


__all__ = ["RulesDirective", "group_rules", "section_id", "setup"]

_FIELDS = (
    ("Severity", "severity"),
    ("Meaning", "meaning"),
    ("Message (English)", "message_en"),
    ("Message (Dutch)", "message_nl"),
    ("Fix (English)", "fix_en"),
    ("Fix (Dutch)", "fix_nl"),
)


def group_rules(rules: Mapping[str, Rule]) -> tuple[tuple[str, tuple[Rule, ...]], ...]:
    """Group rules by the first segment of their code, in catalogue order."""
    groups: dict[str, list[Rule]] = {}
    for rule in rules.values():
        groups.setdefault(rule.code.split(".", 1)[0], []).append(rule)
    return tuple((name, tuple(members)) for name, members in groups.items())


def section_id(code: str) -> str:
    """Return the HTML id of a code's entry (``code-customer-number-missing``)."""
    return str(nodes.make_id(f"code-{code}"))


def _value(rule: Rule, attribute: str) -> str:
    value = getattr(rule, attribute)
    return str(getattr(value, "value", value))


def _literal_title(text: str) -> nodes.title:
    title = nodes.title()
    title += nodes.literal(text, text)
    return title


def _field_list(rule: Rule) -> nodes.field_list:
    fields = nodes.field_list()
    for label, attribute in _FIELDS:
        field = nodes.field()
        field += nodes.field_name(label, label)
        body = nodes.field_body()
        body += nodes.paragraph(text=_value(rule, attribute))
        field += body
        fields += field
    return fields


def _row(cells: Iterable[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


def _code_link(code: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    reference = nodes.reference("", "", internal=True, refid=section_id(code))
    reference += nodes.literal(code, code)
    paragraph += reference
    return paragraph


def _summary_table(rules: Mapping[str, Rule]) -> nodes.table:
    table = nodes.table(classes=["bitcare-rules"])
    group = nodes.tgroup(cols=3)
    for width in (30, 10, 60):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(nodes.paragraph(text=name) for name in ("Code", "Severity", "Meaning"))
    body = nodes.tbody()
    for rule in rules.values():
        body += _row(
            (
                _code_link(rule.code),
                nodes.paragraph(text=_value(rule, "severity")),
                nodes.paragraph(text=rule.meaning),
            ),
        )
    group += head
    group += body
    table += group
    return table


class RulesDirective(SphinxDirective):
    """Render :data:`bitcare_exact.RULES` as a table and one section per code."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Build the table and the sections."""
        from bitcare_exact.catalogue import RULES  # noqa: PLC0415 - import at build

        self._note_sources()
        result: list[nodes.Node] = [_summary_table(RULES)]
        for name, rules in group_rules(RULES):
            group = nodes.section(ids=[nodes.make_id(f"codes-{name}")])
            group += _literal_title(f"{name}.*")
            for rule in rules:
                group += self._rule_section(rule)
            result.append(group)
        return result

    def _rule_section(self, rule: Rule) -> nodes.section:
        section = nodes.section(ids=[section_id(rule.code)], names=[rule.code])
        section += _literal_title(rule.code)
        section += _field_list(rule)
        self.state.document.note_explicit_target(section, section)
        return section

    def _note_sources(self) -> None:
        # Rebuild this page whenever a rule table changes.
        for name, module in tuple(sys.modules.items()):
            if name == "bitcare_exact.catalogue" or name.startswith(
                "bitcare_exact._rules_",
            ):
                source = inspect.getsourcefile(module)
                if source is not None:
                    self.env.note_dependency(source)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive."""
    app.add_directive("bitcare-rules", RulesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
