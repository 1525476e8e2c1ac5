import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.lib.ror_id import (
    CROCKFORD_ALPHABET,
    InvalidRorId,
    is_valid_ror_id,
    normalize_ror_id,
    ror_check_digits,
)

bodies = st.text(alphabet=CROCKFORD_ALPHABET, min_size=6, max_size=6).map(lambda s: "0" + s)


def test_real_ror_ids_are_valid():
    assert normalize_ror_id("05gq02987") == "05gq02987"  # Brown University
    assert normalize_ror_id("https://ror.org/02mhbdp94") == "02mhbdp94"


def test_url_and_upper_case_are_normalized():
    assert normalize_ror_id("  HTTPS://ROR.ORG/05GQ02987 ") == "05gq02987"


@pytest.mark.parametrize("bad", ["", "15gq02987", "05gq0298", "05gq029877", "05gi02987", "05gq02988"])
def test_malformed_or_wrong_check_digits_are_rejected_with_a_reason(bad):
    with pytest.raises(InvalidRorId, match="is not a ROR ID"):
        normalize_ror_id(bad)


@given(bodies)
def test_any_body_with_its_check_digits_is_valid(body):
    assert is_valid_ror_id(body + ror_check_digits(body))


@given(bodies, st.integers(min_value=0, max_value=99))
def test_any_other_check_digits_are_rejected(body, digits):
    candidate = f"{digits:02d}"
    if candidate != ror_check_digits(body):
        assert not is_valid_ror_id(body + candidate)


@given(bodies, st.integers(min_value=1, max_value=6), st.sampled_from(CROCKFORD_ALPHABET))
def test_a_single_changed_character_is_caught(body, position, char):
    changed = body[:position] + char + body[position + 1 :]
    if changed != body:
        assert not is_valid_ror_id(changed + ror_check_digits(body))
