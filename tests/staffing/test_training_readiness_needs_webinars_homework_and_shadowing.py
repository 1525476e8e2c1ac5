"""A support staff member is trained once they attended both webinars, their homework was
accepted and their shadowing period is over; whatever is missing is named."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from consortia.staffing import services
from consortia.staffing.training import readiness
from tests import factories

SHADOWING_FROM, SHADOWING_TO = date(2024, 1, 1), date(2024, 2, 26)


@pytest.fixture
def staff(world):
    return factories.support_staff(
        world.alpha,
        "1.0",
        starts_on=SHADOWING_FROM,
        shadowing_starts_on=SHADOWING_FROM,
        shadowing_ends_on=SHADOWING_TO,
    )


def _attend_both_webinars(world, staff):
    services.record_webinar(world.regional, staff, webinar="overview", attended_on=date(2024, 1, 8))
    services.record_webinar(world.regional, staff, webinar="technical", attended_on=date(2024, 1, 15))


def _hand_in_homework(world, staff, *, accept):
    homework = services.submit_homework(world.alpha_staff, staff, link="https://alpha.example/homework")
    return services.review_homework(world.regional, homework, accept=accept, feedback="Reviewed.")


def test_both_webinars_accepted_homework_and_finished_shadowing_make_staff_ready(world, staff):
    _attend_both_webinars(world, staff)
    _hand_in_homework(world, staff, accept=True)

    ready = readiness(staff, timezone.localdate())

    assert ready.is_ready
    assert (ready.missing, ready.summary, ready.homework_status) == ([], "Trained", "accepted")


def test_without_anything_every_part_is_named(world, staff):
    staff.shadowing_starts_on = staff.shadowing_ends_on = None

    ready = readiness(staff, timezone.localdate())

    assert not ready.is_ready
    assert ready.missing == [
        "webinars not attended: ORCID overview and outreach methods, "
        "Technical overview of ORCID's APIs and tools",
        "homework not submitted",
        "shadowing period not planned",
    ]


def test_a_missing_webinar_is_named(world, staff):
    services.record_webinar(world.regional, staff, webinar="overview", attended_on=date(2024, 1, 8))
    _hand_in_homework(world, staff, accept=True)

    assert readiness(staff, timezone.localdate()).missing == [
        "webinar not attended: Technical overview of ORCID's APIs and tools"
    ]


def test_homework_awaiting_review_is_not_ready(world, staff):
    _attend_both_webinars(world, staff)
    services.submit_homework(world.alpha_staff, staff, link="https://alpha.example/homework")

    assert readiness(staff, timezone.localdate()).missing == ["homework awaiting review"]


def test_sent_back_homework_is_not_ready_until_a_new_submission_is_accepted(world, staff):
    _attend_both_webinars(world, staff)
    _hand_in_homework(world, staff, accept=False)
    today = timezone.localdate()

    sent_back = readiness(staff, today)
    assert (sent_back.missing, sent_back.homework_feedback) == (["homework sent back"], "Reviewed.")

    _hand_in_homework(world, staff, accept=True)
    assert readiness(staff, today).is_ready


def test_shadowing_still_under_way_is_named_with_its_end(world):
    today = timezone.localdate()
    staff = factories.support_staff(
        world.alpha,
        "1.0",
        starts_on=today - timedelta(days=14),
        shadowing_starts_on=today - timedelta(days=14),
        shadowing_ends_on=today - timedelta(days=14) + timedelta(days=45),
    )
    _attend_both_webinars(world, staff)
    _hand_in_homework(world, staff, accept=True)

    assert readiness(staff, today).missing == [f"shadowing until {staff.shadowing_ends_on:%-d %b %Y}"]


def test_readiness_on_a_past_date_ignores_later_training(world, staff):
    _attend_both_webinars(world, staff)
    _hand_in_homework(world, staff, accept=True)

    earlier = readiness(staff, date(2024, 1, 10))

    assert earlier.webinars[0][2] == date(2024, 1, 8)
    assert earlier.webinars[1][2] is None
    assert "homework not submitted" in earlier.missing
    assert "shadowing until 26 Feb 2024" in earlier.missing


def test_weekly_check_ins_are_counted_by_shadowing_week(world, staff):
    for held_on, notes in [
        (date(2024, 1, 1), "Introductions."),
        (date(2024, 1, 4), "Webinar plan."),  # the same first week
        (date(2024, 1, 15), "Consortium FAQ."),  # the third week; the second was missed
        (date(2024, 2, 26), "Wrap-up."),  # the last day, in the ninth week
    ]:
        services.record_check_in(world.regional, staff, held_on=held_on, notes=notes)

    progress = readiness(staff, timezone.localdate()).shadowing
    mid_way = readiness(staff, date(2024, 1, 21)).shadowing

    assert (progress.weeks, progress.check_ins, progress.weeks_with_check_in, progress.missed_weeks) == (
        9,
        4,
        3,
        6,
    )
    assert (mid_way.weeks, mid_way.check_ins, mid_way.weeks_with_check_in, mid_way.missed_weeks) == (
        3,
        3,
        2,
        1,
    )
