"""The integrations pipeline: a board of integrations by stage, the time they spend in each stage,
the stuck ones, badges awarded per month and the in-progress count a lead reports to ORCID; for
the board pages, the API and the benchmark.

``pipeline(integrations)`` takes the integrations in scope (``policy.integrations_for`` narrowed
by consortium, region or platform) and answers from a fixed handful of grouped queries whatever
their number (bench/integrations.py: 30,000 integrations):

- counts per stage: one GROUP BY;
- the first cards of every column and the longest stuck: one UNION ALL of a LIMIT per stage
  over the ``(stage, stage_changed_at)`` index for their ids, then one query for their rows;
- time in each stage: each stay's length in whole days, stored on the stage log as the stay ends
  (``StageChange.days_in_stage``), counted per stage and day in SQL, so only a histogram of at
  most (stages × distinct days) rows comes back; the median is read off it here. Stays not yet
  ended (the current stage) are not counted. (Computing the stays with a window over the whole
  log took 300–390 ms at 160,000 changes: bench/README.md.)
- stuck integrations (no change for ``stuck_days``, not live nor retired): a count and the first
  cards, over the ``(stage, stage_changed_at)`` index;
- badges awarded per month for the last 12 months: one GROUP BY day and badge.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import Count, QuerySet
from django.utils import timezone

from consortia.integrations.models import Badge, BadgeAward, Integration, Stage, StageChange
from consortia.lib.dates import add_months

DEFAULT_STUCK_DAYS = 60
MAX_STUCK_DAYS = 3650
CARDS_PER_COLUMN = 8
STUCK_CARDS = 25
BADGE_MONTHS = 12
# Integrations on their way: past "planned", not yet live (the figure a lead reports to ORCID).
IN_PROGRESS = (
    Stage.SANDBOX_REQUESTED,
    Stage.SANDBOX_ISSUED,
    Stage.IN_DEVELOPMENT,
    Stage.CONSORTIUM_REVIEW,
    Stage.ORCID_TESTING,
    Stage.PRODUCTION_ISSUED,
)
# A live or retired integration is not stuck: it has arrived.
SETTLED = (Stage.LIVE, Stage.RETIRED)


@dataclass(frozen=True)
class Card:
    pk: int
    name: str
    member: str
    consortium: str
    consortium_slug: str
    platform: str
    stage: str
    stage_label: str
    stage_changed_at: datetime
    days_in_stage: int


@dataclass
class Column:
    stage: str
    label: str
    count: int = 0
    cards: list[Card] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.cards), 0)


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    stays: int  # completed stays measured
    median_days: float | None


@dataclass(frozen=True)
class BadgeMonth:
    starts: date
    label: str
    count: int
    by_badge: dict[str, int]


@dataclass
class Pipeline:
    columns: list[Column]
    stage_times: list[StageTime]
    stuck_days: int
    stuck_count: int
    stuck: list[Card]
    badge_months: list[BadgeMonth]
    total: int  # every integration in scope, retired included
    in_progress: int
    planned: int
    live: int
    retired: int

    @property
    def badges_awarded(self) -> int:
        return sum(month.count for month in self.badge_months)


def parse_stuck_days(value) -> int:
    """The ``stuck_days`` query value: blank is the default, else a whole number of days from 1."""
    if value is None or str(value).strip() == "":
        return DEFAULT_STUCK_DAYS
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            {"stuck_days": f"stuck_days must be a whole number of days, not {value!r}."}
        ) from None
    if not 1 <= days <= MAX_STUCK_DAYS:
        raise ValidationError({"stuck_days": f"stuck_days must be from 1 to {MAX_STUCK_DAYS}, not {days}."})
    return days


def _card(row, now: datetime) -> Card:
    return Card(
        pk=row.pk,
        name=row.name,
        member=row.membership.organization.name,
        consortium=row.membership.consortium.name,
        consortium_slug=row.membership.consortium.slug,
        platform=row.platform.name if row.platform_id else "",
        stage=row.stage,
        stage_label=Stage(row.stage).label,
        stage_changed_at=row.stage_changed_at,
        days_in_stage=max((now - row.stage_changed_at).days, 0),
    )


def _card_rows(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("membership__organization", "membership__consortium", "platform").only(
        "pk",
        "name",
        "stage",
        "stage_changed_at",
        "platform_id",
        "platform__name",
        "membership__organization__name",
        "membership__consortium__name",
        "membership__consortium__slug",
    )


def _median(histogram: list[tuple[int, int]]) -> float | None:
    """The median of values given as sorted (value, how many) pairs."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # the middle one, or the middle two
    found, seen = [], 0
    for value, count in histogram:
        while wanted and wanted[0] < seen + count:
            found.append(value)
            wanted.pop(0)
        seen += count
    return sum(found) / len(found)


