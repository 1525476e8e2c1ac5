"""SLA figures come from the ticket's status log and thread on the desk's calendar: the first
response counts working time only; the clock stops while the ticket waits on the requester (and
while resolved); figures and breaches are stored on the ticket."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from consortia.lib.business_calendar import BusinessCalendar, national_holidays
from consortia.support import sla

AUCKLAND = ZoneInfo("Pacific/Auckland")
HOUR = 3600
CALENDAR = BusinessCalendar(
    "Pacific/Auckland", [(d, time(9), time(17)) for d in range(5)], is_holiday=national_holidays("NZ")
)
TARGETS = sla.Targets(first_response=8 * HOUR, next_response=8 * HOUR, resolution=56 * HOUR)


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=AUCKLAND)


def test_a_first_response_on_monday_to_a_friday_evening_ticket_took_one_working_hour():
    opened = at(20, 19)  # Friday evening
    statuses = [(opened, "new"), (at(23, 10), "open")]
    replies = [(opened, False), (at(23, 10), True)]

    figures = sla.compute(CALENDAR, TARGETS, opened, statuses, replies, now=at(23, 11))

    assert figures.first_response_seconds == HOUR
    assert not figures.first_response_breached
    assert figures.resolution_due == CALENDAR.add_working_time(opened, 56 * HOUR)


def test_the_clock_stops_while_waiting_on_the_requester():
    opened = at(23, 9)
    statuses = [
        (opened, "new"),
        (at(23, 10), "waiting_on_requester"),
        (at(25, 10), "open"),
        (at(25, 12), "resolved"),
    ]
    replies = [(opened, False), (at(23, 10), True), (at(25, 10), False), (at(25, 12), True)]

    figures = sla.compute(CALENDAR, TARGETS, opened, statuses, replies, now=at(26, 9))

    assert figures.resolution_seconds == 3 * HOUR  # 09–10 Monday, 10–12 Wednesday
    assert figures.resolved_at == at(25, 12)
    assert not figures.is_breached
    assert figures.sla_due is None


def test_while_stopped_an_open_target_has_no_due_time_and_the_queue_shows_none():
    opened = at(23, 9)
    statuses = [(opened, "new"), (at(23, 9, 30), "waiting_on_requester")]

    figures = sla.compute(CALENDAR, TARGETS, opened, statuses, [(opened, False)], now=at(30, 9))

    assert figures.first_response_due is None
    assert not figures.first_response_breached  # 30 working minutes ran before the pause


def test_an_unanswered_ticket_breaches_after_one_working_day():
    opened = at(23, 9)
    figures = sla.compute(CALENDAR, TARGETS, opened, [(opened, "new")], [(opened, False)], now=at(24, 9, 1))

    assert figures.first_response_breached and figures.is_breached
    assert figures.first_response_due == at(23, 17).astimezone(UTC)


def test_a_late_answer_to_a_follow_up_is_a_next_response_breach():
    opened = at(23, 9)
    statuses = [(opened, "new"), (at(23, 10), "open")]
    replies = [(opened, False), (at(23, 10), True), (at(23, 11), False), (at(25, 11), True)]

    figures = sla.compute(CALENDAR, TARGETS, opened, statuses, replies, now=at(25, 12))

    assert figures.next_response_breached and not figures.first_response_breached
