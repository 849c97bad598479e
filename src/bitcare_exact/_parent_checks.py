"""The contract parent's own fields: id, name, Klantnummer, e-mail, language.

These rules check what Bitcare keeps on the parent's profile (*profiel*, tab
'Persoonlijk'): the name Exact shows for the customer, the *Klantnummer*
(customer number) that becomes the customer's code, the e-mail address and
the correspondence language. Each step strips and checks one field, reports
through the parent's :class:`~bitcare_exact._collector.Collector`, and
returns the value for the file (``None`` when it is absent or unusable).

A missing Klantnummer is a warning (Exact then numbers the customer), or the
error ``customer_number.required`` when the caller requires the numbers; a
Klantnummer (compared without leading zeros) or parent id that another family
uses too fails every family involved.

More information:

- Exact's limits and formats: exact-accounts.md §8 (customer code) and §9
  (field lengths); XSD17 = the 2017 eExact-XML.xsd
- Bitcare's Klantnummer workflow: domain.md §1.2
- the interchange fields: input-format.md, Parent
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

from bitcare_exact._account_index import AccountIndex, customer_number_key
from bitcare_exact._collector import Collector
from bitcare_exact.model import Parent


__all__ = [
    "Name",
    "check_customer_number",
    "check_email",
    "check_language",
    "check_name",
    "check_parent_id",
]

# Exact's data model (exact-accounts.md §9, Invantive): account name 50,
# contact e-mail 128.
_NAME_LIMIT: Final = 50
_EMAIL_LIMIT: Final = 128
# REST Accounts.Code: numeric, at most 18 (exact-accounts.md §8).
_CUSTOMER_NUMBER: Final = re.compile("[0-9]{1,18}")
# input-format.md, Parent.email: one address. A local part without leading,
# trailing or double dots, then a domain of at least two labels whose last
# one starts with a letter; no display name, separator or white space.
_EMAIL: Final = re.compile(
    r"(?!\.)(?!.*\.\.)[\w.!#$%&'*+/=?^`{|}~-]+(?<!\.)"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_](?:[\w-]*[^\W_])?",
)


def check_parent_id(collector: Collector, parent: Parent, index: AccountIndex) -> None:
    """Report a blank parent id, or one that other families use too.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> check_parent_id(collector, Parent(id="P1", last_name="Smit"), AccountIndex())
    >>> collector.issues
    []
    """
    # input-format.md, Parent: the id is given and unique in the document.
    if not parent.id.strip():
        collector.add("parent.id_missing", ".id", found=parent.id)
        return
    families = index.parent_ids.get(parent.id)
    if families is not None:
        collector.add(
            "parent.id_duplicate",
            ".id",
            found=parent.id,
            families=families,
        )


class Name(NamedTuple):
    """The parent's name parts for the file, and the name Exact shows.

    >>> Name(full="Jan Smit", last="Smit", first="Jan", initials=None,
    ...      prefix=None).full
    'Jan Smit'
    """

    full: str
    last: str
    first: str | None
    initials: str | None
    prefix: str | None


def check_name(collector: Collector, parent: Parent) -> Name:
    """Check the name parts and join them into the customer's name.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> check_name(collector, Parent(id="P1", first_name="Jan",
    ...                              name_prefix="van der", last_name="Berg")).full
    'Jan van der Berg'
    """
    last = collector.text(parent.last_name, ".last_name", ("Last name", "Achternaam"))
    if last is None:
        # XSD17 typeAccount: Name comes first and is required (l.2285); REST
        # CRMAccounts marks Name required too (exact-accounts.md §5.2).
        collector.add("parent.name_missing", ".last_name", found=parent.last_name)
    first = collector.text(parent.first_name, ".first_name", ("First name", "Voornaam"))
    initials = collector.text(parent.initials, ".initials", ("Initials", "Voorletters"))
    prefix = collector.text(
        parent.name_prefix,
        ".name_prefix",
        ("Name prefix", "Tussenvoegsel"),
    )
    # domain.md failure case 10: "Jan van der Berg", initials when no first
    # name, single spaces, no guessing of prefixes.
    full = " ".join(" ".join(filter(None, (first or initials, prefix, last))).split())
    if len(full) > _NAME_LIMIT:
        _report_long_name(collector, full)

    return Name(
        full=full, last=last or "", first=first, initials=initials, prefix=prefix
    )


def _report_long_name(collector: Collector, full: str) -> None:
    # Exact's account name holds 50 (exact-accounts.md §9, Invantive).
    collector.add(
        "text.too_long",
        "",
        field="Name (first name, prefix and last name)",
        field_nl="Naam (voornaam, tussenvoegsel en achternaam)",
        length=str(len(full)),
        limit=str(_NAME_LIMIT),
        found=full,
    )


def check_customer_number(
    collector: Collector,
    parent: Parent,
    index: AccountIndex,
    *,
    require: bool,
) -> str | None:
    """Check the Klantnummer; return it stripped, or ``None`` when blank.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> given = Parent(id="P1", last_name="Smit", customer_number=" 20417")
    >>> check_customer_number(collector, given, AccountIndex(), require=False)
    '20417'
    """
    number = (parent.customer_number or "").strip()
    if not number:
        _report_missing_number(collector, require=require)
        return None
    _check_number_format(collector, number)
    key = customer_number_key(number)
    families = index.customer_numbers.get(key)
    if families is not None:
        # domain.md failure case 16: fail every family, never pick one. The
        # listing shows the numbers as typed when they differ in leading zeros.
        collector.add(
            "customer_number.duplicate",
            ".customer_number",
            found=number,
            families=families,
        )

    return number


def _report_missing_number(collector: Collector, *, require: bool) -> None:
    # exact-accounts.md §8: without a code Exact assigns the next number;
    # once the administration holds every customer, that is a mistake.
    code = "customer_number.required" if require else "customer_number.missing"
    collector.add(code, ".customer_number")


def _check_number_format(collector: Collector, number: str) -> None:
    if _CUSTOMER_NUMBER.fullmatch(number) is None:
        # exact-accounts.md §8: REST Code is numeric, at most 18 characters.
        collector.add("customer_number.invalid", ".customer_number", found=number)
    elif number.startswith("0"):
        # exact-accounts.md §8: whether 000123 equals 123 in Exact is unknown.
        collector.add(
            "customer_number.leading_zero",
            ".customer_number",
            found=number,
            number=customer_number_key(number),
        )


def check_email(collector: Collector, value: str | None) -> str | None:
    """Check one e-mail address; return it stripped, or ``None`` when unusable.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> check_email(collector, " sanne@example.org ")
    'sanne@example.org'
    """
    email = (value or "").strip()
    if not email:
        return None
    if _EMAIL.fullmatch(email) is None:
        collector.add("email.invalid", ".email", found=email)
        return None

    return collector.text(
        email, ".email", ("E-mail address", "E-mailadres"), _EMAIL_LIMIT
    )


def check_language(collector: Collector, value: str | None) -> str | None:
    """Check an ISO 639-1 language code; return it upper case, or ``None``.

    >>> collector = Collector(0, 0, family_id="F1", parent_id="P1")
    >>> check_language(collector, "nl")
    'NL'
    """
    given = value or ""
    language = given.strip().lower()
    if not language:
        return None
    # input-format.md, Parent.language: ISO 639-1; written upper case as in
    # exact-accounts.md §12 (the code format Exact expects is unverified, §5.2).
    if language in _languages():
        return language.upper()
    collector.add("parent.language_invalid", ".language", found=given)

    return None


@functools.cache
def _languages() -> frozenset[str]:
    # ISO 639-1 codes are the two-letter ones; pycountry gives them as alpha_2.
    # Loaded on first use, as in bitcare_exact.postal.
    import pycountry  # noqa: PLC0415 - see above

    return frozenset(
        code
        for language in pycountry.languages
        if (code := getattr(language, "alpha_2", None)) is not None
    )
