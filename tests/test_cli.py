"""The command line, run in-process on the bundled example.

The expectations come from reading ``src/bitcare_exact/examples/demo.json``:
DEMO-F1 (Utrecht, mandate), DEMO-F2 (Antwerpen) and DEMO-F3 (Dresden, contract
parent changed to DEMO-P5, who has no bank account) are clean; DEMO-F4 has no
Klantnummer yet (exported without code, its invoice cannot be booked); DEMO-F5
has the postcode ``0123 AB`` and an IBAN with a wrong check digit (left out,
and so is its invoice).
"""

from __future__ import annotations

import errno
import gc
import importlib
import io
import json
import os
import runpy
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import IO, Self

import attrs
import pytest
from lxml import etree

from bitcare_exact import cli
from bitcare_exact.accounts import export_accounts
from bitcare_exact.cli import (
    EXIT_INTERRUPTED,
    EXIT_LEFT_OUT,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_UNUSABLE,
    main,
)
from bitcare_exact.issues import Report, make_issue


DEMO = Path(str(resources.files("bitcare_exact").joinpath("examples", "demo.json")))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_accounts_writes_the_clean_customers(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    assert_valid: Callable[[bytes], etree._Element],
) -> None:
    output = tmp_path / "accounts.xml"

    code, out, err = _run(capsys, "accounts", str(DEMO), "-o", str(output))

    assert code == EXIT_LEFT_OUT
    assert out == ""
    root = assert_valid(output.read_bytes())
    accounts = root.findall("Accounts/Account")
    assert [a.get("code") for a in accounts] == ["20417", "20418", "20420", None]
    assert "DEMO-F5" in err
    assert "iban.invalid" in err
    assert "postcode.invalid" in err
    assert "Klanten: 4 geëxporteerd, 1 weggelaten" in err


def test_accounts_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "accounts", str(DEMO), "--lang", "en")

    assert code == EXIT_LEFT_OUT
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_invoices_books_three_of_five(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    assert_valid: Callable[[bytes], etree._Element],
) -> None:
    output = tmp_path / "invoices.xml"

    code, _, err = _run(
        capsys, "invoices", str(DEMO), "-o", str(output), "--lang", "en"
    )

    assert code == EXIT_LEFT_OUT
    root = assert_valid(output.read_bytes())
    entries = root.findall("GLTransactions/GLTransaction")
    assert [e.get("entry") for e in entries] == ["2026020001", "2026020002", None]
    assert [e.xpath("string(TransactionType/@number)") for e in entries] == [
        "20",
        "20",
        "21",
    ]
    values = [
        [Decimal(v.text or "") for v in e.iterfind("GLTransactionLine/Amount/Value")]
        for e in entries
    ]
    # Revenue is a credit: invoice lines negated (exact-sales-entries.md §7).
    assert values == [
        [Decimal("-1187.40"), Decimal("250.00")],
        [Decimal("-842.15"), Decimal("-36.00")],
        [Decimal("98.95")],
    ]
    assert "invoice.customer_number_missing" in err
    assert "invoice.debtor_invalid" in err
    assert "Invoices: 3 booked, 2 left out" in err


def test_check_table_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(DEMO), "--lang", "en")

    assert code == EXIT_LEFT_OUT
    assert "ERROR   iban.invalid  family DEMO-F5 · parent DEMO-P7" in out
    assert "WARNING customer_number.missing  family DEMO-F4 · parent DEMO-P6" in out
    assert "Customers: 4 exported, 1 left out" in out
    assert "Invoices: 3 booked, 2 left out" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", str(DEMO), "--format", "json")

    assert code == EXIT_LEFT_OUT
    result = json.loads(out)
    assert result["accounts"] == {
        "exported": ["DEMO-F1", "DEMO-F2", "DEMO-F3", "DEMO-F4"],
        "left_out": ["DEMO-F5"],
    }
    assert result["invoices"] == {
        "booked": ["2026020001", "2026020002", "C2026-0003"],
        "left_out": ["2026020004", "2026020005"],
    }
    codes = {
        (i["code"], i["family_id"] or i["invoice_number"]) for i in result["issues"]
    }
    assert {
        ("iban.invalid", "DEMO-F5"),
        ("postcode.invalid", "DEMO-F5"),
        ("customer_number.missing", "DEMO-F4"),
        ("bank_account.missing", "DEMO-F3"),
    } <= codes
    first = result["issues"][0]
    assert set(first) == {
        "code",
        "severity",
        "path",
        "family_id",
        "parent_id",
        "invoice_number",
        "message",
        "fix",
    }


