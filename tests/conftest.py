"""Shared fixtures: the Exact schema and the sample exports of ../shared."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree


ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCHEMA_ENV = "BITCARE_EXACT_XSD"
REQUIRE_ENV = "BITCARE_EXACT_REQUIRE_SHARED"
DEFAULT_SCHEMA = SHARED / "exact-xsd" / "exact-online-2017" / "eExact-XML.xsd"
SAMPLE = SHARED / "data" / "bitcare-2026-01.json"
SMALL_CLEAN = SHARED / "data" / "bitcare-small-clean.json"


def _missing(what: Path, hint: str) -> None:
    reason = f"{what} is absent ({hint}); outside this repository's CI that is expected"
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason}, but {REQUIRE_ENV} is set: CI must have it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def exact_schema() -> etree.XMLSchema:
    """The Exact Online 2017 schema, from $BITCARE_EXACT_XSD or ../shared."""
    path = Path(os.environ.get(SCHEMA_ENV, DEFAULT_SCHEMA))
    if not path.is_file():
        _missing(path, f"set {SCHEMA_ENV} to the 2017 eExact-XML.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="session")
def assert_valid(
    exact_schema: etree.XMLSchema,
) -> Callable[[bytes], etree._Element]:
    """Return a function that parses bytes and validates them against the XSD."""

    def check(xml: bytes) -> etree._Element:
        root = etree.fromstring(xml)
        if not exact_schema.validate(root):
            pytest.fail(f"not valid against the 2017 XSD:\n{exact_schema.error_log}")
        return root

    return check


def _shared_file(path: Path) -> Path:
    if not path.is_file():
        _missing(path, "the sample exports live in ../shared/data")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The 250-family January 2026 sample with defective families."""
    return _shared_file(SAMPLE)


@pytest.fixture(scope="session")
def small_clean_path() -> Path:
    """The 20-family clean February 2026 sample."""
    return _shared_file(SMALL_CLEAN)
