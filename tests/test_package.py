from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import bitcare_exact


ROOT = Path(__file__).resolve().parent.parent


def test_every_public_name_exists() -> None:
    assert len(set(bitcare_exact.__all__)) == len(bitcare_exact.__all__)
    for name in bitcare_exact.__all__:
        assert getattr(bitcare_exact, name) is not None


def test_version_is_the_one_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    assert bitcare_exact.__version__ == project["project"]["version"]


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = bitcare_exact.nope
