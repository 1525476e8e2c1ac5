"""Desk metrics for a period: volume, response and resolution times, share within SLA, escalation
rate, satisfaction and backlog, for the pages, the API and the demo.

A period is whole days in the desk calendar's time zone: tickets *created* from the first
day's midnight up to the midnight after the last day. Durations are the working seconds stored on
each ticket by ``support.sla`` (the clock stops outside working hours and while waiting on the
requester), so they compare across desks on different calendars.

Every figure comes from a fixed handful of queries whatever the number of tickets: counts are SQL
aggregates over the ``(desk, created_at)`` index, and the chart's buckets are a ``CASE`` over
boundaries computed here (not a per-row time-zone function, which SQLite runs in Python). Only
percentiles need rows: one query fetches the integer durations.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from consortia.lib.dates import add_months
from consortia.support.models import Desk, Escalation, SatisfactionRating, Ticket

# Rates and averages are given to four decimal places (0.8125 = 81.25 %).
RATE_PLACES = Decimal("0.0001")
# Longer periods would make charts of hundreds of bars; a report spans at most this many months.
MAX_PERIOD_MONTHS = 60
# Up to this many days the volume chart counts weeks (Monday to Sunday), beyond it months.
WEEKLY_UP_TO_DAYS = 92
DEFAULT_PERIOD_MONTHS = 12


@dataclass(frozen=True)
class Bucket:
    """One bar of the volume chart: a week or a month (clipped to the period)."""

    starts: date
    ends: date  # inclusive
    label: str
    count: int = 0
    first_response_median: int | None = None


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass
class DeskMetrics:
    desk: Desk
    start: date
    end: date
    granularity: str  # "week" or "month"
    total: int = 0
    by_category: list[Tally] = field(default_factory=list)
    by_tier: list[Tally] = field(default_factory=list)
    buckets: list[Bucket] = field(default_factory=list)
    first_response_median: int | None = None
    first_response_p90: int | None = None
    first_responses: int = 0
    answered_within_sla: int = 0
    sla_measured: int = 0
    resolution_median: int | None = None
    resolution_p90: int | None = None
    resolved: int = 0
    escalated: int = 0
    satisfaction_average: Decimal | None = None
    satisfaction_count: int = 0
    backlog_at_end: int = 0
    backlog_now: int = 0
    breach_count: int = 0

    @property
    def within_sla_rate(self) -> Decimal | None:
        """First responses within the SLA among tickets whose first response is answered or late."""
        return rate(self.answered_within_sla, self.sla_measured)

    @property
    def escalation_rate(self) -> Decimal | None:
        return rate(self.escalated, self.total)

    @property
    def time_zone(self) -> str:
        return self.desk.calendar.time_zone


def rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def percentile(sorted_values: list[int], share: float) -> int | None:
    """Nearest-rank percentile (the smallest value with at least ``share`` of values at or below
    it): always one of the values, so "p90 = 3 hours" is a time some ticket really took."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def median_of(sorted_values: list[int]) -> int | None:
    """The median in whole seconds (the mean of the middle two, rounded half up, for an even count)."""
    if not sorted_values:
        return None
    return int(Decimal(median(sorted_values)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- periods --------------------------------------------------------------------------------


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months up to today: from the day after this day a year ago."""
    today = today or timezone.localdate()
    return add_months(today, -DEFAULT_PERIOD_MONTHS) + timedelta(days=1), today


def parse_period(start: str | None, end: str | None, today: date | None = None) -> tuple[date, date]:
    """``from``/``to`` query values (YYYY-MM-DD; blank takes the default); a bad one is a
    ValidationError keyed by its name."""
    default_start, default_end = default_period(today)
    errors = {}
    parsed = {}
    for name, value, default in (("from", start, default_start), ("to", end, default_end)):
        value = (value or "").strip()
        if not value:
            parsed[name] = default
            continue
        try:
            parsed[name] = date.fromisoformat(value)
        except ValueError:
            errors[name] = f"{name} must be a date written YYYY-MM-DD, not {value!r}."
    if errors:
        raise ValidationError(errors)
    check_period(parsed["from"], parsed["to"])
    return parsed["from"], parsed["to"]


def check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"to": "to must be on or after from."})
    if end >= add_months(start, MAX_PERIOD_MONTHS):
        raise ValidationError({"to": f"A period is at most {MAX_PERIOD_MONTHS} months long."})


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _bucket_bounds(start: date, end: date) -> tuple[str, list[tuple[date, date, str]]]:
    """The chart's weeks or months, each (first day, last day, label), clipped to the period."""
    bounds = []
    if (end - start).days < WEEKLY_UP_TO_DAYS:
        cursor = start - timedelta(days=start.weekday())
        while cursor <= end:
            last = cursor + timedelta(days=6)
            first = max(cursor, start)
            bounds.append((first, min(last, end), f"{first:%-d %b}"))
            cursor = last + timedelta(days=1)
        return "week", bounds
    cursor = start.replace(day=1)
    while cursor <= end:
        following = add_months(cursor, 1)
        bounds.append((max(cursor, start), min(following - timedelta(days=1), end), f"{cursor:%b %Y}"))
        cursor = following
    return "month", bounds


def _bucket_of(bounds: list[tuple[date, date, str]], zone: ZoneInfo) -> Case:
    """The bucket index of a ticket's ``created_at``: a CASE over each bucket's end."""
    return Case(
        *(
            When(created_at__lt=_midnight(last + timedelta(days=1), zone), then=Value(index))
            for index, (_, last, _) in enumerate(bounds)
        ),
        default=Value(len(bounds) - 1),
        output_field=IntegerField(),
    )


# --- one desk -------------------------------------------------------------------------------


def _period_tickets(desks, starts: datetime, ends: datetime) -> QuerySet:
    return Ticket.objects.filter(desk__in=desks, created_at__gte=starts, created_at__lt=ends)


def _sla_counts() -> dict:
    answered_or_late = Q(first_response_seconds__isnull=False) | Q(first_response_breached=True)
    return {
        "total": Count("pk"),
        "sla_measured": Count("pk", filter=answered_or_late),
        "answered_within_sla": Count(
            "pk", filter=Q(first_response_seconds__isnull=False, first_response_breached=False)
        ),
        "breach_count": Count("pk", filter=Q(is_breached=True)),
    }


def desk_metrics(desk: Desk, start: date, end: date, *, now: datetime | None = None) -> "DeskMetrics":
    """The desk's figures for tickets created from ``start`` to ``end`` (both included) in the
    desk calendar's time zone. Two queries whatever the size (three when the desk's calendar is
    not loaded yet)."""
    check_period(start, end)
    now = now or timezone.now()
    zone = ZoneInfo(desk.calendar.time_zone)
    starts, ends = _midnight(start, zone), _midnight(end + timedelta(days=1), zone)
    granularity, bounds = _bucket_bounds(start, end)
    tickets = _period_tickets([desk.pk], starts, ends)
    figures = DeskMetrics(desk=desk, start=start, end=end, granularity=granularity)

    # One pass over the period's rows (the ``(desk, created_at)`` index, then each row once):
    # percentiles need every duration anyway, and tallying a few small columns here is cheaper
    # than reading the same rows again for each SQL aggregate.
    # Whether each ticket was escalated and its rating come along as index lookups on the same
    # pass: reading the period's tickets again for each (they lie scattered over the table) cost
    # two more heap scans, most of the time at a million tickets (bench/README.md).
    # Whether each ticket was escalated and its rating come along as index lookups on the same
    # pass: reading the period's tickets again for each (they lie scattered over the table) cost
    # two more heap scans. The rows are read with the query's own SQL on a plain cursor: Django's
    # per-value converters (booleans, expressions) were a third of the time on SQLite
    # (bench/README.md); flags come back as 0/1 or False/True, both counted alike.
    query = (
        tickets.annotate(
            bucket=_bucket_of(bounds, zone),
            escalated=Exists(Escalation.objects.filter(ticket_id=OuterRef("pk"))),
            score=Subquery(SatisfactionRating.objects.filter(ticket_id=OuterRef("pk")).values("score")[:1]),
        )
        .order_by()
        .values_list(
            "bucket",
            "tier",
            "category",
            "first_response_seconds",
            "first_response_breached",
            "resolution_seconds",
            "is_breached",
            "escalated",
            "score",
        )
    )
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    volume = [0] * len(bounds)
    tiers = dict.fromkeys((1, 2, 3), 0)
    categories = dict.fromkeys(Ticket.Category.values, 0)
    first_responses, resolutions = [], []
    per_bucket: dict[int, list[int]] = {}
    scores = []
    for bucket, tier, category, first_response, late, resolution, breached, escalated, score in rows:
        figures.escalated += escalated
        if score is not None:
            scores.append(score)
        volume[bucket] += 1
        tiers[tier] = tiers.get(tier, 0) + 1
        categories[category] = categories.get(category, 0) + 1
        if first_response is not None:
            first_responses.append(first_response)
            per_bucket.setdefault(bucket, []).append(first_response)
            if not late:
                figures.answered_within_sla += 1
        if first_response is not None or late:
            figures.sla_measured += 1
        if resolution is not None:
            resolutions.append(resolution)
        if breached:
            figures.breach_count += 1
    figures.total = len(rows)
    figures.by_tier = [Tally(str(tier), f"Tier {tier}", count) for tier, count in sorted(tiers.items())]
    labels = dict(Ticket.Category.choices)
    figures.by_category = sorted(
        (Tally(key, labels.get(key, key), count) for key, count in categories.items()),
        key=lambda row: -row.count,
    )
    first_responses.sort()
    resolutions.sort()
    figures.first_responses, figures.resolved = len(first_responses), len(resolutions)
    figures.first_response_median = median_of(first_responses)
    figures.first_response_p90 = percentile(first_responses, 0.9)
    figures.resolution_median = median_of(resolutions)
    figures.resolution_p90 = percentile(resolutions, 0.9)
    figures.buckets = [
        Bucket(first, last, label, volume[index], median_of(sorted(per_bucket.get(index, []))))
        for index, (first, last, label) in enumerate(bounds)
    ]

    figures.satisfaction_count = len(scores)
    if scores:
        figures.satisfaction_average = (Decimal(sum(scores)) / len(scores)).quantize(
            RATE_PLACES, rounding=ROUND_HALF_UP
        )

    figures.backlog_at_end, figures.backlog_now = _backlog([desk.pk], ends, now)[desk.pk]
    return figures


def _open_at(moment: datetime) -> Q:
    """Created before ``moment`` and not resolved (or closed) by then. A ticket resolved before
    ``moment`` and reopened since counts as open: it lost its resolution time when it reopened."""
    return Q(created_at__lt=moment) & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=moment))


