"""Desk metrics for a period, on tickets whose figures are set by hand: volume by category, tier
and month, first response and resolution median and p90 (nearest rank), the share answered within
SLA, escalation rate, satisfaction, backlog and breaches. Days are the desk calendar's (Auckland)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from consortia.support import metrics, services
from consortia.support.models import Desk, SatisfactionRating, Ticket

AUCKLAND = ZoneInfo("Pacific/Auckland")
NOW = datetime(2026, 6, 1, tzinfo=AUCKLAND)


def at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AUCKLAND)


def ticket(world, desk, created, **figures):
    opened = services.open_ticket(
        world.alpha_member if desk.consortium_id == world.alpha.pk else world.beta_member,
        desk,
        subject="Question",
        body="Please help.",
    )
    figures.setdefault("status", Ticket.Status.OPEN)
    Ticket.objects.filter(pk=opened.pk).update(created_at=created, **figures)
    return opened


@pytest.fixture
def desk(world):
    desk = Desk.objects.select_related("calendar").get(pk=world.alpha.desk.pk)
    t1 = ticket(
        world,
        desk,
        at(2025, 1, 10),
        first_response_seconds=600,
        resolution_seconds=3600,
        resolved_at=at(2025, 1, 11),
        status="resolved",
        category="account",
    )
    t2 = ticket(
        world,
        desk,
        at(2025, 1, 20),
        first_response_seconds=1200,
        resolution_seconds=7200,
        resolved_at=at(2025, 1, 21),
        status="resolved",
        category="account",
    )
    t3 = ticket(world, desk, at(2025, 2, 5), category="integration")
    services.escalate(world.alpha_staff, t3, "Needs ORCID.")
    Ticket.objects.filter(pk=t3.pk).update(
        first_response_seconds=1800, first_response_breached=False, is_breached=False, status="open"
    )
    ticket(
        world,
        desk,
        at(2025, 3, 1),
        first_response_seconds=30000,
        first_response_breached=True,
        is_breached=True,
        resolution_seconds=50000,
        resolved_at=at(2025, 3, 10),
        status="closed",
        category="record",
        tier=2,
    )
    ticket(world, desk, at(2025, 3, 2), first_response_breached=True, is_breached=True)
    ticket(world, desk, at(2025, 12, 31, 23, 30), status="new")  # the last evening, Auckland time
    late = ticket(world, desk, at(2026, 1, 1, 0, 30), status="new")  # after the period
    ticket(world, desk, at(2024, 12, 31, 23, 30))  # before it, still open
    ticket(world, world.beta.desk, at(2025, 5, 5), first_response_seconds=5)  # another desk
    SatisfactionRating.objects.create(ticket=t1, score=5)
    SatisfactionRating.objects.create(ticket=t2, score=4)
    SatisfactionRating.objects.create(ticket=late, score=1)
    return desk


@pytest.fixture
def figures(desk):
    return metrics.desk_metrics(desk, date(2025, 1, 1), date(2025, 12, 31), now=NOW)


def test_volume_counts_tickets_created_in_the_desks_days(figures):
    assert figures.total == 6
    assert {row.key: row.count for row in figures.by_category if row.count} == {
        "account": 2,
        "integration": 1,
        "record": 1,
        "other": 2,
    }
    assert [(row.label, row.count) for row in figures.by_tier] == [
        ("Tier 1", 5),
        ("Tier 2", 1),
        ("Tier 3", 0),
    ]
    assert figures.granularity == "month"
    assert [(b.label, b.count) for b in figures.buckets if b.count] == [
        ("Jan 2025", 2),
        ("Feb 2025", 1),
        ("Mar 2025", 2),
        ("Dec 2025", 1),
    ]
    assert len(figures.buckets) == 12


def test_first_response_and_resolution_median_and_p90(figures):
    assert (figures.first_response_median, figures.first_response_p90) == (1500, 30000)
    assert (figures.resolution_median, figures.resolution_p90) == (7200, 50000)
    assert (figures.first_responses, figures.resolved) == (4, 3)
    assert figures.buckets[0].first_response_median == 900
    assert figures.buckets[3].first_response_median is None


def test_share_within_sla_counts_answered_and_late_tickets_only(figures):
    # Answered in time: 3; answered late: 1; not answered and past the target: 1; not yet due: 1.
    assert (figures.answered_within_sla, figures.sla_measured) == (3, 5)
    assert figures.within_sla_rate == Decimal("0.6000")
    assert figures.breach_count == 2


def test_escalation_rate_and_satisfaction(figures):
    assert figures.escalated == 1
    assert figures.escalation_rate == Decimal("0.1667")
    assert (figures.satisfaction_average, figures.satisfaction_count) == (Decimal("4.5000"), 2)


def test_backlog_is_what_was_open_at_the_end_and_what_is_open_now(figures):
    # Open at the end: the escalated one, the unanswered one, the last evening's, last year's.
    assert figures.backlog_at_end == 4
    assert figures.backlog_now == 5  # and the one opened after the period


def test_an_empty_period_has_no_rates_rather_than_zero(desk):
    empty = metrics.desk_metrics(desk, date(2023, 1, 1), date(2023, 6, 30), now=NOW)
    assert empty.total == 0
    assert empty.within_sla_rate is None and empty.escalation_rate is None
    assert empty.first_response_median is None and empty.satisfaction_average is None
    assert empty.granularity == "month" and len(empty.buckets) == 6


def test_a_short_period_is_counted_by_week(desk):
    weeks = metrics.desk_metrics(desk, date(2025, 1, 8), date(2025, 1, 31), now=NOW)
    assert weeks.granularity == "week"
    assert [(b.starts, b.ends) for b in weeks.buckets][0] == (date(2025, 1, 8), date(2025, 1, 12))
    assert [b.count for b in weeks.buckets] == [1, 0, 1, 0]


def test_a_ticket_resolved_after_the_period_was_open_at_its_end(desk):
    Ticket.objects.filter(desk=desk, created_at=at(2025, 1, 20)).update(resolved_at=at(2026, 2, 1))
    figures = metrics.desk_metrics(desk, date(2025, 1, 1), date(2025, 12, 31), now=NOW)
    assert (figures.backlog_at_end, figures.backlog_now) == (5, 5)


def test_when_the_period_reaches_today_the_backlog_at_its_end_is_todays(desk):
    today = metrics.desk_metrics(desk, date(2025, 6, 1), date(2026, 5, 31), now=at(2026, 5, 31, 18))
    assert today.backlog_at_end == today.backlog_now == 5
