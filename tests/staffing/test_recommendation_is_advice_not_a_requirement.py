"""ORCID's "1 FTE per 30–40 members in the first three years" is advice: it never costs the discount."""

import datetime as dt

from django.utils import timezone

from consortia.directory.models import Membership
from consortia.staffing import compliance
from tests import factories


def _members(consortium, count):
    have = consortium.memberships.filter(status=Membership.Status.ACTIVE).count()
    for _ in range(count - have):
        factories.membership(consortium, with_lead_contacts=False)


def _signed(consortium, years_ago):
    today = timezone.localdate()
    consortium.agreement_date = today.replace(year=today.year - years_ago) - dt.timedelta(days=1)
    consortium.save()


def test_a_small_consortium_at_the_floor_gets_the_recommendation_as_advice(world):
    # 16 members: the rule asks 0.5 FTE, the recommendation up to 16/30 = 0.53.
    _members(world.alpha, 16)
    _signed(world.alpha, 1)
    factories.support_staff(world.alpha, "0.5")

    result = compliance.assess_one(world.alpha)

    assert not [reason for reason in result.reasons if "FTE" in reason]
    assert result.advice == ["ORCID recommends 0.50–0.53 FTE (1 per 30–40 members) in the first 3 years"]


def test_the_recommendation_is_not_given_after_the_first_three_years(world):
    _members(world.alpha, 16)
    _signed(world.alpha, 3)
    factories.support_staff(world.alpha, "0.5")

    result = compliance.assess_one(world.alpha)

    assert result.recommended_fte is None
    assert result.advice == []


def test_meeting_the_recommendation_leaves_no_advice(world):
    _members(world.alpha, 16)
    _signed(world.alpha, 1)
    factories.support_staff(world.alpha, "0.6")

    assert compliance.assess_one(world.alpha).advice == []
