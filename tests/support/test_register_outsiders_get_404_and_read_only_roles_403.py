"""Another consortium's register and its entries are 404 for every role outside it; member
contacts have no register at all; visible actions a role may not take are 403 (regional staff
do not keep a consortium's register, a consortium team does not answer or merge for ORCID)."""

import pytest

from consortia.support import services
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_issue(world):
    return services.save_registered_issue(
        world.beta_admin, world.beta, title="Beta bug", description="D", category="bug"
    )


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_register(world, client_for, beta_issue, name):
    client = client_for(name)
    base = "/consortia/beta/issues-register/"
    for url in (base, f"{base}new/", f"{base}{beta_issue.pk}/", f"{base}{beta_issue.pk}/edit/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}{beta_issue.pk}/", {"status": "resolved"}).status_code == 404
    assert client.get(f"/support/issues-register/{beta_issue.pk}/merge/").status_code == 404


def test_member_contacts_have_no_register(world, client_for):
    issue = services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Alpha bug", description="D", category="bug"
    )
    member = client_for("alpha_member")
    assert member.get("/consortia/alpha/issues-register/").status_code == 404
    assert member.get(f"/consortia/alpha/issues-register/{issue.pk}/").status_code == 404
    assert member.get("/support/issues-register/").status_code == 404


def test_orcids_view_of_every_register_is_for_orcid(world, client_for):
    for name in ("alpha_admin", "alpha_staff", "alpha_member"):
        assert client_for(name).get("/support/issues-register/").status_code == 404


def test_regional_staff_read_but_do_not_keep_a_register(world, client_for):
    issue = services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Alpha bug", description="D", category="bug"
    )
    regional = client_for("regional")
    assert regional.get("/consortia/alpha/issues-register/").status_code == 200
    assert regional.get("/consortia/alpha/issues-register/new/").status_code == 403
    assert regional.get(f"/consortia/alpha/issues-register/{issue.pk}/edit/").status_code == 403


def test_a_consortium_team_does_not_answer_or_merge_for_orcid(world, client_for, beta_issue):
    other = services.save_registered_issue(
        world.beta_admin, world.beta, title="Other", description="D", category="bug"
    )
    team = client_for("beta_admin")
    response = team.post(f"/consortia/beta/issues-register/{beta_issue.pk}/", {"status": "resolved"})
    assert response.status_code == 403
    assert team.get(f"/support/issues-register/{beta_issue.pk}/merge/").status_code == 404
    assert (
        team.post(f"/support/issues-register/{beta_issue.pk}/merge/", {"into": other.pk}).status_code == 404
    )
    beta_issue.refresh_from_db()
    assert beta_issue.status == "open" and beta_issue.merged_into is None