def _backlog(desk_ids, ends: datetime, now: datetime) -> dict[int, tuple[int, int]]:
    """(open at ``ends``, open now) per desk. When the period reaches today the two are the same
    tickets, counted from the queue's ``(desk, status)`` index alone; an earlier end needs the
    desk's history before it."""
    moment = min(ends, now)
    is_open = Q(status__in=Ticket.OPEN_STATUSES)
    tickets = Ticket.objects.filter(desk_id__in=desk_ids).order_by()
    if moment == now:
        tickets = tickets.filter(is_open).values("desk_id").annotate(at_end=Count("pk"), now=Count("pk"))
    else:
        tickets = (
            tickets.filter(_open_at(moment) | is_open)
            .values("desk_id")
            .annotate(at_end=Count("pk", filter=_open_at(moment)), now=Count("pk", filter=is_open))
        )
    found = {row["desk_id"]: (row["at_end"], row["now"]) for row in tickets}
    return {desk_id: found.get(desk_id, (0, 0)) for desk_id in desk_ids}


# --- every desk in scope (ORCID's overview) -------------------------------------------------


@dataclass(frozen=True)
class DeskHeadline:
    desk: Desk
    total: int
    answered_within_sla: int
    sla_measured: int
    breach_count: int
    backlog_now: int
    satisfaction_average: Decimal | None
    satisfaction_count: int

    @property
    def within_sla_rate(self) -> Decimal | None:
        return rate(self.answered_within_sla, self.sla_measured)


