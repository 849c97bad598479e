"""The command line: the one module that reads and writes files.

Commands::

    bitcare-exact check INPUT.json [--lang nl|en] [--format table|json]
    bitcare-exact accounts INPUT.json [-o OUT.xml]
    bitcare-exact invoices INPUT.json [-o OUT.xml]
    bitcare-exact demo [-o DIR]

``INPUT.json`` may be ``-`` for standard input. Messages are Dutch unless
``--lang en`` is given. Where each thing goes:

- ``check``: its report (the table or the JSON) is its result and always goes
  to standard output, also when the input is unusable; nothing goes to
  standard error unless something fails.
- ``accounts`` and ``invoices``: the XML goes to ``-o`` or, without it (or
  with ``-o -``), to standard output; the report, the "Written" line and the
  "unusable" verdict go to standard error, so that nothing mixes with the XML.
- ``demo``: the report goes to standard output, a "Written" line per file to
  standard error.
- A one-line message about an output that cannot be written, or an
  interrupt, goes to standard error (if that is open at all).

A file is written in one piece: to a temporary file in the same folder, which
then replaces the old file. A write that fails or is interrupted leaves the
old file as it was. A new file gets the permissions ``open()`` would give it
(0o666 less the umask), a replaced one keeps its own; a file the user may not
write is refused, as ``open()`` refuses it.

``check`` and ``demo`` check the customers once: the invoice checks use the
customer report to find the families whose customer has an error. So with
``--require-customer-numbers`` an invoice whose debtor has no Klantnummer is
also reported as ``invoice.debtor_invalid``. An issue both reports hold (a
payment-condition code of the settings) is listed once.

Exit codes:

- 0: everything was exported (warnings may have been reported);
- 1: an error was reported: some families or invoices were left out, or a
  settings code could not be used and was left out of the file;
- 2: the input is unusable: unreadable, not JSON, or not shaped as the
  interchange document (nothing was exported);
- 3: an output could not be written: a file, or a standard stream that is
  closed (started with ``>&-`` or ``2>&-``), a closed pipe or a full disk
  (the message says why). Nothing is done when a stream the command needs is
  closed from the start;
- 130: interrupted (Ctrl-C): 128 plus the number of SIGINT, as shells report
  it.

``python -m bitcare_exact`` is the same program.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import gc
import json
import os
import re
import stat
import sys
import tempfile
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


__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_LEFT_OUT",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_UNUSABLE",
    "main",
]

EXIT_OK: Final = 0
EXIT_LEFT_OUT: Final = 1
EXIT_UNUSABLE: Final = 2
EXIT_OUTPUT: Final = 3
EXIT_INTERRUPTED: Final = 130

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
        "interrupted": "Onderbroken.",
        "stdout": "de standaarduitvoer is gesloten",
        "stderr": "de standaardfoutuitvoer is gesloten",
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
        "interrupted": "Interrupted.",
        "stdout": "standard output is closed",
        "stderr": "standard error is closed",
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


class _ClosedStreamError(Exception):
    """A standard stream the command writes to is closed (``sys.stdout`` is None)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"sys.{name} is None")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    >>> main(["accounts", "no-such-export.json"])
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
    except KeyboardInterrupt:
        # A file being written is a temporary one until it is complete, and
        # is removed on the way out; see _replace.
        _complain(_LABELS[args.lang]["interrupted"])
        return EXIT_INTERRUPTED
    finally:
        (gc.enable if collecting else gc.disable)()


def _run(args: argparse.Namespace) -> int:
    # Every write goes through a stream from _stream() and is flushed before
    # the command goes on, so a closed stream, a closed pipe or a full disk
    # ends here, whatever the command and its outcome.
    labels = _LABELS[args.lang]
    try:
        _check_streams(args)
        return _outcome(args)
    except _ClosedStreamError as exc:
        _complain(labels["unwritable"].format(reason=labels[exc.name]))
    except OSError as exc:
        _complain(labels["unwritable"].format(reason=_printable(str(exc))))
    return EXIT_OUTPUT


def _outcome(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except _UnusableInputError as exc:
        _report_unusable(Report(exc.issues), args)
        return EXIT_UNUSABLE


def _check_streams(args: argparse.Namespace) -> None:
    # A stream the command will need and that is closed from the start stops
    # it before it reads or writes anything.
    for name in args.streams:
        _stream(name)
    output = getattr(args, "output", None)
    if output is None or str(output) == "-":
        _stream("stdout")


def _stream(name: str) -> TextIO:
    stream: TextIO | None = getattr(sys, name)
    if stream is None:
        raise _ClosedStreamError(name)
    return stream


def _complain(message: str) -> None:
    # Best effort: standard error may be closed or failing as well, and then
    # the exit code is all that can tell.
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError):
        stream.write(f"{message}\n")
        stream.flush()


