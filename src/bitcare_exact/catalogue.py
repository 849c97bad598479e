"""The catalogue of issue codes: one rule per code, with its messages.

Each :class:`Rule` gives a stable dotted code, its default severity, a one-line
meaning, the message templates in English and Dutch (``{found}`` and other
placeholders are filled when an issue is made) and where to fix the data in
Bitcare. The documentation's error-code page is generated from :data:`RULES`,
so code, docs and messages cannot drift apart.

Codes are never reused for another meaning. The last segment names the kind
of problem (``missing``, ``invalid``, ``duplicate``, ``too_long`` …).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from bitcare_exact._rules_accounts import ACCOUNT_RULES
from bitcare_exact._rules_document import DOCUMENT_RULES
from bitcare_exact._rules_sales import SALES_RULES
from bitcare_exact._rules_text import TEXT_RULES
from bitcare_exact.issues import Severity


__all__ = ["RULES", "Rule"]


@attrs.frozen(kw_only=True)
class Rule:
    """The description of one issue code.

    >>> RULES["family.no_parent"].severity.value
    'error'
    """

    code: str
    severity: Severity
    meaning: str
    message_en: str
    message_nl: str
    fix_en: str
    fix_nl: str


def _index(rows: Iterable[tuple[str, str, str, str, str, str, str]]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for code, severity, meaning, message_en, message_nl, fix_en, fix_nl in rows:
        if code in rules:  # pragma: no cover - guards the tables at import
            msg = f"issue code {code!r} is defined twice"
            raise ValueError(msg)
        rules[code] = Rule(
            code=code,
            severity=Severity(severity),
            meaning=meaning,
            message_en=message_en,
            message_nl=message_nl,
            fix_en=fix_en,
            fix_nl=fix_nl,
        )
    return rules


RULES: Mapping[str, Rule] = MappingProxyType(
    _index((*DOCUMENT_RULES, *TEXT_RULES, *ACCOUNT_RULES, *SALES_RULES)),
)
"""Every issue code the library can report, in catalogue order."""