def stage_times(integrations: QuerySet) -> list[StageTime]:
    """Median whole days of the completed stays in each stage, from the lengths the stage log
    stores as each stay ends: one grouped query returning a histogram (stage, days, count)."""
    changes = StageChange.objects.filter(days_in_stage__isnull=False)
    if integrations.query.where:
        changes = changes.filter(integration__in=integrations.order_by().values("pk"))
    # else every integration (ORCID admins, unfiltered): the stays index alone answers it.
    rows = changes.order_by().values_list("to_stage", "days_in_stage").annotate(n=Count("pk"))
    histograms: dict[str, list[tuple[int, int]]] = {}
    for stage, days, count in rows:
        histograms.setdefault(stage, []).append((days, count))
    result = []
    for stage, label in Stage.choices:
        histogram = sorted(histograms.get(stage, []))
        result.append(StageTime(stage, label, sum(c for _, c in histogram), _median(histogram)))
    return result


def badge_months(integrations: QuerySet, today: date, months: int = BADGE_MONTHS) -> list[BadgeMonth]:
    """Badges awarded in each of the last ``months`` calendar months, this one included."""
    first = add_months(today.replace(day=1), -(months - 1))
    counts: dict[tuple[int, int], dict[str, int]] = {}
    rows = (
        BadgeAward.objects.filter(integration__in=integrations.order_by().values("pk"), awarded_on__gte=first)
        .order_by()
        .values_list("awarded_on", "badge")
        .annotate(n=Count("pk"))
    )
    for awarded_on, badge, n in rows:
        month = counts.setdefault((awarded_on.year, awarded_on.month), {})
        month[badge] = month.get(badge, 0) + n
    result = []
    for index in range(months):
        starts = add_months(first, index)
        by_badge = counts.get((starts.year, starts.month), {})
        result.append(
            BadgeMonth(
                starts=starts,
                label=f"{starts:%b %Y}",
                count=sum(by_badge.values()),
                by_badge={badge: by_badge.get(badge, 0) for badge in Badge.values},
            )
        )
    return result


def _first_ids(querysets: list[QuerySet]) -> list[int]:
    """The ids the (sliced, ordered) ``values_list("pk")`` querysets select, in one statement: a
    UNION ALL of each one wrapped as a subquery (SQLite refuses LIMIT in a compound's parts)."""
    parts, params = [], []
    for queryset in querysets:
        try:
            sql, part_params = queryset.query.sql_with_params()
        except EmptyResultSet:
            continue
        # PostgreSQL before 16 needs an alias on a subquery in FROM; SQLite takes one too.
        parts.append(f"SELECT * FROM ({sql}) AS part{len(parts)}")
        params.extend(part_params)
    if not parts:
        return []
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


def pipeline(
    integrations: QuerySet,
    *,
    stuck_days: int = DEFAULT_STUCK_DAYS,
    cards: int = CARDS_PER_COLUMN,
    include_retired: bool = False,
    now: datetime | None = None,
    today: date | None = None,
) -> Pipeline:
    """The board and its figures for ``integrations`` (already scoped by the caller)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    integrations = integrations.order_by()
    counts = dict(integrations.values_list("stage").annotate(n=Count("pk")))
    stages = [s for s in Stage.choices if include_retired or s[0] != Stage.RETIRED]
    columns = {stage: Column(stage, label, counts.get(stage, 0)) for stage, label in stages}
    cutoff = now - timedelta(days=stuck_days)
    stuck_rows = integrations.filter(stage_changed_at__lt=cutoff).exclude(stage__in=SETTLED)
    stuck_count = stuck_rows.count()
    # The first cards of each column and the longest stuck: their ids in one statement (each part
    # over the (stage, stage_changed_at) index), then their rows in one more.
    oldest = ("stage_changed_at", "pk")
    parts = [stuck_rows.order_by(*oldest).values_list("pk")[:STUCK_CARDS]]
    if cards > 0:
        parts += [
            integrations.filter(stage=stage).order_by(*oldest).values_list("pk")[:cards]
            for stage in columns
            if counts.get(stage)
        ]
    ids = _first_ids(parts)
    stuck_ids = set(ids[: min(stuck_count, STUCK_CARDS)])
    rows = list(_card_rows(Integration.objects.filter(pk__in=set(ids))).order_by(*oldest)) if ids else []
    stuck = []
    column_ids = set(ids[len(stuck_ids) :])
    for row in rows:
        card = _card(row, now)
        if row.pk in stuck_ids:
            stuck.append(card)
        if row.pk in column_ids:
            columns[row.stage].cards.append(card)
    times = stage_times(integrations)
    return Pipeline(
        columns=list(columns.values()),
        stage_times=[t for t in times if t.stage != Stage.RETIRED],
        stuck_days=stuck_days,
        stuck_count=stuck_count,
        stuck=stuck,
        badge_months=badge_months(integrations, today),
        total=sum(counts.values()),
        in_progress=sum(counts.get(stage, 0) for stage in IN_PROGRESS),
        planned=counts.get(Stage.PLANNED, 0),
        live=counts.get(Stage.LIVE, 0),
        retired=counts.get(Stage.RETIRED, 0),
    )


def scoped(user, *, consortium=None, region=None, platform=None) -> QuerySet:
    """The integrations in ``user``'s scope, narrowed by the board's filters (objects or None)."""
    from consortia.accounts import policy

    integrations = policy.integrations_for(user)
    if consortium is not None:
        integrations = integrations.filter(membership__consortium=consortium)
    if region is not None:
        integrations = integrations.filter(membership__consortium__region=region)
    if platform is not None:
        integrations = integrations.filter(platform=platform)
    return integrations
