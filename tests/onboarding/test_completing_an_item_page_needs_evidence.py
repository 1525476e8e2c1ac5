"""Completing an item from the page needs evidence (a note, a link or a file); without it the
page says so and nothing is saved. A file uploaded as evidence downloads again, as an
attachment, from the item and from its history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.onboarding.forms import MAX_EVIDENCE_FILE_BYTES
from consortia.onboarding.models import Checklist, ChecklistItemEvent, ChecklistKind


@pytest.fixture
def item(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    return checklist.items.filter(owner="consortium").first()


def test_the_complete_form_shows(world, client_for, item):
    response = client_for("alpha_staff").get(reverse("onboarding:item_complete", args=[item.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert item.title in page and 'enctype="multipart/form-data"' in page


def test_completing_without_evidence_shows_an_error_and_saves_nothing(world, client_for, item):
    response = client_for("alpha_staff").post(
        reverse("onboarding:item_complete", args=[item.pk]), {"note": "  ", "link": ""}
    )
    assert response.status_code == 200
    assert "Give evidence that the item is done" in response.content.decode()
    item.refresh_from_db()
    assert not item.is_complete
    assert not ChecklistItemEvent.objects.exists()


def test_a_bad_link_is_refused_on_its_field(world, client_for, item):
    response = client_for("alpha_staff").post(
        reverse("onboarding:item_complete", args=[item.pk]), {"link": "not a link at all"}
    )
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    item.refresh_from_db()
    assert not item.is_complete


def test_completing_with_a_note_shows_who_and_when(world, client_for, item):
    client = client_for("alpha_staff")
    response = client.post(
        reverse("onboarding:item_complete", args=[item.pk]),
        {"note": "Lead agreed at the board meeting", "link": "https://example.org/minutes"},
        follow=True,
    )
    page = response.content.decode()
    assert f"Completed “{item.title}”" in page
    assert "Lead agreed at the board meeting" in page and "https://example.org/minutes" in page
    assert world.alpha_staff.display_name in page
    item.refresh_from_db()
    assert item.is_complete and item.completed_by == world.alpha_staff


def test_a_file_uploaded_as_evidence_downloads_again(world, client_for, item):
    client = client_for("alpha_admin")
    upload = SimpleUploadedFile("board-minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(reverse("onboarding:item_complete", args=[item.pk]), {"file": upload})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_complete and item.evidence_file

    page = client.get(reverse("onboarding:consortium_checklist", args=["alpha"])).content.decode()
    assert reverse("onboarding:item_evidence", args=[item.pk]) in page
    download = client.get(reverse("onboarding:item_evidence", args=[item.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert "board-minutes" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"

    event = ChecklistItemEvent.objects.get(item=item)
    from_history = client.get(reverse("onboarding:event_evidence", args=[event.pk]))
    assert b"".join(from_history.streaming_content) == b"%PDF-1.4 minutes"
    # Others of the consortium in scope read it too; the evidence of an open item is not there.
    assert (
        client_for("orcid_admin").get(reverse("onboarding:item_evidence", args=[item.pk])).status_code == 200
    )
    other = item.checklist.items.exclude(pk=item.pk).first()
    assert client.get(reverse("onboarding:item_evidence", args=[other.pk])).status_code == 404


def test_a_file_over_the_size_limit_is_refused_clearly(world, client_for, item):
    upload = SimpleUploadedFile("huge.bin", b"x" * (MAX_EVIDENCE_FILE_BYTES + 1))
    response = client_for("alpha_admin").post(
        reverse("onboarding:item_complete", args=[item.pk]), {"file": upload, "note": "with a big file"}
    )
    assert response.status_code == 200
    assert "evidence files can be at most 10.0" in response.content.decode()
    item.refresh_from_db()
    assert not item.is_complete
