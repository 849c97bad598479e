"""The exceptions of bitcare_exact.

Callers catch one class, :class:`BitcareExactError`. Data problems are not
exceptions: they are reported as :class:`~bitcare_exact.issues.Issue` objects.
Only three situations raise:

- :class:`InvalidDocumentError`: the interchange document has the wrong shape,
  so no record can be read from it (exit code 2 in the CLI);
- :class:`InvalidExportError`: a strict export met errors; it lists all of
  them at once so that everything can be fixed in one pass;
- :class:`StreamStateError`: a stream of the customer or sales-entry file was
  used out of turn (a mistake in the calling program, not in the data).
"""

from __future__ import annotations

from bitcare_exact.issues import Issue


__all__ = [
    "BitcareExactError",
    "InvalidDocumentError",
    "InvalidExportError",
    "StreamStateError",
]

_SHOWN = 5


class BitcareExactError(Exception):
    """The base of every exception this library raises on purpose.

    >>> issubclass(InvalidExportError, BitcareExactError)
    True
    """


class _IssuesError(BitcareExactError, ValueError):
    """An error that carries the issues that caused it."""

    heading = "problems"
    heading_one = "problem"

    def __init__(self, issues: tuple[Issue, ...]) -> None:
        self.issues = issues
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.issues)
        heading = self.heading if count != 1 else self.heading_one
        lines = [f"{count} {heading}:"]
        lines.extend(f"  {issue}" for issue in self.issues[:_SHOWN])
        if len(self.issues) > _SHOWN:
            lines.append(f"  … and {len(self.issues) - _SHOWN} more")
        return "\n".join(lines)


class InvalidDocumentError(_IssuesError):
    """The interchange document cannot be read; ``issues`` says every reason.

    >>> from bitcare_exact.converters import structure_document
    >>> structure_document({"familys": []})
    Traceback (most recent call last):
    ...
    bitcare_exact.errors.InvalidDocumentError: 1 problem in the document: ...
    """

    heading = "problems in the document"
    heading_one = "problem in the document"


class InvalidExportError(_IssuesError):
    """A strict export found errors; ``issues`` lists every one.

    >>> InvalidExportError(()).issues
    ()
    """

    heading = "errors prevent the export"
    heading_one = "error prevents the export"


class StreamStateError(BitcareExactError, RuntimeError):
    """A stream was used out of turn: read before it was exhausted, or twice.

    >>> issubclass(StreamStateError, BitcareExactError)
    True
    """
