"""GET /memberships: the member list of the web page, with its filters, search, sorts and pages."""

import pytest

from consortia.directory.models import Membership
from tests import factories


@pytest.fixture
def alpha_members(world):
    """Alpha University (active, from the world) plus four more members of alpha."""
    alpha = world.alpha
    return {
        "kiwi": factories.membership(
            alpha,
            factories.organization("Kiwi Research Institute", "NZ", city="Wellington", tier="small"),
            status="onboarding",
            with_lead_contacts=False,
        ),
        "tasman": factories.membership(
            alpha,
            factories.organization("Tasman Funders", "AU", community_type="funder"),
            status="active",
            member_type="premium",
        ),
        "left": factories.membership(
            alpha,
            factories.organization("Old College", "NZ"),
            status="left",
            with_lead_contacts=False,
        ),
        "enquiry": factories.membership(
            alpha,
            factories.organization("Zealand Press", "NZ", community_type="publisher", tier="large"),
            status="enquiry",
            with_lead_contacts=False,
        ),
    }


def names(response):
    assert response.status_code == 200, response.json()
    return [row["organization"]["name"] for row in response.json()["results"]]


def test_consortium_filter_lists_only_that_consortiums_members(api_for, world, alpha_members):
    response = api_for("orcid_admin").get("/memberships", {"consortium": "alpha"})

    assert names(response) == [
        "Alpha University",
        "Kiwi Research Institute",
        "Old College",
        "Tasman Funders",
        "Zealand Press",
    ]
    assert {row["consortium"] for row in response.json()["results"]} == {"alpha"}


def test_status_current_means_enquiry_to_active(api_for, alpha_members):
    response = api_for("alpha_admin").get("/memberships", {"status": "current"})

    assert "Old College" not in names(response)
    assert len(names(response)) == 4


def test_status_filter_takes_one_status(api_for, alpha_members):
    assert names(api_for("alpha_admin").get("/memberships", {"status": "onboarding"})) == [
        "Kiwi Research Institute"
    ]


def test_tier_member_type_community_type_and_country_filters(api_for, alpha_members):
    client = api_for("alpha_staff")

    assert names(client.get("/memberships", {"tier": "small"})) == ["Kiwi Research Institute"]
    assert names(client.get("/memberships", {"member_type": "premium"})) == ["Tasman Funders"]
    assert names(client.get("/memberships", {"community_type": "publisher"})) == ["Zealand Press"]
    assert names(client.get("/memberships", {"country": "au"})) == ["Tasman Funders"]


def test_q_searches_name_city_and_ror_id(api_for, alpha_members):
    client = api_for("alpha_admin")
    tasman_ror = alpha_members["tasman"].organization.ror_id

    assert names(client.get("/memberships", {"q": "kiwi"})) == ["Kiwi Research Institute"]
    assert names(client.get("/memberships", {"q": "wellington"})) == ["Kiwi Research Institute"]
    assert names(client.get("/memberships", {"q": tasman_ror.upper()})) == ["Tasman Funders"]


def test_sort_follows_the_member_list_sorts(api_for, alpha_members):
    client = api_for("alpha_admin")

    assert names(client.get("/memberships", {"sort": "-name"}))[0] == "Zealand Press"
    assert names(client.get("/memberships", {"sort": "country"}))[0] == "Tasman Funders"


def test_unknown_sort_or_status_is_400_naming_the_allowed_values(api_for, alpha_members):
    client = api_for("alpha_admin")

    bad_sort = client.get("/memberships", {"sort": "budget"})
    bad_status = client.get("/memberships", {"status": "sleeping"})

    assert bad_sort.status_code == 400
    assert "name" in bad_sort.json()["fields"]["sort"][0]
    assert bad_status.status_code == 400
    assert "current" in bad_status.json()["detail"]


def test_pages_split_the_list_and_count_all_rows(api_for, alpha_members):
    client = api_for("alpha_admin")

    first = client.get("/memberships", {"page_size": 2}).json()
    third = client.get("/memberships", {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert (first["page"], first["page_size"], len(first["results"])) == (1, 2, 2)
    assert (third["page"], len(third["results"])) == (3, 1)
    assert third["results"][0]["organization"]["name"] == "Zealand Press"


def test_a_page_past_the_end_is_empty(api_for, alpha_members):
    body = api_for("alpha_admin").get("/memberships", {"page_size": 2, "page": 9}).json()

    assert body == {"count": 5, "page": 9, "page_size": 2, "results": []}


def test_list_rows_carry_contact_count_and_pending_request(api_for, world, alpha_members):
    Membership.objects.filter(pk=alpha_members["kiwi"].pk).first().requests.create(kind="add")

    rows = {
        row["organization"]["name"]: row
        for row in api_for("alpha_admin").get("/memberships").json()["results"]
    }

    assert rows["Alpha University"]["contact_count"] == 2
    assert rows["Alpha University"]["has_pending_request"] is False
    assert rows["Kiwi Research Institute"]["has_pending_request"] is True
