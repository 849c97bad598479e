"""The command line: the one module that reads and writes files.

Commands::

    bitcare-exact check INPUT.json [--lang nl|en] [--format table|json]
    bitcare-exact accounts INPUT.json [-o OUT.xml]
    bitcare-exact invoices INPUT.json [-o OUT.xml]
    bitcare-exact demo [-o DIR]

``INPUT.json`` may be ``-`` for standard input. Without ``-o`` the XML goes to
standard output; the report always goes to standard error (``check`` prints it
on standard output, as it is its result). Messages are Dutch unless
``--lang en`` is given.

``check`` and ``demo`` check the customers once: the invoice checks use the
customer report to find the families whose customer has an error. So with
``--require-customer-numbers`` an invoice whose debtor has no Klantnummer is
also reported as ``invoice.debtor_invalid``. An issue both reports hold (a
payment-condition code of the settings) is listed once.

Exit codes:

- 0: everything was exported (warnings may have been reported);
- 1: some families or invoices were reported and left out;
- 2: the input is unusable: unreadable, not JSON, or not shaped as the
  interchange document (nothing was exported);
- 3: an output file could not be written (the message says why).

``python -m bitcare_exact`` is the same program.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Final, TextIO

from bitcare_exact.accounts import AccountsExport, export_accounts
from bitcare_exact.converters import structure_document
from bitcare_exact.errors import InvalidDocumentError
from bitcare_exact.issues import Issue, Report, Severity, make_issue
from bitcare_exact.model import Document
from bitcare_exact.sales import SalesEntriesExport, export_sales_entries


__all__ = ["EXIT_LEFT_OUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_UNUSABLE", "main"]

EXIT_OK: Final = 0
EXIT_LEFT_OUT: Final = 1
EXIT_UNUSABLE: Final = 2
EXIT_OUTPUT: Final = 3

_LABELS: Final = {
    "nl": {
        Severity.ERROR: "FOUT",
        Severity.WARNING: "LET OP",
        "family": "gezin",
        "parent": "ouder",
        "invoice": "factuur",
        "none": "Geen meldingen.",
        "accounts": "Klanten: {exported} geëxporteerd, {left_out} weggelaten",
        "invoices": "Facturen: {exported} geboekt, {left_out} weggelaten",
        "unusable": "Het bestand is onbruikbaar; er is niets geëxporteerd.",
        "unwritable": "Kan de uitvoer niet schrijven: {reason}",
        "written": "Geschreven: {path}",
        "demo": (
            "Dit voorbeeld bevat met opzet enkele fouten, "
            "om te laten zien hoe het rapport eruitziet."
        ),
    },
    "en": {
        Severity.ERROR: "ERROR",
        Severity.WARNING: "WARNING",
        "family": "family",
        "parent": "parent",
        "invoice": "invoice",
        "none": "No issues.",
        "accounts": "Customers: {exported} exported, {left_out} left out",
        "invoices": "Invoices: {exported} booked, {left_out} left out",
        "unusable": "The file is unusable; nothing was exported.",
        "unwritable": "Cannot write the output: {reason}",
        "written": "Written: {path}",
        "demo": (
            "This example contains a few deliberate problems, "
            "to show what the report looks like."
        ),
    },
}


# Singular and plural of "error" and "warning", per language.
_COUNTS: Final = {
    "nl": (("fout", "fouten"), ("waarschuwing", "waarschuwingen")),
    "en": (("error", "errors"), ("warning", "warnings")),
}


class _UnusableInputError(Exception):
    """The input cannot be read as an interchange document."""

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problems")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    >>> main(["check", "no-such-export.json"])
    2
    """
    _tolerate_unencodable_text()
    args = _parser().parse_args(argv)
    # A run builds one object graph that lives until the end (the JSON data,
    # then the records) and drops almost nothing, so CPython's cyclic
    # collector would only walk that graph again and again: at 100,000
    # families it took 40 % of a check (34.0 s, 20.4 s without it; the same
    # peak memory, also on a document refused with 266,000 shape errors).
    # The command owns its process, so it pauses the collector for the run
    # and restores it after; the library itself never touches it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except _UnusableInputError as exc:
        if getattr(args, "format", "table") == "json":
            _dump_json({"issues": _issues_json(Report(exc.issues), args.lang)})
        _print_report(Report(exc.issues), args.lang, sys.stderr)
        print(_LABELS[args.lang]["unusable"], file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:
        print(_LABELS[args.lang]["unwritable"].format(reason=exc), file=sys.stderr)
        return EXIT_OUTPUT


def _tolerate_unencodable_text() -> None:
    # A lone surrogate in an id cannot be encoded for the terminal; show it
    # escaped rather than lose the whole report to a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bitcare-exact",
        description=(
            "Check a Bitcare export and write Exact Online XML files "
            "(customers and sales entries)."
        ),
        epilog=(
            "Exit codes: 0 all exported, 1 some records reported and left out, "
            "2 unusable input, 3 output not written."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="report every problem, write nothing")
    _add_input(check)
    _add_lang(check)
    check.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="a readable table (default) or JSON for programs",
    )
    _add_require(check)
    check.set_defaults(run=_run_check)

    accounts = commands.add_parser("accounts", help="write the customer file")
    _add_input(accounts)
    _add_output(accounts)
    _add_lang(accounts)
    _add_require(accounts)
    accounts.set_defaults(run=_run_accounts)

    invoices = commands.add_parser("invoices", help="write the sales-entry file")
    _add_input(invoices)
    _add_output(invoices)
    _add_lang(invoices)
    invoices.set_defaults(run=_run_invoices)

    demo = commands.add_parser("demo", help="run everything on the bundled example")
    demo.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        default=Path("bitcare-exact-demo"),
        help="folder for the two XML files (default: ./bitcare-exact-demo)",
    )
    _add_lang(demo)
    demo.set_defaults(run=_run_demo)
    return parser


