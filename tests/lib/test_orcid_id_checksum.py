import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.lib.orcid_id import (
    InvalidOrcidId,
    is_valid_orcid_id,
    normalize_orcid_id,
    orcid_check_character,
)

digits15 = st.text(alphabet="0123456789", min_size=15, max_size=15)


def _format(digits: str) -> str:
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def test_orcids_documented_examples_are_valid():
    assert normalize_orcid_id("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert normalize_orcid_id("0000-0001-5109-3700") == "0000-0001-5109-3700"


def test_url_forms_and_lower_case_x_are_normalized():
    assert normalize_orcid_id("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert normalize_orcid_id("http://sandbox.orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert normalize_orcid_id("0000000218250097") == "0000-0002-1825-0097"


def test_bad_checksum_is_rejected_with_the_expected_character():
    with pytest.raises(InvalidOrcidId, match="check character should be 7"):
        normalize_orcid_id("0000-0002-1825-0098")


@pytest.mark.parametrize("bad", ["", "0000-0002-1825", "abcd-0002-1825-0097", "0000-0002-1825-00977"])
def test_malformed_ids_are_rejected(bad):
    with pytest.raises(InvalidOrcidId, match="is not an ORCID iD"):
        normalize_orcid_id(bad)


@given(digits15)
def test_any_fifteen_digits_with_their_check_character_are_valid(digits):
    assert is_valid_orcid_id(_format(digits + orcid_check_character(digits)))


@given(digits15, st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_always_caught(digits, check):
    if check != orcid_check_character(digits):
        assert not is_valid_orcid_id(_format(digits + check))


@given(digits15, st.integers(min_value=0, max_value=14), st.sampled_from("0123456789"))
def test_a_single_mistyped_digit_is_always_caught(digits, position, digit):
    changed = digits[:position] + digit + digits[position + 1 :]
    if changed != digits:
        assert not is_valid_orcid_id(_format(changed + orcid_check_character(digits)))
