"""Every weekday needs cover ("Community coverage should be available on all weekdays, even if it
is only part time"): the weekdays covered by the staff in post that day, together."""

from datetime import timedelta

from django.utils import timezone

from consortia.staffing import compliance
from tests import factories

MON_TO_WED, THU_FRI, MON_TO_THU, WEEKEND = (0, 1, 2), (3, 4), (0, 1, 2, 3), (5, 6)


def _coverage_reasons(result):
    return [reason for reason in result.reasons if reason.endswith("not covered")]


def test_a_monday_to_wednesday_part_timer_and_a_thursday_friday_part_timer_cover_every_weekday(world):
    factories.support_staff(world.alpha, "0.3", weekdays=MON_TO_WED)
    factories.support_staff(world.alpha, "0.2", weekdays=THU_FRI, role="technical_support")

    result = compliance.assess_one(world.alpha)

    assert result.uncovered_weekdays == []
    assert _coverage_reasons(result) == []


def test_monday_to_thursday_leaves_friday_uncovered(world):
    factories.support_staff(world.alpha, "0.8", weekdays=MON_TO_THU)

    result = compliance.assess_one(world.alpha)

    assert result.uncovered_weekdays == ["Friday"]
    assert _coverage_reasons(result) == ["Friday not covered"]


def test_weekend_coverage_does_not_count(world):
    factories.support_staff(world.alpha, "0.4", weekdays=WEEKEND)

    result = compliance.assess_one(world.alpha)

    assert result.uncovered_weekdays == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert _coverage_reasons(result) == ["Monday, Tuesday, Wednesday, Thursday and Friday not covered"]


def test_a_staff_member_who_has_ended_does_not_cover(world):
    today = timezone.localdate()
    factories.support_staff(world.alpha, "0.6", weekdays=MON_TO_WED)
    factories.support_staff(world.alpha, "0.4", weekdays=THU_FRI, ends_on=today - timedelta(days=1))

    result = compliance.assess_one(world.alpha)

    assert _coverage_reasons(result) == ["Thursday and Friday not covered"]


def test_a_staff_member_who_has_not_started_yet_does_not_cover(world):
    today = timezone.localdate()
    factories.support_staff(world.alpha, "0.6", weekdays=MON_TO_THU)
    factories.support_staff(world.alpha, "0.4", weekdays=THU_FRI, starts_on=today + timedelta(days=1))

    assert compliance.assess_one(world.alpha).uncovered_weekdays == ["Friday"]


def test_a_staff_member_ending_today_still_covers_today(world):
    factories.support_staff(world.alpha, "1.0", ends_on=timezone.localdate())

    assert compliance.assess_one(world.alpha).uncovered_weekdays == []


def test_another_consortiums_staff_do_not_cover(world):
    factories.support_staff(world.alpha, "0.8", weekdays=MON_TO_THU)
    factories.support_staff(world.beta, "0.2", weekdays=THU_FRI)

    assert compliance.assess_one(world.alpha).uncovered_weekdays == ["Friday"]
