"""The contract parent's home address (*adres*): texts, country and postcode.

Exact keeps one visiting address per customer. These rules strip and check
its texts, turn the country into its ISO 3166-1 alpha-2 code, normalise the
postcode in the form of that country, and report in one issue
every part that the post needs and is missing. A family without an address is
still exported, with a warning.

A postcode is judged only when its country is known, and required only where
the country uses postcodes.

More information:

- Exact's address fields and lengths: exact-accounts.md §6.2 and §9;
  XSD17 = the 2017 eExact-XML.xsd
- postcode forms per country: domain.md §3.1 and :mod:`bitcare_exact.postal`
- Bitcare's minimum (street, number, postcode, city): domain.md §1.1
"""

from __future__ import annotations

from typing import Final

from bitcare_exact._collector import Collector
from bitcare_exact._prepared import PreparedAddress
from bitcare_exact._rules_accounts import OTHER_POSTCODE_FORM, POSTCODE_FORMS
from bitcare_exact.model import Address
from bitcare_exact.postal import country_code, normalise_postcode, uses_postcodes


__all__ = ["check_address"]

# Exact's data model (exact-accounts.md §9, Invantive): address line 80,
# city 30.
_STREET_LIMIT: Final = 80
_CITY_LIMIT: Final = 30
_STREET: Final = ("Street", "Straat")
_NUMBER: Final = ("House number", "Huisnummer")
_SUFFIX: Final = ("House number suffix", "Toevoeging")
_CITY: Final = ("City", "Plaats")
# The parts an address needs, in the order the message names them.
_PARTS: Final = (
    ("street", "straat"),
    ("house number", "huisnummer"),
    ("postcode", "postcode"),
    ("city", "plaats"),
)


def check_address(
    collector: Collector,
    address: Address | None,
) -> PreparedAddress | None:
    """Check the home address; return it prepared, or ``None`` when there is none.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> check_address(collector, Address(street="Lindelaan", house_number="7",
    ...     postcode="3512xy", city="Utrecht", country="NL")).postcode
    '3512 XY'
    """
    if address is None:
        collector.add("address.missing", ".address")
        return None
    street, number, suffix, city = _texts(collector, address)
    country = _country(collector, address.country)
    postcode, postcode_missing = _postcode(collector, address.postcode, country)
    # XSD17 Address needs AddressStreet (or AddressLine1, l.3560); street,
    # number, postcode and city are the minimum Bitcare asks for (domain.md
    # §1.1) and the post needs.
    if street is None or number is None or postcode_missing or city is None:
        missing = (street is None, number is None, postcode_missing, city is None)
        _report_missing(collector, missing)

    return PreparedAddress(
        street=street or "",
        house_number=number or "",
        house_number_suffix=suffix,
        postcode=postcode,
        city=city or "",
        country=country or "",
    )


def _texts(
    collector: Collector,
    address: Address,
) -> tuple[str | None, str | None, str | None, str | None]:
    """Strip and check the street, house number, its suffix and the city."""
    return (
        collector.text(address.street, ".address.street", _STREET, _STREET_LIMIT),
        collector.text(address.house_number, ".address.house_number", _NUMBER),
        collector.text(
            address.house_number_suffix, ".address.house_number_suffix", _SUFFIX
        ),
        collector.text(address.city, ".address.city", _CITY, _CITY_LIMIT),
    )


def _country(collector: Collector, value: str) -> str | None:
    # XSD17 Country/@code is required (l.3377); every peer sends ISO 3166-1
    # alpha-2 (exact-accounts.md §6.2); domain.md failure cases 7 and 24.
    code = country_code(value)
    if code is None:
        collector.add("address.country_invalid", ".address.country", found=value)

    return code


def _postcode(
    collector: Collector,
    value: str,
    country: str | None,
) -> tuple[str | None, bool]:
    """Return the normalised postcode and whether a required one is missing."""
    if not value.strip():
        return None, country is None or uses_postcodes(country)
    if country is None:
        # The country is wrong already; its postcode cannot be judged.
        return None, False
    postcode = normalise_postcode(value, country)
    if postcode is None:
        # domain.md §3.1 and failure cases 6 to 8.
        form, form_nl = POSTCODE_FORMS.get(country, OTHER_POSTCODE_FORM)
        collector.add(
            "postcode.invalid",
            ".address.postcode",
            found=value,
            country=country,
            form=form,
            form_nl=form_nl,
        )
        return None, False

    return collector.text(
        postcode, ".address.postcode", ("Postcode", "Postcode")
    ), False


def _report_missing(collector: Collector, missing: tuple[bool, ...]) -> None:
    """Name every part of ``_PARTS`` that ``missing`` flags, in one issue."""
    parts = [part for part, absent in zip(_PARTS, missing, strict=True) if absent]
    collector.add(
        "address.incomplete",
        ".address",
        missing=", ".join(part[0] for part in parts),
        missing_nl=", ".join(part[1] for part in parts),
    )
