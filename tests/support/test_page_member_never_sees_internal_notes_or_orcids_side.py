"""A member contact's ticket page shows the public thread only: never an internal note (nor its
attachment), never ORCID's side of an escalation, never the desk's controls."""

import pytest

from consortia.support import services
from consortia.support.services import NewAttachment

NOTE = "Internal: this member is behind on fees"
ORCID_NOTE = "ORCID internal: known bug in sandbox"
ORCID_REPLY = "ORCID asks: which client ID?"
SUMMARY = "Summary for ORCID: redirect URI refused"
RESOLUTION = "ORCID fixed the sandbox"


@pytest.fixture
def escalated(world):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Sandbox URI", body="Refused")
    note = services.add_note(
        world.alpha_staff, ticket, NOTE, attachments=[NewAttachment("notes.txt", b"secret", "text/plain")]
    )
    services.add_reply(world.alpha_staff, ticket, "We are looking into it.")
    escalation = services.escalate(world.alpha_staff, ticket, SUMMARY)
    services.add_note(world.regional, escalation.orcid_ticket, ORCID_NOTE)
    services.add_reply(world.regional, escalation.orcid_ticket, ORCID_REPLY)
    services.resolve_escalation(world.regional, escalation, RESOLUTION)
    return ticket, note, escalation


def test_the_member_page_has_the_public_thread_only(world, client_for, escalated):
    ticket, note, escalation = escalated
    response = client_for("alpha_member").get(f"/support/tickets/{ticket.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "We are looking into it." in page
    for secret in (
        NOTE,
        "notes.txt",
        ORCID_NOTE,
        ORCID_REPLY,
        SUMMARY,
        RESOLUTION,
        "Internal note",
        "Escalat",
    ):
        assert secret not in page, secret
    assert "Assignee" not in page and "Save changes" not in page


def test_the_member_cannot_download_a_notes_attachment_or_open_orcids_ticket(world, client_for, escalated):
    ticket, note, escalation = escalated
    client = client_for("alpha_member")
    assert client.get(f"/support/attachments/{note.attachments.get().pk}/").status_code == 404
    assert client.get(f"/support/tickets/{escalation.orcid_ticket.pk}/").status_code == 404


def test_the_agent_sees_notes_orcids_public_replies_and_resolution_but_not_orcids_notes(
    world, client_for, escalated
):
    ticket, note, escalation = escalated
    page = client_for("alpha_staff").get(f"/support/tickets/{ticket.pk}/").content.decode()
    for shown in (NOTE, "Internal note", ORCID_REPLY, SUMMARY, RESOLUTION, "Resolved by ORCID"):
        assert shown in page, shown
    assert ORCID_NOTE not in page
    assert client_for("alpha_staff").get(f"/support/tickets/{escalation.orcid_ticket.pk}/").status_code == 404


def test_orcid_sees_where_its_ticket_came_from(world, client_for, escalated):
    ticket, note, escalation = escalated
    page = client_for("regional").get(f"/support/tickets/{escalation.orcid_ticket.pk}/").content.decode()
    assert "Escalated by Alpha Consortium" in page
    assert f"/support/tickets/{ticket.pk}/" in page
    assert ORCID_NOTE in page
