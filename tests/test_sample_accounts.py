"""The shared sample exports, read as a bookkeeper would check them.

The table of defective families was found by reading the sample with the
plain-JSON script below (:func:`independent_findings`), not with the library;
the library must report exactly those families, with exactly those codes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from bitcare_exact.accounts import AccountsExport, export_accounts, stream_accounts
from bitcare_exact.converters import structure_document
from bitcare_exact.model import Document


Validator = Callable[[bytes], etree._Element]
Json = dict[str, object]

EXPECTED: dict[str, tuple[str, ...]] = {
    # 'MND 010066': a space in the mandate reference.
    "F100006": ("mandate.reference_invalid",),
    # The contract parent has no address.
    "F100011": ("address.missing",),
    # No Klantnummer yet, so its mandate MND010095 stays out of the file.
    "F100035": ("customer_number.missing", "mandate.customer_number_missing"),
    # Name of 67 characters, and Klantnummer 10105 also on F100046.
    "F100045": ("text.too_long", "customer_number.duplicate"),
    # Klantnummer 10105 also on F100045.
    "F100046": ("customer_number.duplicate",),
    # Name of 67 characters.
    "F100048": ("text.too_long",),
    # Only the other parent has a bank account (domain.md case 18).
    "F100054": ("bank_account.missing",),
    # Klantnummer 10118 twice.
    "F100058": ("customer_number.duplicate",),
    "F100059": ("customer_number.duplicate",),
    # 'MND 010125': a space in the mandate reference.
    "F100065": ("mandate.reference_invalid",),
    # Name of 75 characters.
    "F100067": ("text.too_long",),
    # 'MND 010134': a space in the mandate reference.
    "F100074": ("mandate.reference_invalid",),
    # No bank account at all.
    "F100085": ("bank_account.missing",),
    "F100089": ("bank_account.missing",),
    "F100096": ("bank_account.missing",),
    # Klantnummer 10219 twice.
    "F100157": ("customer_number.duplicate",),
    "F100158": ("customer_number.duplicate",),
    # NL03RBRB2621245520: mod-97 check fails.
    "F100163": ("iban.invalid",),
    # Klantnummer 10248 twice.
    "F100186": ("customer_number.duplicate",),
    "F100187": ("customer_number.duplicate",),
    # Name of 67 characters.
    "F100200": ("text.too_long",),
    # No Klantnummer yet (and no mandate).
    "F100206": ("customer_number.missing",),
    # Name of 70 characters.
    "F100212": ("text.too_long",),
    # No bank account at all.
    "F100220": ("bank_account.missing",),
    # NL39ASNB8140203116: mod-97 check fails.
    "F100232": ("iban.invalid",),
    # Klantnummer 10307 twice.
    "F100245": ("customer_number.duplicate",),
    "F100246": ("customer_number.duplicate",),
}
WARNINGS_ONLY = {
    "F100011",
    "F100035",
    "F100054",
    "F100085",
    "F100089",
    "F100096",
    "F100206",
    "F100220",
}


def _contract_parent(family: Json) -> Json:
    parents: list[Json] = family["parents"]  # type: ignore[assignment]
    chosen = family["contract_parent_id"]
    return next(p for p in parents if chosen in (None, p["id"]))


def _mod97(iban: str) -> int:
    compact = re.sub(r"\s", "", iban).upper()
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97


def _display_name(parent: Json) -> str:
    parts = (
        parent["first_name"] or parent["initials"],
        parent["name_prefix"],
        parent["last_name"],
    )
    return " ".join(str(part) for part in parts if part)


def independent_findings(raw: Json) -> dict[str, tuple[str, ...]]:
    """Find the defects of the sample with plain Python, in rule order."""
    families: list[Json] = raw["families"]  # type: ignore[assignment]
    numbers = Counter(_contract_parent(f)["customer_number"] for f in families)
    found: dict[str, tuple[str, ...]] = {}
    for family in families:
        parent = _contract_parent(family)
        accounts: list[Json] = parent["bank_accounts"]  # type: ignore[assignment]
        mandates = [a["mandate"] for a in accounts if a["mandate"]]
        codes = [
            "text.too_long" if len(_display_name(parent)) > 50 else "",
            "customer_number.missing" if parent["customer_number"] is None else "",
            "customer_number.duplicate"
            if parent["customer_number"] and numbers[parent["customer_number"]] > 1
            else "",
            "address.missing" if parent["address"] is None else "",
            "bank_account.missing" if not accounts else "",
            *("iban.invalid" for a in accounts if _mod97(str(a["iban"])) != 1),
            *(
                "mandate.customer_number_missing"
                for _ in mandates
                if parent["customer_number"] is None
            ),
            *("mandate.reference_invalid" for m in mandates if " " in m["reference"]),  # type: ignore[index]
        ]
        if any(codes):
            found[str(family["id"])] = tuple(code for code in codes if code)
    return found


@pytest.fixture(scope="module")
def raw_sample(sample_path: Path) -> Json:
    return json.loads(sample_path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sample(raw_sample: Json) -> Document:
    return structure_document(raw_sample)


@pytest.fixture(scope="module")
def sample_export(sample: Document) -> AccountsExport:
    return export_accounts(sample.families, sample.settings)


def _sorted(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(codes))


def test_table_matches_the_independent_reading(raw_sample: Json) -> None:
    found = independent_findings(raw_sample)
    assert {key: _sorted(value) for key, value in found.items()} == {
        key: _sorted(value) for key, value in EXPECTED.items()
    }


def test_each_defective_family_is_reported_with_its_codes(
    sample_export: AccountsExport,
) -> None:
    reported: dict[str, list[str]] = {}
    for issue in sample_export.report:
        assert issue.family_id is not None
        reported.setdefault(issue.family_id, []).append(issue.code)
    assert {key: _sorted(tuple(value)) for key, value in reported.items()} == {
        key: _sorted(value) for key, value in EXPECTED.items()
    }


def test_families_with_errors_are_left_out(
    sample: Document, sample_export: AccountsExport
) -> None:
    left_out = tuple(
        family.id
        for family in sample.families
        if family.id in EXPECTED and family.id not in WARNINGS_ONLY
    )
    assert sample_export.left_out == left_out
    assert len(sample_export.exported) == len(sample.families) - len(left_out) == 231


def test_whole_sample_is_valid_and_streams_the_same(
    sample: Document,
    sample_export: AccountsExport,
    assert_valid: Validator,
) -> None:
    root = assert_valid(sample_export.xml)
    assert len(root.findall("Accounts/Account")) == 231
    assert (
        b"".join(stream_accounts(sample.families, sample.settings)) == sample_export.xml
    )


def _account(root: etree._Element, name: str) -> etree._Element:
    matches = [a for a in root.iter("Account") if a.findtext("Name") == name]
    assert len(matches) == 1
    return matches[0]


def test_messy_input_is_normalised(
    sample_export: AccountsExport, assert_valid: Validator
) -> None:
    root = assert_valid(sample_export.xml)
    postcodes = {element.text for element in root.iter("PostalCode")}
    # F100061 typed '5225ml', F100217 '1028wk'.
    assert {"5225 ML", "1028 WK"} <= postcodes
    assert not any(code and code != code.upper() for code in postcodes)
    ibans = {element.text for element in root.iter("IBAN")}
    # F100080 'be06 8883 4960 2322', F100224 'de67 3704 0044 9553 7074 31'.
    assert {"BE06888349602322", "DE67370400449553707431"} <= ibans


def test_switched_and_lonely_contract_parents(sample_export: AccountsExport) -> None:
    # F100076: responsibility moved to P200153 (10137, NL77KNAB5360661324).
    assert b'<Account code="10137" status="C">' in sample_export.xml
    assert b'<Account code="10136"' not in sample_export.xml
    assert b"NL66ASNB2717224599" not in sample_export.xml
    assert b"NL77KNAB5360661324" in sample_export.xml
    # F100054: only the other parent has an IBAN; it must not be exported.
    assert b"NL51BUNQ4069563143" not in sample_export.xml


def test_payment_conditions_from_the_settings(sample_export: AccountsExport) -> None:
    root = etree.fromstring(sample_export.xml)
    for account in root.iter("Account"):
        if account.find("Name") is None:
            continue  # a mandate's reference to its customer
        condition = account.find("SalesPaymentCondition")
        assert condition is not None
        expected = "IN" if account.find("DDMandates") is not None else "14"
        if account.get("code") is None:
            continue  # F100035: its mandate waits for the Klantnummer
        assert condition.get("code") == expected


def test_small_clean_sample_exports_every_family(
    small_clean_path: Path,
    assert_valid: Validator,
) -> None:
    document = structure_document(
        json.loads(small_clean_path.read_text(encoding="utf-8"))
    )
    export = export_accounts(
        document.families, document.settings, require_customer_numbers=True
    )
    assert len(export.exported) == len(document.families) == 20
    assert export.left_out == ()
    assert len(export.report) == 0
    root = assert_valid(export.xml)
    assert len(root.findall("Accounts/Account")) == 20
