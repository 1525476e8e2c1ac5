"""POST /checklists/items/{id}/complete and /reopen: evidence to complete, a reason to reopen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.onboarding.models import Checklist, ChecklistItemEvent
from tests.api.conftest import API


@pytest.fixture
def item(world):
    checklist = Checklist.objects.get(consortium=world.alpha, kind="consortium")
    return checklist.items.filter(owner="consortium").order_by("position").first()


def test_completing_with_a_note_and_link_records_who_and_when(api_for, item):
    response = api_for("alpha_staff").post(
        f"/checklists/items/{item.pk}/complete",
        {"note": "Agreed by the board", "link": "https://alpha.example/m"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == item.pk
    assert body["completed_at"] is not None and body["completed_by"] == "staff@alpha.example"
    assert (body["evidence_note"], body["evidence_link"]) == (
        "Agreed by the board",
        "https://alpha.example/m",
    )
    assert [event["action"] for event in body["events"]] == ["completed"]


def test_completing_without_evidence_is_400_and_changes_nothing(api_for, item):
    response = api_for("alpha_admin").post(f"/checklists/items/{item.pk}/complete", {"note": "  "})

    assert response.status_code == 400
    assert "Give evidence" in response.json()["detail"]
    item.refresh_from_db()
    assert item.completed_at is None and not item.events.exists()


def test_a_bad_evidence_link_is_400_naming_the_link(api_for, item):
    response = api_for("alpha_admin").post(f"/checklists/items/{item.pk}/complete", {"link": "not a url"})

    assert response.status_code == 400
    assert "link" in response.json()["fields"]


def test_completing_with_a_file_is_multipart(api_for, world, item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = api_for("alpha_admin")
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")

    response = client.client.post(
        f"{API}/checklists/items/{item.pk}/complete-with-file",
        {"note": "Minutes attached", "file": upload},
        **client.headers,
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["has_evidence_file"] is True and body["evidence_note"] == "Minutes attached"
    assert body["events"][0]["has_file"] is True
    item.refresh_from_db()
    assert item.evidence_file.read() == b"%PDF-1.4 minutes"


def test_reopening_needs_a_reason_and_keeps_the_history(api_for, item):
    client = api_for("alpha_admin")
    client.post(f"/checklists/items/{item.pk}/complete", {"note": "Done"})

    without = client.post(f"/checklists/items/{item.pk}/reopen", {"reason": ""})
    reopened = client.post(f"/checklists/items/{item.pk}/reopen", {"reason": "The lead changed"})

    assert without.status_code == 400
    assert without.json()["fields"] == {"reason": ["Say why the item is reopened."]}
    assert reopened.status_code == 200
    body = reopened.json()
    assert body["completed_at"] is None and body["evidence_note"] == ""
    assert [(e["action"], e["reason"]) for e in body["events"]] == [
        ("completed", ""),
        ("reopened", "The lead changed"),
    ]


def test_completing_twice_is_400(api_for, item):
    client = api_for("alpha_admin")
    client.post(f"/checklists/items/{item.pk}/complete", {"note": "Done"})

    again = client.post(f"/checklists/items/{item.pk}/complete", {"note": "Done again"})

    assert again.status_code == 400
    assert "already complete" in again.json()["detail"]
    assert ChecklistItemEvent.objects.filter(item=item).count() == 1


def test_member_contacts_read_their_checklist_but_cannot_complete_it(api_for, world):
    api_for("alpha_admin").post(f"/memberships/{world.alpha_membership.pk}/checklist")
    member_item = Checklist.objects.get(membership=world.alpha_membership).items.first()

    response = api_for("alpha_member").post(f"/checklists/items/{member_item.pk}/complete", {"note": "Done"})

    assert response.status_code == 403
    member_item.refresh_from_db()
    assert member_item.completed_at is None


def test_an_evidence_file_over_the_limit_is_400(api_for, item, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("consortia.onboarding.forms.MAX_EVIDENCE_FILE_BYTES", 10)
    client = api_for("alpha_admin")
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 far too long", content_type="application/pdf")

    response = client.client.post(
        f"{API}/checklists/items/{item.pk}/complete-with-file", {"file": upload}, **client.headers
    )

    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    item.refresh_from_db()
    assert item.completed_at is None
