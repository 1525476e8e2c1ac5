"""GET /desk-metrics: a desk's figures for a period as JSON (working seconds, rates as decimal
strings); a desk outside the caller's scope is 404, a bad date a 400 naming its field."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from consortia.support import services
from consortia.support.models import SatisfactionRating, Ticket
from tests.conftest import OUTSIDERS_OF_BETA

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def beta_tickets(world):
    for n, (seconds, breached) in enumerate([(600, False), (1200, False), (90000, True)]):
        ticket = services.open_ticket(world.beta_member, world.beta.desk, subject=f"Q{n}", body="Help.")
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=datetime(2025, 3, 1 + n, 10, tzinfo=BERLIN),
            first_response_seconds=seconds,
            first_response_breached=breached,
            is_breached=breached,
            category="integration" if n else "account",
        )
        SatisfactionRating.objects.create(ticket=ticket, score=3 + n % 2)


def test_desk_metrics_as_json(world, api_for, beta_tickets):
    response = api_for("beta_staff").get(
        "/desk-metrics", {"desk": world.beta.desk.slug, "from": "2025-01-01", "to": "2025-12-31"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["desk"], body["time_zone"], body["granularity"]) == (
        world.beta.desk.slug,
        "Europe/Berlin",
        "month",
    )
    assert body["total"] == 3
    assert body["first_response_median_seconds"] == 1200
    assert body["first_response_p90_seconds"] == 90000
    assert body["within_sla_rate"] == "0.6667"
    assert body["escalation_rate"] == "0.0000"
    assert (body["satisfaction_average"], body["satisfaction_count"]) == ("3.3333", 3)
    assert {row["category"]: row["count"] for row in body["by_category"]}["integration"] == 2
    assert [row["tier"] for row in body["by_tier"]] == [1, 2, 3]
    assert [p["count"] for p in body["periods"]][2] == 3
    assert body["backlog_now"] == 3 and body["breach_count"] == 1


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_a_desk_out_of_scope_is_404(world, api_for, name):
    response = api_for(name).get("/desk-metrics", {"desk": world.beta.desk.slug})
    assert response.status_code == 404


def test_an_unknown_desk_is_404_and_a_missing_one_400(world, api_for):
    assert api_for("orcid_admin").get("/desk-metrics", {"desk": "nope"}).status_code == 404
    response = api_for("orcid_admin").get("/desk-metrics")
    assert response.status_code == 400 and "desk" in response.json()["fields"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-13-01"}, "from"),
        ({"to": "31/12/2025"}, "to"),
        ({"from": "2025-06-01", "to": "2025-05-01"}, "to"),
        ({"from": "2015-01-01", "to": "2025-01-01"}, "to"),
    ],
)
def test_bad_dates_are_400_with_the_field_named(world, api_for, params, field):
    response = api_for("orcid_admin").get("/desk-metrics", {"desk": world.beta.desk.slug, **params})
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_the_default_period_is_the_last_twelve_months(world, api_for):
    body = api_for("beta_admin").get("/desk-metrics", {"desk": world.beta.desk.slug}).json()
    assert body["end"] > body["start"]
    assert len(body["periods"]) in (12, 13)