def desk_headlines(desks, start: date, end: date, *, now: datetime | None = None) -> list[DeskHeadline]:
    """Headline figures of each desk given (e.g. a page of them), for one period. Days are
    counted in the site's time zone here (desks on different calendars share one table); each
    desk's own page counts them in its calendar's. Three queries whatever the number of desks
    and tickets."""
    check_period(start, end)
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    starts, ends = _midnight(start, zone), _midnight(end + timedelta(days=1), zone)
    desks = list(desks)
    ids = [desk.pk for desk in desks]
    counts = {
        row["desk_id"]: row
        for row in _period_tickets(ids, starts, ends).order_by().values("desk_id").annotate(**_sla_counts())
    }
    ratings = {
        row["ticket__desk_id"]: row
        for row in SatisfactionRating.objects.filter(
            ticket__desk_id__in=ids, ticket__created_at__gte=starts, ticket__created_at__lt=ends
        )
        .order_by()
        .values("ticket__desk_id")
        .annotate(average=Avg("score"), count=Count("pk"))
    }
    backlog = _backlog(ids, ends, now)
    headlines = []
    for desk in desks:
        row = counts.get(desk.pk, {})
        rated = ratings.get(desk.pk, {})
        average = rated.get("average")
        headlines.append(
            DeskHeadline(
                desk=desk,
                total=row.get("total", 0),
                answered_within_sla=row.get("answered_within_sla", 0),
                sla_measured=row.get("sla_measured", 0),
                breach_count=row.get("breach_count", 0),
                backlog_now=backlog[desk.pk][1],
                satisfaction_average=(
                    None
                    if average is None
                    else Decimal(str(average)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
                ),
                satisfaction_count=rated.get("count", 0),
            )
        )
    return headlines
