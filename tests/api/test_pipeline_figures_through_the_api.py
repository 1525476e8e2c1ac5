"""GET /pipeline gives the board's figures: ORCID over every consortium in scope or one, a
consortium's team its own (another's is 404), member contacts 403, a bad stuck_days 400; the
query count is the same with few integrations as with many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consortia.integrations import services
from consortia.integrations.models import Integration, Stage


@pytest.fixture
def integrations(world):
    alpha = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Pure", system_type="cris"
    )
    Integration.objects.filter(pk=alpha.pk).update(stage_changed_at=timezone.now() - timedelta(days=70))
    services.save_integration(world.beta_admin, world.beta_membership, name="OJS", system_type="publishing")


def test_orcid_gets_every_consortium_or_one(world, api_for, integrations):
    api = api_for("orcid_admin")
    body = api.get("/pipeline").json()
    assert body["total"] == 2 and body["consortium"] is None
    planned = next(c for c in body["columns"] if c["stage"] == Stage.PLANNED)
    assert planned["count"] == 2
    assert {card["consortium"] for card in planned["cards"]} == {"alpha", "beta"}
    assert len(body["badges_per_month"]) == 12
    one = api.get("/pipeline", {"consortium": "beta"}).json()
    assert one["total"] == 1 and one["consortium"] == "beta"


def test_stuck_days_from_the_query(world, api_for, integrations):
    api = api_for("alpha_admin")
    assert api.get("/pipeline").json()["stuck_count"] == 1
    assert api.get("/pipeline", {"stuck_days": "100"}).json()["stuck_count"] == 0
    response = api.get("/pipeline", {"stuck_days": "soon"})
    assert response.status_code == 400 and "stuck_days" in response.json()["detail"]


def test_a_consortium_team_sees_its_own_and_404_for_another(world, api_for, integrations):
    api = api_for("alpha_staff")
    body = api.get("/pipeline").json()
    assert body["consortium"] == "alpha" and body["total"] == 1
    assert api.get("/pipeline", {"consortium": "beta"}).status_code == 404
    assert api_for("regional").get("/pipeline", {"consortium": "beta"}).status_code == 404


def test_member_contacts_have_no_pipeline(world, api_for):
    assert api_for("alpha_member").get("/pipeline").status_code == 403


def test_query_count_is_constant(world, api_for, integrations):
    api = api_for("orcid_admin")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/pipeline").status_code == 200
        return len(captured.captured_queries)

    queries()  # the first call of a token records its use
    few = queries()
    for n in range(30):
        services.save_integration(
            world.alpha_admin, world.alpha_membership, name=f"S{n}", system_type="other"
        )
    assert queries() == few
