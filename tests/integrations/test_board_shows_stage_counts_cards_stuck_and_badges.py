"""A consortium's board counts integrations per stage (retired left out unless asked for), lists
the longest in each stage first with its days in stage, flags integrations with no change for N
days (not live nor retired), reports the in-progress count, the median time in each stage from the
stage log and the badges awarded per month."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.integrations import pipeline, services
from consortia.integrations.models import BadgeAward, Integration, Review, Stage, StageChange


def add(world, name, stage=Stage.PLANNED, days_ago=0, membership=None):
    membership = membership or world.alpha_membership
    integration = services.save_integration(
        world.alpha_admin if membership == world.alpha_membership else world.beta_admin,
        membership, name=name, system_type="repository", api="member",
    )  # fmt: skip
    at = timezone.now() - timedelta(days=days_ago)
    Integration.objects.filter(pk=integration.pk).update(stage=stage, stage_changed_at=at)
    if stage != Stage.PLANNED:
        StageChange.objects.create(integration=integration, from_stage=Stage.PLANNED, to_stage=stage, at=at)
    return integration


@pytest.fixture
def board(world):
    add(world, "Fresh plan", days_ago=1)
    add(world, "Old plan", days_ago=100)
    add(world, "Sandbox wait", Stage.SANDBOX_REQUESTED, days_ago=61)
    add(world, "Dev", Stage.IN_DEVELOPMENT, days_ago=10)
    add(world, "Live one", Stage.LIVE, days_ago=400)
    add(world, "Gone", Stage.RETIRED, days_ago=500)
    add(world, "Beta's", Stage.IN_DEVELOPMENT, days_ago=300, membership=world.beta_membership)


def test_columns_count_each_stage_and_leave_retired_out(world, board):
    figures = pipeline.pipeline(pipeline.scoped(world.alpha_admin, consortium=world.alpha))
    columns = {c.stage: c for c in figures.columns}
    assert Stage.RETIRED not in columns
    assert columns[Stage.PLANNED].count == 2
    assert [c.name for c in columns[Stage.PLANNED].cards] == ["Old plan", "Fresh plan"]
    assert columns[Stage.PLANNED].cards[0].days_in_stage == 100
    assert columns[Stage.PLANNED].cards[0].member == "Alpha University"
    assert figures.total == 6 and figures.retired == 1 and figures.live == 1
    assert figures.in_progress == 2  # sandbox requested and in development


def test_retired_column_when_asked(world, board):
    figures = pipeline.pipeline(pipeline.scoped(world.alpha_admin), include_retired=True)
    assert {c.stage: c.count for c in figures.columns}[Stage.RETIRED] == 1


def test_stuck_after_n_days_but_never_live_or_retired(world, board):
    scope = pipeline.scoped(world.alpha_admin)
    figures = pipeline.pipeline(scope)
    assert [c.name for c in figures.stuck] == ["Old plan", "Sandbox wait"]
    assert figures.stuck_count == 2
    assert pipeline.pipeline(scope, stuck_days=5).stuck_count == 3
    assert pipeline.pipeline(scope, stuck_days=90).stuck_count == 1


def test_time_in_stage_is_the_median_stay_from_the_stage_log(world):
    now = timezone.now()
    for name, stays in (("A", 10), ("B", 20), ("C", 40)):
        integration = add(world, name)
        # The planned stay ended with the next change after ``stays`` days (what the log stores).
        StageChange.objects.filter(integration=integration).update(
            at=now - timedelta(days=100), days_in_stage=stays
        )
        StageChange.objects.create(
            integration=integration, from_stage=Stage.PLANNED, to_stage=Stage.SANDBOX_REQUESTED,
            at=now - timedelta(days=100 - stays),
        )  # fmt: skip
    times = {t.stage: t for t in pipeline.stage_times(pipeline.scoped(world.alpha_admin))}
    assert times[Stage.PLANNED].median_days == 20
    assert times[Stage.PLANNED].stays == 3
    assert times[Stage.SANDBOX_REQUESTED].median_days is None  # still there: not a completed stay


def test_badges_per_month_for_the_last_twelve_months(world):
    integration = add(world, "Badged", Stage.LIVE)
    review = Review.objects.create(integration=integration, kind="orcid", badge="collect", outcome="passed")
    today = timezone.localdate()
    BadgeAward.objects.create(integration=integration, badge="authenticate", awarded_on=today, review=review)
    BadgeAward.objects.create(integration=integration, badge="collect", awarded_on=today, review=review)
    figures = pipeline.pipeline(pipeline.scoped(world.alpha_admin), today=today)
    assert len(figures.badge_months) == 12
    assert figures.badge_months[-1].count == 2
    assert figures.badge_months[-1].by_badge["collect"] == 1
    assert figures.badges_awarded == 2
    assert pipeline.pipeline(pipeline.scoped(world.beta_admin)).badges_awarded == 0
