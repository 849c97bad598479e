"""Catalogue rows for the shape of the interchange document.

Each row: code, severity, meaning, message (en), message (nl), fix (en),
fix (nl). A shape problem makes the whole document unusable: nothing is
exported until it is fixed.
"""

from __future__ import annotations

from typing import Final


_FIX_EN = "Fix the export file or the program that wrote it; Bitcare's own data is not at fault"
_FIX_NL = "Herstel het exportbestand of het programma dat het maakte; de gegevens in Bitcare zelf zijn niet de oorzaak"

DOCUMENT_RULES: Final = (
    (
        "document.unreadable",
        "error",
        "The input file cannot be read (missing, no permission, not UTF-8).",
        "The file cannot be read: {found}",
        "Het bestand kan niet worden gelezen: {found}",
        "Check the file name and that the file is the UTF-8 JSON export",
        "Controleer de bestandsnaam en of het bestand de UTF-8 JSON-export is",
    ),
    (
        "document.json_invalid",
        "error",
        "The input is not valid JSON.",
        "The file is not valid JSON: {found}",
        "Het bestand is geen geldige JSON: {found}",
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.key_unknown",
        "error",
        "A key that the interchange document does not define (often a typo).",
        "The key {key!r} is not part of the interchange document",
        "De sleutel {key!r} hoort niet bij het uitwisselingsdocument",
        "Remove the key or correct its spelling",
        "Verwijder de sleutel of corrigeer de spelling",
    ),
    (
        "document.key_duplicate",
        "error",
        "A key given twice in one object: JSON readers keep only the last, so data would be lost silently.",
        "The key {key!r} appears twice in one object",
        "De sleutel {key!r} staat twee keer in hetzelfde object",
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.key_missing",
        "error",
        "A required key is missing.",
        "The required key {key!r} is missing",
        "De verplichte sleutel {key!r} ontbreekt",
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.type_invalid",
        "error",
        "A value has the wrong JSON type (a number where text belongs, …).",
        "The value must be {expected} (found {found})",
        "De waarde moet {expected_nl} zijn (gevonden: {found})",
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.money_float",
        "error",
        "Money given as a JSON number: a float cannot hold cents exactly.",
        'An amount must be a decimal string such as "12.50", not a JSON number (found {found})',
        'Een bedrag moet tekst zijn zoals "12.50", geen JSON-getal (gevonden: {found})',
        "Write the amount as a quoted string with a decimal point",
        "Schrijf het bedrag als tekst tussen aanhalingstekens met een decimale punt",
    ),
    (
        "document.money_invalid",
        "error",
        "Money given as text that is not a plain decimal number: digits, an optional leading minus and an optional decimal point with digits after it.",
        'An amount must be a plain decimal number such as "12.50" or "-45.00" (found {found!r})',
        'Een bedrag moet een gewoon decimaal getal zijn zoals "12.50" of "-45.00" (gevonden: {found!r})',
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.date_invalid",
        "error",
        "A date that is not an existing calendar date written YYYY-MM-DD.",
        "A date must be an existing calendar date written YYYY-MM-DD (found {found!r})",
        "Een datum moet een bestaande datum zijn, geschreven als JJJJ-MM-DD (gevonden: {found!r})",
        _FIX_EN,
        _FIX_NL,
    ),
    (
        "document.value_unknown",
        "error",
        "A value outside a fixed list (gender, payment method, mandate scheme).",
        "The value must be one of {allowed} (found {found!r})",
        "De waarde moet een van {allowed} zijn (gevonden: {found!r})",
        _FIX_EN,
        _FIX_NL,
    ),
)
