"""Onboarding checklists: templates ORCID keeps, and the checklists made from them.

A checklist copies its template's items when it is started, so editing a template changes the
checklists started afterwards and never rewrites one that is under way. Each item's due date is
its anchor (the consortium's agreement date, or a membership's joined date) plus the item's
offset; it is stored so lists and reminders can filter on it, and recomputed whenever the anchor
changes (``onboarding.signals``).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.directory.models import Consortium, Membership
from consortia.lib.dates import add_months


class Owner(models.TextChoices):
    CONSORTIUM = "consortium", "Consortium"
    ORCID = "orcid", "ORCID"


class Phase(models.TextChoices):
    PRE_AGREEMENT = "pre_agreement", "Before the agreement"
    FEES = "fees", "Fees"
    POST_AGREEMENT = "post_agreement", "After the agreement"


class ChecklistKind(models.TextChoices):
    CONSORTIUM = "consortium", "Consortium onboarding"
    MEMBERSHIP = "membership", "Member onboarding"


class DueRule(models.Model):
    """An offset from the checklist's anchor date: months first (clamped to month ends), then days."""

    owner = models.CharField(max_length=12, choices=Owner.choices, default=Owner.CONSORTIUM)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.POST_AGREEMENT)
    due_months = models.PositiveSmallIntegerField(default=0)
    due_days = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True

    def due_date_from(self, anchor: date | None) -> date | None:
        if anchor is None:
            return None
        return add_months(anchor, self.due_months) + timedelta(days=self.due_days)

    @property
    def due_rule_label(self) -> str:
        parts = []
        if self.due_months:
            parts.append(f"{self.due_months} month{'s' if self.due_months != 1 else ''}")
        if self.due_days:
            parts.append(f"{self.due_days} day{'s' if self.due_days != 1 else ''}")
        return f"within {' and '.join(parts)}" if parts else "by the agreement date"


class ChecklistTemplate(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ChecklistKind.choices)
    description = models.TextField(blank=True)
    # New consortia (or new members) get the default template of their kind.
    is_default = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_default=True), name="one_default_template_per_kind"
            )
        ]

    def __str__(self):
        return self.name


class TemplateItem(DueRule):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="template_item_position_unique")
        ]

    def __str__(self):
        return self.title


class Checklist(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="checklists"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=ChecklistKind.choices)
    # Always set, so every checklist is scoped by its consortium; member checklists set both.
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="checklists")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, null=True, blank=True, related_name="checklists"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consortium__name", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium"],
                condition=Q(kind="consortium"),
                name="one_onboarding_checklist_per_consortium",
            ),
            models.UniqueConstraint(
                fields=["membership"], condition=Q(kind="membership"), name="one_checklist_per_membership"
            ),
            models.CheckConstraint(
                condition=Q(kind="consortium", membership__isnull=True)
                | Q(kind="membership", membership__isnull=False),
                name="member_checklist_has_membership",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def anchor_date(self) -> date | None:
        if self.kind == ChecklistKind.MEMBERSHIP:
            return self.membership.joined_date
        return self.consortium.agreement_date

    @property
    def anchor_label(self) -> str:
        return "joined date" if self.kind == ChecklistKind.MEMBERSHIP else "agreement date"


class ChecklistItem(DueRule):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence_note = models.TextField(blank=True)
    evidence_link = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to="checklist-evidence/%Y/%m/", blank=True)

    class Meta:
        ordering = ["checklist", "position"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "position"], name="checklist_item_position_unique")
        ]
        indexes = [models.Index(fields=["due_date", "completed_at"], name="checklist_item_due_idx")]

    def __str__(self):
        return self.title

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_complete and self.due_date is not None and self.due_date < today

    @property
    def has_evidence_file(self) -> bool:
        return bool(self.evidence_file)


class ChecklistItemEvent(models.Model):
    """Each completion and reopening, so the state of an item on any past date can be told."""

    class Action(models.TextChoices):
        COMPLETED = "completed", "Completed"
        REOPENED = "reopened", "Reopened"

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="checklist-evidence/%Y/%m/", blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["item", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ReminderRun(models.Model):
    """One row per day the overdue reminders went out, so two workers never send them twice."""

    day = models.DateField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    messages_sent = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Reminders of {self.day}"
