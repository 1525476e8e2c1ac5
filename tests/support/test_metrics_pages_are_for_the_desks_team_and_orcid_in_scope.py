"""A desk's metrics page is for those who see the desk (its consortium team, ORCID in scope):
anyone else gets 404, a member contact included. ORCID's overview lists the desks in its scope;
a consortium team is sent to its own desk's page."""

import pytest

from tests.conftest import OUTSIDERS_OF_BETA


def page(desk):
    return f"/support/desks/{desk.slug}/metrics/"


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_desks_metrics(world, client_for, name):
    assert client_for(name).get(page(world.beta.desk)).status_code == 404


@pytest.mark.parametrize("name", ["beta_admin", "beta_staff", "orcid_admin"])
def test_beta_team_and_orcid_see_betas_desk_metrics(world, client_for, name):
    assert client_for(name).get(page(world.beta.desk)).status_code == 200


def test_regional_staff_see_their_regions_desks(world, client_for):
    assert client_for("regional").get(page(world.alpha.desk)).status_code == 200


def test_members_have_no_metrics(world, client_for):
    member = client_for("alpha_member")
    assert member.get(page(world.alpha.desk)).status_code == 404
    assert member.get("/support/metrics/").status_code == 404


def test_orcid_overview_lists_the_desks_in_scope(world, client_for):
    body = client_for("regional").get("/support/metrics/").content.decode()
    assert world.alpha.desk.name in body
    assert world.beta.desk.name not in body
    assert world.beta.desk.name in client_for("orcid_admin").get("/support/metrics/").content.decode()


def test_a_consortium_team_is_sent_to_its_own_desk(world, client_for):
    response = client_for("beta_staff").get("/support/metrics/")
    assert response.status_code == 302 and response.url == page(world.beta.desk)
