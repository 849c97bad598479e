"""Catalogue rows shared by every text field: characters and lengths."""

from __future__ import annotations

from typing import Final


TEXT_RULES: Final = (
    (
        "text.illegal_character",
        "error",
        "A character that XML 1.0 forbids, such as U+000B pasted from a word processor: one such character makes Exact refuse the whole file.",
        "{field} contains the character {character}, which an XML file cannot hold (found {found!r})",
        "{field_nl} bevat het teken {character}, dat niet in een XML-bestand kan staan (gevonden: {found!r})",
        "Retype the text in Bitcare instead of pasting it, or delete the invisible character",
        "Typ de tekst in Bitcare opnieuw in plaats van hem te plakken, of verwijder het onzichtbare teken",
    ),
    (
        "text.too_long",
        "error",
        "Longer than Exact keeps for that field (name 50, address line 80, city 30, description 255, …).",
        "{field} is {length} characters long; Exact keeps at most {limit} (found {found!r})",
        "{field_nl} is {length} tekens lang; Exact bewaart er hoogstens {limit} (gevonden: {found!r})",
        "Shorten the text in Bitcare",
        "Kort de tekst in Bitcare in",
    ),
)
