"""A consortium's compliance page is for staff roles who can see the consortium: every
outsider of beta, and beta's own member contacts, get 404."""

import pytest

from tests.conftest import OUTSIDERS_OF_BETA


@pytest.mark.parametrize("name", [*OUTSIDERS_OF_BETA, "beta_member"])
def test_outsiders_and_member_contacts_get_404(world, client_for, name):
    assert client_for(name).get("/consortia/beta/compliance/").status_code == 404


@pytest.mark.parametrize("name", ["orcid_admin", "beta_admin", "beta_staff"])
def test_staff_roles_in_scope_see_it(world, client_for, name):
    response = client_for(name).get("/consortia/beta/compliance/")

    assert response.status_code == 200
    assert response.context["consortium"] == world.beta


def test_regional_staff_see_consortia_of_their_region(world, client_for):
    assert client_for("regional").get("/consortia/alpha/compliance/").status_code == 200


def test_an_unknown_consortium_is_404(world, client_for):
    assert client_for("orcid_admin").get("/consortia/nowhere/compliance/").status_code == 404
