"""The streaming forms against the whole-file forms.

``stream_accounts`` and ``stream_sales_entries`` must write, chunk by chunk,
exactly the bytes of ``export_accounts`` and ``export_sales_entries``, with
the same report and outcome, on the samples and on generated documents; the
rules that look across the whole batch (Klantnummers, mandate references,
family, parent and invoice numbers used twice) must hold in streaming even
when the two records are far apart; and the stream must write one family at
a time instead of preparing all of them first.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar, overload

import pytest

from bitcare_exact import BitcareExactError, Document, structure_document
from bitcare_exact.accounts import export_accounts, stream_accounts
from bitcare_exact.sales import export_sales_entries, stream_sales_entries


ROOT = Path(__file__).resolve().parent.parent
JSON = dict[str, object]
T = TypeVar("T")


def _load_generator() -> Callable[..., JSON]:
    # benchmarks/ is not a package; load its generator by path.
    path = ROOT / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("bitcare_benchmark_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generate: Callable[..., JSON] = module.generate_document
    return generate


generate_document = _load_generator()


def _read(path: Path) -> Document:
    return structure_document(json.loads(path.read_text(encoding="utf-8")))


def assert_same_accounts(document: Document, *, require: bool = False) -> None:
    families, settings = document.families, document.settings
    whole = export_accounts(families, settings, require_customer_numbers=require)
    stream = stream_accounts(families, settings, require_customer_numbers=require)
    assert b"".join(stream) == whole.xml
    assert stream.report == whole.report
    assert stream.exported == whole.exported
    assert stream.left_out == whole.left_out


def assert_same_sales(document: Document) -> None:
    invoices, families, settings = (
        document.invoices,
        document.families,
        document.settings,
    )
    whole = export_sales_entries(invoices, families, settings)
    stream = stream_sales_entries(invoices, families, settings)
    assert b"".join(stream) == whole.xml
    assert stream.report == whole.report
    assert stream.booked == whole.booked
    assert stream.left_out == whole.left_out


@pytest.mark.parametrize("require", [False, True], ids=["default", "require-numbers"])
def test_sample_accounts_stream_as_whole(sample_path: Path, require: bool) -> None:
    assert_same_accounts(_read(sample_path), require=require)


def test_sample_sales_stream_as_whole(sample_path: Path) -> None:
    assert_same_sales(_read(sample_path))


def test_small_clean_sample_streams_as_whole(small_clean_path: Path) -> None:
    document = _read(small_clean_path)
    assert_same_accounts(document)
    assert_same_sales(document)


@pytest.mark.parametrize(
    ("families", "seed"),
    [
        pytest.param(0, 1, id="empty"),
        pytest.param(1, 2, id="one-family"),
        pytest.param(1500, 2026, id="1500-families"),
        pytest.param(300, 7, id="300-families-other-seed"),
    ],
)
def test_generated_documents_stream_as_whole(families: int, seed: int) -> None:
    document = structure_document(generate_document(families, seed=seed))
    assert_same_accounts(document)
    assert_same_sales(document)


# -- batch-wide rules with the two records far apart ---------------------------

FAR = 2000  # families in the document; the twins sit near either end


def _contract_parent(data: JSON, position: int) -> dict[str, object]:
    family = data["families"][position]  # type: ignore[index]
    family["contract_parent_id"] = None
    parent: dict[str, object] = family["parents"][0]
    return parent


def _with_twins() -> JSON:
    """A clean generated document with a pair of twins for each batch rule."""
    data = copy.deepcopy(generate_document(FAR, seed=11))
    # One Klantnummer on families 3 and 1996.
    for position in (3, FAR - 4):
        _contract_parent(data, position)["customer_number"] = "777777"
    # One mandate reference on families 10 and 1990, in different case.
    for position, reference in ((10, "DUP-REF-1"), (FAR - 10, "dup-ref-1")):
        _contract_parent(data, position)["bank_accounts"] = [
            {
                "iban": "NL91ABNA0417164300",
                "mandate": {"reference": reference, "signed_on": "2025-08-28"},
            }
        ]
    # One family id twice (families 20 and 1980) and one parent id twice.
    families: list[dict[str, object]] = data["families"]  # type: ignore[assignment]
    families[FAR - 20]["id"] = families[20]["id"]
    _contract_parent(data, FAR - 30)["id"] = _contract_parent(data, 30)["id"]
    # One invoice number on the first and the last invoice.
    invoices: list[dict[str, object]] = data["invoices"]  # type: ignore[assignment]
    invoices[0]["number"] = invoices[-1]["number"] = "DUP-2026"
    return data


@pytest.fixture(scope="module")
def twins() -> Document:
    return structure_document(_with_twins())


def _ids(document: Document, *positions: int) -> set[str]:
    return {document.families[position].id for position in positions}


@pytest.mark.parametrize(
    ("code", "positions"),
    [
        pytest.param("customer_number.duplicate", (3, FAR - 4), id="klantnummer"),
        pytest.param("mandate.reference_duplicate", (10, FAR - 10), id="mandate"),
        pytest.param("family.id_duplicate", (20, FAR - 20), id="family-id"),
        pytest.param("parent.id_duplicate", (30, FAR - 30), id="parent-id"),
    ],
)
def test_stream_reports_twins_far_apart(
    twins: Document, code: str, positions: tuple[int, int]
) -> None:
    stream = stream_accounts(twins.families, twins.settings)
    for _ in stream:
        pass  # chunks are dropped, as a caller writing to a file would
    reported = {issue.family_id for issue in stream.report if issue.code == code}
    assert reported == _ids(twins, *positions)
    assert _ids(twins, *positions) <= set(stream.left_out)


def test_stream_leaves_out_exactly_the_twins(twins: Document) -> None:
    stream = stream_accounts(twins.families, twins.settings)
    b"".join(stream)
    twins_ids = _ids(twins, 3, FAR - 4, 10, FAR - 10, 20, FAR - 20, 30, FAR - 30)
    assert set(stream.left_out) == twins_ids
    assert len(stream.exported) + len(stream.left_out) == FAR


def test_stream_of_twins_is_the_whole_file(twins: Document) -> None:
    assert_same_accounts(twins)
    assert_same_sales(twins)


def test_sales_stream_reports_invoice_twins_far_apart(twins: Document) -> None:
    stream = stream_sales_entries(twins.invoices, twins.families, twins.settings)
    b"".join(stream)
    duplicated = [
        issue.path
        for issue in stream.report
        if issue.code == "invoice.number_duplicate"
    ]
    assert duplicated == ["$.invoices[0].number", f"$.invoices[{FAR - 1}].number"]
    assert stream.left_out.count("DUP-2026") == 2
    assert "DUP-2026" not in stream.booked


# -- one family at a time ------------------------------------------------------


class _Watched(Sequence[T]):
    """A sequence that records how far each pass over it has read."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = items
        self.passes: list[int] = []

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self.items[index]

    def __iter__(self) -> Iterator[T]:
        self.passes.append(0)
        for item in self.items:
            self.passes[-1] += 1
            yield item


