"""The README's and the documentation's Python examples run as doctests.

Every fenced ``python`` block that holds ``>>>`` prompts is an example. The
blocks of one file share their names, in order, as a reader would type them.
The fences themselves are not part of the examples (a plain doctest of the
Markdown file would read a closing fence as expected output).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _files_with_examples() -> list[Path]:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    candidates = [README, *(page for page in pages if "_build" not in page.parts)]
    return [path for path in candidates if _blocks(path.read_text(encoding="utf-8"))]


def _blocks(text: str) -> list[tuple[int, str]]:
    """Return (line number of the block's first line, block) for each example."""
    return [
        (text.count("\n", 0, match.start(1)), match.group(1))
        for match in FENCE.finditer(text)
        if ">>>" in match.group(1)
    ]


def _doctest(path: Path) -> doctest.DocTest:
    text = path.read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    examples: list[doctest.Example] = []
    for offset, block in _blocks(text):
        for example in parser.get_examples(block, str(path)):
            example.lineno += offset
            examples.append(example)
    name = str(path.relative_to(ROOT))
    return doctest.DocTest(examples, {"__name__": name}, name, str(path), 0, text)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(path, id=str(path.relative_to(ROOT)))
        for path in _files_with_examples()
    ],
)
def test_examples_run(path: Path) -> None:
    output: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    result = runner.run(_doctest(path), out=output.append, clear_globs=True)
    assert result.failed == 0, "".join(output)
    assert result.attempted > 0


def test_readme_has_examples() -> None:
    assert README in _files_with_examples()


def test_blocks_skip_fences_without_prompts() -> None:
    text = "```python\nx = 1\n```\n\n```python\n>>> 1 + 1\n2\n```\n"
    assert _blocks(text) == [(5, ">>> 1 + 1\n2\n")]


def test_readme_has_exactly_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(
        r"^```console\n(.*?)\n```$", section, re.MULTILINE | re.DOTALL
    )
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/bitcare-exact demo",
        "bash scripts/check",
    ]


def test_ci_runs_the_check_script_with_shared_data_required() -> None:
    run = ROOT / ".ci" / "run"
    if not run.is_file():
        pytest.skip("not a checkout of the repository (an unpacked sdist has no .ci)")
    ci = run.read_text(encoding="utf-8")
    assert "export BITCARE_EXACT_REQUIRE_SHARED=1" in ci
    assert "scripts/check" in ci