def test_require_customer_numbers_turns_the_warning_into_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(
        capsys,
        "check",
        str(DEMO),
        "--format",
        "json",
        "--require-customer-numbers",
    )

    result = json.loads(out)
    assert code == EXIT_LEFT_OUT
    assert result["accounts"]["left_out"] == ["DEMO-F4", "DEMO-F5"]
    (missing,) = [
        i for i in result["issues"] if i["code"] == "customer_number.required"
    ]
    assert missing["severity"] == "error"
    assert missing["family_id"] == "DEMO-F4"


def test_require_customer_numbers_reports_the_invoice_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # With the option, DEMO-F4's missing Klantnummer is a customer error; its
    # invoice is reported once, with the precise reason.
    code, out, _ = _run(
        capsys, "check", str(DEMO), "--format", "json", "--require-customer-numbers"
    )

    result = json.loads(out)
    assert code == EXIT_LEFT_OUT
    codes = [i["code"] for i in result["issues"] if i["invoice_number"] == "2026020004"]
    assert codes == ["invoice.customer_number_missing"]
    assert result["invoices"]["left_out"] == ["2026020004", "2026020005"]


def test_check_lists_an_issue_of_both_reports_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Both exports check the payment-condition codes of the settings.
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    document["settings"]["payment_conditions"]["bank_transfer"] = "1\u0002"
    path = tmp_path / "condition.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    code, out, _ = _run(capsys, "check", str(path), "--format", "json")

    result = json.loads(out)
    assert code == EXIT_LEFT_OUT
    paths = [
        i["path"] for i in result["issues"] if i["code"] == "text.illegal_character"
    ]
    assert paths == ["$.settings.payment_conditions.bank_transfer"]
    # The sales export leaves every invoice out over it.
    assert result["invoices"]["booked"] == []


def test_clean_input_exits_zero(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    document["families"] = document["families"][:3]
    document["invoices"] = document["invoices"][:3]
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    assert (
        _run(capsys, "accounts", str(path), "-o", str(tmp_path / "a.xml"))[0] == EXIT_OK
    )
    assert (
        _run(capsys, "invoices", str(path), "-o", str(tmp_path / "i.xml"))[0] == EXIT_OK
    )


def test_empty_document_gives_an_empty_valid_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    assert_valid: Callable[[bytes], etree._Element],
) -> None:
    monkeypatch.setattr("sys.stdin", _Stdin("{}"))

    code, out, err = _run(capsys, "accounts", "-")

    assert code == EXIT_OK
    root = assert_valid(out.encode())
    assert len(root) == 0
    assert "Geen meldingen." in err


class _Stdin:
    def __init__(self, text: str) -> None:
        self.buffer = io.BytesIO(text.encode())


@pytest.mark.parametrize(
    ("content", "code", "path"),
    [
        pytest.param("{not json", "document.json_invalid", "$", id="not json"),
        pytest.param(
            '{"families": [{"id": "F1", "parents": [], "nmae": 1}]}',
            "document.key_unknown",
            "$.families[0].nmae",
            id="bad shape",
        ),
        pytest.param(b"\xff\xfe{", "document.unreadable", "$", id="not utf-8"),
    ],
)
def test_unusable_input_exits_two(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    code: str,
    path: str,
) -> None:
    source = tmp_path / "input.json"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")

    exit_code, out, err = _run(capsys, "invoices", str(source), "--lang", "en")

    assert exit_code == EXIT_UNUSABLE
    assert out == ""
    assert code in err
    assert path in err
    assert "The file is unusable; nothing was exported." in err


def test_missing_file_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code, out, err = _run(capsys, "check", str(tmp_path / "nope.json"))

    assert exit_code == EXIT_UNUSABLE
    # check's report is its result: on standard output, as on a usable input.
    assert "document.unreadable" in out
    assert "Het bestand is onbruikbaar" in out
    assert err == ""


def test_demo_writes_both_files(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    assert_valid: Callable[[bytes], etree._Element],
) -> None:
    code, out, err = _run(capsys, "demo", "-o", str(tmp_path / "out"), "--lang", "en")

    assert code == EXIT_OK
    assert "deliberate problems" in out
    assert len(assert_valid((tmp_path / "out" / "accounts.xml").read_bytes())[0]) == 4
    assert len(assert_valid((tmp_path / "out" / "invoices.xml").read_bytes())[0]) == 3
    assert "Written:" in err


def test_module_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["bitcare_exact", "check", "/no/such/file.json"])

    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("bitcare_exact", run_name="__main__")

    assert stopped.value.code == EXIT_UNUSABLE


