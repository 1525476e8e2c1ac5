"""The only write paths for onboarding checklists."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from consortia.accounts import policy
from consortia.audit import services as audit
from consortia.directory.models import Consortium, Membership
from consortia.lib.files import removed_if_the_write_fails
from consortia.onboarding.models import (
    Checklist,
    ChecklistItem,
    ChecklistItemEvent,
    ChecklistKind,
    ChecklistTemplate,
    TemplateItem,
)

EVIDENCE_REQUIRED = "Give evidence that the item is done: a note, a link or a file."


def default_template(kind: str) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(kind=kind, is_default=True).first()


@transaction.atomic
def start_checklist(
    actor,
    template: ChecklistTemplate,
    *,
    consortium: Consortium | None = None,
    membership: Membership | None = None,
) -> Checklist:
    """Copy a template's items into a new checklist for a consortium or a membership."""
    if template.kind == ChecklistKind.MEMBERSHIP:
        if membership is None:
            raise ValidationError("A member onboarding checklist belongs to a membership.")
        consortium = membership.consortium
        if Checklist.objects.filter(membership=membership, kind=ChecklistKind.MEMBERSHIP).exists():
            raise ValidationError(f"{membership.organization} already has an onboarding checklist.")
    else:
        if consortium is None:
            raise ValidationError("A consortium onboarding checklist belongs to a consortium.")
        membership = None
        if Checklist.objects.filter(consortium=consortium, kind=ChecklistKind.CONSORTIUM).exists():
            raise ValidationError(f"{consortium} already has an onboarding checklist.")
    checklist = Checklist.objects.create(
        template=template,
        name=template.name,
        kind=template.kind,
        consortium=consortium,
        membership=membership,
    )
    anchor = checklist.anchor_date
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=checklist,
            position=item.position,
            title=item.title,
            guidance=item.guidance,
            owner=item.owner,
            phase=item.phase,
            due_months=item.due_months,
            due_days=item.due_days,
            due_date=item.due_date_from(anchor),
        )
        for item in template.items.order_by("position")
    )
    audit.record(
        actor,
        "checklist.started",
        checklist,
        f"Started the checklist “{checklist.name}”",
        consortium=consortium,
        membership=membership,
    )
    return checklist


def refresh_due_dates(checklists) -> int:
    """Recompute the due dates of the checklists' items from their anchors; returns how many moved."""
    changed = []
    for checklist in checklists:
        anchor = checklist.anchor_date
        for item in checklist.items.all():
            due = item.due_date_from(anchor)
            if due != item.due_date:
                item.due_date = due
                changed.append(item)
    ChecklistItem.objects.bulk_update(changed, ["due_date"])
    return len(changed)


def _require_may_complete(actor, item: ChecklistItem) -> None:
    if not policy.can_complete_checklist_item(actor, item.owner, item.checklist.consortium):
        if item.owner == "orcid":
            raise PermissionDenied("Only ORCID staff can complete or reopen ORCID's items.")
        raise PermissionDenied("Only the consortium's team can complete or reopen its items.")


@transaction.atomic
def complete_item(actor, item: ChecklistItem, *, note: str = "", link: str = "", file=None) -> ChecklistItem:
    """Mark an item done with evidence, by whom and when."""
    _require_may_complete(actor, item)
    item = ChecklistItem.objects.select_for_update().select_related("checklist__consortium").get(pk=item.pk)
    if item.is_complete:
        raise ValidationError(f"“{item.title}” is already complete.")
    note, link = (note or "").strip(), (link or "").strip()
    if not (note or link or file):
        raise ValidationError(EVIDENCE_REQUIRED)
    now = timezone.now()
    event = ChecklistItemEvent(
        item=item, action=ChecklistItemEvent.Action.COMPLETED, at=now, by=actor, note=note, link=link
    )
    if file is not None:
        event.file = file
    event.full_clean(exclude=["item", "by"])
    event.save()
    with removed_if_the_write_fails(event.file):
        _record_completion(actor, item, event)
    return item


