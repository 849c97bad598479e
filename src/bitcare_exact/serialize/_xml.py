"""The small XML writer behind every eExact file.

Values are escaped here and nowhere else, so every document is well-formed by
construction: ``&``, ``<`` and ``>`` in text; also ``"`` and the white-space
characters in attributes, which an XML parser would otherwise normalise away
(XML 1.0 §3.3.3); and a carriage return everywhere, which a parser would
otherwise turn into a line feed (§2.11). Characters that XML 1.0 forbids
cannot be escaped at all: validation reports them as ``text.illegal_character``
before anything is written (:func:`illegal_character`).

Tags and attribute names are constants of the writers, never input.

More information:

- Extensible Markup Language (XML) 1.0, Fifth Edition, §2.2 (characters),
  §2.11 (end-of-line handling), §3.3.3 (attribute-value normalisation):
  https://www.w3.org/TR/xml/
"""

from __future__ import annotations

import re
from typing import Final


__all__ = ["DOCUMENT_END", "DOCUMENT_START", "attribute", "illegal_character", "text"]

DOCUMENT_START: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<eExact xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:noNamespaceSchemaLocation="eExact-XML.xsd">\n'
)
DOCUMENT_END: Final = "</eExact>\n"

# XML 1.0 §2.2 Char, complemented: what may not appear in a document at all,
# including lone surrogates (they cannot be encoded as UTF-8). Written as the
# few excluded ranges rather than a negated class of the allowed ones, which
# compiles ten times slower and is paid on every import.
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def illegal_character(value: str) -> str | None:
    r"""Return the first character XML 1.0 forbids in ``value``, or ``None``.

    >>> illegal_character("Jansen\x0b")
    '\x0b'
    >>> illegal_character("Zoë") is None
    True
    """
    match = _ILLEGAL.search(value)
    return None if match is None else match.group()


def text(value: str) -> str:
    """Escape ``value`` for element content.

    >>> text("Bakker & Zn <geen>")
    'Bakker &amp; Zn &lt;geen&gt;'
    """
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attribute(value: str) -> str:
    """Escape ``value`` for a double-quoted attribute.

    >>> attribute('12 "A"')
    '12 &quot;A&quot;'
    """
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    return value