def _read_until(chunks: Iterator[bytes], marker: bytes) -> bytes:
    written = b""
    while marker not in written:
        written += next(chunks)
    return written


def test_accounts_stream_writes_before_reading_everything() -> None:
    document = structure_document(generate_document(500, seed=3))
    watched = _Watched(document.families)
    chunks = iter(stream_accounts(watched, document.settings))
    written = _read_until(chunks, b"<Account ")
    # The index pass read every family; the writing pass only what it wrote.
    assert watched.passes[0] == 500
    assert watched.passes[-1] < 10
    rest = b"".join(chunks)
    assert watched.passes[-1] == 500
    assert (written + rest).endswith(b"</eExact>\n")


def test_sales_stream_writes_before_reading_everything() -> None:
    document = structure_document(generate_document(500, seed=3))
    watched = _Watched(document.invoices)
    chunks = iter(stream_sales_entries(watched, document.families, document.settings))
    _read_until(chunks, b"<GLTransaction")
    # The counting pass read every invoice; the writing pass only what it wrote.
    assert watched.passes[0] == 500
    assert watched.passes[-1] < 10
    b"".join(chunks)
    assert watched.passes[-1] == 500


# -- a stream is read once, and only then has an outcome -----------------------


@pytest.mark.parametrize("outcome", ["report", "exported", "left_out"])
def test_accounts_outcome_needs_the_whole_stream(outcome: str) -> None:
    stream = stream_accounts([])
    with pytest.raises(BitcareExactError):
        getattr(stream, outcome)


@pytest.mark.parametrize("outcome", ["report", "booked", "left_out"])
def test_sales_outcome_needs_the_whole_stream(outcome: str) -> None:
    stream = stream_sales_entries([], [])
    with pytest.raises(BitcareExactError):
        getattr(stream, outcome)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: stream_accounts([]), id="accounts"),
        pytest.param(lambda: stream_sales_entries([], []), id="sales"),
    ],
)
def test_a_stream_is_read_once(make: Callable[[], Sequence[bytes]]) -> None:
    stream = make()
    b"".join(stream)
    with pytest.raises(BitcareExactError):
        iter(stream)
