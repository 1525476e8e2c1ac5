"""Bad issues-register input is a 400 naming the field, and nothing is written."""

import pytest

from consortia.support import services
from consortia.support.models import RegisteredIssue


@pytest.fixture
def issue(world):
    return services.save_registered_issue(
        world.alpha_admin, world.alpha, title="Alpha bug", description="It breaks.", category="bug"
    )


def fields_of(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["fields"]


BASE = {"consortium": "alpha", "title": "T", "description": "D", "category": "bug"}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"category": "question"}, "category"),
        ({"status": "closed"}, "status"),
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
        ({"members_affected": "all"}, "members_affected"),
        ({"tickets": [1.5]}, "tickets.0"),
    ],
)
def test_a_new_issue_with_a_bad_field(api_for, world, change, field):
    assert field in fields_of(api_for("alpha_admin").post("/issues-register", {**BASE, **change}))
    assert not RegisteredIssue.objects.exists()


def test_a_change_with_an_unknown_status_or_empty_title(api_for, issue):
    team = api_for("alpha_admin")

    assert "status" in fields_of(team.patch(f"/issues-register/{issue.pk}", {"status": "done"}))
    assert "title" in fields_of(team.patch(f"/issues-register/{issue.pk}", {"title": ""}))
    assert RegisteredIssue.objects.get().title == "Alpha bug"


def test_orcid_answers_with_a_known_status_and_merges_into_a_known_issue(api_for, issue):
    admin = api_for("orcid_admin")

    assert "status" in fields_of(admin.post(f"/issues-register/{issue.pk}/answer", {"status": "fixed"}))
    assert "into" in fields_of(admin.post(f"/issues-register/{issue.pk}/merge", {"into": 999999}))
    assert "into" in fields_of(admin.post(f"/issues-register/{issue.pk}/merge", {"into": "that one"}))
    assert admin.post(f"/issues-register/{issue.pk}/merge", {"into": issue.pk}).status_code == 400


@pytest.mark.parametrize(
    "params, field",
    [({"status": "closed"}, "status"), ({"category": "x"}, "category"), ({"page": "x"}, "page")],
)
def test_bad_list_filters(api_for, issue, params, field):
    assert field in fields_of(api_for("alpha_admin").get("/issues-register", params))
