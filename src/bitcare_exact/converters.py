"""The interchange document: plain JSON data to typed records and back.

:func:`structure_document` turns a JSON-compatible document (dicts, lists,
strings, numbers, booleans, ``None``) into a :class:`~bitcare_exact.model.Document`.
It is strict in the way a contract must be: unknown keys, missing required
keys, wrong types, floats for money, malformed dates and unknown enum values
are refused. Every such problem is reported together, each with its JSON path
(``$.families[3].parents[0].bank_accounts[0].mandate.signed_on``), in one
:class:`~bitcare_exact.errors.InvalidDocumentError`.

:func:`unstructure_document` is the way back; a structured document
unstructures to an equal document.

The converter is our own cattrs converter (:func:`make_converter`); nothing is
registered on cattrs' global converter.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Final, cast

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from bitcare_exact.errors import InvalidDocumentError
from bitcare_exact.issues import Issue, make_issue
from bitcare_exact.model import (
    Document,
    Gender,
    MandateScheme,
    PaymentMethod,
)


__all__ = ["make_converter", "structure_document", "unstructure_document"]

_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# input-format.md: money is a decimal string such as "1234.56" or "-45.00".
# Python's Decimal would also take "1_000", "1e3", " 12.50", ".5" and other
# scripts' digits; the contract does not, so neither do we.
_MONEY: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_JSON_TYPES: Final = {
    str: ("a string", "tekst"),
    bool: ("true or false", "true of false"),
    list: ("a list", "een lijst"),
    dict: ("an object", "een object"),
}


class _ShapeError(ValueError):
    """A value of the wrong shape; becomes one issue at its path."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        self.subpath = ""
        super().__init__(code)


_TOO_LONG: Final = "a number too long to show"