def _record_completion(actor, item: ChecklistItem, event: ChecklistItemEvent) -> None:
    now, note, link = event.at, event.note, event.link
    item.completed_at = now
    item.completed_by = actor
    item.evidence_note, item.evidence_link = note, link
    # Both rows point at the one stored file.
    item.evidence_file = event.file.name or ""
    item.save(
        update_fields=["completed_at", "completed_by", "evidence_note", "evidence_link", "evidence_file"]
    )
    audit.record(
        actor,
        "checklist.item_completed",
        item,
        f"Completed “{item.title}”",
        changes={"note": note, "link": link, "file": item.evidence_file.name or ""},
        consortium=item.checklist.consortium,
        membership=item.checklist.membership,
    )


@transaction.atomic
def reopen_item(actor, item: ChecklistItem, *, reason: str) -> ChecklistItem:
    _require_may_complete(actor, item)
    item = ChecklistItem.objects.select_for_update().select_related("checklist__consortium").get(pk=item.pk)
    if not item.is_complete:
        raise ValidationError(f"“{item.title}” is not complete.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the item is reopened."})
    ChecklistItemEvent.objects.create(
        item=item, action=ChecklistItemEvent.Action.REOPENED, by=actor, reason=reason
    )
    item.completed_at = None
    item.completed_by = None
    item.evidence_note, item.evidence_link, item.evidence_file = "", "", ""
    item.save(
        update_fields=["completed_at", "completed_by", "evidence_note", "evidence_link", "evidence_file"]
    )
    audit.record(
        actor,
        "checklist.item_reopened",
        item,
        f"Reopened “{item.title}”: {reason}",
        changes={"reason": reason},
        consortium=item.checklist.consortium,
        membership=item.checklist.membership,
    )
    return item


# --- templates, kept by ORCID admins --------------------------------------------------------


def _require_template_editor(actor) -> None:
    if not policy.can_edit_checklist_templates(actor):
        raise PermissionDenied("Only ORCID admins edit checklist templates.")


@transaction.atomic
def save_template_item(
    actor, template: ChecklistTemplate, item: TemplateItem | None = None, **fields
) -> TemplateItem:
    """Add an item to a template (at the end unless a position is given) or change one."""
    _require_template_editor(actor)
    if item is None:
        last = template.items.order_by("-position").values_list("position", flat=True).first() or 0
        item = TemplateItem(template=template, position=fields.pop("position", None) or last + 1)
    before = audit.snapshot(item, fields.keys()) if item.pk else {}
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    template.updated_at = timezone.now()
    template.save(update_fields=["updated_at"])
    audit.record(
        actor,
        "template.item_saved",
        item,
        f"Saved “{item.title}” in the template “{template.name}”",
        changes=audit.field_changes(item, before, fields.keys()) if before else {},
    )
    return item


@transaction.atomic
def remove_template_item(actor, item: TemplateItem) -> None:
    _require_template_editor(actor)
    template = item.template
    audit.record(actor, "template.item_removed", item, f"Removed “{item.title}” from “{template.name}”")
    item.delete()
    template.updated_at = timezone.now()
    template.save(update_fields=["updated_at"])


@transaction.atomic
def update_template(actor, template: ChecklistTemplate, **fields) -> ChecklistTemplate:
    _require_template_editor(actor)
    before = audit.snapshot(template, fields.keys())
    if fields.get("is_default"):
        ChecklistTemplate.objects.filter(kind=template.kind, is_default=True).exclude(pk=template.pk).update(
            is_default=False
        )
    for name, value in fields.items():
        setattr(template, name, value)
    template.updated_at = timezone.now()
    template.full_clean()
    template.save()
    audit.record(
        actor,
        "template.updated",
        template,
        f"Updated the checklist template “{template.name}”",
        changes=audit.field_changes(template, before, fields.keys()),
    )
    return template
