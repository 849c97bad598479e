"""Checks that every exported text field shares: XML characters and length."""

from __future__ import annotations

from bitcare_exact.issues import Issue, make_issue
from bitcare_exact.serialize._xml import illegal_character


def check_text(
    value: str,
    path: str,
    *,
    field: str,
    field_nl: str,
    limit: int | None,
    family_id: str | None = None,
    parent_id: str | None = None,
    invoice_number: str | None = None,
) -> Issue | None:
    """Return the issue with ``value`` as the text of one field, if any.

    ``field`` and ``field_nl`` name the field for a person ("Name", "Naam");
    ``limit`` is the most characters Exact keeps (``None``: no known limit).

    >>> check_text("Jansen", "$.x", field="Name", field_nl="Naam", limit=50) is None
    True
    >>> check_text("a" * 51, "$.x", field="Name", field_nl="Naam", limit=50).code
    'text.too_long'
    """
    ids = {
        "family_id": family_id,
        "parent_id": parent_id,
        "invoice_number": invoice_number,
    }
    character = illegal_character(value)
    if character is not None:
        return make_issue(
            "text.illegal_character",
            path,
            **ids,
            field=field,
            field_nl=field_nl,
            character=f"U+{ord(character):04X}",
            found=value,
        )
    if limit is not None and len(value) > limit:
        return make_issue(
            "text.too_long",
            path,
            **ids,
            field=field,
            field_nl=field_nl,
            length=len(value),
            limit=limit,
            found=value,
        )
    return None
