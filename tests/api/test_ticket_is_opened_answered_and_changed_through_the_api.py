"""A member contact opens a ticket on their consortium's desk; an agent answers, notes, assigns and
changes it; an agent also opens one on a member's behalf. Everything shows in the ticket's detail:
the thread, the log and the SLA figures (durations in working seconds, datetimes with an offset)."""

from datetime import datetime

from consortia.support.models import Ticket, TicketEvent


def open_as_member(api_for, **extra):
    body = {"desk": "alpha", "subject": "Cannot sign in", "body": "Our researchers get an error.", **extra}
    response = api_for("alpha_member").post("/tickets", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_member_contact_opens_a_ticket_for_their_organization(api_for, world):
    ticket = open_as_member(api_for, category="account", priority="high")

    assert ticket["reference"] == f"#{ticket['id']}"
    assert (ticket["desk"], ticket["consortium"], ticket["organization"]) == (
        "alpha",
        "alpha",
        world.alpha_membership.organization_id,
    )
    assert (ticket["status"], ticket["tier"], ticket["origin"]) == ("new", 1, "api")
    assert (ticket["category"], ticket["priority"]) == ("account", "high")
    assert ticket["requester_email"] == world.alpha_member.email
    assert [m["body"] for m in ticket["messages"]] == ["Our researchers get an error."]
    assert [e["kind"] for e in ticket["events"]] == ["created"]
    assert ticket["sla"]["first_response_due"] is not None
    assert datetime.fromisoformat(ticket["created_at"]).utcoffset() is not None
    assert datetime.fromisoformat(ticket["sla"]["first_response_due"]).utcoffset() is not None


def test_an_agent_replies_notes_assigns_and_changes_the_ticket(api_for, world):
    ticket_id = open_as_member(api_for)["id"]
    agent = api_for("alpha_staff")

    reply = agent.post(
        f"/tickets/{ticket_id}/replies", {"body": "Which browser?", "status": "waiting_on_requester"}
    )
    note = agent.post(f"/tickets/{ticket_id}/notes", {"body": "Probably the SSO change."})
    changed = agent.patch(
        f"/tickets/{ticket_id}",
        {"priority": "urgent", "category": "account", "assignee": world.alpha_staff.pk},
    )

    assert (reply.status_code, note.status_code, changed.status_code) == (201, 201, 200), changed.content
    assert (reply.json()["kind"], reply.json()["from_agent"]) == ("reply", True)
    assert note.json()["kind"] == "note"
    body = changed.json()
    assert (body["status"], body["priority"], body["category"]) == (
        "waiting_on_requester",
        "urgent",
        "account",
    )
    assert (body["assignee"], body["assignee_name"]) == (world.alpha_staff.pk, world.alpha_staff.display_name)
    assert [m["kind"] for m in body["messages"]] == ["reply", "reply", "note"]
    assert {"status", "priority", "category", "assigned"} <= {e["kind"] for e in body["events"]}
    assert isinstance(body["sla"]["first_response_seconds"], int)
    assert body["sla"]["first_response_at"] is not None
    assert body["can_work"] is True


def test_the_member_answers_and_the_ticket_is_open_again(api_for, world):
    ticket_id = open_as_member(api_for)["id"]
    api_for("alpha_staff").post(
        f"/tickets/{ticket_id}/replies", {"body": "Which browser?", "status": "waiting_on_requester"}
    )

    answer = api_for("alpha_member").post(f"/tickets/{ticket_id}/replies", {"body": "Firefox."})

    assert answer.status_code == 201
    assert answer.json()["from_agent"] is False
    assert Ticket.objects.get(pk=ticket_id).status == Ticket.Status.OPEN


def test_null_assignee_unassigns(api_for, world):
    ticket_id = open_as_member(api_for)["id"]
    agent = api_for("alpha_admin")
    agent.patch(f"/tickets/{ticket_id}", {"assignee": world.alpha_admin.pk})

    response = agent.patch(f"/tickets/{ticket_id}", {"assignee": None})

    assert response.status_code == 200
    assert response.json()["assignee"] is None
    assert TicketEvent.objects.filter(ticket_id=ticket_id, kind="assigned").count() == 2


def test_an_agent_opens_a_ticket_on_a_members_behalf(api_for, world):
    contact = world.alpha_membership.contacts.select_related("person").first().person

    response = api_for("alpha_staff").post(
        "/tickets",
        {
            "desk": "alpha",
            "subject": "Phoned in: duplicate records",
            "body": "Called about two records for one researcher.",
            "organization": world.alpha_membership.organization_id,
            "requester_email": contact.email,
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organization"] == world.alpha_membership.organization_id
    assert body["requester_email"] == contact.email
    assert Ticket.objects.get(pk=body["id"]).requester == contact


def test_an_orcid_agent_sets_a_tier_on_orcids_desk(api_for, world):
    desk = "orcid-apac"
    created = api_for("regional").post(
        "/tickets",
        {"desk": desk, "subject": "API limits", "body": "Asked by phone.", "requester_email": "a@b.example"},
    )
    assert created.status_code == 201, created.content

    response = api_for("regional").patch(f"/tickets/{created.json()['id']}", {"tier": 3})

    assert response.status_code == 200
    assert response.json()["tier"] == 3