def _add_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", help="the interchange document (JSON); - for stdin")


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the XML file to write (default: standard output)",
    )


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        default="nl",
        help="language of the messages (default: nl)",
    )


def _add_require(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--require-customer-numbers",
        action="store_true",
        help=(
            "the Exact administration already has customers: "
            "a missing Klantnummer is an error"
        ),
    )


def _run_check(args: argparse.Namespace) -> int:
    document = _load(args.input)
    accounts = export_accounts(
        document.families,
        document.settings,
        require_customer_numbers=args.require_customer_numbers,
    )
    sales = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        accounts_report=accounts.report,
    )
    report = _combined(accounts, sales)
    if args.format == "json":
        _dump_json(_as_json(report, accounts, sales, args.lang))
    else:
        _print_report(report, args.lang, sys.stdout)
        _print_summary(accounts, sales, args.lang, sys.stdout)
    return _exit_code(accounts.left_out, sales.left_out)


def _run_accounts(args: argparse.Namespace) -> int:
    document = _load(args.input)
    result = export_accounts(
        document.families,
        document.settings,
        require_customer_numbers=args.require_customer_numbers,
    )
    _write(result.xml, args.output, args.lang)
    _print_report(result.report, args.lang, sys.stderr)
    _print_summary(result, None, args.lang, sys.stderr)
    return _exit_code(result.left_out, ())


def _run_invoices(args: argparse.Namespace) -> int:
    document = _load(args.input)
    result = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
    )
    _write(result.xml, args.output, args.lang)
    _print_report(result.report, args.lang, sys.stderr)
    _print_summary(None, result, args.lang, sys.stderr)
    return _exit_code((), result.left_out)


def _run_demo(args: argparse.Namespace) -> int:
    labels = _LABELS[args.lang]
    example = resources.files("bitcare_exact").joinpath("examples", "demo.json")
    document = _structure(example.read_text(encoding="utf-8"))
    accounts = export_accounts(document.families, document.settings)
    sales = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
        accounts_report=accounts.report,
    )
    print(labels["demo"])
    print()
    _print_report(_combined(accounts, sales), args.lang, sys.stdout)
    _print_summary(accounts, sales, args.lang, sys.stdout)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for name, xml in (("accounts.xml", accounts.xml), ("invoices.xml", sales.xml)):
        _write(xml, args.output_dir / name, args.lang)
    return EXIT_OK


def _version() -> str:
    from bitcare_exact import __version__  # noqa: PLC0415 - avoids an import cycle

    return __version__


def _load(source: str) -> Document:
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        # utf-8-sig: a byte-order mark, as some Windows editors write, is skipped.
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        issue = make_issue("document.unreadable", "$", found=str(exc))
        raise _UnusableInputError((issue,)) from exc
    return _structure(text)


