"""POST /tickets/bulk applies the same change to every ticket named, or to none: one ticket the
user cannot change, or a bad value, leaves all of them as they were."""

import pytest

from consortia.support import services
from consortia.support.models import Ticket


@pytest.fixture
def tickets(world):
    return [
        services.open_ticket(world.alpha_member, world.alpha.desk, subject=f"Ticket {n}", body="Help.")
        for n in range(3)
    ]


def test_every_ticket_named_is_changed(api_for, world, tickets):
    ids = [t.pk for t in tickets]

    response = api_for("alpha_staff").post(
        "/tickets/bulk", {"ids": ids, "changes": {"priority": "high", "assignee": world.alpha_admin.pk}}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["updated"] == 3
    assert [t["id"] for t in body["tickets"]] == sorted(ids)
    assert set(Ticket.objects.values_list("priority", "assignee")) == {("high", world.alpha_admin.pk)}


def test_one_refused_change_leaves_every_ticket_as_it_was(api_for, world, tickets):
    escalated = tickets[-1]
    services.escalate(world.alpha_staff, escalated, "Please look.")
    ids = [t.pk for t in tickets]

    # A ticket cannot be set to waiting on ORCID unless it is escalated: the first two are refused.
    response = api_for("alpha_staff").post(
        "/tickets/bulk",
        {"ids": list(reversed(ids)), "changes": {"status": "waiting_on_orcid", "priority": "low"}},
    )

    assert response.status_code == 400
    assert "status" in response.json()["fields"]
    assert list(Ticket.objects.filter(pk__in=ids).values_list("priority", flat=True)) == ["normal"] * 3


def test_a_ticket_on_a_desk_the_user_only_oversees_refuses_the_whole_change(api_for, world, tickets):
    orcid_ticket = services.open_ticket(
        world.regional,
        services.regional_desk(world.apac),
        subject="ORCID's",
        body="x",
        requester_email="a@b.example",
    )

    response = api_for("regional").post(
        "/tickets/bulk", {"ids": [orcid_ticket.pk, tickets[0].pk], "changes": {"priority": "urgent"}}
    )

    assert response.status_code == 403
    assert not Ticket.objects.filter(priority="urgent").exists()


def test_no_ids_or_no_changes_is_400(api_for, tickets):
    agent = api_for("alpha_staff")

    assert "ids" in agent.post("/tickets/bulk", {"ids": [], "changes": {"priority": "low"}}).json()["fields"]
    assert "changes" in agent.post("/tickets/bulk", {"ids": [tickets[0].pk], "changes": {}}).json()["fields"]


def test_an_assignee_must_work_every_desk_named(api_for, world, tickets):
    response = api_for("alpha_staff").post(
        "/tickets/bulk", {"ids": [tickets[0].pk], "changes": {"assignee": world.beta_admin.pk}}
    )

    assert response.status_code == 400
    assert "assignee" in response.json()["fields"]
