"""The scorecard is ORCID's: regional staff see the consortia of their region only; a
consortium's team is sent to its own compliance page; a member contact is refused."""

import pytest


def test_orcid_admin_sees_every_consortium(world, client_for):
    response = client_for("orcid_admin").get("/compliance/")

    assert sorted(row.consortium.slug for row in response.context["page_obj"]) == ["alpha", "beta"]


def test_regional_staff_see_only_their_region(world, client_for):
    response = client_for("regional").get("/compliance/", {"region": "emea"})

    assert [row.consortium.slug for row in response.context["page_obj"]] == ["alpha"]
    assert "Beta Consortium" not in response.content.decode()


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_consortium_team_is_redirected_to_its_own_page(world, client_for, name):
    response = client_for(name).get("/compliance/")

    assert response.status_code == 302
    assert response["Location"] == "/consortia/alpha/compliance/"


@pytest.mark.parametrize("name", ["alpha_member", "beta_member"])
def test_member_contacts_are_refused(world, client_for, name):
    assert client_for(name).get("/compliance/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get("/compliance/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
