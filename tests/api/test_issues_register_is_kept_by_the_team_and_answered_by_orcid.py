"""A consortium's team adds and changes entries of its issues register with the members affected
and the tickets linked; ORCID answers them and merges the same issue raised by two consortia,
after which an answer to one reaches both."""

import pytest

from consortia.support import services
from consortia.support.models import RegisteredIssue


@pytest.fixture
def ticket(world):
    return services.open_ticket(world.alpha_member, world.alpha.desk, subject="Search is slow", body="Slow.")


def add(api_for, world, ticket, **extra):
    body = {
        "consortium": "alpha",
        "title": "Search times out",
        "description": "Searching by affiliation times out for large institutions.",
        "category": "bug",
        "members_affected": [world.alpha_membership.pk],
        "tickets": [ticket.pk],
        **extra,
    }
    response = api_for("alpha_staff").post("/issues-register", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_the_team_adds_an_issue_with_members_and_tickets(api_for, world, ticket):
    issue = add(api_for, world, ticket)

    assert (issue["consortium"], issue["status"], issue["category"]) == ("alpha", "open", "bug")
    assert issue["members_affected"] == [
        {"membership": world.alpha_membership.pk, "organization": world.alpha_membership.organization.name}
    ]
    assert issue["tickets"] == [
        {"id": ticket.pk, "reference": ticket.reference, "subject": ticket.subject, "status": "new"}
    ]
    assert (issue["members_affected_count"], issue["ticket_count"]) == (1, 1)
    assert issue["created_by"] == world.alpha_staff.display_name
    assert issue["merged_into"] is None and issue["merged_issues"] == []


def test_the_team_changes_an_issue_and_its_links(api_for, world, ticket):
    issue_id = add(api_for, world, ticket)["id"]

    response = api_for("alpha_admin").patch(
        f"/issues-register/{issue_id}",
        {"status": "raised", "title": "Affiliation search times out", "tickets": []},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["title"], body["tickets"]) == ("raised", "Affiliation search times out", [])
    assert body["members_affected_count"] == 1  # not sent, so unchanged


def test_orcid_answers_and_merges_across_consortia(api_for, world, ticket):
    alpha_id = add(api_for, world, ticket)["id"]
    beta = api_for("beta_admin").post(
        "/issues-register",
        {"consortium": "beta", "title": "Slow search", "description": "Same thing here.", "category": "bug"},
    )
    assert beta.status_code == 201
    admin = api_for("orcid_admin")

    merged = admin.post(f"/issues-register/{beta.json()['id']}/merge", {"into": alpha_id})
    answered = admin.post(
        f"/issues-register/{alpha_id}/answer",
        {"status": "in_progress", "orcid_reference": "JIRA-42", "orcid_answer": "We are indexing it."},
    )

    assert (merged.status_code, answered.status_code) == (200, 200), merged.content
    assert merged.json()["merged_into"] == alpha_id
    assert answered.json()["orcid_reference"] == "JIRA-42"
    assert [m["id"] for m in answered.json()["merged_issues"]] == [beta.json()["id"]]
    beta_issue = RegisteredIssue.objects.get(pk=beta.json()["id"])
    assert (beta_issue.status, beta_issue.orcid_answer) == ("in_progress", "We are indexing it.")
    # Beta's team sees its own issue follow alpha's, but not alpha's issue itself.
    beta_view = api_for("beta_admin").get(f"/issues-register/{beta_issue.pk}").json()
    assert (beta_view["merged_into"], beta_view["orcid_reference"]) == (alpha_id, "JIRA-42")
    assert api_for("beta_admin").get(f"/issues-register/{alpha_id}").status_code == 404
    # Alpha's team does not see beta's issue among those merged into its own.
    assert api_for("alpha_admin").get(f"/issues-register/{alpha_id}").json()["merged_issues"] == []


def test_the_list_filters_and_orcid_sees_every_register_in_scope(api_for, world, ticket):
    add(api_for, world, ticket)
    add(api_for, world, ticket, title="Docs for webhooks", category="documentation", status="raised")
    api_for("beta_admin").post(
        "/issues-register", {"consortium": "beta", "title": "Beta bug", "description": "x", "category": "bug"}
    )

    def count(name, **params):
        response = api_for(name).get("/issues-register", params)
        assert response.status_code == 200
        return response.json()["count"]

    assert (count("alpha_staff"), count("beta_staff"), count("regional"), count("orcid_admin")) == (
        2,
        1,
        2,
        3,
    )
    assert count("orcid_admin", consortium="beta") == 1
    assert count("alpha_staff", status="raised") == 1
    assert count("alpha_staff", category="bug") == 1
    assert count("alpha_staff", q="webhooks") == 1