def _shown(value: object) -> str:
    """Return ``value`` as a message shows it: a string as it is, else its repr."""
    if isinstance(value, str):
        return value
    try:
        return repr(value)
    except ValueError:
        # An integer longer than Python converts to text (4,300 digits by
        # default); structure_document is also called with Python data.
        return _TOO_LONG


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        try:
            return f"the number {value!r}"
        except ValueError:  # over Python's int-to-text limit; see _shown
            return _TOO_LONG
    names: dict[type, str] = {str: "a string", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _expect(value: object, kind: type) -> None:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        expected, expected_nl = _JSON_TYPES[kind]
        raise _ShapeError(
            "document.type_invalid",
            expected=expected,
            expected_nl=expected_nl,
            found=_json_type(value),
        )


def _structure_str(value: object, _: type) -> str:
    _expect(value, str)
    return cast("str", value)


def _structure_bool(value: object, _: type) -> bool:
    _expect(value, bool)
    return cast("bool", value)


def _structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _ShapeError("document.money_float", found=_shown(value))
    _expect(value, str)
    text = cast("str", value)
    if not _MONEY.fullmatch(text):
        raise _ShapeError("document.money_invalid", found=text)
    return Decimal(text)


def _structure_date(value: object, _: type) -> date:
    _expect(value, str)
    text = cast("str", value)
    if not _DATE.fullmatch(text):
        raise _ShapeError("document.date_invalid", found=text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _ShapeError("document.date_invalid", found=text) from None


def _enum_hook(kind: type[enum.StrEnum]) -> Callable[[object, type], enum.StrEnum]:
    allowed = ", ".join(repr(member.value) for member in kind)

    def structure(value: object, _: type) -> enum.StrEnum:
        _expect(value, str)
        try:
            return kind(cast("str", value))
        except ValueError:
            raise _ShapeError(
                "document.value_unknown",
                allowed=allowed,
                found=cast("str", value),
            ) from None

    return structure


def _structure_conditions(value: object, _: type) -> Mapping[PaymentMethod, str]:
    _expect(value, dict)
    structure_method = _enum_hook(PaymentMethod)
    conditions: dict[PaymentMethod, str] = {}
    errors: list[Exception] = []
    for key, code in cast("dict[object, object]", value).items():
        try:
            conditions[cast("PaymentMethod", structure_method(key, PaymentMethod))] = (
                _structure_str(code, str)
            )
        except _ShapeError as exc:
            exc.subpath = f".{_shown(key)}"
            errors.append(exc)
    if errors:
        group = "payment_conditions"
        raise ExceptionGroup(group, errors)
    return conditions


def _is_conditions(kind: object) -> bool:
    return kind == Mapping[PaymentMethod, str]


def _unstructure_conditions(conditions: Mapping[PaymentMethod, str]) -> dict[str, str]:
    return {method.value: code for method, code in conditions.items()}


def _tuple_hook(
    converter: cattrs.Converter,
) -> Callable[[object, type], tuple[object, ...]]:
    def structure(value: object, kind: type) -> tuple[object, ...]:
        _expect(value, list)
        items = cast("list[object]", value)
        return cast("tuple[object, ...]", converter._structure_tuple(items, kind))  # noqa: SLF001 - cattrs' own tuple logic, after our type check

    return structure


def _nullable_defaults(kind: type) -> frozenset[str]:
    # Keys whose null means "missing" (input-format.md): those with a default
    # that is not None itself, such as lists, enums with a default and booleans.
    return frozenset(
        field.name
        for field in attrs.fields(kind)
        if field.default is not attrs.NOTHING and field.default is not None
    )


def _record_hook(
    converter: cattrs.Converter,
    *,
    detailed: bool,
) -> Callable[[type], Callable[[object, type], object]]:
    def factory(kind: type) -> Callable[[object, type], object]:
        generated: Callable[[Mapping[str, object], type], object]
        generated = make_dict_structure_fn(
            kind,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
        )
        defaulted = _nullable_defaults(kind)

        def structure(value: object, _: type) -> object:
            _expect(value, dict)
            data = cast("dict[str, object]", value)
            if any(data.get(key, 0) is None for key in defaulted):
                data = {
                    key: item
                    for key, item in data.items()
                    if not (item is None and key in defaulted)
                }
            return generated(data, kind)

        return structure

    return factory


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """Build the converter for the interchange document.

    With ``detailed`` (the default) cattrs collects every error with its path;
    without it, the first error stops structuring, which is faster for input
    that is known to be clean.

    >>> from bitcare_exact.model import ExportSettings
    >>> make_converter().structure({"journal": "71"}, ExportSettings).journal
    '71'
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed,
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(date, _structure_date)
    for kind in (Gender, MandateScheme, PaymentMethod):
        converter.register_structure_hook(kind, _enum_hook(kind))
    converter.register_structure_hook_func(_is_conditions, _structure_conditions)
    converter.register_structure_hook_func(
        lambda kind: getattr(kind, "__origin__", None) is tuple,
        _tuple_hook(converter),
    )
    converter.register_structure_hook_factory(
        attrs.has,
        _record_hook(converter, detailed=detailed),
    )
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook_func(_is_conditions, _unstructure_conditions)
    return converter


_FAST: Final = make_converter(detailed=False)
_DETAILED: Final = make_converter(detailed=True)


def structure_document(data: object) -> Document:
    """Structure a JSON-compatible document into a :class:`Document`.

    Raises:
        InvalidDocumentError: the document's shape is wrong; its ``issues``
            name every problem with its path.

    >>> document = structure_document({"families": [
    ...     {"id": "F1", "parents": [{"id": "P1", "last_name": "Berg"}]}]})
    >>> document.families[0].parents[0].last_name
    'Berg'
    """
    if not isinstance(data, dict):
        issue = make_issue(
            "document.type_invalid",
            "$",
            expected="an object",
            expected_nl="een object",
            found=_json_type(data),
        )
        raise InvalidDocumentError((issue,))
    try:
        return _FAST.structure(data, Document)
    except Exception:  # noqa: BLE001, S110 - any failure is re-read in detail below
        pass
    try:
        return _DETAILED.structure(data, Document)
    except Exception as exc:
        raise InvalidDocumentError(tuple(_issues(exc, "$"))) from exc


def unstructure_document(document: Document) -> dict[str, object]:
    """Turn a :class:`Document` back into plain JSON-compatible data.

    >>> unstructure_document(Document())["settings"]["journal"]
    '70'
    """
    return cast("dict[str, object]", _DETAILED.unstructure(document))


def _issues(exc: BaseException, path: str) -> Iterator[Issue]:
    if isinstance(exc, ForbiddenExtraKeysError):
        # Keys are strings in JSON; Python callers may pass others.
        for key in sorted(map(_shown, exc.extra_fields)):
            yield make_issue("document.key_unknown", f"{path}.{key}", key=key)
    elif isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for noted, note in with_notes:
            yield from _issues(noted, _extend(path, note))
        for plain in without:
            yield from _issues(plain, path)
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _issues(member, path)
    elif isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else "?"
        yield make_issue("document.key_missing", path, key=key.rsplit(".", 1)[-1])
    elif isinstance(exc, _ShapeError):
        yield make_issue(exc.code, path + exc.subpath, **exc.params)
    else:  # pragma: no cover - every hook raises one of the errors above; only
        # Python objects that raise in their own methods (a dict subclass whose
        # get() raises, a key whose __repr__ raises) come here. JSON cannot.
        msg = f"unexpected error while reading the document at {path}"
        raise TypeError(msg) from exc


def _extend(path: str, note: object) -> str:
    name = getattr(note, "name", None)
    if name is not None:
        return f"{path}.{name}"
    return f"{path}[{getattr(note, 'index', '?')}]"
