"""On a past date, compliance counts the staff in post and the members that belonged that day."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from consortia.staffing import compliance
from tests import factories


def test_staff_who_start_later_are_not_counted_earlier(world):
    today = timezone.localdate()
    factories.support_staff(world.alpha, "1.0", starts_on=today - timedelta(days=10))

    before = compliance.assess_one(world.alpha, today - timedelta(days=11))
    since = compliance.assess_one(world.alpha, today - timedelta(days=10))

    assert (before.total_fte, before.staff) == (Decimal(0), [])
    assert "No community manager in post" in before.reasons
    assert before.uncovered_weekdays == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert since.total_fte == Decimal("1.0")
    assert since.uncovered_weekdays == []


def test_staff_who_have_ended_are_counted_until_their_last_day(world):
    today = timezone.localdate()
    factories.support_staff(world.alpha, "0.5", ends_on=today - timedelta(days=10))

    assert compliance.assess_one(world.alpha, today - timedelta(days=10)).total_fte == Decimal("0.5")
    assert compliance.assess_one(world.alpha, today - timedelta(days=9)).total_fte == Decimal(0)
    assert compliance.assess_one(world.alpha).total_fte == Decimal(0)


def test_a_membership_that_ended_counts_before_its_end_date_only(world):
    today = timezone.localdate()
    ended = today - timedelta(days=10)
    factories.membership(
        world.alpha, status="left", joined_date=date(2020, 1, 1), ended_date=ended, with_lead_contacts=False
    )
    factories.membership(
        world.alpha, status="lapsed", joined_date=date(2020, 1, 1), ended_date=ended, with_lead_contacts=False
    )

    # The world's own member was created today without a joined date, so it counts from today.
    assert compliance.assess_one(world.alpha, ended - timedelta(days=1)).members == 2
    assert compliance.assess_one(world.alpha, ended).members == 0
    assert compliance.assess_one(world.alpha).members == 1


def test_a_member_that_joined_later_is_not_counted_earlier(world):
    today = timezone.localdate()
    factories.membership(
        world.alpha, status="active", joined_date=today - timedelta(days=5), with_lead_contacts=False
    )

    assert compliance.assess_one(world.alpha, today - timedelta(days=6)).members == 0
    assert compliance.assess_one(world.alpha, today - timedelta(days=5)).members == 1
    assert compliance.assess_one(world.alpha).members == 2


def test_the_fte_requirement_follows_the_member_count_of_that_day(world):
    today = timezone.localdate()
    for _ in range(25):
        factories.membership(
            world.alpha,
            status="left",
            joined_date=date(2020, 1, 1),
            ended_date=today - timedelta(days=30),
            with_lead_contacts=False,
        )
    factories.support_staff(world.alpha, "0.5")

    then = compliance.assess_one(world.alpha, today - timedelta(days=31))
    now = compliance.assess_one(world.alpha)

    assert (then.members, then.required_fte) == (25, Decimal("0.83"))
    assert "0.5 FTE for 25 members; needs 0.83" in then.reasons
    assert (now.members, now.required_fte) == (1, Decimal("0.50"))
    assert not any(" FTE for " in reason for reason in now.reasons)