def test_importing_the_entry_module_runs_nothing() -> None:
    module = importlib.import_module("bitcare_exact.__main__")

    assert module.main is main


@pytest.mark.parametrize(
    ("content", "code", "found"),
    [
        pytest.param(
            '{"families": [], "families": [{"id": "F1"}]}',
            "document.key_duplicate",
            "'families'",
            id="duplicate key",
        ),
        pytest.param(
            "[" * 100_000 + "]" * 100_000, "document.json_invalid", "", id="deep"
        ),
        pytest.param(
            '{"families": [{"id": ' + "1" * 5000 + "}]}",
            "document.json_invalid",
            "",
            id="huge integer",
        ),
    ],
)
def test_json_the_document_cannot_use(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    code: str,
    found: str,
) -> None:
    source = tmp_path / "input.json"
    source.write_text(content, encoding="utf-8")

    exit_code, out, err = _run(capsys, "check", str(source), "--format", "json")

    assert exit_code == EXIT_UNUSABLE
    (issue,) = json.loads(out)["issues"]
    assert issue["code"] == code
    assert found in issue["message"]
    assert err == ""


def test_byte_order_mark_is_skipped(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + DEMO.read_bytes())

    exit_code, out, _ = _run(capsys, "check", str(source), "--format", "json")

    assert exit_code == EXIT_LEFT_OUT
    assert len(json.loads(out)["accounts"]["exported"]) == 4


def test_unencodable_ids_are_shown_escaped(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "surrogate.json"
    source.write_text(
        '{"families": [{"id": "F\\ud800", "parents": []}]}', encoding="utf-8"
    )
    monkey_out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", monkey_out)
        exit_code = main(["check", str(source), "--lang", "en"])
        monkey_out.seek(0)
        printed = monkey_out.read()

    assert exit_code == EXIT_LEFT_OUT
    assert "family F\\ud800" in printed
    assert "1 error, 0 warnings" in printed


@pytest.mark.parametrize(
    ("target", "number"),
    [
        pytest.param("missing-dir/out.xml", errno.ENOENT, id="missing folder"),
        pytest.param("folder", errno.EISDIR, id="a folder"),
    ],
)
def test_unwritable_output_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: str,
    number: int,
) -> None:
    (tmp_path / "folder").mkdir()
    output = tmp_path / target

    exit_code, _, err = _run(
        capsys, "accounts", str(DEMO), "-o", str(output), "--lang", "en"
    )

    assert exit_code == EXIT_OUTPUT
    # The message names the file asked for, never the temporary one.
    assert err == (
        f"Cannot write the output: [Errno {number}] {os.strerror(number)}: "
        f"{str(output)!r}\n"
    )
    assert _names(tmp_path) == ["folder"]
    assert _names(tmp_path / "folder") == []


def test_demo_into_an_existing_file_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    existing = tmp_path / "file"
    existing.write_text("", encoding="utf-8")

    exit_code, _, err = _run(capsys, "demo", "-o", str(existing))

    assert exit_code == EXIT_OUTPUT
    assert "Kan de uitvoer niet schrijven" in err


def test_dash_as_output_is_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, out, _ = _run(capsys, "invoices", str(DEMO), "-o", "-")

    assert exit_code == EXIT_LEFT_OUT
    assert out.startswith("<?xml")
    assert not Path("-").exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])

    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("bitcare-exact ")


def test_control_characters_in_ids_are_shown_escaped(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "escape.json"
    source.write_text(
        json.dumps({"families": [{"id": "F\u001b[2J\u00e9", "parents": []}]}),
        encoding="utf-8",
    )

    exit_code, out, _ = _run(capsys, "check", str(source), "--lang", "en")

    assert exit_code == EXIT_LEFT_OUT
    assert "family F\\x1b[2J\u00e9" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("enabled_before", [True, False], ids=["enabled", "disabled"])
def test_the_collector_is_paused_for_the_run_and_restored(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *,
    enabled_before: bool,
) -> None:
    seen: list[bool] = []
    real = export_accounts

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        # Something in the run turns the collector on: the state from before
        # the run must still come back.
        gc.enable()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "export_accounts", spy)
    was = gc.isenabled()
    (gc.enable if enabled_before else gc.disable)()
    try:
        code = main(["accounts", str(DEMO)])
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert seen == [False]
    assert after is enabled_before


def test_the_collector_is_restored_when_the_input_is_unusable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert gc.isenabled()

    assert main(["check", "no-such-export.json"]) == EXIT_UNUSABLE

    capsys.readouterr()
    assert gc.isenabled()


