"""Properties of the staffing rule for any member count (hypothesis)."""

from decimal import Decimal
from fractions import Fraction
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia import program
from consortia.staffing import compliance
from consortia.staffing.models import SupportStaff
from consortia.staffing.services import clean_fte
from tests import factories

member_counts = st.integers(min_value=0, max_value=10_000)
# An FTE one person gives one consortium: 0.01 to 1.00.
one_person_fte = st.integers(min_value=1, max_value=100).map(lambda n: Decimal(n) / 100)
# The world fixture is built once per test; each example cleans up the staff it adds.
db_settings = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@given(member_counts)
def test_required_fte_is_never_below_half_an_fte(members):
    assert program.required_fte(members) >= program.SMALL_CONSORTIUM_MIN_FTE


@given(member_counts)
def test_required_fte_never_falls_as_members_join(members):
    assert program.required_fte(members) <= program.required_fte(members + 1)


@given(st.integers(min_value=program.SMALL_CONSORTIUM_MEMBER_LIMIT, max_value=10_000))
def test_from_20_members_required_fte_is_members_over_30_to_the_hundredth(members):
    required = program.required_fte(members)

    assert required == required.quantize(Decimal("0.01"))
    exact = Fraction(members, program.ORGANIZATIONS_PER_REQUIRED_FTE)
    assert abs(Fraction(required) - exact) <= Fraction(1, 200)


@given(member_counts)
def test_the_recommended_range_is_ordered_and_never_below_the_rule(members):
    low, high = program.recommended_fte_range(members)

    assert program.required_fte(members) <= low <= high


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1"), places=2))
def test_clean_fte_accepts_any_hundredth_above_zero_up_to_one(value):
    assert clean_fte(str(value)) == value


@given(
    st.one_of(
        st.decimals(max_value=Decimal("0"), places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=Decimal("1.01"), places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.999"), places=3).filter(
            lambda d: d != d.quantize(Decimal("0.01"))
        ),
        st.sampled_from(["", "abc", "NaN", "Infinity", "-0.5", "1.5", "0.125"]),
    )
)
def test_clean_fte_refuses_zero_negatives_more_than_one_and_thousandths(value):
    with pytest.raises(ValidationError):
        clean_fte(value)


def _assess_with(consortium, members: int, ftes: list[Decimal]):
    # Staff who start today are not yet late with their training, so only the FTE rule speaks.
    for fte in ftes:
        factories.support_staff(consortium, fte, starts_on=timezone.localdate())
    try:
        with mock.patch.object(compliance, "member_counts", lambda ids, on: dict.fromkeys(ids, members)):
            return compliance.assess_one(consortium)
    finally:
        SupportStaff.objects.filter(consortium=consortium).delete()


def _has_fte_reason(result) -> bool:
    return any(" FTE for " in reason for reason in result.reasons)


@db_settings
@given(members=member_counts, ftes=st.lists(one_person_fte, min_size=1, max_size=4))
def test_a_staff_total_at_or_above_the_requirement_is_never_a_reason_and_below_it_always_is(
    world, members, ftes
):
    result = _assess_with(world.alpha, members, ftes)

    assert result.total_fte == sum(ftes)
    assert result.required_fte == program.required_fte(members)
    assert _has_fte_reason(result) == (sum(ftes) < program.required_fte(members))


@db_settings
@given(members=st.integers(min_value=0, max_value=40), ftes=st.lists(one_person_fte, min_size=2, max_size=4))
def test_splitting_an_fte_total_over_several_staff_gives_the_verdict_of_one_person_with_the_sum(
    world, members, ftes
):
    total = sum(ftes)
    split = _assess_with(world.alpha, members, ftes)

    if total <= 1:
        single = _assess_with(world.alpha, members, [total])
        assert split.reasons == single.reasons
        assert split.eligibility == single.eligibility
    assert split.total_fte == total
    assert _has_fte_reason(split) == (total < program.required_fte(members))
