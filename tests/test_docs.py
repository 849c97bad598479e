"""The documentation agrees with the code.

The Sphinx build itself (``sphinx-build -W`` in ``scripts/check``) catches
broken links, unknown issue codes and pages outside the table of contents.
These tests check what Sphinx cannot: that the example documents shown in the
pages are valid interchange documents, that the command-line page names every
command and option the program has, that the code page's generator covers
every rule, and that each decision record has its sections.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import bitcare_exact
from bitcare_exact import RULES, structure_document
from bitcare_exact.cli import _parser


ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
JSON_BLOCK = re.compile(r"^```json\n(.*?)^```$", re.MULTILINE | re.DOTALL)
PAGES = sorted(path for path in DOCS.rglob("*.md") if "_build" not in path.parts)
ADRS = sorted((DOCS / "adr").glob("[0-9][0-9][0-9][0-9]-*.md"))
PYTHON_NAME = re.compile(r"`([A-Za-z_][\w.]*)(?:\(\w*\))?`")


def _extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bitcare_rules",
        DOCS / "_ext" / "bitcare_rules.py",
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _example_documents() -> list[object]:
    return [
        pytest.param(json.loads(block), id=f"{page.relative_to(DOCS)}#{number}")
        for page in PAGES
        for number, block in enumerate(JSON_BLOCK.findall(page.read_text("utf-8")))
    ]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    pytest.fail("the CLI has no subcommands")


@pytest.mark.parametrize("data", _example_documents())
def test_example_documents_are_valid_interchange_documents(data: object) -> None:
    document = structure_document(data)
    assert document.families or document.invoices


def test_cli_page_names_every_command_and_option() -> None:
    page = (DOCS / "cli.md").read_text("utf-8")
    for name, parser in _subcommands().items():
        assert f"`{name} " in page, name
        for action in parser._actions:
            for option in action.option_strings:
                if option not in {"-h", "--help"}:
                    assert option in page, f"{name} {option}"


def test_catalogue_page_covers_every_rule_once() -> None:
    groups = _extension().group_rules(RULES)
    codes = [rule.code for _, rules in groups for rule in rules]
    assert codes == list(RULES)
    assert all(
        rule.code.startswith(f"{name}.") for name, rules in groups for rule in rules
    )


def test_catalogue_anchor_ids_are_unique() -> None:
    section_id = _extension().section_id
    ids = {section_id(code) for code in RULES}
    assert len(ids) == len(RULES)
    assert section_id("customer_number.missing") == "code-customer-number-missing"


@pytest.mark.parametrize("path", [pytest.param(path, id=path.name) for path in ADRS])
def test_decision_record_has_its_sections(path: Path) -> None:
    text = path.read_text("utf-8")
    number = int(path.name[:4])
    assert text.startswith(f"# {number}. ")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == ["Status", "Context", "Decision", "Consequences"]


def test_decision_records_are_numbered_without_gaps() -> None:
    numbers = [int(path.name[:4]) for path in ADRS]
    assert numbers == list(range(1, len(ADRS) + 1))


def _glossary_python_names() -> list[str]:
    names: list[str] = []
    for line in (ROOT / "CONTEXT.md").read_text("utf-8").splitlines():
        cells = line.split("|")
        if len(cells) == 7 and not set(cells[3].strip()) <= {"-", " "}:
            names.extend(PYTHON_NAME.findall(cells[3]))
    return names


def _has_member(owner: object, member: str) -> bool:
    if attrs.has(owner):  # type: ignore[arg-type]
        return member in attrs.fields_dict(owner)
    return hasattr(owner, member)


def test_glossary_names_exist_in_the_package() -> None:
    names = _glossary_python_names()
    assert "Parent.customer_number" in names
    missing = []
    for name in names:
        owner_name, _, member = name.partition(".")
        owner = getattr(bitcare_exact, owner_name, None)
        if owner is None or (member and not _has_member(owner, member)):
            missing.append(name)
    assert missing == []