def _structure(text: str) -> Document:
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=_keep_first(duplicates))
    except (ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError and numbers longer than Python
        # converts; RecursionError, arrays nested thousands deep.
        found = str(exc) or "nested too deeply"
        issue = make_issue("document.json_invalid", "$", found=found)
        raise _UnusableInputError((issue,)) from exc
    if duplicates:
        issues = tuple(
            make_issue("document.key_duplicate", "$", key=key)
            for key in dict.fromkeys(duplicates)
        )
        raise _UnusableInputError(issues)
    try:
        return structure_document(data)
    except InvalidDocumentError as exc:
        raise _UnusableInputError(exc.issues) from exc


def _keep_first(
    duplicates: list[str],
) -> Callable[[list[tuple[str, object]]], dict[str, object]]:
    # JSON allows a key twice in one object and json.loads keeps the last; for
    # an export that silently drops data ("families" twice), so it is refused.
    def build(pairs: list[tuple[str, object]]) -> dict[str, object]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return result

    return build


def _write(xml: bytes, path: Path | None, lang: str) -> None:
    if path is None or str(path) == "-":
        sys.stdout.buffer.write(xml)
        sys.stdout.flush()
        return
    path.write_bytes(xml)
    print(_LABELS[lang]["written"].format(path=path), file=sys.stderr)


def _combined(accounts: AccountsExport, sales: SalesEntriesExport) -> Report:
    # A family's customer error shows once, from the customer checks; the
    # invoice checks repeat text rules only for the invoice's own fields. What
    # both exports check (the payment-condition codes of the settings) gives
    # equal issues: each is shown once, where the customer report has it.
    shown = set(accounts.report.issues)
    return accounts.report + Report.of(
        issue for issue in sales.report.issues if issue not in shown
    )


def _exit_code(*left_out: tuple[str, ...]) -> int:
    return EXIT_LEFT_OUT if any(left_out) else EXIT_OK


def _print_report(report: Report, lang: str, out: TextIO) -> None:
    labels = _LABELS[lang]
    if not report.issues:
        print(labels["none"], file=out)
        return
    for issue in report.issues:
        print(
            f"{labels[issue.severity]:<7} {issue.code}  {_where(issue, lang)}", file=out
        )
        print(f"        {issue.path}", file=out)
        print(f"        {issue.message(lang)}", file=out)
    print(
        _counted(lang, len(report.errors), len(report.warnings)),
        file=out,
    )


def _counted(lang: str, errors: int, warnings: int) -> str:
    error_forms, warning_forms = _COUNTS[lang]
    return (
        f"{errors} {error_forms[errors != 1]}, "
        f"{warnings} {warning_forms[warnings != 1]}"
    )


def _where(issue: Issue, lang: str) -> str:
    labels = _LABELS[lang]
    parts = [
        f"{labels[kind]} {_printable(value)}"
        for kind, value in (
            ("family", issue.family_id),
            ("parent", issue.parent_id),
            ("invoice", issue.invoice_number),
        )
        if value is not None
    ]
    return " · ".join(parts)


def _printable(value: str) -> str:
    # Ids go to a terminal as they are; a control character in one (an escape
    # sequence could clear the screen) is shown escaped, as repr() writes it.
    if value.isprintable():
        return value
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)


def _print_summary(
    accounts: AccountsExport | None,
    sales: SalesEntriesExport | None,
    lang: str,
    out: TextIO,
) -> None:
    labels = _LABELS[lang]
    if accounts is not None:
        print(
            labels["accounts"].format(
                exported=len(accounts.exported),
                left_out=len(accounts.left_out),
            ),
            file=out,
        )
    if sales is not None:
        print(
            labels["invoices"].format(
                exported=len(sales.booked),
                left_out=len(sales.left_out),
            ),
            file=out,
        )


def _as_json(
    report: Report,
    accounts: AccountsExport,
    sales: SalesEntriesExport,
    lang: str,
) -> dict[str, object]:
    return {
        "issues": _issues_json(report, lang),
        "accounts": {
            "exported": list(accounts.exported),
            "left_out": list(accounts.left_out),
        },
        "invoices": {
            "booked": list(sales.booked),
            "left_out": list(sales.left_out),
        },
    }


def _issues_json(report: Report, lang: str) -> list[dict[str, str | None]]:
    return [
        {
            "code": issue.code,
            "severity": issue.severity.value,
            "path": issue.path,
            "family_id": issue.family_id,
            "parent_id": issue.parent_id,
            "invoice_number": issue.invoice_number,
            "message": issue.message_en if lang == "en" else issue.message_nl,
            "fix": issue.fix_en if lang == "en" else issue.fix_nl,
        }
        for issue in report.issues
    ]


def _dump_json(data: object) -> None:
    json.dump(data, sys.stdout, indent=2)
    sys.stdout.write("\n")
