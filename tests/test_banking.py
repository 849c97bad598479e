from __future__ import annotations

import pytest

from bitcare_exact import banking
from bitcare_exact.banking import (
    CheckedIban,
    Problem,
    check_iban,
    compact_bic,
    mandate_reference_problem,
    same_bank,
)


# The widely published example IBANs of domain.md §5 (check digits verified).
VALID_IBANS = [
    pytest.param(
        "NL91ABNA0417164300", "NL91ABNA0417164300", "ABNANL2A", id="NL ABN AMRO"
    ),
    pytest.param(
        "nl91 abna 0417 1643 00",
        "NL91ABNA0417164300",
        "ABNANL2A",
        id="NL typed in groups",
    ),
    pytest.param(
        " NL91\tABNA0417164300\n",
        "NL91ABNA0417164300",
        "ABNANL2A",
        id="any white space",
    ),
    pytest.param(
        "DE89370400440532013000",
        "DE89370400440532013000",
        "COBADEFFXXX",
        id="DE Commerzbank",
    ),
    # exact-accounts.md §12: a made-up bank code, valid check digits, no BIC.
    pytest.param(
        "NL45XMPL4725190306", "NL45XMPL4725190306", None, id="NL unknown bank"
    ),
]


@pytest.mark.parametrize(("value", "compact", "bic"), VALID_IBANS)
def test_check_iban_accepts(value: str, compact: str, bic: str | None) -> None:
    assert check_iban(value) == CheckedIban(compact=compact, bic=bic, problem=None)


INVALID_IBANS = [
    pytest.param("NL91ABNA0417164301", "check digits", id="checksum"),
    pytest.param("NL91ABNA041716430", "length", id="NL one digit short"),
    pytest.param("BE6853900754703", "length", id="BE one digit short"),
    pytest.param("XX91ABNA0417164300", "country code", id="unknown country"),
    pytest.param("NL91ABNA04171643OO", "format", id="letters O for zeros"),
    pytest.param("NL91-ABNA-0417-1643-00", "format", id="hyphens"),
    pytest.param("", "empty", id="empty"),
    pytest.param("   ", "empty", id="only white space"),
]


@pytest.mark.parametrize(("value", "reason"), INVALID_IBANS)
def test_check_iban_refuses(value: str, reason: str) -> None:
    checked = check_iban(value)
    assert checked.compact is None
    assert checked.bic is None
    assert checked.problem is not None
    assert reason in checked.problem.en


def test_check_iban_reasons_are_translated() -> None:
    problem = check_iban("NL91ABNA0417164301").problem
    assert problem == Problem(
        en="the check digits are wrong (a typing error?)",
        nl="de controlecijfers kloppen niet (een tikfout?)",
    )


def test_derived_bic_cache_is_emptied_when_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(banking, "_DERIVED_BICS_SIZE", 1)
    banking._DERIVED_BICS.clear()
    assert check_iban("NL91ABNA0417164300").bic == "ABNANL2A"
    assert check_iban("DE89370400440532013000").bic == "COBADEFFXXX"
    assert list(banking._DERIVED_BICS.values()) == ["COBADEFFXXX"]
    assert check_iban("NL02ABNA0123456789").bic == "ABNANL2A"


BICS = [
    pytest.param("ABNANL2A", "ABNANL2A", id="8 characters"),
    pytest.param("abnanl2a", "ABNANL2A", id="lower case"),
    pytest.param(" ABNA NL 2A ", "ABNANL2A", id="white space"),
    pytest.param("COBADEFFXXX", "COBADEFFXXX", id="11 characters"),
    pytest.param("ABNANL2", None, id="7 characters"),
    pytest.param("ABNANL2AXX", None, id="10 characters"),
    pytest.param("ABNAXX2A", None, id="unknown country"),
    pytest.param("ABN_NL2A", None, id="underscore"),
    pytest.param("12345678", None, id="digits for the bank"),
]


@pytest.mark.parametrize(("value", "expected"), BICS)
def test_compact_bic(value: str, expected: str | None) -> None:
    assert compact_bic(value) == expected


@pytest.mark.parametrize(
    ("bic", "other", "expected"),
    [
        pytest.param("ABNANL2A", "ABNANL2A", True, id="equal"),
        pytest.param("ABNANL2A", "ABNANL2AXXX", True, id="branch code ignored"),
        pytest.param("COBADEFFXXX", "COBADEFF123", True, id="another branch"),
        pytest.param("ABNANL2A", "RABONL2U", False, id="another bank"),
        pytest.param("ABNANL2A", "ABNABE2A", False, id="same letters, another country"),
    ],
)
def test_same_bank(bic: str, other: str, expected: bool) -> None:
    assert same_bank(bic, other) is expected


GOOD_REFERENCES = [
    pytest.param("KDV-20417-1", id="letters, digits, hyphens"),
    pytest.param("MND010061", id="sample style"),
    pytest.param("a/b-c?d:e(f)g.h,i'j+k", id="every SEPA punctuation mark"),
    pytest.param("A" * 35, id="35 characters"),
    pytest.param("1", id="one character"),
    pytest.param("AB/CD", id="a slash inside"),
]


@pytest.mark.parametrize("reference", GOOD_REFERENCES)
def test_mandate_reference_accepted(reference: str) -> None:
    assert mandate_reference_problem(reference) is None


BAD_REFERENCES = [
    pytest.param("", "it is empty", id="empty"),
    pytest.param(
        "A" * 36, "it is 36 characters long; at most 35 are allowed", id="36 characters"
    ),
    pytest.param("MND 001", "it contains a space", id="space inside"),
    pytest.param(" MND001", "it contains a space", id="leading space"),
    pytest.param("MND001 ", "it contains a space", id="trailing space"),
    pytest.param("MND\t001", "it contains a space", id="tab"),
    pytest.param(
        "MND_001",
        "the character '_' is not allowed in SEPA references",
        id="underscore",
    ),
    pytest.param(
        "MND&001", "the character '&' is not allowed in SEPA references", id="ampersand"
    ),
    pytest.param(
        "MNDé001", "the character 'é' is not allowed in SEPA references", id="accent"
    ),
    pytest.param("/ABC1", "it starts or ends with '/'", id="leading slash"),
    pytest.param("ABC1/", "it starts or ends with '/'", id="trailing slash"),
    pytest.param("AB//C1", "it contains '//'", id="double slash"),
    pytest.param(
        "MND 001_2024", "it contains a space", id="domain.md case 19: space first"
    ),
]


@pytest.mark.parametrize(("reference", "reason"), BAD_REFERENCES)
def test_mandate_reference_refused(reference: str, reason: str) -> None:
    problem = mandate_reference_problem(reference)
    assert problem is not None
    assert problem.en == reason


def test_mandate_reference_reason_in_dutch() -> None:
    problem = mandate_reference_problem("AB//C1")
    assert problem == Problem(en="it contains '//'", nl="hij bevat '//'")