def _report_unusable(report: Report, args: argparse.Namespace) -> None:
    out = _stream(args.report_to)
    if getattr(args, "format", "table") == "json":
        _dump_json({"issues": _issues_json(report, args.lang)}, out)
    else:
        _print_report(report, args.lang, out)
        print(_LABELS[args.lang]["unusable"], file=out)
    out.flush()


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
    check.set_defaults(run=_run_check, streams=("stdout",), report_to="stdout")

    accounts = commands.add_parser("accounts", help="write the customer file")
    _add_input(accounts)
    _add_output(accounts)
    _add_lang(accounts)
    _add_require(accounts)
    accounts.set_defaults(run=_run_accounts, streams=("stderr",), report_to="stderr")

    invoices = commands.add_parser("invoices", help="write the sales-entry file")
    _add_input(invoices)
    _add_output(invoices)
    _add_lang(invoices)
    invoices.set_defaults(run=_run_invoices, streams=("stderr",), report_to="stderr")

    demo = commands.add_parser("demo", help="run everything on the bundled example")
    demo.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        default=Path("bitcare-exact-demo"),
        help="folder for the two XML files (default: ./bitcare-exact-demo)",
    )
    _add_lang(demo)
    demo.set_defaults(run=_run_demo, streams=("stdout", "stderr"), report_to="stdout")
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
    out = _stream("stdout")
    if args.format == "json":
        _dump_json(_as_json(report, accounts, sales, args.lang), out)
    else:
        _print_report(report, args.lang, out)
        _print_summary(accounts, sales, args.lang, out)
    out.flush()
    return _exit_code(report)


def _run_accounts(args: argparse.Namespace) -> int:
    document = _load(args.input)
    result = export_accounts(
        document.families,
        document.settings,
        require_customer_numbers=args.require_customer_numbers,
    )
    _write(result.xml, args.output, args.lang)
    err = _stream("stderr")
    _print_report(result.report, args.lang, err)
    _print_summary(result, None, args.lang, err)
    err.flush()
    return _exit_code(result.report)


def _run_invoices(args: argparse.Namespace) -> int:
    document = _load(args.input)
    result = export_sales_entries(
        document.invoices,
        document.families,
        document.settings,
    )
    _write(result.xml, args.output, args.lang)
    err = _stream("stderr")
    _print_report(result.report, args.lang, err)
    _print_summary(None, result, args.lang, err)
    err.flush()
    return _exit_code(result.report)


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
    out = _stream("stdout")
    print(labels["demo"], file=out)
    print(file=out)
    _print_report(_combined(accounts, sales), args.lang, out)
    _print_summary(accounts, sales, args.lang, out)
    out.flush()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for name, xml in (("accounts.xml", accounts.xml), ("invoices.xml", sales.xml)):
        _write(xml, args.output_dir / name, args.lang)
    return EXIT_OK


def _version() -> str:
    from bitcare_exact import __version__  # noqa: PLC0415 - avoids an import cycle

    return __version__


def _load(source: str) -> Document:
    try:
        raw = _read_stdin() if source == "-" else Path(source).read_bytes()
        # utf-8-sig: a byte-order mark, as some Windows editors write, is skipped.
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        issue = make_issue("document.unreadable", "$", found=str(exc))
        raise _UnusableInputError((issue,)) from exc
    return _structure(text)


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with <&-
        raise OSError(errno.EBADF, "standard input is closed")
    return sys.stdin.buffer.read()


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
        out = _stream("stdout")
        out.flush()
        _write_all(out.buffer.write, xml)
        out.flush()
        return
    _replace(path, xml)
    err = _stream("stderr")
    print(_LABELS[lang]["written"].format(path=_printable(str(path))), file=err)
    err.flush()


def _write_all(write: Callable[[memoryview], int | None], data: bytes) -> None:
    # An unbuffered standard output (python -u, PYTHONUNBUFFERED=1) or a bare
    # descriptor may take only part of a large write and say how much: the
    # rest is written until none is left, so that a full disk or a closed
    # pipe raises on the next write rather than the file being cut off in
    # silence.
    view = memoryview(data)
    while view:
        written = write(view)
        if not written:
            raise OSError(errno.EIO, "the output took no more bytes")
        view = view[written:]


