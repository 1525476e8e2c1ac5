"""A member contact opens a ticket on their consortium's desk with an attachment, sees it in
"My tickets" and replies; an agent opens one on a member's behalf."""

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.support.models import Ticket


def test_member_opens_follows_and_replies(world, client_for):
    client = client_for("alpha_member")
    form = client.get("/support/new/").content.decode()
    assert 'type="hidden" name="desk"' in form  # one consortium: no choice to make
    response = client.post(
        "/support/new/",
        {
            "desk": world.alpha.desk.pk,
            "subject": "Cannot sign in",
            "category": "account",
            "body": "Since Monday",
            "attachments": SimpleUploadedFile("screen.png", b"png", content_type="image/png"),
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/support/tickets/{ticket.pk}/"
    assert (ticket.organization, ticket.requester_email) == (
        world.alpha_member.organization,
        world.alpha_member.email,
    )
    attachment = ticket.messages.get().attachments.get()
    assert client.get(f"/support/attachments/{attachment.pk}/").status_code == 200
    assert "Cannot sign in" in client.get("/support/my-tickets/").content.decode()
    client.post(f"/support/tickets/{ticket.pk}/reply/", {"body": "Still broken"})
    assert ticket.messages.filter(body="Still broken", from_agent=False).exists()


def test_member_cannot_open_a_ticket_on_another_consortiums_desk(world, client_for):
    response = client_for("alpha_member").post(
        "/support/new/", {"desk": world.beta.desk.pk, "subject": "x", "category": "other", "body": "y"}
    )
    assert response.status_code == 200 and "Please correct" in response.content.decode()
    assert not Ticket.objects.exists()


def test_agent_opens_a_ticket_for_a_member(world, client_for):
    response = client_for("alpha_staff").post(
        "/support/desks/alpha/new/",
        {
            "organization": world.alpha_member.organization.pk,
            "requester_email": "someone@alpha-university.example",
            "requester_name": "Someone",
            "subject": "Phoned in",
            "category": "other",
            "priority": "high",
            "body": "Asked about the API",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert (ticket.desk, ticket.organization, ticket.priority) == (
        world.alpha.desk,
        world.alpha_member.organization,
        "high",
    )
    assert (
        client_for("alpha_staff")
        .post(
            "/support/desks/alpha/new/",
            {
                "organization": world.beta_member.organization.pk,
                "requester_email": "a@b.example",
                "subject": "x",
                "category": "other",
                "priority": "normal",
                "body": "y",
            },
        )
        .status_code
        == 200
    )
    assert Ticket.objects.count() == 1
