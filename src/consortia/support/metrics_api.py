"""``GET /desk-metrics``: one desk's figures for a period, the same as its metrics page.

The desk is found through ``policy.desks_for`` (a consortium team its own desk, ORCID the desks in
its scope), so another desk is 404 like a typo; a bad date is a 400 naming ``from`` or ``to``.
Durations are working seconds (integers); rates and the satisfaction average are decimal strings
with four places ("0.8125" is 81.25 %), null when there is nothing to measure.
"""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from pydantic import Field

from consortia.accounts import policy
from consortia.api_helpers import ERRORS, get_in_scope_or_404
from consortia.lib.dates import today_in
from consortia.support import metrics

router = Router()

RATE_TEXT = 'A decimal string with four places, e.g. "0.8125" for 81.25 %; null when nothing to measure'


class DeskMetricsParams(Schema):
    desk: str = Field("", description="Desk slug")
    from_: str = Field("", alias="from", description="First day, YYYY-MM-DD (default: a year before `to`)")
    to: str = Field("", description="Last day, YYYY-MM-DD (default: today in the desk's time zone)")


class CategoryCountOut(Schema):
    category: str
    label: str
    count: int


class TierCountOut(Schema):
    tier: int
    label: str
    count: int


class PeriodOut(Schema):
    starts: date
    ends: date = Field(description="Last day, included")
    count: int
    first_response_median_seconds: int | None


class DeskMetricsOut(Schema):
    desk: str
    name: str
    time_zone: str = Field(description="Days are counted in the desk calendar's time zone")
    start: date
    end: date
    granularity: str = Field(description="week or month: the length of each entry of `periods`")
    total: int = Field(description="Tickets created in the period")
    by_category: list[CategoryCountOut] = Field(description="The largest first")
    by_tier: list[TierCountOut]
    periods: list[PeriodOut]
    first_response_median_seconds: int | None = Field(description="Working seconds")
    first_response_p90_seconds: int | None
    first_responses: int = Field(description="Tickets with a first response")
    answered_within_sla: int
    sla_measured: int = Field(description="Tickets answered, or not answered and past the target")
    within_sla_rate: str | None = Field(description=RATE_TEXT)
    resolution_median_seconds: int | None = Field(description="Working seconds")
    resolution_p90_seconds: int | None
    resolved: int
    escalated: int
    escalation_rate: str | None = Field(description=RATE_TEXT)
    satisfaction_average: str | None = Field(description="1 to 5, four places")
    satisfaction_count: int
    backlog_at_end: int = Field(description="Tickets open at the end of the period (or now, if sooner)")
    backlog_now: int
    breach_count: int = Field(description="Tickets of the period that missed an SLA target")


def _text(value) -> str | None:
    return None if value is None else f"{value:.4f}"


def metrics_body(figures: metrics.DeskMetrics) -> dict:
    return {
        "desk": figures.desk.slug,
        "name": figures.desk.name,
        "time_zone": figures.time_zone,
        "start": figures.start,
        "end": figures.end,
        "granularity": figures.granularity,
        "total": figures.total,
        "by_category": [
            {"category": row.key, "label": row.label, "count": row.count} for row in figures.by_category
        ],
        "by_tier": [
            {"tier": int(row.key), "label": row.label, "count": row.count} for row in figures.by_tier
        ],
        "periods": [
            {
                "starts": bucket.starts,
                "ends": bucket.ends,
                "count": bucket.count,
                "first_response_median_seconds": bucket.first_response_median,
            }
            for bucket in figures.buckets
        ],
        "first_response_median_seconds": figures.first_response_median,
        "first_response_p90_seconds": figures.first_response_p90,
        "first_responses": figures.first_responses,
        "answered_within_sla": figures.answered_within_sla,
        "sla_measured": figures.sla_measured,
        "within_sla_rate": _text(figures.within_sla_rate),
        "resolution_median_seconds": figures.resolution_median,
        "resolution_p90_seconds": figures.resolution_p90,
        "resolved": figures.resolved,
        "escalated": figures.escalated,
        "escalation_rate": _text(figures.escalation_rate),
        "satisfaction_average": _text(figures.satisfaction_average),
        "satisfaction_count": figures.satisfaction_count,
        "backlog_at_end": figures.backlog_at_end,
        "backlog_now": figures.backlog_now,
        "breach_count": figures.breach_count,
    }


@router.get("/desk-metrics", response={200: DeskMetricsOut, **ERRORS}, tags=["support"])
def desk_metrics(request, params: Query[DeskMetricsParams]):
    """A desk's volume, response and resolution times, share within SLA, escalation rate,
    satisfaction and backlog for tickets created from `from` to `to` (both included)."""
    if not params.desk.strip():
        raise ValidationError({"desk": "Name the desk by its slug."})
    desk = get_in_scope_or_404(
        policy.desks_for(request.auth).select_related("calendar"), slug=params.desk.strip()
    )
    start, end = metrics.parse_period(params.from_, params.to, today=today_in(desk.calendar.time_zone))
    return metrics_body(metrics.desk_metrics(desk, start, end))
