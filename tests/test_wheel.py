"""The built wheel installs into a fresh environment and works there.

This catches what a test run from the source tree cannot: package data missing
from the wheel (``py.typed``, the demo example), a wrong console-script entry
point, or a dependency that is used but not declared. The wheel is built with
``python -m build`` and installed with pip into a new virtual environment, so
the test needs PyPI (for the build backend and the dependencies) and takes a
minute or so. Deselect it locally with ``-m "not wheel"``; ``scripts/check``
runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest


pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900


def _run(
    *command: str | Path, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing from the developer's virtualenv may leak in.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _checked(*command: str | Path, cwd: Path | None = None) -> str:
    result = _run(*command, cwd=cwd)
    assert result.returncode == 0, (
        f"{command} failed:\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _checked(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT)
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    _checked(sys.executable, "-m", "venv", venv)
    bin_dir = venv / "bin"
    _checked(
        bin_dir / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
    )
    return bin_dir


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project: dict[str, object] = tomllib.load(file)["project"]
    return project


def test_wheel_holds_the_package_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "bitcare_exact/__init__.py" in names
    assert "bitcare_exact/py.typed" in names
    assert "bitcare_exact/examples/demo.json" in names
    assert "bitcare_exact/serialize/_xml.py" in names
    assert not any(
        name.startswith(("tests/", "docs/", "benchmarks/")) for name in names
    )


def test_wheel_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata_name,) = (
            name for name in archive.namelist() if name.endswith(".dist-info/METADATA")
        )
        metadata = archive.read(metadata_name).decode()
        (entry_points_name,) = (
            name
            for name in archive.namelist()
            if name.endswith(".dist-info/entry_points.txt")
        )
        entry_points = archive.read(entry_points_name).decode()
    assert f"Version: {_project()['version']}\n" in metadata
    assert "Requires-Python: >=3.11\n" in metadata
    assert "bitcare-exact = bitcare_exact.cli:main" in entry_points


def test_installed_package_imports_with_its_version(
    venv_bin: Path, tmp_path: Path
) -> None:
    # Run from an empty folder so that the source tree cannot be imported instead.
    code = (
        "import bitcare_exact, importlib.resources as r; "
        "print(bitcare_exact.__version__); "
        "print(bitcare_exact.__file__); "
        "print(r.files('bitcare_exact').joinpath('py.typed').is_file())"
    )
    version, location, typed = _checked(
        venv_bin / "python", "-c", code, cwd=tmp_path
    ).split()
    assert version == _project()["version"]
    assert Path(location).is_relative_to(venv_bin.parent)
    assert typed == "True"


def test_installed_demo_writes_both_files(venv_bin: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = _run(
        venv_bin / "bitcare-exact", "demo", "--lang", "en", "-o", out, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for name in ("accounts.xml", "invoices.xml"):
        assert (
            (out / name)
            .read_bytes()
            .startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
        )
    assert b"<Accounts>" in (out / "accounts.xml").read_bytes()
    assert b"<GLTransactions>" in (out / "invoices.xml").read_bytes()


def test_installed_module_runs_as_a_program(venv_bin: Path, tmp_path: Path) -> None:
    result = _run(venv_bin / "python", "-m", "bitcare_exact", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "bitcare-exact" in result.stdout
