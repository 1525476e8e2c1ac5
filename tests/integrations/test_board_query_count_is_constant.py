"""The board page, ORCID's board and the pipeline figures take the same number of queries with
few integrations as with many (grouped queries, never one per integration or stage log row)."""

from datetime import timedelta

from django.utils import timezone

from consortia.integrations import pipeline
from consortia.integrations.models import BadgeAward, Integration, Platform, Review, Stage, StageChange

STAGES = list(Stage.values)


def grow(world, count, start=0):
    platform, _ = Platform.objects.get_or_create(name="DSpace")
    now = timezone.now()
    for n in range(start, start + count):
        stage = STAGES[n % len(STAGES)]
        integration = Integration.objects.create(
            membership=world.alpha_membership if n % 2 else world.beta_membership,
            name=f"System {n}", system_type="repository", platform=platform, stage=stage,
            stage_changed_at=now - timedelta(days=n * 7),
        )  # fmt: skip
        # The stay in "planned" ended with the second change, as services' log records it.
        StageChange.objects.create(
            integration=integration, to_stage=Stage.PLANNED, at=now - timedelta(days=900),
            days_in_stage=900 - n * 7,
        )  # fmt: skip
        StageChange.objects.create(
            integration=integration, from_stage=Stage.PLANNED, to_stage=stage, at=now - timedelta(days=n * 7)
        )
        review = Review.objects.create(
            integration=integration, kind="orcid", badge="authenticate", outcome="passed"
        )
        BadgeAward.objects.create(
            integration=integration, badge="authenticate", awarded_on=timezone.localdate(), review=review
        )


def count_queries(call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_pipeline_figures_take_the_same_queries_at_two_sizes(world):
    grow(world, 3)
    scope = pipeline.scoped(world.orcid_admin)
    few = count_queries(lambda: pipeline.pipeline(scope))
    grow(world, 40, start=3)
    many = count_queries(lambda: pipeline.pipeline(scope))
    assert few == many <= 7


def test_board_pages_take_the_same_queries_at_two_sizes(world, client_for):
    grow(world, 3)
    orcid, alpha = client_for("orcid_admin"), client_for("alpha_admin")
    urls = [(orcid, "/integrations/board/"), (orcid, "/integrations/board/?retired=1&stuck_days=10"),
            (alpha, "/consortia/alpha/integrations/board/")]  # fmt: skip
    few = [count_queries(lambda c=c, u=u: c.get(u)) for c, u in urls]
    grow(world, 40, start=3)
    many = [count_queries(lambda c=c, u=u: c.get(u)) for c, u in urls]
    assert few == many
    for client, url in urls:
        assert client.get(url).status_code == 200


def test_time_in_stage_follows_a_new_stage_change(world):
    grow(world, 3)
    scope = pipeline.scoped(world.orcid_admin)
    before = {t.stage: t.stays for t in pipeline.pipeline(scope).stage_times}
    grow(world, 2, start=3)
    after = {t.stage: t.stays for t in pipeline.pipeline(scope).stage_times}
    assert after[Stage.PLANNED] == before[Stage.PLANNED] + 2
