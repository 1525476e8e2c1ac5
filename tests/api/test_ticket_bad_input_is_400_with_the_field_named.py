"""Bad ticket input is a 400 naming the field, and nothing is written: an unknown status or
priority, an empty message, a wrong type, an agent who does not work the desk, a bad filter."""

import pytest

from consortia.support import services
from consortia.support.models import Ticket, TicketMessage


@pytest.fixture
def ticket(world):
    return services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please.")


def fields_of(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["fields"]


def test_an_unknown_status_in_a_change_or_a_reply(api_for, ticket):
    agent = api_for("alpha_staff")

    assert "status" in fields_of(agent.patch(f"/tickets/{ticket.pk}", {"status": "done"}))
    assert "status" in fields_of(
        agent.post(f"/tickets/{ticket.pk}/replies", {"body": "Hi", "status": "done"})
    )
    assert ticket.messages.count() == 1
    assert Ticket.objects.get(pk=ticket.pk).status == "new"


def test_an_empty_reply_note_or_ticket(api_for, ticket):
    agent = api_for("alpha_staff")

    assert "body" in fields_of(agent.post(f"/tickets/{ticket.pk}/replies", {"body": "  "}))
    assert "body" in fields_of(agent.post(f"/tickets/{ticket.pk}/notes", {"body": ""}))
    assert "subject" in fields_of(
        api_for("alpha_member").post("/tickets", {"desk": "alpha", "subject": "", "body": "x"})
    )
    assert TicketMessage.objects.count() == 1


def test_wrong_types_name_the_field(api_for, ticket):
    agent = api_for("alpha_staff")

    assert "tier" in fields_of(agent.patch(f"/tickets/{ticket.pk}", {"tier": "three"}))
    assert "assignee" in fields_of(agent.patch(f"/tickets/{ticket.pk}", {"assignee": "Bob"}))
    assert "ids" in fields_of(agent.post("/tickets/bulk", {"ids": "all", "changes": {}}))


def test_unknown_priority_category_and_a_tier_the_desk_does_not_work(api_for, ticket):
    agent = api_for("alpha_staff")
    path = f"/tickets/{ticket.pk}"

    assert "priority" in fields_of(agent.patch(path, {"priority": "asap"}))
    assert "category" in fields_of(agent.patch(path, {"category": "misc"}))
    assert "tier" in fields_of(agent.patch(path, {"tier": 2}))
    assert "category" in fields_of(
        api_for("alpha_member").post(
            "/tickets", {"desk": "alpha", "subject": "S", "body": "B", "category": "misc"}
        )
    )


def test_an_assignee_who_does_not_work_the_desk(api_for, world, ticket):
    for user in (world.beta_staff, world.alpha_member, world.regional):
        fields = fields_of(api_for("alpha_admin").patch(f"/tickets/{ticket.pk}", {"assignee": user.pk}))
        assert "assignee" in fields
        assert user.display_name not in str(fields)
    assert Ticket.objects.get(pk=ticket.pk).assignee is None


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "done"}, "status"),
        ({"status": "new,pending"}, "status"),
        ({"priority": "asap"}, "priority"),
        ({"tier": "4"}, "tier"),
        ({"assignee": "bob"}, "assignee"),
        ({"breached": "maybe"}, "breached"),
        ({"created_from": "yesterday"}, "created_from"),
        ({"sort": "subject"}, "sort"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_list_filters(api_for, ticket, params, field):
    assert field in fields_of(api_for("alpha_staff").get("/tickets", params))


def test_an_unknown_organization_for_a_ticket_on_a_members_behalf(api_for, world):
    response = api_for("alpha_staff").post(
        "/tickets",
        {
            "desk": "alpha",
            "subject": "S",
            "body": "B",
            "organization": world.beta_membership.organization_id,
            "requester_email": "x@beta.example",
        },
    )

    assert "organization" in fields_of(response)
    assert not Ticket.objects.exists()
