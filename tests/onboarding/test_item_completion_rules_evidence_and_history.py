"""Completing an item needs evidence and happens once; reopening needs a reason; both are logged."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.audit.models import AuditEntry
from consortia.onboarding import services
from consortia.onboarding.models import ChecklistItemEvent, ChecklistKind, Owner


@pytest.fixture
def item(world):
    checklist = world.alpha.checklists.get(kind=ChecklistKind.CONSORTIUM)
    return checklist.items.filter(owner=Owner.CONSORTIUM).order_by("position").first()


@pytest.mark.parametrize("evidence", [{}, {"note": "   "}, {"note": "", "link": ""}])
def test_an_item_cannot_be_completed_without_evidence(world, item, evidence):
    with pytest.raises(ValidationError, match="evidence"):
        services.complete_item(world.alpha_admin, item, **evidence)

    item.refresh_from_db()
    assert not item.is_complete
    assert not item.events.exists()


def test_a_note_a_link_or_a_file_is_evidence_enough(world, item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    others = item.checklist.items.filter(owner=Owner.CONSORTIUM).exclude(pk=item.pk).order_by("position")

    by_note = services.complete_item(world.alpha_admin, item, note="Lead named in the minutes.")
    by_link = services.complete_item(world.alpha_admin, others[0], link="https://alpha.example/funding")
    by_file = services.complete_item(
        world.alpha_admin, others[1], file=SimpleUploadedFile("model.pdf", b"%PDF-1.4 support model")
    )

    assert by_note.evidence_note == "Lead named in the minutes."
    assert by_link.evidence_link == "https://alpha.example/funding"
    assert by_file.has_evidence_file
    assert by_file.events.get().file.name == by_file.evidence_file.name


def test_a_bad_link_is_refused(world, item):
    with pytest.raises(ValidationError):
        services.complete_item(world.alpha_admin, item, link="not a link")

    assert not item.events.exists()


def test_completing_an_item_twice_is_refused(world, item):
    services.complete_item(world.alpha_admin, item, note="Done.")

    with pytest.raises(ValidationError, match="already complete"):
        services.complete_item(world.alpha_staff, item, note="Done again.")

    assert item.events.count() == 1


def test_completing_records_who_when_and_the_evidence_in_an_event_and_the_audit_trail(world, item):
    item = services.complete_item(world.alpha_staff, item, note="Lead named.", link="https://alpha.example")

    event = item.events.get()
    assert (event.action, event.by, event.note, event.link) == (
        ChecklistItemEvent.Action.COMPLETED,
        world.alpha_staff,
        "Lead named.",
        "https://alpha.example",
    )
    assert item.completed_at == event.at
    entry = AuditEntry.objects.get(action="checklist.item_completed", object_id=str(item.pk))
    assert (entry.actor, entry.consortium) == (world.alpha_staff, world.alpha)


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_needs_a_reason(world, item, reason):
    services.complete_item(world.alpha_admin, item, note="Done.")

    with pytest.raises(ValidationError, match="reopened"):
        services.reopen_item(world.alpha_admin, item, reason=reason)

    item.refresh_from_db()
    assert item.is_complete


def test_reopening_clears_the_evidence_and_leaves_an_event_and_an_audit_entry(world, item):
    services.complete_item(world.alpha_admin, item, note="Done.", link="https://alpha.example")

    item = services.reopen_item(world.alpha_staff, item, reason="The main contact has left.")

    assert not item.is_complete
    assert (item.completed_by, item.evidence_note, item.evidence_link) == (None, "", "")
    assert list(item.events.values_list("action", "reason")) == [
        (ChecklistItemEvent.Action.COMPLETED, ""),
        (ChecklistItemEvent.Action.REOPENED, "The main contact has left."),
    ]
    entry = AuditEntry.objects.get(action="checklist.item_reopened", object_id=str(item.pk))
    assert entry.changes == {"reason": "The main contact has left."}
    assert entry.actor == world.alpha_staff


def test_an_open_item_cannot_be_reopened(world, item):
    with pytest.raises(ValidationError, match="not complete"):
        services.reopen_item(world.alpha_admin, item, reason="Why not.")


def test_a_reopened_item_can_be_completed_again(world, item):
    services.complete_item(world.alpha_admin, item, note="Done.")
    services.reopen_item(world.alpha_admin, item, reason="Wrong lead.")

    item = services.complete_item(world.alpha_admin, item, note="New lead named.")

    assert item.is_complete
    assert item.events.count() == 3
