"""What the two file streams share: read once, results after the end.

A stream yields the bytes of one eExact file in chunks. It can be iterated
once; its outcome (the report, the records written and those left out) is
known only when the last chunk has been read, and asking before raises
:class:`~bitcare_exact.errors.StreamStateError`.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from typing import NamedTuple

from bitcare_exact.errors import StreamStateError
from bitcare_exact.issues import Report


__all__ = ["OneShotStream", "StreamOutcome"]


class StreamOutcome(NamedTuple):
    """What a finished stream tells: the report, written and left-out ids.

    >>> StreamOutcome(Report(), ("F1",), ()).written
    ('F1',)
    """

    report: Report
    written: tuple[str, ...]
    left_out: tuple[str, ...]


class OneShotStream(abc.ABC):
    """A file written in chunks by :meth:`_chunks`, which ends with :meth:`_finish`."""

    def __init__(self) -> None:
        self._started = False
        self._outcome: StreamOutcome | None = None

    def __iter__(self) -> Iterator[bytes]:
        """Start the one pass that writes the file; a second one raises."""
        if self._started:
            msg = f"this {type(self).__name__} was iterated already: make a new one"
            raise StreamStateError(msg)
        self._started = True
        return self._chunks()

    @property
    def report(self) -> Report:
        """Every issue found, once the stream is exhausted."""
        return self._result().report

    @property
    def left_out(self) -> tuple[str, ...]:
        """The ids of the records left out because of an error, in input order."""
        return self._result().left_out

    @abc.abstractmethod
    def _chunks(self) -> Iterator[bytes]:
        """Yield the file; call :meth:`_finish` after the last chunk."""

    def _finish(self, outcome: StreamOutcome) -> None:
        self._outcome = outcome

    def _result(self) -> StreamOutcome:
        if self._outcome is None:
            name = type(self).__name__
            msg = f"read the whole {name} to its end before asking for its outcome"
            raise StreamStateError(msg)
        return self._outcome
