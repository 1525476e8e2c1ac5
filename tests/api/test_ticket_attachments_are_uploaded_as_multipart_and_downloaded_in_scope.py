"""Files go up as multipart/form-data on the ``with-files`` variants and come down from the
ticket's attachment URL with the ticket's scope; the detail lists their metadata only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.support import services
from consortia.support.models import Attachment, Ticket
from tests.api.conftest import API


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="screenshot.png", content=b"\x89PNG fake", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_member_opens_a_ticket_with_files_and_downloads_them(api_for, world):
    member = api_for("alpha_member")

    response = member.client.post(
        f"{API}/tickets/with-files",
        {
            "desk": "alpha",
            "subject": "Error page",
            "body": "See the screenshots.",
            "files": [upload(), upload("log.txt", b"trace", "text/plain")],
        },
        **member.headers,
    )

    assert response.status_code == 201, response.content
    attachments = response.json()["messages"][0]["attachments"]
    assert [(a["filename"], a["size"]) for a in attachments] == [("screenshot.png", 9), ("log.txt", 5)]
    assert "file" not in attachments[0]
    download = member.client.get(attachments[1]["url"], **member.headers)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"trace"
    assert 'filename="log.txt"' in download["Content-Disposition"]


def test_an_agent_replies_and_notes_with_files(api_for, world):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please.")
    agent = api_for("alpha_staff")

    reply = agent.client.post(
        f"{API}/tickets/{ticket.pk}/replies/with-files",
        {"body": "Here is the guide.", "status": "waiting_on_requester", "files": [upload("guide.pdf")]},
        **agent.headers,
    )
    note = agent.client.post(
        f"{API}/tickets/{ticket.pk}/notes/with-files",
        {"body": "Internal log.", "files": [upload("internal.txt")]},
        **agent.headers,
    )

    assert (reply.status_code, note.status_code) == (201, 201), reply.content
    assert reply.json()["attachments"][0]["filename"] == "guide.pdf"
    assert note.json()["kind"] == "note"
    assert Ticket.objects.get(pk=ticket.pk).status == "waiting_on_requester"
    assert Attachment.objects.count() == 2


def test_another_tenant_cannot_download_a_file(api_for, world):
    ticket = services.open_ticket(
        world.beta_member,
        world.beta.desk,
        subject="Help",
        body="Please.",
        attachments=[services.NewAttachment("beta.txt", b"beta's", "text/plain")],
    )
    attachment = Attachment.objects.get()

    for name in ("alpha_admin", "alpha_member", "regional"):
        response = api_for(name).get(f"/tickets/{ticket.pk}/attachments/{attachment.pk}")
        assert response.status_code == 404, name
    assert api_for("beta_admin").get(f"/tickets/{ticket.pk}/attachments/{attachment.pk}").status_code == 200


def test_an_attachment_is_only_found_under_its_own_ticket(api_for, world):
    first = services.open_ticket(
        world.alpha_member,
        world.alpha.desk,
        subject="One",
        body="x",
        attachments=[services.NewAttachment("one.txt", b"1", "text/plain")],
    )
    second = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Two", body="y")
    attachment = Attachment.objects.get(message__ticket=first)

    response = api_for("alpha_member").get(f"/tickets/{second.pk}/attachments/{attachment.pk}")

    assert response.status_code == 404


def test_a_file_over_the_limit_is_400_and_writes_nothing(api_for, world, monkeypatch):
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 4)
    member = api_for("alpha_member")

    response = member.client.post(
        f"{API}/tickets/with-files",
        {"desk": "alpha", "subject": "Big", "body": "Large file.", "files": [upload(content=b"12345")]},
        **member.headers,
    )

    assert response.status_code == 400
    assert "files" in response.json()["fields"]
    assert not Ticket.objects.exists()
