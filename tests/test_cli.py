"""The command line, run in-process on the bundled example.

The expectations come from reading ``src/bitcare_exact/examples/demo.json``:
DEMO-F1 (Utrecht, mandate), DEMO-F2 (Antwerpen) and DEMO-F3 (Dresden, contract
parent changed to DEMO-P5, who has no bank account) are clean; DEMO-F4 has no
Klantnummer yet (exported without code, its invoice cannot be booked); DEMO-F5
has the postcode ``0123 AB`` and an IBAN with a wrong check digit (left out,
and so is its invoice).
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import runpy
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from bitcare_exact import cli
from bitcare_exact.accounts import export_accounts
from bitcare_exact.cli import EXIT_LEFT_OUT, EXIT_OK, EXIT_OUTPUT, EXIT_UNUSABLE, main


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
    exit_code, _, err = _run(capsys, "check", str(tmp_path / "nope.json"))

    assert exit_code == EXIT_UNUSABLE
    assert "document.unreadable" in err
    assert "Het bestand is onbruikbaar" in err


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
    assert code in err


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
    "target",
    [
        pytest.param("missing-dir/out.xml", id="missing folder"),
        pytest.param(".", id="a folder"),
    ],
)
def test_unwritable_output_exits_three(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: str,
) -> None:
    output = tmp_path / target

    exit_code, _, err = _run(
        capsys, "accounts", str(DEMO), "-o", str(output), "--lang", "en"
    )

    assert exit_code == EXIT_OUTPUT
    assert err.startswith("Cannot write the output: ")


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
