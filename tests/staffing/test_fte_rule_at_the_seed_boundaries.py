"""The seed's staffing rule at its boundaries: "At least 0.5 FTE for consortia smaller than 20"
and "At least 1 FTE per 30 organizations", pro rata to the hundredth."""

from decimal import Decimal

import pytest

from consortia import program


@pytest.mark.parametrize(
    ("members", "required"),
    [
        (0, "0.50"),
        (1, "0.50"),
        (19, "0.50"),
        (20, "0.67"),
        (29, "0.97"),
        (30, "1.00"),
        (31, "1.03"),
        (45, "1.50"),
        (60, "2.00"),
        (61, "2.03"),
    ],
)
def test_required_fte_at_the_boundaries(members, required):
    assert program.required_fte(members) == Decimal(required)


def test_required_fte_is_given_to_the_hundredth():
    assert str(program.required_fte(19)) == "0.50"
    assert str(program.required_fte(31)) == "1.03"


def test_half_an_fte_is_enough_for_19_members_and_not_for_20():
    assert Decimal("0.5") >= program.required_fte(19)
    assert Decimal("0.5") < program.required_fte(20)


def test_one_fte_is_enough_for_30_members_and_not_for_31():
    assert Decimal("1.0") >= program.required_fte(30)
    assert Decimal("1.0") < program.required_fte(31)


def test_a_negative_member_count_is_refused():
    with pytest.raises(ValueError):
        program.required_fte(-1)


@pytest.mark.parametrize(
    ("members", "low", "high"), [(0, "0.50", "0.50"), (60, "2.00", "2.00"), (120, "4.00", "4.00")]
)
def test_the_recommendation_never_falls_below_the_rule(members, low, high):
    assert program.recommended_fte_range(members) == (Decimal(low), Decimal(high))


def test_the_recommendation_of_one_fte_per_30_to_40_members_is_floored_by_the_rule():
    # 80/40 = 2.00 is below the rule's 80/30 = 2.67, so the rule is the recommendation's floor.
    assert program.recommended_fte_range(80) == (Decimal("2.67"), Decimal("2.67"))
    # A small consortium is advised more than the 0.5 floor: 19/30 = 0.63.
    assert program.recommended_fte_range(19) == (Decimal("0.50"), Decimal("0.63"))


def test_a_role_splits_about_75_25_between_outreach_and_technical_work():
    assert program.role_split(Decimal("1.00")) == (Decimal("0.75"), Decimal("0.25"))
    assert program.role_split(Decimal("0.50")) == (Decimal("0.38"), Decimal("0.13"))
