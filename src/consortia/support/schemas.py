"""What the support desk API reads and writes, field by field.

Datetimes are ISO 8601 with their UTC offset; SLA durations are whole seconds of *working* time on
the desk's calendar (not wall-clock time). Choices are their stored values (``"waiting_on_orcid"``,
``"high"``). People appear by display name and e-mail address; an assignee also by user id, which
is what ``PATCH /tickets/{id}`` takes.

What a reader sees of a ticket depends on who they are (``policy.can_see_internal_notes``): a
member contact gets the public thread only, and never ORCID's side of an escalation; the desk's
side also gets internal notes and the escalations.
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from consortia.directory.schemas import ListParams
from consortia.support import sla

WORKING_SECONDS = "Whole seconds of working time on the desk's calendar"

# --- query parameters ---------------------------------------------------------------------


class TicketFilters(ListParams):
    q: str = Field("", description="Part of the subject, requester's name or e-mail address; or #123")
    desk: str = Field("", description="Desk slug")
    status: str = Field(
        "",
        description="A status or a comma-separated list of them; `open` alone means every open status "
        "(new, open, waiting on requester, waiting on ORCID)",
    )
    priority: str = Field("", description="low, normal, high or urgent")
    category: str = ""
    tier: str = Field("", description="1, 2 or 3")
    assignee: str = Field("", description="`me`, `none`, or a user id")
    breached: str = Field("", description="true: an SLA target was missed; false: none was")
    created_from: date | None = Field(None, description="Opened on or after this day (UTC)")
    created_to: date | None = Field(None, description="Opened on or before this day (UTC)")
    sort: str = Field(
        "-created",
        description="created, updated, last_message, due (the earliest open SLA target first) or "
        "priority (urgent first); prefix - to reverse",
    )


class EscalationFilters(ListParams):
    q: str = Field("", description="Part of the summary or of the ticket's subject")
    state: str = Field("", description="open or resolved")
    consortium: str = Field("", description="Consortium slug")
    desk: str = Field("", description="Slug of the ORCID desk the escalation is on")


class RegisteredIssueFilters(ListParams):
    q: str = Field("", description="Part of the title, description or ORCID's reference")
    consortium: str = Field("", description="Consortium slug")
    status: str = Field("", description="open, raised, in_progress, resolved or wont_fix")
    category: str = Field("", description="bug, feature or documentation")


# --- read shapes ------------------------------------------------------------------------------


class SlaOut(Schema):
    first_response_at: datetime | None = Field(description="The desk's first public reply")
    first_response_seconds: int | None = Field(description=WORKING_SECONDS + " until the first response")
    first_response_due: datetime | None
    next_response_due: datetime | None = Field(
        description="When the requester's last message is due an answer"
    )
    resolved_at: datetime | None
    resolution_seconds: int | None = Field(description=WORKING_SECONDS + " until the resolution")
    resolution_due: datetime | None = Field(
        description="Null while the clock is stopped short of the target (waiting on the requester)"
    )
    first_response_breached: bool
    next_response_breached: bool
    resolution_breached: bool
    is_breached: bool
    due: datetime | None = Field(description="The earliest open target")
    about_to_breach: bool = Field(description="Open, not yet breached, and a target falls due soon")


def sla_body(ticket) -> dict:
    body = {name: getattr(ticket, name) for name in sla.Figures.FIELDS if name != "sla_due"}
    body["is_breached"] = ticket.is_breached
    body["due"] = ticket.sla_due
    body["about_to_breach"] = sla.is_about_to_breach(ticket)
    return body


class TicketOut(Schema):
    id: int
    reference: str = Field(description='"#123"')
    subject: str
    desk: str = Field(description="Desk slug")
    desk_kind: str = Field(description="consortium, orcid_regional or orcid_global")
    consortium: str | None = Field(description="Slug of the consortium the ticket concerns")
    organization: int | None = Field(description="The requester's organization id")
    organization_name: str | None
    requester_name: str
    requester_email: str
    tier: int
    category: str
    priority: str
    status: str
    origin: str = Field(description="web, email, api or escalation (ORCID's side of an escalation)")
    assignee: int | None = Field(description="User id of the agent it is assigned to")
    assignee_name: str | None
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime
    sla: SlaOut

    @staticmethod
    def resolve_desk(obj) -> str:
        return obj.desk.slug

    @staticmethod
    def resolve_desk_kind(obj) -> str:
        return obj.desk.kind

    @staticmethod
    def resolve_consortium(obj) -> str | None:
        return obj.consortium.slug if obj.consortium_id else None

    @staticmethod
    def resolve_organization(obj) -> int | None:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj) -> str | None:
        return obj.organization.name if obj.organization_id else None

    @staticmethod
    def resolve_assignee(obj) -> int | None:
        return obj.assignee_id

    @staticmethod
    def resolve_assignee_name(obj) -> str | None:
        return obj.assignee.display_name if obj.assignee_id else None

    @staticmethod
    def resolve_sla(obj) -> dict:
        return sla_body(obj)


def attachment_list(attachments, url_base: str) -> list[dict]:
    """AttachmentOut rows, each downloadable at ``url_base`` + its id."""
    return [
        {
            "id": a.pk,
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.size,
            "url": f"{url_base}{a.pk}",
        }
        for a in attachments
    ]


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int = Field(description="Bytes")
    url: str = Field(description="Where to download it, with the same token")


class MessageOut(Schema):
    id: int
    kind: str = Field(description="reply (public) or note (internal, the desk's side only)")
    source: str = Field(description="web, email, api or system")
    from_agent: bool = Field(description="Written by the desk's side")
    author_name: str
    author_email: str
    body: str
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj) -> list[dict]:
        return attachment_list(obj.attachments.all(), f"/api/v1/tickets/{obj.ticket_id}/attachments/")


class TicketEventOut(Schema):
    kind: str = Field(description="created, status, assigned, priority, category, tier, desk, escalated, …")
    from_value: str
    to_value: str
    actor: str | None = Field(description="Display name of who did it; null for the system or e-mail")
    at: datetime

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.display_name if obj.actor_id else None


class EscalationOut(Schema):
    id: int
    ticket: int = Field(description="The consortium's ticket id")
    ticket_reference: str
    subject: str = Field(description="The consortium ticket's subject")
    consortium: str = Field(description="Consortium slug")
    orcid_ticket: int | None = Field(
        description="ORCID's linked ticket id, for ORCID's staff only (null for the consortium's team)"
    )
    orcid_desk: str = Field(description="Slug of the ORCID desk it is on (regional or global)")
    tier: int = Field(description="2 or 3, on ORCID's side")
    orcid_status: str = Field(description="The status of ORCID's linked ticket")
    summary: str = Field(description="What the consortium's agent wrote to ORCID")
    state: str = Field(description="open (with ORCID) or resolved")
    resolution: str = Field(description="ORCID's resolution, once resolved")
    escalated_by: str | None
    escalated_at: datetime
    resolved_at: datetime | None

    @staticmethod
    def resolve_ticket(obj) -> int:
        return obj.ticket_id

    @staticmethod
    def resolve_ticket_reference(obj) -> str:
        return obj.ticket.reference

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.ticket.subject

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.ticket.consortium.slug

    @staticmethod
    def resolve_orcid_ticket(obj) -> int | None:
        # Annotated by the endpoint from ``policy.tickets_for``: ORCID's side stays ORCID's.
        return obj.orcid_ticket_id if obj.sees_orcid_side else None

    @staticmethod
    def resolve_orcid_desk(obj) -> str:
        return obj.orcid_ticket.desk.slug

    @staticmethod
    def resolve_tier(obj) -> int:
        return obj.orcid_ticket.tier

    @staticmethod
    def resolve_orcid_status(obj) -> str:
        return obj.orcid_ticket.status

    @staticmethod
    def resolve_escalated_by(obj) -> str | None:
        return obj.escalated_by.display_name if obj.escalated_by_id else None


class EscalationReplyOut(Schema):
    id: int
    from_orcid: bool = Field(description="Written by ORCID (else by the consortium's agent)")
    author_name: str
    body: str
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj) -> list[dict]:
        return attachment_list(obj.attachments.all(), f"/api/v1/escalations/{obj.escalation_id}/attachments/")

    @staticmethod
    def resolve_from_orcid(obj) -> bool:
        return obj.from_agent


class EscalationDetailOut(EscalationOut):
    replies: list[EscalationReplyOut] = Field(
        description="The public conversation between the consortium's agent and ORCID (ORCID's internal "
        "notes are not here)"
    )

    @staticmethod
    def resolve_replies(obj):
        return obj.public_replies


class TicketDetailOut(TicketOut):
    messages: list[MessageOut] = Field(
        description="The thread, oldest first: public replies, and internal notes for the desk's side"
    )
    events: list[TicketEventOut] = Field(description="The ticket's log, oldest first")
    escalations: list[EscalationOut] = Field(
        description="Escalations of this ticket to ORCID, for the desk's side (empty for a member)"
    )
    escalated_from: EscalationOut | None = Field(
        description="On ORCID's side of an escalation: the escalation it came from"
    )
    can_work: bool = Field(description="Whether the reader works this ticket's desk")

    @staticmethod
    def resolve_messages(obj):
        return obj.thread

    @staticmethod
    def resolve_events(obj):
        return obj.log

    @staticmethod
    def resolve_escalations(obj):
        return obj.escalation_summaries

    @staticmethod
    def resolve_escalated_from(obj):
        return obj.escalation_origin


class BulkOut(Schema):
    updated: int
    tickets: list[TicketOut]


class RegisteredIssueOut(Schema):
    id: int
    consortium: str = Field(description="Consortium slug")
    title: str
    description: str
    category: str = Field(description="bug, feature or documentation")
    status: str = Field(description="open, raised, in_progress, resolved or wont_fix")
    orcid_reference: str
    orcid_answer: str
    merged_into: int | None = Field(description="The issue this one follows, once ORCID merged them")
    members_affected_count: int
    ticket_count: int
    created_by: str | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_created_by(obj) -> str | None:
        return obj.created_by.display_name if obj.created_by_id else None


class AffectedMemberOut(Schema):
    membership: int = Field(description="Membership id")
    organization: str


class LinkedTicketOut(Schema):
    id: int
    reference: str
    subject: str
    status: str


class MergedIssueOut(Schema):
    id: int
    consortium: str
    title: str


class RegisteredIssueDetailOut(RegisteredIssueOut):
    members_affected: list[AffectedMemberOut]
    tickets: list[LinkedTicketOut]
    merged_issues: list[MergedIssueOut] = Field(
        description="Issues merged into this one that the reader can see (another consortium's are left out)"
    )

    @staticmethod
    def resolve_members_affected(obj):
        return [{"membership": m.pk, "organization": m.organization.name} for m in obj.members_affected.all()]

    @staticmethod
    def resolve_tickets(obj):
        return [
            {"id": t.pk, "reference": t.reference, "subject": t.subject, "status": t.status}
            for t in obj.tickets.all()
        ]

    @staticmethod
    def resolve_merged_issues(obj):
        return [
            {"id": i.pk, "consortium": i.consortium.slug, "title": i.title} for i in obj.visible_merged_issues
        ]


# --- write shapes -----------------------------------------------------------------------------


class TicketIn(Schema):
    desk: str = Field(
        description="Desk slug: a member contact's own consortium's desk, or a desk the agent works"
    )
    subject: str
    body: str = Field(description="The first message, from the requester")
    category: str = Field("other", description="account, integration, record, membership, … or other")
    priority: str = Field("normal", description="low, normal, high or urgent")
    organization: int | None = Field(
        None, description="An agent opening it on a member's behalf: the member organization's id"
    )
    requester_email: str = Field("", description="An agent: the requester's e-mail address")
    requester_name: str = ""


class ReplyIn(Schema):
    body: str
    status: str | None = Field(
        None, description="An agent's reply: the status it leaves the ticket in (default: open)"
    )


class NoteIn(Schema):
    body: str


class TicketPatch(Schema):
    status: str | None = None
    priority: str | None = None
    category: str | None = None
    tier: int | None = Field(None, description="1 on a consortium desk; 2 or 3 on ORCID's")
    assignee: int | None = Field(None, description="User id of an agent of the desk; null unassigns")


class BulkIn(Schema):
    ids: list[int] = Field(description="Ticket ids")
    changes: TicketPatch


class EscalationIn(Schema):
    summary: str = Field(description="What ORCID needs to know; the first message of ORCID's ticket")
    tier: int = Field(2, description="2 or 3")


class EscalationReplyIn(Schema):
    body: str


class TransferIn(Schema):
    to_global: bool = Field(True, description="Pass it to ORCID's global desk")
    tier: int | None = Field(None, description="2 or 3")


class ResolutionIn(Schema):
    resolution: str = Field(description="ORCID's answer for the consortium's agent")


class RegisteredIssuePatch(Schema):
    title: str | None = None
    description: str | None = None
    category: str | None = Field(None, description="bug, feature or documentation")
    status: str | None = Field(None, description="open, raised, in_progress, resolved or wont_fix")
    members_affected: list[int] | None = Field(None, description="Membership ids; replaces the links")
    tickets: list[int] | None = Field(None, description="Ticket ids; replaces the links")


class RegisteredIssueIn(Schema):
    consortium: str = Field(description="Consortium slug")
    title: str
    description: str
    category: str = Field(description="bug, feature or documentation")
    status: str = Field("open", description="open, raised, in_progress, resolved or wont_fix")
    members_affected: list[int] = Field(default_factory=list, description="Membership ids")
    tickets: list[int] = Field(default_factory=list, description="Ticket ids")


class AnswerIn(Schema):
    status: str | None = None
    orcid_reference: str | None = None
    orcid_answer: str | None = None


class MergeIn(Schema):
    into: int = Field(description="Id of the issue this one is the same as")
