"""/consortia: listed in scope; profile kept by the consortium's admins; created by ORCID admins only."""

import pytest

from consortia.audit.models import AuditEntry
from consortia.directory.models import Consortium
from tests import factories


def slugs(response):
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


def test_orcid_admin_filters_consortia_by_region_status_and_q(api_for, world):
    factories.consortium("Gamma Network", "gamma", world.apac, status="onboarding")
    client = api_for("orcid_admin")

    assert slugs(client.get("/consortia")) == ["alpha", "beta", "gamma"]
    assert slugs(client.get("/consortia", {"region": "emea"})) == ["beta"]
    assert slugs(client.get("/consortia", {"status": "onboarding"})) == ["gamma"]
    assert slugs(client.get("/consortia", {"q": "GAM"})) == ["gamma"]


def test_each_role_lists_the_consortia_of_its_scope(api_for, world):
    assert slugs(api_for("regional").get("/consortia")) == ["alpha"]
    assert slugs(api_for("beta_staff").get("/consortia")) == ["beta"]
    assert slugs(api_for("alpha_member").get("/consortia")) == ["alpha"]


def test_consortium_shows_its_member_counts(api_for, world):
    factories.membership(world.alpha, status="onboarding", with_lead_contacts=False)
    factories.membership(world.alpha, status="left", with_lead_contacts=False)

    body = api_for("alpha_admin").get("/consortia/alpha").json()

    assert (body["active_members"], body["current_members"]) == (1, 2)
    assert body["region"] == {"slug": "apac", "name": "Asia Pacific"}


def test_consortium_admin_updates_the_profile(api_for, world):
    response = api_for("alpha_admin").patch(
        "/consortia/alpha",
        {
            "support_email": "support@alpha.example",
            "agreement_date": "2025-03-01",
            "implementation_approach": "central",
            "cost_recovery_model": "tiered",
        },
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["agreement_date"], body["implementation_approach"]) == ("2025-03-01", "central")
    entry = AuditEntry.objects.get(action="consortium.updated")
    assert entry.consortium_id == world.alpha.pk
    assert set(entry.changes) == {
        "support_email",
        "agreement_date",
        "implementation_approach",
        "cost_recovery_model",
    }


@pytest.mark.parametrize("name", ["alpha_staff", "alpha_member", "regional"])
def test_only_the_consortium_admin_or_orcid_admin_updates_the_profile(api_for, world, name):
    response = api_for(name).patch("/consortia/alpha", {"funding": "A grant"})

    assert response.status_code == 403
    world.alpha.refresh_from_db()
    assert world.alpha.funding == ""


def test_bad_profile_values_are_named(api_for):
    response = api_for("alpha_admin").patch(
        "/consortia/alpha", {"time_zone": "Middle/Earth", "support_model": "volunteers"}
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"time_zone", "support_model"}


def test_orcid_admin_creates_a_consortium(api_for, world):
    lead = factories.organization("Royal Society Te Apārangi", "NZ")

    response = api_for("orcid_admin").post(
        "/consortia",
        {
            "slug": "nz-orcid",
            "name": "ORCID New Zealand",
            "region": "apac",
            "lead_organization_id": lead.pk,
            "country": "nz",
            "currency": "nzd",
            "time_zone": "Pacific/Auckland",
            "agreement_date": "2016-01-15",
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["slug"], body["country"], body["currency"], body["status"]) == (
        "nz-orcid",
        "NZ",
        "NZD",
        "onboarding",
    )
    assert body["lead_organization"]["id"] == lead.pk
    assert AuditEntry.objects.filter(action="consortium.created", consortium__slug="nz-orcid").exists()


@pytest.mark.parametrize("name", ["regional", "alpha_admin"])
def test_only_orcid_admins_create_consortia(api_for, world, name):
    response = api_for(name).post(
        "/consortia",
        {
            "slug": "rogue",
            "name": "Rogue",
            "region": "apac",
            "lead_organization_id": world.alpha.lead_organization_id,
            "country": "NZ",
            "currency": "NZD",
        },
    )

    assert response.status_code == 403
    assert not Consortium.objects.filter(slug="rogue").exists()


def test_consortium_slug_must_be_new_and_references_must_exist(api_for, world):
    client = api_for("orcid_admin")
    fields = {
        "name": "Again",
        "region": "apac",
        "lead_organization_id": world.alpha.lead_organization_id,
        "country": "NZ",
        "currency": "NZD",
    }

    taken = client.post("/consortia", {**fields, "slug": "alpha"})
    no_region = client.post("/consortia", {**fields, "slug": "again", "region": "mars"})
    no_lead = client.post("/consortia", {**fields, "slug": "again", "lead_organization_id": 999999})

    assert taken.status_code == no_region.status_code == no_lead.status_code == 400
    assert "already exists" in taken.json()["fields"]["slug"][0]
    assert "region" in no_region.json()["fields"]
    assert "lead_organization_id" in no_lead.json()["fields"]
