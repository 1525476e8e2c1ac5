"""A member contact reads the public thread of their organization's ticket and nothing else: no
internal note (nor its attachment), no escalation, no ORCID-side ticket, no ORCID resolution note.
The consortium's team sees its notes and follows the escalation without seeing ORCID's ticket."""

import pytest

from consortia.support import services
from consortia.support.models import Attachment, Escalation


@pytest.fixture
def escalated(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ticket = services.open_ticket(
        world.alpha_member, world.alpha.desk, subject="ORCID iD merge", body="Two iDs."
    )
    services.add_note(
        world.alpha_staff,
        ticket,
        "The member is grumpy.",
        attachments=[services.NewAttachment("notes.txt", b"internal", "text/plain")],
    )
    services.add_reply(world.alpha_staff, ticket, "We are on it.")
    escalation = services.escalate(world.alpha_staff, ticket, "Needs an ORCID iD merge.")
    services.add_note(world.regional, escalation.orcid_ticket, "ORCID's own note.")
    services.resolve_escalation(world.regional, escalation, "Merged the two iDs.")
    return escalation


def test_the_member_reads_public_replies_only(api_for, escalated):
    body = api_for("alpha_member").get(f"/tickets/{escalated.ticket_id}").json()

    assert [m["kind"] for m in body["messages"]] == ["reply", "reply"]
    assert "grumpy" not in str(body)
    assert "Merged the two iDs" not in str(body)
    assert "Needs an ORCID iD merge" not in str(body)
    assert body["escalations"] == [] and body["escalated_from"] is None
    assert {e["kind"] for e in body["events"]} <= {"created", "status", "rated"}


def test_the_member_cannot_download_a_notes_attachment(api_for, escalated):
    attachment = Attachment.objects.get(filename="notes.txt")

    response = api_for("alpha_member").get(f"/tickets/{escalated.ticket_id}/attachments/{attachment.pk}")

    assert response.status_code == 404


def test_the_member_never_reaches_orcids_ticket_or_the_escalation(api_for, escalated):
    member = api_for("alpha_member")

    assert member.get(f"/tickets/{escalated.orcid_ticket_id}").status_code == 404
    assert member.get(f"/escalations/{escalated.pk}").status_code == 404
    assert member.get("/escalations").json()["count"] == 0
    listed = [t["id"] for t in member.get("/tickets").json()["results"]]
    assert listed == [escalated.ticket_id]


def test_the_consortium_team_sees_its_notes_and_the_escalation_but_not_orcids_ticket(api_for, escalated):
    team = api_for("alpha_admin")

    body = team.get(f"/tickets/{escalated.ticket_id}").json()

    assert "note" in [m["kind"] for m in body["messages"]]
    assert "Merged the two iDs" in str(body["messages"])  # ORCID's resolution, brought back as a note
    [summary] = body["escalations"]
    assert (summary["state"], summary["orcid_ticket"]) == ("resolved", None)
    assert summary["resolution"] == "Merged the two iDs."
    assert team.get(f"/tickets/{escalated.orcid_ticket_id}").status_code == 404
    assert "ORCID's own note" not in str(team.get(f"/escalations/{escalated.pk}").json())


def test_orcid_sees_its_side_and_where_it_came_from(api_for, escalated):
    regional = api_for("regional")

    body = regional.get(f"/tickets/{escalated.orcid_ticket_id}").json()

    assert body["escalated_from"]["ticket"] == escalated.ticket_id
    assert body["escalated_from"]["orcid_ticket"] == escalated.orcid_ticket_id
    assert "ORCID's own note." in [m["body"] for m in body["messages"]]
    summary = regional.get(f"/tickets/{escalated.ticket_id}").json()["escalations"][0]
    assert summary["orcid_ticket"] == escalated.orcid_ticket_id
    assert Escalation.objects.get().state == "resolved"
