"""Compliance counts the consortium's current members and its staff's FTE, and names the gap:
"0.6 FTE for 31 members; needs 1.03"."""

from decimal import Decimal

import pytest

from consortia.directory.models import Membership
from consortia.staffing import compliance
from tests import factories


def _with_members(consortium, count):
    """Make ``consortium`` have ``count`` active members (the world gives alpha one already)."""
    have = consortium.memberships.filter(status=Membership.Status.ACTIVE).count()
    for _ in range(count - have):
        factories.membership(consortium, with_lead_contacts=False)
    return consortium


def _fte_reasons(result):
    return [reason for reason in result.reasons if " FTE for " in reason]


def test_the_reason_names_the_fte_the_member_count_and_what_is_needed(world):
    _with_members(world.alpha, 31)
    factories.support_staff(world.alpha, "0.6")

    result = compliance.assess_one(world.alpha)

    assert result.members == 31
    assert (result.total_fte, result.required_fte) == (Decimal("0.6"), Decimal("1.03"))
    assert _fte_reasons(result) == ["0.6 FTE for 31 members; needs 1.03"]
    assert result.eligibility == compliance.Eligibility.NONE


@pytest.mark.parametrize(
    ("members", "fte", "reason"),
    [
        (19, "0.5", None),
        (20, "0.5", "0.5 FTE for 20 members; needs 0.67"),
        (30, "1.0", None),
        (31, "1.0", "1 FTE for 31 members; needs 1.03"),
    ],
)
def test_half_and_one_fte_at_the_member_boundaries(world, members, fte, reason):
    _with_members(world.alpha, members)
    factories.support_staff(world.alpha, fte)

    result = compliance.assess_one(world.alpha)

    assert result.members == members
    assert _fte_reasons(result) == ([reason] if reason else [])


def test_fte_of_several_staff_adds_up(world):
    _with_members(world.alpha, 31)
    factories.support_staff(world.alpha, "0.6", weekdays=(0, 1, 2))
    factories.support_staff(world.alpha, "0.43", weekdays=(3, 4), role="technical_support")

    result = compliance.assess_one(world.alpha)

    assert result.total_fte == Decimal("1.03")
    assert _fte_reasons(result) == []


@pytest.mark.parametrize("status", ["enquiry", "applying", "lapsed", "left"])
def test_memberships_not_onboarding_or_active_do_not_count_today(world, status):
    factories.membership(world.alpha, status=status, with_lead_contacts=False)
    factories.membership(world.alpha, status="onboarding", with_lead_contacts=False)

    assert compliance.assess_one(world.alpha).members == 2  # the world's active member and the onboarding one


def test_without_a_community_manager_the_consortium_is_not_eligible(world):
    factories.support_staff(world.alpha, "1.0", role="technical_support")

    assert "No community manager in post" in compliance.assess_one(world.alpha).reasons
