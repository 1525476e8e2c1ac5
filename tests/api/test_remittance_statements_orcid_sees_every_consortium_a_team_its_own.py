"""GET /remittance-statements?year= shows what each lead owes ORCID: ORCID every consortium in its
scope with a schedule that year, a consortium's team only its own, member contacts nothing."""

from datetime import date

import pytest

from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def schedules(world):
    world.alpha.agreement_date = date(2026, 3, 1)
    world.alpha.save()
    factories.fee_schedule(world.alpha, consortium_lead_fee="2500.00")
    factories.fee_schedule(world.beta)


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["consortium"] for row in response.json()["results"]]


def test_orcid_admins_see_every_consortium_with_its_figures(api_for, schedules):
    client = api_for("orcid_admin")

    body = client.get("/remittance-statements", {"year": "2026"}).json()

    assert [row["consortium"] for row in body["results"]] == ["alpha", "beta"]
    alpha = body["results"][0]
    assert alpha["currency"] == "USD"
    assert [(line["description"], line["amount"]) for line in alpha["lines"]] == [
        ("Member fee: Alpha University", "1000.00"),
        ("Consortium lead fee", "2500.00"),
    ]
    assert (alpha["total"], alpha["paid"], alpha["balance"], alpha["is_paid"]) == (
        "3500.00",
        "0.00",
        "3500.00",
        False,
    )
    assert alpha["due_on"] == "2026-04-30"  # 60 days after signing
    assert slugs(client.get("/remittance-statements", {"year": "2025"})) == []


def test_regional_staff_see_their_region_and_teams_their_own(api_for, schedules):
    assert slugs(api_for("regional").get("/remittance-statements", {"year": "2026"})) == ["alpha"]
    assert slugs(api_for("beta_staff").get("/remittance-statements", {"year": "2026"})) == ["beta"]
    assert slugs(api_for("alpha_admin").get("/remittance-statements", {"year": "2026"})) == ["alpha"]


def test_member_contacts_see_no_statement(api_for, schedules):
    client = api_for("alpha_member")

    assert slugs(client.get("/remittance-statements", {"year": "2026"})) == []
    assert client.get("/remittance-statements/alpha/2026").status_code == 404


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_statement(api_for, schedules, name):
    client = api_for(name)

    assert client.get("/remittance-statements/beta/2026").status_code == 404
    assert "beta" not in slugs(client.get("/remittance-statements", {"year": "2026"}))


def test_one_statement_and_a_year_without_a_schedule(api_for, schedules):
    client = api_for("alpha_admin")

    assert client.get("/remittance-statements/alpha/2026").json()["total"] == "3500.00"
    assert client.get("/remittance-statements/alpha/2027").status_code == 404
    assert client.get("/remittance-statements", {"year": "soon"}).status_code == 400