def test_check_prints_the_report_of_an_unusable_input_on_standard_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `check x.json > report.txt` must not leave an empty file on exit 2.
    source = tmp_path / "array.json"
    source.write_text("[]\n", encoding="utf-8")

    code, out, err = _run(capsys, "check", str(source), "--lang", "en")

    assert code == EXIT_UNUSABLE
    assert "document.type_invalid" in out
    assert out.endswith(
        "1 error, 0 warnings\nThe file is unusable; nothing was exported.\n"
    )
    assert err == ""


def test_check_needs_no_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", None)
        code = main(["check", str(DEMO), "--lang", "en"])
    out, _ = capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert "Customers: 4 exported, 1 left out" in out


# --- outputs that cannot be written ------------------------------------------


class _Refusing(io.RawIOBase):
    """A raw stream whose every write fails, as a closed pipe or a full disk."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, _: object, /) -> int:
        raise self.error


def _refusing_stream(error: OSError) -> io.TextIOWrapper:
    # Buffered as the real standard streams are: the failure surfaces when
    # the buffer is flushed, not on the first write.
    return io.TextIOWrapper(io.BufferedWriter(_Refusing(error)), encoding="utf-8")


_BROKEN_PIPE = BrokenPipeError(errno.EPIPE, "Broken pipe")
_DISK_FULL = OSError(errno.ENOSPC, "No space left on device")

_WRITE_ERRORS = [
    pytest.param(_BROKEN_PIPE, f"[Errno {errno.EPIPE}] Broken pipe", id="pipe"),
    pytest.param(
        _DISK_FULL, f"[Errno {errno.ENOSPC}] No space left on device", id="full"
    ),
]


def _arguments(args: tuple[str, ...], tmp_path: Path) -> list[str]:
    array = tmp_path / "array.json"
    array.write_text("[]", encoding="utf-8")
    return [
        arg.format(demo=DEMO, array=array, tmp=tmp_path) for arg in (*args, "--lang")
    ] + ["en"]


@pytest.mark.parametrize(("error", "reason"), _WRITE_ERRORS)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            ("check", "{array}", "--format", "json"), id="check-json-unusable"
        ),
        pytest.param(("check", "{array}"), id="check-table-unusable"),
        pytest.param(("check", "{demo}", "--format", "json"), id="check-json"),
        pytest.param(("check", "{demo}"), id="check-table"),
        pytest.param(("accounts", "{demo}"), id="accounts-xml"),
        pytest.param(("invoices", "{demo}", "-o", "-"), id="invoices-xml"),
        pytest.param(("demo", "-o", "{tmp}/demo"), id="demo-report"),
    ],
)
def test_a_failing_standard_output_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    error: OSError,
    reason: str,
) -> None:
    argv = _arguments(args, tmp_path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", _refusing_stream(error))
        code = main(argv)
    _, err = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert err == f"Cannot write the output: {reason}\n"


@pytest.mark.parametrize(("error", "reason"), _WRITE_ERRORS)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("accounts", "{demo}", "-o", "{tmp}/out.xml"), id="accounts"),
        pytest.param(("invoices", "{array}"), id="invoices-unusable"),
        pytest.param(("demo", "-o", "{tmp}/demo"), id="demo"),
    ],
)
def test_a_failing_standard_error_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    error: OSError,
    reason: str,
) -> None:
    # The complaint cannot be shown either; the exit code still says it.
    del reason
    argv = _arguments(args, tmp_path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", _refusing_stream(error))
        code = main(argv)
    capsys.readouterr()

    assert code == EXIT_OUTPUT


def _unwritable_stdout(target: str) -> tuple[int, int]:
    if target == "full":
        if not Path("/dev/full").exists():
            pytest.skip("this system has no /dev/full")
        return os.open("/dev/full", os.O_WRONLY), errno.ENOSPC
    reading, writing = os.pipe()
    os.close(reading)
    return writing, errno.EPIPE


@pytest.mark.parametrize("target", ["pipe", "full"])
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            ("check", "{array}", "--format", "json"), id="check-json-unusable"
        ),
        pytest.param(("accounts", "{demo}"), id="accounts-xml"),
    ],
)
def test_a_real_unwritable_standard_output_gives_no_traceback(
    tmp_path: Path,
    args: tuple[str, ...],
    target: str,
) -> None:
    # `bitcare-exact check arr.json --format json | true` and `> /dev/full`.
    argv = _arguments(args, tmp_path)
    stdout, number = _unwritable_stdout(target)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bitcare_exact", *argv],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(stdout)

    assert result.returncode == EXIT_OUTPUT
    assert result.stderr == (
        f"Cannot write the output: [Errno {number}] {os.strerror(number)}\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("accounts", "{demo}"), id="accounts"),
        pytest.param(("check", "{demo}"), id="check-table"),
        pytest.param(("check", "{demo}", "--format", "json"), id="check-json"),
        pytest.param(("invoices", "{demo}", "-o", "-"), id="invoices"),
        pytest.param(("demo", "-o", "{tmp}/demo"), id="demo"),
    ],
)
def test_a_closed_standard_output_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
) -> None:
    # Started with `>&-`: sys.stdout is None. The report or the XML would be
    # lost, so nothing is done.
    argv = _arguments(args, tmp_path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", None)
        code = main(argv)
    _, err = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert err == "Cannot write the output: standard output is closed\n"
    assert not (tmp_path / "demo").exists()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("accounts", "{demo}"), id="accounts-xml"),
        pytest.param(("invoices", "{array}"), id="invoices-unusable"),
        pytest.param(("accounts", "{demo}", "-o", "{tmp}/out.xml"), id="accounts-file"),
        pytest.param(("demo", "-o", "{tmp}/demo"), id="demo"),
    ],
)
def test_a_closed_standard_error_exits_three_and_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
) -> None:
    # Started with `2>&-`: the report has nowhere to go; it must never end up
    # in the XML on standard output.
    argv = _arguments(args, tmp_path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", None)
        code = main(argv)
    out, _ = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert out == ""
    assert not (tmp_path / "out.xml").exists()
    assert not (tmp_path / "demo").exists()


@pytest.mark.parametrize(
    ("redirect", "stdout", "stderr"),
    [
        pytest.param(
            ">&-", "", "Cannot write the output: standard output is closed\n", id="1"
        ),
        pytest.param("2>&-", "", "", id="2"),
    ],
)
def test_a_really_closed_standard_stream_exits_three(
    redirect: str,
    stdout: str,
    stderr: str,
) -> None:
    shell = Path("/bin/sh")
    if not shell.exists():
        pytest.skip("needs a POSIX shell")
    command = f'exec "$0" -m bitcare_exact accounts "$1" --lang en {redirect}'

    result = subprocess.run(
        [str(shell), "-c", command, sys.executable, str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == EXIT_OUTPUT
    assert result.stdout == stdout
    assert result.stderr == stderr


def test_a_closed_standard_input_is_unusable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", None)
        code = main(["check", "-", "--lang", "en"])
    out, _ = capsys.readouterr()

    assert code == EXIT_UNUSABLE
    assert "document.unreadable" in out
    assert "standard input is closed" in out


# --- escaping what the input controls -----------------------------------------


def test_control_characters_in_paths_are_shown_escaped(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The path is built from the JSON keys, so the input writes it.
    source = tmp_path / "escape.json"
    source.write_text('{"fam\\u001b[2J\\u001b[31mX": 1}', encoding="utf-8")

    code, out, err = _run(capsys, "check", str(source), "--lang", "en")

    assert code == EXIT_UNUSABLE
    assert "\n        $.fam\\x1b[2J\\x1b[31mX\n" in out
    assert "\x1b" not in out + err


def test_control_characters_in_messages_are_shown_escaped() -> None:
    issue = attrs.evolve(
        make_issue("document.key_missing", "$.a", key="a"),
        message_en="Found '\x1b[2J'",
        fix_en="Fix\u2028it",
    )
    out = io.StringIO()

    cli._print_report(Report((issue,)), "en", out)

    assert "        Found '\\x1b[2J'. Fix\\u2028it\n" in out.getvalue()


def test_the_written_path_is_shown_escaped(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = tmp_path / "a\x1b[2Jb.xml"

    code, _, err = _run(
        capsys, "accounts", str(DEMO), "-o", str(output), "--lang", "en"
    )

    assert code == EXIT_LEFT_OUT
    assert f"Written: {tmp_path}{os.sep}a\\x1b[2Jb.xml\n" in err
    assert "\x1b" not in err


# --- writing a file in one piece ----------------------------------------------


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


class _HalfWriter:
    """Writes half of the bytes to the real file, then fails."""

    def __init__(self, stream: IO[bytes], error: BaseException) -> None:
        self.stream = stream
        self.error = error
        self.folder_during_write: list[str] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        temporary = Path(f"/proc/self/fd/{self.fileno()}").readlink()
        self.folder_during_write = _names(temporary.parent)
        raise self.error

    def fileno(self) -> int:
        return self.stream.fileno()


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        pytest.param(
            OSError(errno.ENOSPC, "No space left on device"),
            EXIT_OUTPUT,
            "Cannot write the output: "
            f"[Errno {errno.ENOSPC}] No space left on device: {{file!r}}\n",
            id="disk full",
        ),
        pytest.param(KeyboardInterrupt(), 130, "Interrupted.\n", id="ctrl-c"),
    ],
)
def test_a_failed_write_keeps_the_previous_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    message: str,
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see the temporary file")
    keep = tmp_path / "keep.xml"
    keep.write_bytes(b"<old/>")
    real_fdopen = os.fdopen
    writers: list[_HalfWriter] = []

    def half_writer(fd: int, mode: str) -> _HalfWriter:
        writers.append(_HalfWriter(real_fdopen(fd, mode), error))
        return writers[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fdopen", half_writer)
        exit_code = main(["accounts", str(DEMO), "-o", str(keep), "--lang", "en"])
    _, err = capsys.readouterr()

    assert exit_code == code
    # The message names the file asked for, not the temporary one.
    assert err == message.format(file=str(keep))
    (writer,) = writers
    # The half-written bytes went to a second file beside the old one ...
    assert len(writer.folder_during_write) == 2
    assert "keep.xml" in writer.folder_during_write
    # ... which is gone, and the old file is untouched.
    assert _names(tmp_path) == ["keep.xml"]
    assert keep.read_bytes() == b"<old/>"


def test_a_write_over_the_file_size_limit_keeps_the_previous_file(
    tmp_path: Path,
) -> None:
    # `ulimit -f`: the kernel refuses the write past the limit (EFBIG).
    resource = pytest.importorskip("resource")
    keep = tmp_path / "keep.xml"
    keep.write_bytes(b"<old/>")
    script = (
        "import resource, sys\n"
        "from bitcare_exact.cli import main\n"
        "_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    assert resource.getrlimit(resource.RLIMIT_FSIZE)[1] != 0

    result = subprocess.run(
        [sys.executable, "-c", script, "accounts", str(DEMO), "-o", str(keep)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == EXIT_OUTPUT
    assert result.stderr == (
        "Kan de uitvoer niet schrijven: "
        f"[Errno {errno.EFBIG}] {os.strerror(errno.EFBIG)}: {str(keep)!r}\n"
    )
    assert _names(tmp_path) == ["keep.xml"]
    assert keep.read_bytes() == b"<old/>"


def test_a_successful_write_replaces_the_file_and_leaves_nothing_else(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    assert_valid: Callable[[bytes], etree._Element],
) -> None:
    keep = tmp_path / "keep.xml"
    keep.write_bytes(b"<old/>")

    code, _, _ = _run(capsys, "accounts", str(DEMO), "-o", str(keep))

    assert code == EXIT_LEFT_OUT
    assert len(assert_valid(keep.read_bytes())[0]) == 4
    assert _names(tmp_path) == ["keep.xml"]


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


@pytest.mark.parametrize(
    ("mask", "mode"),
    [
        # open(..., "wb") creates 0o666 less the umask's bits.
        pytest.param(0o022, 0o644, id="022"),
        pytest.param(0o077, 0o600, id="077"),
        pytest.param(0o002, 0o664, id="002"),
        pytest.param(0o000, 0o666, id="000"),
    ],
)
def test_a_new_file_gets_the_mode_the_umask_gives(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    umask: Callable[[int], int],
    mask: int,
    mode: int,
) -> None:
    output = tmp_path / "new.xml"
    umask(mask)

    code, _, _ = _run(capsys, "accounts", str(DEMO), "-o", str(output))

    assert code == EXIT_LEFT_OUT
    assert stat.S_IMODE(output.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604], ids=oct)
def test_a_replaced_file_keeps_its_mode(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    umask: Callable[[int], int],
    mode: int,
) -> None:
    umask(0o022)
    keep = tmp_path / "keep.xml"
    keep.write_bytes(b"<old/>")
    keep.chmod(mode)

    code, _, _ = _run(capsys, "accounts", str(DEMO), "-o", str(keep))

    assert code == EXIT_LEFT_OUT
    assert keep.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(keep.stat().st_mode) == mode


def test_an_output_through_a_symbolic_link_replaces_its_target(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "real.xml"
    target.write_bytes(b"<old/>")
    link = tmp_path / "link.xml"
    link.symlink_to(target)

    code, _, _ = _run(capsys, "accounts", str(DEMO), "-o", str(link))

    assert code == EXIT_LEFT_OUT
    assert link.is_symlink()
    assert target.read_bytes().startswith(b"<?xml")
    assert _names(tmp_path) == ["link.xml", "real.xml"]


def test_a_file_without_write_permission_is_left_alone(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The file is replaced, not opened, so the folder's permission would be
    # enough; a read-only file is refused as open(..., "wb") refuses it. (As
    # root every file is writable, so the permission is simulated.)
    keep = tmp_path / "keep.xml"
    keep.write_bytes(b"<old/>")
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == keep and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "access", access)
        code = main(["accounts", str(DEMO), "-o", str(keep), "--lang", "en"])
    _, err = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert err == (
        f"Cannot write the output: [Errno {errno.EACCES}] "
        f"{os.strerror(errno.EACCES)}: {str(keep)!r}\n"
    )
    assert keep.read_bytes() == b"<old/>"
    assert _names(tmp_path) == ["keep.xml"]


# --- interrupting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        pytest.param("nl", "Onderbroken.\n", id="nl"),
        pytest.param("en", "Interrupted.\n", id="en"),
    ],
)
def test_an_interrupt_exits_130_with_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    message: str,
) -> None:
    def interrupted(*_: object, **__: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "export_accounts", interrupted)

    code, out, err = _run(capsys, "accounts", str(DEMO), "--lang", lang)

    # 130 = 128 + SIGINT (2), what a shell reports for a command Ctrl-C stopped.
    assert code == EXIT_INTERRUPTED == 130
    assert out == ""
    assert err == message


def test_a_device_as_output_is_written_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # /dev/null must stay the device: the atomic write would have put a
    # regular file in its place (as root, in /dev).
    before = Path("/dev/null").stat()

    code = main(["accounts", str(DEMO), "-o", "/dev/null"])

    capsys.readouterr()
    after = Path("/dev/null").stat()
    assert code == EXIT_LEFT_OUT
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert list(Path("/dev").glob(".bitcare-exact-*")) == []


def test_a_named_pipe_as_output_gets_the_file(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # Opened for reading first, without waiting, so that the program's open
    # for writing does not block; its file (a few kB) fits in the pipe's buffer.
    reading = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        command = [sys.executable, "-m", "bitcare_exact", "accounts", str(DEMO)]
        child = subprocess.run(
            [*command, "-o", str(pipe)],
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )
        received = os.read(reading, 1 << 20)
    finally:
        os.close(reading)

    assert child.returncode == EXIT_LEFT_OUT
    assert received.startswith(b"<?xml")
    assert received.endswith(b"</eExact>\n")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


class _Partial(io.RawIOBase):
    """An unbuffered output that takes at most ``most`` bytes per write."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.received = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: object, /) -> int:
        taken = bytes(memoryview(data))[: self.most]  # type: ignore[arg-type]
        self.received += taken
        return len(taken)


