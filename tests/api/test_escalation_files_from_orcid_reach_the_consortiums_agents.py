"""ORCID's public replies on an escalation carry their attachments to the consortium's agents
through the API, as on the ticket page: listed with a download address on the escalation, and
downloadable by the consortium's team and ORCID; never by a member or another tenant, and never a
file of ORCID's internal notes."""

from consortia.support import services
from consortia.support.services import NewAttachment


def test_orcids_reply_attachment_is_downloaded_by_the_consortium_not_by_others(world, api_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Sandbox", body="Fails.")
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")
    services.add_reply(
        world.regional, escalation.orcid_ticket, "Log attached.",
        attachments=[NewAttachment("log.txt", b"orcid log", "text/plain")],
    )  # fmt: skip
    services.add_note(
        world.regional, escalation.orcid_ticket, "Internal.",
        attachments=[NewAttachment("secret.txt", b"orcid only", "text/plain")],
    )  # fmt: skip

    detail = api_for("alpha_staff").get(f"/escalations/{escalation.pk}").json()
    files = [a for reply in detail["replies"] for a in reply["attachments"]]
    assert [a["filename"] for a in files] == ["log.txt"]
    path = files[0]["url"].removeprefix("/api/v1")

    response = api_for("alpha_staff").get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"orcid log"
    assert api_for("regional").get(path).status_code == 200
    for outsider in ("alpha_member", "beta_admin", "beta_staff"):
        assert api_for(outsider).get(path).status_code == 404, outsider
    note_file = escalation.orcid_ticket.messages.get(kind="note").attachments.get()
    assert (
        api_for("alpha_staff").get(f"/escalations/{escalation.pk}/attachments/{note_file.pk}").status_code
        == 404
    )
