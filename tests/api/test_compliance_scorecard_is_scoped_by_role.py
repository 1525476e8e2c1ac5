"""GET /compliance: ORCID roles see every consortium in scope, a consortium's team its own,
member contacts nothing (403)."""

import pytest


def slugs(client, params=None):
    response = client.get("/compliance", params or {})
    assert response.status_code == 200, response.content
    return [row["consortium"] for row in response.json()["results"]]


def test_orcid_admins_see_every_consortium(api_for, world):
    assert sorted(slugs(api_for("orcid_admin"))) == ["alpha", "beta"]


def test_regional_staff_see_their_region(api_for, world):
    assert slugs(api_for("regional")) == ["alpha"]


@pytest.mark.parametrize(
    "name, slug", [("alpha_admin", "alpha"), ("alpha_staff", "alpha"), ("beta_staff", "beta")]
)
def test_a_consortium_team_sees_only_its_own(api_for, world, name, slug):
    assert slugs(api_for(name)) == [slug]


@pytest.mark.parametrize("name", ["alpha_member", "beta_member"])
def test_member_contacts_get_403(api_for, world, name):
    response = api_for(name).get("/compliance")

    assert response.status_code == 403
    assert response.json()["detail"] == "Compliance is for ORCID and the consortium's team."


def test_filters_by_region_and_eligibility_and_sorts(api_for, world):
    client = api_for("orcid_admin")

    assert slugs(client, {"region": "emea"}) == ["beta"]
    assert slugs(client, {"eligibility": "full"}) == []
    assert sorted(slugs(client, {"eligibility": "none"})) == ["alpha", "beta"]
    assert slugs(client, {"sort": "name"}) == ["alpha", "beta"]
    assert slugs(client, {"sort": "-name"}) == ["beta", "alpha"]


def test_the_scorecard_is_paginated(api_for, world):
    body = api_for("orcid_admin").get("/compliance", {"sort": "name", "page": 2, "page_size": 1}).json()

    assert (body["count"], body["page"], body["page_size"]) == (2, 2, 1)
    assert [row["consortium"] for row in body["results"]] == ["beta"]
