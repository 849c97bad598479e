"""Bank accounts (*bankrekening*), BICs and SEPA mandate references.

An IBAN is typed into Bitcare by hand, so spaces and lower case occur; Exact
and the bank want the compact form (``NL91ABNA0417164300``). :func:`check_iban`
compacts it, checks country, length, format and the mod-97 checksum with
schwifty, and derives the bank's BIC where schwifty's registry knows it. A
derived BIC is a hint, not a fact: it is used only when none was given, and a
given BIC that disagrees with it is reported, never overwritten.

The mandate reference (*mandaatcode*, *kenmerk machtiging*) identifies a SEPA
direct-debit mandate: at most 35 characters from the SEPA set, no spaces, no
``/`` at either end and no ``//``. Problems are returned as a
:class:`Problem`, a reason in English and Dutch, for the report.

More information:

- schwifty: https://schwifty.readthedocs.io
- IBAN lengths per country and mod-97 (ISO 13616, ISO 7064): domain.md §3.2
- EPC, clarification paper on slashes in references:
  https://www.europeanpaymentscouncil.eu (document library)
- Bitcare, "Waar kan ik de mandaat code invoeren?": https://help.bitcare.com
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs


if TYPE_CHECKING:
    from schwifty import BIC, IBAN


__all__ = [
    "CheckedIban",
    "Problem",
    "check_iban",
    "compact_bic",
    "mandate_reference_problem",
    "same_bank",
]

# EPC: references take a-z A-Z 0-9 / - ? : ( ) . , ' + ; Bitcare adds: no
# spaces (domain.md §3.3, §3.4).
_SEPA_CHARACTER: Final = re.compile(r"[A-Za-z0-9/\-?:().,'+]")
_GOOD_REFERENCE: Final = re.compile(r"(?!/)(?!.*//)[A-Za-z0-9/\-?:().,'+]{1,35}(?<!/)")
# XSD17 typeDDMandate/@reference is typeString35 (l.8865, l.8890).
_REFERENCE_LIMIT: Final = 35
# A BIC names its bank in its first 8 characters (ISO 9362); 11 adds a branch.
_BANK_PART: Final = 8


@attrs.frozen(kw_only=True)
class Problem:
    """Why a value was refused, in English and Dutch (for a message).

    >>> Problem(en="it is empty", nl="het is leeg").nl
    'het is leeg'
    """

    en: str
    nl: str


class CheckedIban(NamedTuple):
    """The outcome of :func:`check_iban`: a compact IBAN or the reason it failed.

    Exactly one of ``compact`` and ``problem`` is set; ``bic`` is the BIC
    derived from a valid IBAN when schwifty's bank registry knows it.

    >>> check_iban("nl91 abna 0417 1643 00").compact
    'NL91ABNA0417164300'
    """

    compact: str | None
    bic: str | None
    problem: Problem | None


def check_iban(value: str) -> CheckedIban:
    """Compact and check an IBAN as typed, and derive its bank's BIC.

    White space anywhere is dropped and lower case accepted; anything else
    must already be right.

    >>> checked = check_iban("NL91ABNA0417164300")
    >>> checked.bic, check_iban("NL91ABNA0417164301").problem.en
    ('ABNANL2A', 'the check digits are wrong (a typing error?)')
    """
    if not value or value.isspace():
        return _refused("it is empty", "het is leeg")
    schwifty = _schwifty()
    try:
        # schwifty itself drops white space and upper-cases.
        iban = schwifty.iban(value)
    except schwifty.error as exc:
        return _refused(*_reason(exc, schwifty))

    return CheckedIban(compact=iban.compact, bic=_derived_bic(iban), problem=None)


# The derived BIC depends on the bank (and branch) part of the IBAN only, and
# families bank with few banks: remember it per bank instead of searching
# schwifty's registry for every family. Emptied when full, so it stays small.
_DERIVED_BICS: Final[dict[tuple[str, str, str], str | None]] = {}
_DERIVED_BICS_SIZE: Final = 4096


def _derived_bic(iban: IBAN) -> str | None:
    bank = (iban.country_code, iban.bank_code, iban.branch_code)
    if bank not in _DERIVED_BICS:
        if len(_DERIVED_BICS) >= _DERIVED_BICS_SIZE:
            _DERIVED_BICS.clear()
        derived = iban.bic
        _DERIVED_BICS[bank] = None if derived is None else str(derived.compact)
    return _DERIVED_BICS[bank]


def _refused(en: str, nl: str) -> CheckedIban:
    return CheckedIban(compact=None, bic=None, problem=Problem(en=en, nl=nl))


def _reason(exc: Exception, schwifty: _Schwifty) -> tuple[str, str]:
    for kind, en, nl in schwifty.reasons:
        if isinstance(exc, kind):
            return en, nl
    return (
        "its format is wrong (only letters and digits, as the country prescribes)",
        "de opbouw klopt niet (alleen letters en cijfers, zoals het land voorschrijft)",
    )


class _Schwifty(NamedTuple):
    iban: type[IBAN]
    bic: type[BIC]
    error: type[Exception]
    reasons: tuple[tuple[type[Exception], str, str], ...]


@functools.cache
def _schwifty() -> _Schwifty:
    # schwifty and the country data it imports take tens of milliseconds to
    # load; loading them on first use keeps `import bitcare_exact` quick.
    import schwifty  # noqa: PLC0415 - see above
    from schwifty import exceptions  # noqa: PLC0415 - see above

    return _Schwifty(
        iban=schwifty.IBAN,
        bic=schwifty.BIC,
        error=exceptions.SchwiftyException,
        reasons=(
            (
                exceptions.InvalidChecksumDigits,
                "the check digits are wrong (a typing error?)",
                "de controlecijfers kloppen niet (een tikfout?)",
            ),
            (
                exceptions.InvalidLength,
                "the length is wrong for its country",
                "de lengte klopt niet voor het land",
            ),
            (
                exceptions.InvalidCountryCode,
                "it does not start with a known country code",
                "het begint niet met een bekende landcode",
            ),
        ),
    )


def compact_bic(value: str) -> str | None:
    """Return ``value`` as a compact upper-case BIC, or ``None`` if it is none.

    >>> compact_bic("abna nl 2a"), compact_bic("ABNANL2")
    ('ABNANL2A', None)
    """
    schwifty = _schwifty()
    try:
        return str(schwifty.bic("".join(value.split()).upper()).compact)
    except schwifty.error:
        return None


def same_bank(bic: str, other: str) -> bool:
    """Tell whether two compact BICs name the same bank (branch ignored).

    >>> same_bank("ABNANL2A", "ABNANL2AXXX"), same_bank("ABNANL2A", "RABONL2U")
    (True, False)
    """
    return bic[:_BANK_PART] == other[:_BANK_PART]


def mandate_reference_problem(reference: str) -> Problem | None:
    """Return why ``reference`` cannot be a SEPA mandate reference, or ``None``.

    >>> mandate_reference_problem("KDV-20417-1") is None
    True
    >>> mandate_reference_problem("MND 001").en
    'it contains a space'
    """
    if _GOOD_REFERENCE.fullmatch(reference) is not None:
        return None
    checks = (
        _empty_reference,
        _long_reference,
        _spaced_reference,
        _foreign_character,
    )
    for check in checks:
        problem = check(reference)
        if problem is not None:
            return problem

    return _slash_problem(reference)


def _empty_reference(reference: str) -> Problem | None:
    if reference:
        return None
    return Problem(en="it is empty", nl="hij is leeg")


def _long_reference(reference: str) -> Problem | None:
    if len(reference) <= _REFERENCE_LIMIT:
        return None
    return Problem(
        en=f"it is {len(reference)} characters long; at most 35 are allowed",
        nl=f"hij is {len(reference)} tekens lang; er mogen er hoogstens 35 zijn",
    )


def _spaced_reference(reference: str) -> Problem | None:
    if not any(character.isspace() for character in reference):
        return None
    return Problem(en="it contains a space", nl="hij bevat een spatie")


def _foreign_character(reference: str) -> Problem | None:
    for character in reference:
        if _SEPA_CHARACTER.fullmatch(character) is None:
            return Problem(
                en=f"the character {character!r} is not allowed in SEPA references",
                nl=f"het teken {character!r} is niet toegestaan in SEPA-kenmerken",
            )
    return None


def _slash_problem(reference: str) -> Problem:
    # Only the slash rules are left to break (the quick test above failed):
    # EPC clarification paper on slashes, no '/' first or last, no '//'.
    if reference.startswith("/") or reference.endswith("/"):
        return Problem(
            en="it starts or ends with '/'",
            nl="hij begint of eindigt met '/'",
        )
    return Problem(en="it contains '//'", nl="hij bevat '//'")
