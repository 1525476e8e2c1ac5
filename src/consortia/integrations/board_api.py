"""``GET /pipeline``: the integrations pipeline's figures, the same as the board pages.

ORCID sees every consortium in its scope, or one with ``consortium=<slug>``; a consortium's team
its own consortium (another consortium is 404 like a typo). Member contacts have no pipeline (403).
``stuck_days`` (default 60) is the days without a stage change after which an integration that is
not live nor retired counts as stuck; a bad value is a 400 naming it.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from pydantic import Field

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.api_helpers import ERRORS, get_in_scope_or_404, whole_number
from consortia.integrations import pipeline
from consortia.lib.dates import today_in

router = Router()


class PipelineParams(Schema):
    consortium: str = Field("", description="Consortium slug (default: every consortium in scope)")
    stuck_days: str = Field("", description=f"Days without a change (default {pipeline.DEFAULT_STUCK_DAYS})")
    cards: str = Field("", description=f"Cards per stage, 1 to {pipeline.CARDS_PER_COLUMN * 5}")


class CardOut(Schema):
    id: int
    name: str
    member: str
    consortium: str
    platform: str
    stage: str
    stage_changed_at: str
    days_in_stage: int


class ColumnOut(Schema):
    stage: str
    label: str
    count: int
    cards: list[CardOut] = Field(description="The longest in the stage first")


class StageTimeOut(Schema):
    stage: str
    label: str
    stays: int = Field(description="Completed stays measured (entering the stage to the next change)")
    median_days: float | None


class BadgeMonthOut(Schema):
    month: date = Field(description="The month's first day")
    count: int
    by_badge: dict[str, int]


class PipelineOut(Schema):
    consortium: str | None
    total: int = Field(description="Integrations in scope, retired included")
    in_progress: int = Field(description="Sandbox requested to production credentials issued")
    planned: int
    live: int
    retired: int
    columns: list[ColumnOut] = Field(description="One per stage but retired")
    stage_times: list[StageTimeOut]
    stuck_days: int
    stuck_count: int
    stuck: list[CardOut] = Field(description="The longest stuck first")
    badges_per_month: list[BadgeMonthOut] = Field(description="The last 12 months, this one included")


def _card(card: pipeline.Card) -> dict:
    return {
        "id": card.pk,
        "name": card.name,
        "member": card.member,
        "consortium": card.consortium_slug,
        "platform": card.platform,
        "stage": card.stage,
        "stage_changed_at": card.stage_changed_at.isoformat(),
        "days_in_stage": card.days_in_stage,
    }


def pipeline_body(figures: pipeline.Pipeline, consortium) -> dict:
    return {
        "consortium": consortium.slug if consortium is not None else None,
        "total": figures.total,
        "in_progress": figures.in_progress,
        "planned": figures.planned,
        "live": figures.live,
        "retired": figures.retired,
        "columns": [
            {"stage": c.stage, "label": c.label, "count": c.count, "cards": [_card(x) for x in c.cards]}
            for c in figures.columns
        ],
        "stage_times": [
            {"stage": t.stage, "label": t.label, "stays": t.stays, "median_days": t.median_days}
            for t in figures.stage_times
        ],
        "stuck_days": figures.stuck_days,
        "stuck_count": figures.stuck_count,
        "stuck": [_card(x) for x in figures.stuck],
        "badges_per_month": [
            {"month": m.starts, "count": m.count, "by_badge": m.by_badge} for m in figures.badge_months
        ],
    }


@router.get("/pipeline", response={200: PipelineOut, **ERRORS}, tags=["integrations"])
def pipeline_figures(request, params: Query[PipelineParams]):
    """Integrations by stage with the first cards of each, the median time in each stage, stuck
    integrations and badges awarded per month, for a consortium or every consortium in scope."""
    user = request.auth
    if user.role == Role.MEMBER_CONTACT:
        raise PermissionDenied("The pipeline is for consortium teams and ORCID.")
    stuck_days = pipeline.parse_stuck_days(params.stuck_days)
    cards = pipeline.CARDS_PER_COLUMN
    if params.cards.strip():
        cards = min(whole_number("cards", params.cards, default=cards), pipeline.CARDS_PER_COLUMN * 5)
    consortium = None
    if params.consortium.strip():
        consortium = get_in_scope_or_404(policy.consortia_for(user), slug=params.consortium.strip())
    elif user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF):
        consortium = user.consortium
    today = today_in(consortium.time_zone) if consortium is not None else None
    figures = pipeline.pipeline(
        pipeline.scoped(user, consortium=consortium), stuck_days=stuck_days, cards=cards, today=today
    )
    return pipeline_body(figures, consortium)
