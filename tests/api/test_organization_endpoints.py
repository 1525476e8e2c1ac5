"""/organizations: searched in scope; added by consortium teams; edited by the member's team or itself."""

import pytest

from consortia.audit.models import AuditEntry
from consortia.directory.models import Organization
from tests import factories


def names(response):
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def alpha_members(world):
    return [
        factories.membership(
            world.alpha,
            factories.organization(
                "Kiwi Funders", "NZ", community_type="funder", organization_type="funder", tier="small"
            ),
        ),
        factories.membership(world.alpha, factories.organization("Canberra Institute", "AU")),
    ]


def test_organizations_are_searched_and_filtered(api_for, world, alpha_members):
    client = api_for("alpha_admin")
    kiwi = alpha_members[0].organization

    assert names(client.get("/organizations", {"q": "kiwi"})) == ["Kiwi Funders"]
    assert names(client.get("/organizations", {"q": f"https://ror.org/{kiwi.ror_id}"})) == ["Kiwi Funders"]
    assert names(client.get("/organizations", {"country": "AU"})) == ["Canberra Institute"]
    assert names(client.get("/organizations", {"tier": "small"})) == ["Kiwi Funders"]
    assert names(client.get("/organizations", {"community_type": "funder"})) == ["Kiwi Funders"]
    assert names(client.get("/organizations", {"organization_type": "funder"})) == ["Kiwi Funders"]


def test_the_consortium_lead_organization_is_in_scope(api_for, world):
    assert "Alpha Consortium Lead Organization" in names(api_for("alpha_staff").get("/organizations"))


@pytest.mark.parametrize("name", ["orcid_admin", "alpha_admin", "alpha_staff"])
def test_consortium_teams_and_orcid_admins_add_organizations(api_for, name):
    response = api_for(name).post(
        "/organizations", {"name": "New Institute", "country": "NZ", "city": "Dunedin"}
    )

    assert response.status_code == 201, response.json()
    assert Organization.objects.filter(name="New Institute", city="Dunedin").exists()


def test_regional_staff_do_not_add_organizations(api_for):
    assert (
        api_for("regional").post("/organizations", {"name": "New Institute", "country": "NZ"}).status_code
        == 403
    )


def test_a_ror_id_is_checked_and_unique(api_for, world):
    client = api_for("alpha_admin")
    taken = world.alpha_membership.organization.ror_id

    bad = client.post("/organizations", {"name": "Typo", "country": "NZ", "ror_id": "012345678"})
    duplicate = client.post("/organizations", {"name": "Twin", "country": "NZ", "ror_id": taken})

    assert bad.status_code == duplicate.status_code == 400
    assert "ror_id" in bad.json()["fields"]
    assert "already exists" in duplicate.json()["fields"]["ror_id"][0]


def test_the_consortium_team_edits_a_member_organization(api_for, world):
    organization = world.alpha_membership.organization

    response = api_for("alpha_staff").patch(f"/organizations/{organization.pk}", {"tier": "large"})

    assert response.status_code == 200
    assert response.json()["tier"] == "large"
    entry = AuditEntry.objects.get(action="organization.updated")
    assert entry.membership_id == world.alpha_membership.pk and not entry.needs_orcid_review


def test_regional_staff_see_but_do_not_edit_member_organizations(api_for, world):
    organization = world.alpha_membership.organization
    client = api_for("regional")

    assert client.get(f"/organizations/{organization.pk}").status_code == 200
    assert client.patch(f"/organizations/{organization.pk}", {"tier": "large"}).status_code == 403


def test_orcid_admin_edits_an_organization_without_a_membership(api_for, world):
    lead = world.beta.lead_organization

    response = api_for("orcid_admin").patch(f"/organizations/{lead.pk}", {"website": "https://beta.example"})

    assert response.status_code == 200
    assert response.json()["website"] == "https://beta.example"


def test_an_organization_whose_membership_ended_is_not_edited_by_the_team(api_for, world):
    membership = factories.membership(world.alpha, status="left", with_lead_contacts=False)

    response = api_for("alpha_admin").patch(
        f"/organizations/{membership.organization.pk}", {"city": "Elsewhere"}
    )

    assert response.status_code == 403


def test_null_clears_a_text_field_but_not_a_required_one(api_for, world):
    organization = world.alpha_membership.organization
    organization.city = "Auckland"
    organization.save(update_fields=["city"])
    client = api_for("alpha_admin")

    cleared = client.patch(f"/organizations/{organization.pk}", {"city": None})
    unnamed = client.patch(f"/organizations/{organization.pk}", {"name": None})

    assert (cleared.status_code, cleared.json()["city"]) == (200, "")
    assert unnamed.status_code == 400
    assert unnamed.json()["fields"] == {"name": ["An organization needs a name."]}