class _Unbuffered:
    """A text standard output over a raw stream, as ``python -u`` gives."""

    def __init__(self, raw: io.RawIOBase) -> None:
        self.buffer = raw

    def write(self, text: str) -> int:
        return self.buffer.write(text.encode()) or 0

    def flush(self) -> None:
        """Nothing is buffered."""


def test_an_unbuffered_output_gets_the_whole_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # python -u: a write may take part of the bytes and say how many; the
    # file must still arrive whole (it arrived cut off after the first write).
    raw = _Partial(most=1000)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", _Unbuffered(raw))
        code = main(["accounts", str(DEMO)])
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    whole = (tmp_path / "whole.xml").read_bytes()
    assert len(whole) > 1000
    assert bytes(raw.received) == whole


def test_an_output_that_takes_nothing_exits_three(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", _Unbuffered(_Partial(most=0)))
        code = main(["accounts", str(DEMO), "--lang", "en"])
    _, err = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert err == (
        f"Cannot write the output: [Errno {errno.EIO}] the output took no more bytes\n"
    )


COMMAND = (sys.executable, "-m", "bitcare_exact")


def test_dev_stdout_is_written_where_it_points(tmp_path: Path) -> None:
    # With standard output appended to a file, -o /dev/stdout must append to
    # it, not replace the file (which would drop what came before).
    log = tmp_path / "log.xml"
    log.write_bytes(b"HEADER\n")
    with log.open("ab") as out:
        child = subprocess.run(
            [*COMMAND, "accounts", str(DEMO), "-o", "/dev/stdout"],
            stdout=out,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )

    assert child.returncode == EXIT_LEFT_OUT
    content = log.read_bytes()
    assert content.startswith(b"HEADER\n<?xml")
    assert content.endswith(b"</eExact>\n")


def test_a_writable_file_in_a_folder_that_takes_no_new_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A read-only folder (faked: the tests may run as root, who may write
    # anywhere) with a writable file: written in place, as open() would.
    target = tmp_path / "out.xml"
    target.write_bytes(b"old")

    def refuse(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code = main(["accounts", str(DEMO), "-o", str(target)])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert target.read_bytes().startswith(b"<?xml")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.xml"]


def test_a_folder_that_takes_no_new_file_and_no_file_to_write(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "new.xml"
    code = main(["accounts", str(DEMO), "-o", str(target), "--lang", "en"])
    _, err = capsys.readouterr()

    assert code == EXIT_OUTPUT
    assert err.endswith(
        f"Cannot write the output: [Errno {errno.EACCES}] Permission denied: "
        f"'{target}'\n"
    )
    assert not target.exists()


def test_a_long_file_name_is_not_made_longer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 255 bytes is the longest name most file systems allow; the temporary
    # name must not be the target's name with more added.
    target = tmp_path / ("x" * 251 + ".xml")

    code = main(["accounts", str(DEMO), "-o", str(target)])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert target.read_bytes().endswith(b"</eExact>\n")


def test_a_descriptor_name_is_written_at_the_end_of_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.xml"
    log.write_bytes(b"HEADER\n")
    with log.open("ab") as out:
        code = main(["accounts", str(DEMO), "-o", f"/dev/fd/{out.fileno()}"])
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert log.read_bytes() == b"HEADER\n" + (tmp_path / "whole.xml").read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["log.xml", "whole.xml"]


def test_dev_stdout_shares_its_file_with_the_report(tmp_path: Path) -> None:
    # > log 2>&1 with -o /dev/stdout: the XML and then the report, each whole.
    # Reopening /dev/stdout by name gave the file a position of its own, and
    # the report, written at position 0 through standard error, overwrote
    # the start of the XML.
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    whole = (tmp_path / "whole.xml").read_bytes()
    log = tmp_path / "log"
    with log.open("wb") as out:
        child = subprocess.run(
            [*COMMAND, "accounts", str(DEMO), "-o", "/dev/stdout", "--lang", "en"],
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=120,
        )

    content = log.read_bytes()
    assert child.returncode == EXIT_LEFT_OUT
    assert content.startswith(whole)
    assert content[len(whole) :].startswith(b"Written: /dev/stdout\n")
    assert content.count(b"<?xml") == 1


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("/proc/self/fd/{fd}", id="proc-self"),
        pytest.param("/dev/../dev/fd/{fd}", id="dotdot"),
    ],
)
def test_other_names_of_a_descriptor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    log = tmp_path / "log.xml"
    with log.open("wb") as out:
        out.write(b"HEADER\n")
        out.flush()
        code = main(["accounts", str(DEMO), "-o", name.format(fd=out.fileno())])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert log.read_bytes() == b"HEADER\n" + (tmp_path / "whole.xml").read_bytes()


@pytest.mark.parametrize("name", ["stdout", "stderr"])
def test_dev_stdout_and_dev_stderr_in_process(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str
) -> None:
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    whole = (tmp_path / "whole.xml").read_text(encoding="utf-8")
    capfd.readouterr()

    code = main(["accounts", str(DEMO), "-o", f"/dev/{name}", "--lang", "en"])
    out, err = capfd.readouterr()

    assert code == EXIT_LEFT_OUT
    if name == "stdout":
        assert out == whole
    else:
        assert out == ""
        assert err.startswith(whole + f"Written: /dev/{name}\n")


def test_a_descriptor_with_standard_output_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["accounts", str(DEMO), "-o", str(tmp_path / "whole.xml")])
    log = tmp_path / "log.xml"
    with log.open("wb") as out, pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", None)
        code = main(["accounts", str(DEMO), "-o", f"/dev/fd/{out.fileno()}"])
    capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert log.read_bytes() == (tmp_path / "whole.xml").read_bytes()


def test_an_error_that_leaves_nothing_out_still_exits_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A payment condition with NUL cannot be written: the customers are
    # exported without it, and the error must not end in "all exported" (0).
    document = json.loads(DEMO.read_text(encoding="utf-8"))
    document["families"] = document["families"][:3]
    document["invoices"] = []
    document["settings"]["payment_conditions"] = {"direct_debit": "\u0000"}
    path = tmp_path / "bad-condition.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    code = main(["accounts", str(path), "-o", str(tmp_path / "a.xml")])
    _, err = capsys.readouterr()

    assert code == EXIT_LEFT_OUT
    assert "text.illegal_character" in err
    assert "$.settings.payment_conditions.direct_debit" in err
