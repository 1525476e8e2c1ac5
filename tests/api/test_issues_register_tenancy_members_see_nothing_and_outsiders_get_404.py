"""The issues register is the lead's: a member contact's list is empty and an entry is 404 to
them; another consortium's entry is 404 to every outsider; only the team writes it and only ORCID
answers and merges (403 for the others who can see it)."""

import pytest

from consortia.support import services
from consortia.support.models import RegisteredIssue
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_issue(world):
    return services.save_registered_issue(
        world.beta_admin, world.beta, title="Beta bug", description="It breaks.", category="bug"
    )


@pytest.fixture
def alpha_issue(world):
    return services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Alpha bug", description="It breaks.", category="bug"
    )


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_register(api_for, beta_issue, alpha_issue, outsider):
    client = api_for(outsider)
    path = f"/issues-register/{beta_issue.pk}"

    answers = [
        client.get(path).status_code,
        client.patch(path, {"title": "Mine now"}).status_code,
        client.post(f"{path}/answer", {"orcid_answer": "No"}).status_code,
        client.post(f"{path}/merge", {"into": alpha_issue.pk}).status_code,
    ]

    assert answers == [404] * 4
    assert beta_issue.pk not in [i["id"] for i in client.get("/issues-register").json()["results"]]
    assert RegisteredIssue.objects.get(pk=beta_issue.pk).title == "Beta bug"


def test_a_member_contact_sees_an_empty_register_and_cannot_add_to_it(api_for, alpha_issue):
    member = api_for("alpha_member")

    listed = member.get("/issues-register")
    added = member.post(
        "/issues-register", {"consortium": "alpha", "title": "Mine", "description": "x", "category": "bug"}
    )

    assert (listed.status_code, listed.json()["count"]) == (200, 0)
    assert member.get(f"/issues-register/{alpha_issue.pk}").status_code == 404
    assert added.status_code == 403
    assert RegisteredIssue.objects.count() == 1


def test_regional_staff_answer_but_do_not_write_the_consortiums_register(api_for, alpha_issue):
    regional = api_for("regional")

    assert regional.patch(f"/issues-register/{alpha_issue.pk}", {"title": "Renamed"}).status_code == 403
    assert (
        regional.post(
            "/issues-register", {"consortium": "alpha", "title": "T", "description": "D", "category": "bug"}
        ).status_code
        == 403
    )
    assert regional.post(f"/issues-register/{alpha_issue.pk}/answer", {"status": "raised"}).status_code == 200


def test_the_team_cannot_answer_or_merge(api_for, world, alpha_issue):
    other = services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Same bug", description="Again.", category="bug"
    )
    team = api_for("alpha_admin")

    assert (
        team.post(f"/issues-register/{alpha_issue.pk}/answer", {"orcid_answer": "Fixed"}).status_code == 403
    )
    assert team.post(f"/issues-register/{other.pk}/merge", {"into": alpha_issue.pk}).status_code == 403
    assert RegisteredIssue.objects.filter(merged_into__isnull=False).count() == 0


def test_a_team_cannot_link_another_consortiums_members_or_tickets(api_for, world):
    beta_ticket = services.open_ticket(world.beta_member, world.beta.desk, subject="Help", body="Bitte.")
    base = {"consortium": "alpha", "title": "T", "description": "D", "category": "bug"}
    team = api_for("alpha_admin")

    members = team.post("/issues-register", {**base, "members_affected": [world.beta_membership.pk]})
    tickets = team.post("/issues-register", {**base, "tickets": [beta_ticket.pk]})
    other = team.post("/issues-register", {**base, "consortium": "beta"})

    assert (members.status_code, tickets.status_code, other.status_code) == (400, 400, 400)
    assert "members_affected" in members.json()["fields"]
    assert "tickets" in tickets.json()["fields"]
    assert "consortium" in other.json()["fields"]
    assert not RegisteredIssue.objects.exists()
