"""A consortium's board is its team's and ORCID's in scope: another consortium's is 404, a member
contact gets 403 on their own consortium's; ORCID's board across the consortia is ORCID's (a
consortium's team is sent to its own board, a member contact gets 404)."""

import pytest

from consortia.integrations import services
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def integrations(world):
    services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Alpha Pure", system_type="cris"
    )
    services.save_integration(world.beta_admin, world.beta_membership, name="Beta DSpace", system_type="cris")


@pytest.mark.parametrize("name", ["beta_admin", "beta_staff", "orcid_admin"])
def test_beta_board_shows_betas_integrations(world, client_for, integrations, name):
    response = client_for(name).get("/consortia/beta/integrations/board/")
    assert response.status_code == 200
    assert b"Beta DSpace" in response.content and b"Alpha Pure" not in response.content
    assert b"<svg" in response.content


@pytest.mark.parametrize("name", [n for n in OUTSIDERS_OF_BETA if n != "alpha_member"])
def test_outsiders_get_404_for_betas_board(world, client_for, integrations, name):
    assert client_for(name).get("/consortia/beta/integrations/board/").status_code == 404


def test_a_member_contact_gets_403_on_their_consortiums_board_and_404_elsewhere(world, client_for):
    client = client_for("beta_member")
    assert client.get("/consortia/beta/integrations/board/").status_code == 403
    assert client.get("/consortia/alpha/integrations/board/").status_code == 404
    assert client.get("/integrations/board/").status_code == 404


def test_orcid_board_covers_the_consortia_in_scope(world, client_for, integrations):
    everything = client_for("orcid_admin").get("/integrations/board/").content
    assert b"Alpha Pure" in everything and b"Beta DSpace" in everything
    apac = client_for("regional").get("/integrations/board/").content
    assert b"Alpha Pure" in apac and b"Beta DSpace" not in apac


def test_orcid_board_filters_by_consortium_region_and_platform(world, client_for, integrations):
    client = client_for("orcid_admin")
    assert b"Beta DSpace" not in client.get("/integrations/board/?consortium=alpha").content
    assert b"Alpha Pure" not in client.get("/integrations/board/?region=emea").content
    unknown = client.get("/integrations/board/?consortium=nope", follow=True)
    assert b"Beta DSpace" in unknown.content


def test_regional_staff_cannot_filter_to_a_consortium_outside_their_region(world, client_for, integrations):
    content = client_for("regional").get("/integrations/board/?consortium=beta").content
    assert b"Beta DSpace" not in content


def test_a_consortium_team_is_sent_to_its_own_board(world, client_for):
    response = client_for("alpha_staff").get("/integrations/board/")
    assert response.status_code == 302 and response.url == "/consortia/alpha/integrations/board/"


def test_a_bad_stuck_days_falls_back_to_the_default(world, client_for):
    response = client_for("alpha_admin").get("/consortia/alpha/integrations/board/?stuck_days=abc")
    assert response.status_code == 200
    assert b"Showing 60 days instead" in response.content