def _replace(path: Path, data: bytes) -> None:
    # The message names the file the user asked for, not the temporary one.
    try:
        descriptor = _descriptor(path)
        if descriptor is not None:
            _write_descriptor(descriptor, data)
            return
        if _is_special(path):
            _write_in_place(path, data)
            return
        target = Path(os.path.realpath(path))
        try:
            _write_beside(target, data)
        except PermissionError:
            # The folder takes no new file (read-only, or someone else's
            # file in a sticky folder such as /tmp), yet the file itself may
            # be writable: then it is written in place, as open() would.
            if not (target.is_file() and os.access(target, os.W_OK)):
                raise
            _write_in_place(target, data)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _write_in_place(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)


# The names of this process's open descriptors: /dev/stdout, /dev/stderr,
# /dev/fd/N, /proc/self/fd/N and /proc/thread-self/fd/N.
_DESCRIPTOR: Final = re.compile(
    r"/dev/(?:(stdout)|(stderr)|fd/(\d+))|/proc/(?:self|thread-self)/fd/(\d+)"
)


def _descriptor(path: Path) -> int | None:
    match = _DESCRIPTOR.fullmatch(os.path.normpath(path.absolute()))
    if match is None:
        return None
    stdout, stderr, number, proc_number = match.groups()
    if stdout:
        return 1
    if stderr:
        return 2
    return int(number or proc_number)


def _write_descriptor(descriptor: int, data: bytes) -> None:
    # Written to the open descriptor itself, never reopened by its name: a
    # reopened file has a position of its own, so with 2>&1 the report would
    # overwrite the file's start, and opening it anew could truncate what
    # the shell's >> or earlier output put there. What Python holds in its
    # buffers goes first, so the order stays as written.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    _write_all(functools.partial(os.write, descriptor), data)


def _is_special(path: Path) -> bool:
    # A device or a pipe (/dev/null, a named pipe) is written as it is:
    # replacing it would put a new file in its place.
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_beside(target: Path, data: bytes) -> None:
    # Written to a temporary file in the same folder (so that the rename is
    # atomic) and renamed over the target only when complete: a full disk, a
    # file-size limit or Ctrl-C leaves the old file as it was. A symbolic link
    # is followed (realpath), so the link stays and its target is replaced.
    mode = _mode_for(target)
    # A short name of its own: a long target name plus a suffix could pass
    # the file system's limit on names.
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=".bitcare-exact-", suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _mode_for(target: Path) -> int:
    # mkstemp makes the file 0o600; give it what open(..., "wb") would have:
    # the old file's permissions, or 0o666 less the umask for a new file. A
    # folder, or a file the user may not write, is refused as open() would
    # refuse it, although renaming over a file needs only the folder's
    # permission.
    try:
        status = target.stat()
    except FileNotFoundError:
        return 0o666 & ~_umask()
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    return stat.S_IMODE(status.st_mode)


def _umask() -> int:
    # The umask can only be read by setting it; it is put back at once.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _combined(accounts: AccountsExport, sales: SalesEntriesExport) -> Report:
    # A family's customer error shows once, from the customer checks; the
    # invoice checks repeat text rules only for the invoice's own fields. What
    # both exports check (the payment-condition codes of the settings) gives
    # equal issues: each is shown once, where the customer report has it.
    shown = set(accounts.report.issues)
    return accounts.report + Report.of(
        issue for issue in sales.report.issues if issue not in shown
    )


def _exit_code(report: Report) -> int:
    # Every record left out has an error; an error that leaves nothing out
    # (a payment-condition code that cannot be written, so it is not used)
    # still means the file is not what Bitcare holds.
    return EXIT_LEFT_OUT if report.has_errors else EXIT_OK


def _print_report(report: Report, lang: str, out: TextIO) -> None:
    labels = _LABELS[lang]
    if not report.issues:
        print(labels["none"], file=out)
        return
    for issue in report.issues:
        print(
            f"{labels[issue.severity]:<7} {issue.code}  {_where(issue, lang)}", file=out
        )
        # The path is made of the JSON keys, the message may quote values:
        # both come from the input, so both are shown escaped like the ids.
        print(f"        {_printable(issue.path)}", file=out)
        print(f"        {_printable(issue.message(lang))}", file=out)
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
    # Text from the input goes to a terminal as it is; a control character
    # in it (an escape sequence could clear the screen) is shown escaped, as
    # repr() writes it.
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


def _dump_json(data: object, out: TextIO) -> None:
    json.dump(data, out, indent=2)
    out.write("\n")
