"""What the checklist API reads and writes, field by field.

Dates are ISO 8601; owners, phases and kinds are their stored values (``"orcid"``,
``"post_agreement"``, ``"membership"``). A due date is the checklist's anchor (the consortium's
agreement date, or the member's joined date) plus the item's offset, and is null until the anchor
is known. Evidence files are not served here: ``has_evidence_file`` says one is attached, and the
web page offers it for download.
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from consortia.directory.schemas import ListParams

# --- query parameters ---------------------------------------------------------------------


class ChecklistFilters(ListParams):
    q: str = Field("", description="Part of the checklist's, consortium's or member organization's name")
    consortium: str = Field("", description="Consortium slug")
    kind: str = Field("", description="consortium or membership")
    overdue: str = Field("", description="true: only checklists with an overdue item; false: none overdue")


# --- read shapes ------------------------------------------------------------------------------


class ChecklistOut(Schema):
    id: int
    name: str
    kind: str = Field(description="consortium (the consortium's own onboarding) or membership")
    consortium: str = Field(description="Consortium slug")
    membership_id: int | None = Field(description="The membership, for a member onboarding checklist")
    organization: str | None = Field(description="The member organization's name, for a member checklist")
    anchor_date: date | None = Field(
        description="The date due dates count from: the agreement date, or the member's joined date"
    )
    anchor_label: str = Field(description="What the anchor date is: agreement date or joined date")
    item_count: int
    done_count: int
    overdue_count: int = Field(description="Open items past their due date today")

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.membership.organization.name if obj.membership_id else None


class ChecklistItemEventOut(Schema):
    id: int
    action: str = Field(description="completed or reopened")
    at: datetime
    by: str | None = Field(description="E-mail address of the user who acted")
    note: str
    link: str
    has_file: bool
    reason: str = Field(description="Why the item was reopened")

    @staticmethod
    def resolve_by(obj) -> str | None:
        return obj.by.email if obj.by else None

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)


class ChecklistItemOut(Schema):
    id: int
    checklist_id: int
    position: int
    title: str
    guidance: str
    owner: str = Field(description="consortium or orcid: who completes the item")
    phase: str = Field(description="pre_agreement, fees or post_agreement")
    due_rule: str = Field(description="The offset from the anchor date, in words")
    due_date: date | None
    is_overdue: bool
    completed_at: datetime | None
    completed_by: str | None = Field(description="E-mail address of the user who completed it")
    evidence_note: str
    evidence_link: str
    has_evidence_file: bool
    events: list[ChecklistItemEventOut] = Field(description="Every completion and reopening, oldest first")

    @staticmethod
    def resolve_due_rule(obj) -> str:
        return obj.due_rule_label

    @staticmethod
    def resolve_is_overdue(obj) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_completed_by(obj) -> str | None:
        return obj.completed_by.email if obj.completed_by else None

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class _PrefetchedItems(Schema):
    """``items`` and ``item_count`` of a detail read from its prefetched items, not another query."""

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())

    @staticmethod
    def resolve_item_count(obj) -> int:
        return len(obj.items.all())


class ChecklistDetailOut(ChecklistOut, _PrefetchedItems):
    items: list[ChecklistItemOut]

    @staticmethod
    def resolve_done_count(obj) -> int:
        return sum(item.is_complete for item in obj.items.all())

    @staticmethod
    def resolve_overdue_count(obj) -> int:
        return sum(item.is_overdue() for item in obj.items.all())


class TemplateItemOut(Schema):
    id: int
    template_id: int
    position: int
    title: str
    guidance: str
    owner: str
    phase: str
    due_months: int
    due_days: int
    due_rule: str

    @staticmethod
    def resolve_due_rule(obj) -> str:
        return obj.due_rule_label


class ChecklistTemplateOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    description: str
    is_default: bool = Field(
        description="New consortia (or new members) get the default template of its kind"
    )
    updated_at: datetime
    item_count: int


class ChecklistTemplateDetailOut(ChecklistTemplateOut, _PrefetchedItems):
    items: list[TemplateItemOut]


# --- write shapes -----------------------------------------------------------------------------


class EvidenceIn(Schema):
    note: str = Field("", description="What was done")
    link: str = Field("", description="A URL showing it was done")


class ReopenIn(Schema):
    reason: str


class TemplateItemIn(Schema):
    title: str
    guidance: str = ""
    owner: str = Field("consortium", description="consortium or orcid")
    phase: str = Field("post_agreement", description="pre_agreement, fees or post_agreement")
    due_months: int = Field(0, description="Months after the anchor date (clamped to month ends)")
    due_days: int = Field(0, description="Days after the anchor date, added after the months")
    position: int | None = Field(None, description="Where in the template; at the end if not given")


class TemplateItemPatch(Schema):
    title: str | None = None
    guidance: str | None = None
    owner: str | None = None
    phase: str | None = None
    due_months: int | None = None
    due_days: int | None = None
    position: int | None = None


class ChecklistTemplatePatch(Schema):
    name: str | None = None
    description: str | None = None
    is_default: bool | None = Field(
        None, description="true makes this the default of its kind (the previous default stops being it)"
    )
