"""The support desk REST endpoints: tickets, escalations to ORCID, and consortia's issues registers.

Tickets are read through ``policy.tickets_for`` (another tenant's ticket is 404, and so is ORCID's
side of an escalation to a consortium's team or a member); escalations through the tickets either
side of them, for staff roles only; the issues register through ``policy.registered_issues_for``
(a member contact's list is empty). Writes go through ``support.services``, which ask the
``policy.can_*`` question (403) and raise ``ValidationError`` with the rule (400).

A ticket's thread is filtered by ``policy.can_see_internal_notes``: a member contact reads the
public replies only, and never an escalation or ORCID's side of it. Attachments are uploaded as
``multipart/form-data`` on the ``…/with-files`` variants of the endpoints that write messages, and
downloaded from ``GET /tickets/{id}/attachments/{attachment_id}`` with the same scope.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from consortia import web
from consortia.accounts import policy
from consortia.api_helpers import (
    ERRORS,
    check_choice,
    get_in_scope_or_404,
    get_referenced_or_400,
    paginate,
    yes_no,
)
from consortia.directory.models import Membership
from consortia.directory.schemas import Page
from consortia.support import services
from consortia.support.models import (
    Attachment,
    Desk,
    Escalation,
    RegisteredIssue,
    Ticket,
    TicketEvent,
    TicketMessage,
)
from consortia.support.schemas import (
    AnswerIn,
    BulkIn,
    BulkOut,
    EscalationDetailOut,
    EscalationFilters,
    EscalationIn,
    EscalationOut,
    EscalationReplyIn,
    EscalationReplyOut,
    MergeIn,
    MessageOut,
    NoteIn,
    RegisteredIssueDetailOut,
    RegisteredIssueFilters,
    RegisteredIssueIn,
    RegisteredIssueOut,
    RegisteredIssuePatch,
    ReplyIn,
    ResolutionIn,
    TicketDetailOut,
    TicketFilters,
    TicketIn,
    TicketOut,
    TicketPatch,
    TransferIn,
)

router = Router()
User = get_user_model()

ONLY_AGENTS_SET_STATUS = "Only the desk's agents change a ticket's status."
TIERS = ("1", "2", "3")
TICKET_SORTS = {
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "last_message": ("last_message_at", "pk"),
    "-last_message": ("-last_message_at", "-pk"),
    "due": (F("sla_due").asc(nulls_last=True), "pk"),
    "-due": (F("sla_due").desc(nulls_last=True), "-pk"),
    "priority": ("priority_rank", F("sla_due").asc(nulls_last=True), "pk"),
    "-priority": ("-priority_rank", F("sla_due").asc(nulls_last=True), "pk"),
}
# Urgent first: the stored values do not sort by importance.
PRIORITY_RANK = Case(
    *(When(priority=value, then=Value(rank)) for rank, value in enumerate(reversed(Ticket.Priority.values))),
    output_field=IntegerField(),
)
# What a member contact's log shows: the escalation events belong to the desk's side.
PUBLIC_EVENTS = (TicketEvent.Kind.CREATED, TicketEvent.Kind.STATUS, TicketEvent.Kind.RATED)


# --- tickets --------------------------------------------------------------------------------


def _tickets(user) -> QuerySet[Ticket]:
    return policy.tickets_for(user).select_related("desk", "consortium", "organization", "assignee")


def _ticket(user, ticket_id: int) -> Ticket:
    return get_in_scope_or_404(_tickets(user), pk=ticket_id)


def _statuses(value: str) -> list[str]:
    """``open`` alone is every open status; otherwise a comma-separated list of statuses."""
    words = [word.strip() for word in value.split(",") if word.strip()]
    if words == ["open"]:
        return list(Ticket.OPEN_STATUSES)
    for word in words:
        check_choice("status", word, Ticket.Status.values)
    return words


def _assignee_filter(user, value: str) -> Q:
    value = value.strip().lower()
    if value == "me":
        return Q(assignee_id=user.pk)
    if value == "none":
        return Q(assignee__isnull=True)
    if not value.isdigit():
        raise ValidationError({"assignee": f"assignee is me, none or a user id, not {value!r}."})
    return Q(assignee_id=int(value))


def _search(q: str) -> Q:
    reference = q.lstrip("#")
    found = Q(subject__icontains=q) | Q(requester_email__icontains=q) | Q(requester_name__icontains=q)
    if reference.isdigit():
        found |= Q(pk=int(reference))
    return found


@router.get("/tickets", response={200: Page[TicketOut], **ERRORS}, tags=["tickets"])
def list_tickets(request, filters: Query[TicketFilters]):
    """Tickets in scope: a desk's queue for its agents, a member contact's own organization's.
    The ``sla`` object of each carries its figures and whether it is about to breach."""
    user = request.auth
    tickets = _tickets(user)
    if filters.desk:
        tickets = tickets.filter(desk__slug=filters.desk)
    if filters.status.strip():
        tickets = tickets.filter(status__in=_statuses(filters.status))
    if check_choice("priority", filters.priority, Ticket.Priority.values):
        tickets = tickets.filter(priority=filters.priority)
    if check_choice("category", filters.category, Ticket.Category.values):
        tickets = tickets.filter(category=filters.category)
    if check_choice("tier", filters.tier, TIERS):
        tickets = tickets.filter(tier=int(filters.tier))
    if filters.assignee.strip():
        tickets = tickets.filter(_assignee_filter(user, filters.assignee))
    breached = yes_no("breached", filters.breached)
    if breached is not None:
        tickets = tickets.filter(is_breached=breached)
    if filters.created_from:
        tickets = tickets.filter(created_at__date__gte=filters.created_from)
    if filters.created_to:
        tickets = tickets.filter(created_at__date__lte=filters.created_to)
    q = filters.q.strip()
    if q:
        tickets = tickets.filter(_search(q))
    sort = check_choice("sort", filters.sort or "-created", list(TICKET_SORTS))
    if sort.endswith("priority"):
        tickets = tickets.annotate(priority_rank=PRIORITY_RANK)
    return paginate(tickets.order_by(*TICKET_SORTS[sort]), filters)


def _escalations(user) -> QuerySet[Escalation]:
    """Escalations whose ticket on either side the user sees; staff roles only (a member's ticket
    being escalated is the desk's business). ``sees_orcid_side`` says whether ORCID's linked
    ticket is in the user's scope."""
    if not getattr(user, "is_staff_role", False):
        return Escalation.objects.none()
    visible = policy.tickets_for(user)
    return (
        Escalation.objects.filter(Q(ticket__in=visible) | Q(orcid_ticket__in=visible))
        .select_related("ticket__consortium", "orcid_ticket__desk", "escalated_by")
        .annotate(sees_orcid_side=Exists(visible.filter(pk=OuterRef("orcid_ticket_id"))))
        .order_by("-escalated_at", "-pk")
    )


def _ticket_detail(user, ticket_id: int) -> Ticket:
    """The ticket with what this reader may see of it: the thread (internal notes only for the
    desk's side), the log, and the escalations on either side of it (never for a member)."""
    ticket = _ticket(user, ticket_id)
    desk_side = policy.can_see_internal_notes(user, ticket)
    messages = ticket.messages.prefetch_related("attachments").order_by("created_at", "pk")
    events = ticket.events.select_related("actor").order_by("at", "pk")
    if not desk_side:
        messages = messages.filter(kind=TicketMessage.Kind.REPLY)
        events = events.filter(kind__in=PUBLIC_EVENTS)
    ticket.thread = list(messages)
    ticket.log = list(events)
    ticket.escalation_summaries, ticket.escalation_origin = [], None
    if desk_side:
        escalations = list(_escalations(user).filter(Q(ticket=ticket) | Q(orcid_ticket=ticket)))
        ticket.escalation_summaries = [e for e in escalations if e.ticket_id == ticket.pk]
        ticket.escalation_origin = next((e for e in escalations if e.orcid_ticket_id == ticket.pk), None)
    ticket.can_work = policy.can_work_desk(user, ticket.desk)
    return ticket


@router.get("/tickets/{int:ticket_id}", response={200: TicketDetailOut, **ERRORS}, tags=["tickets"])
def get_ticket(request, ticket_id: int):
    """One ticket with its thread, its log and its SLA figures. A member contact reads the public
    replies and the status changes only; the desk's side also the internal notes and escalations."""
    return _ticket_detail(request.auth, ticket_id)


def _new_attachments(files) -> list[services.NewAttachment]:
    """Uploads as the services take them; one over the size limit is refused before it is read."""
    attachments = []
    for upload in files or ():
        if upload.size is not None and upload.size > services.MAX_ATTACHMENT_BYTES:
            limit = services.MAX_ATTACHMENT_BYTES // (1024 * 1024)
            raise ValidationError({"files": f"“{upload.name}” is larger than {limit} MB."})
        attachments.append(services.NewAttachment(upload.name, upload.read(), upload.content_type or ""))
    return attachments


def _desk_to_open_on(user, slug: str) -> Desk:
    """The desk a new ticket names: one the user works or oversees, or (a member contact) the desk
    of a consortium their organization belongs to; any other is as unknown as a typo."""
    desk = Desk.objects.select_related("consortium").filter(slug=slug).first()
    if desk is None or not (
        policy.desks_for(user).filter(pk=desk.pk).exists() or policy.can_open_ticket(user, desk)
    ):
        raise ValidationError({"desk": f"There is no desk {slug!r} that you can see."})
    return desk


def _open_ticket(user, payload: TicketIn, files=()) -> Ticket:
    desk = _desk_to_open_on(user, payload.desk)
    check_choice("category", payload.category, Ticket.Category.values)
    check_choice("priority", payload.priority, Ticket.Priority.values)
    requester, organization = None, None
    if not user.is_member_contact:
        if payload.organization is not None:
            organization = get_referenced_or_400(
                policy.organizations_for(user),
                "organization",
                "organization",
                payload.organization,
                pk=payload.organization,
            )
        if payload.requester_email.strip():
            requester, found = services.find_requester(payload.requester_email, desk.consortium)
            organization = organization or found
    ticket = services.open_ticket(
        user,
        desk,
        subject=payload.subject,
        body=payload.body,
        requester=requester,
        requester_email=payload.requester_email.strip(),
        requester_name=payload.requester_name.strip(),
        organization=organization,
        category=payload.category,
        priority=payload.priority,
        origin=Ticket.Origin.API,
        attachments=_new_attachments(files),
    )
    return ticket


@router.post("/tickets", response={201: TicketDetailOut, **ERRORS}, tags=["tickets"])
def open_ticket(request, payload: TicketIn):
    """Open a ticket. A member contact opens it on their consortium's desk for themselves and
    their organization; an agent on a member's behalf with ``organization`` (its id) and
    ``requester_email``. To attach files, use ``/tickets/with-files``."""
    ticket = _open_ticket(request.auth, payload)
    return Status(201, _ticket_detail(request.auth, ticket.pk))


@router.post("/tickets/with-files", response={201: TicketDetailOut, **ERRORS}, tags=["tickets"])
def open_ticket_with_files(request, ticket: Form[TicketIn], files: File[list[UploadedFile]]):
    """The same as ``POST /tickets``, as ``multipart/form-data``: the ticket's fields as form
    fields and one or more files in ``files`` (each at most 10 MB)."""
    opened = _open_ticket(request.auth, ticket, files)
    return Status(201, _ticket_detail(request.auth, opened.pk))


def _reply(user, ticket_id: int, payload: ReplyIn, files=()) -> TicketMessage:
    ticket = _ticket(user, ticket_id)
    options = {}
    if payload.status is not None:
        check_choice("status", payload.status, Ticket.Status.values)
        policy.require(policy.can_work_desk(user, ticket.desk), ONLY_AGENTS_SET_STATUS)
        options["status"] = payload.status
    message = services.add_reply(user, ticket, payload.body, attachments=_new_attachments(files), **options)
    return TicketMessage.objects.prefetch_related("attachments").get(pk=message.pk)


@router.post("/tickets/{int:ticket_id}/replies", response={201: MessageOut, **ERRORS}, tags=["tickets"])
def add_reply(request, ticket_id: int, payload: ReplyIn):
    """A public reply: by one of the desk's agents (e-mailed to the requester; ``status`` sets
    where it leaves the ticket, default open), or by the requester's organization (reopens a
    ticket waiting on them or resolved; a ``status`` from them is refused, 403). To attach files,
    use ``/replies/with-files``."""
    return Status(201, _reply(request.auth, ticket_id, payload))


@router.post(
    "/tickets/{int:ticket_id}/replies/with-files", response={201: MessageOut, **ERRORS}, tags=["tickets"]
)
def add_reply_with_files(request, ticket_id: int, reply: Form[ReplyIn], files: File[list[UploadedFile]]):
    """The same as ``/replies``, as ``multipart/form-data`` with the files in ``files``."""
    return Status(201, _reply(request.auth, ticket_id, reply, files))


def _note(user, ticket_id: int, payload: NoteIn, files=()) -> TicketMessage:
    ticket = _ticket(user, ticket_id)
    message = services.add_note(user, ticket, payload.body, attachments=_new_attachments(files))
    return TicketMessage.objects.prefetch_related("attachments").get(pk=message.pk)


@router.post("/tickets/{int:ticket_id}/notes", response={201: MessageOut, **ERRORS}, tags=["tickets"])
def add_note(request, ticket_id: int, payload: NoteIn):
    """An internal note, for the desk's side only: never e-mailed, never shown to a member.
    To attach files, use ``/notes/with-files``."""
    return Status(201, _note(request.auth, ticket_id, payload))


@router.post(
    "/tickets/{int:ticket_id}/notes/with-files", response={201: MessageOut, **ERRORS}, tags=["tickets"]
)
def add_note_with_files(request, ticket_id: int, note: Form[NoteIn], files: File[list[UploadedFile]]):
    """The same as ``/notes``, as ``multipart/form-data`` with the files in ``files``."""
    return Status(201, _note(request.auth, ticket_id, note, files))


def _changes(ticket: Ticket | None, payload: TicketPatch) -> dict:
    """The changes a PATCH (or a bulk change) sent: a null leaves a field as it is, except
    ``assignee``, where null unassigns. The assignee must work the ticket's desk."""
    sent = payload.dict(exclude_unset=True)
    changes = {name: value for name, value in sent.items() if value is not None and name != "assignee"}
    check_choice("status", changes.get("status", ""), Ticket.Status.values)
    check_choice("priority", changes.get("priority", ""), Ticket.Priority.values)
    check_choice("category", changes.get("category", ""), Ticket.Category.values)
    if "assignee" in sent:
        assignee = None
        if sent["assignee"] is not None:
            assignee = User.objects.filter(pk=sent["assignee"], is_active=True).first()
            if assignee is None or (ticket is not None and not policy.can_work_desk(assignee, ticket.desk)):
                raise ValidationError(
                    {"assignee": f"There is no agent {sent['assignee']!r} who works this desk."}
                )
        changes["assignee"] = assignee
    return changes


@router.patch("/tickets/{int:ticket_id}", response={200: TicketDetailOut, **ERRORS}, tags=["tickets"])
def update_ticket(request, ticket_id: int, payload: TicketPatch):
    """Change the status, priority, category, tier or assignee (a user id; null unassigns); the
    desk's agents only. Each change is logged. ORCID's side of an escalation is resolved with
    ``POST /escalations/{id}/resolution``."""
    user = request.auth
    ticket = _ticket(user, ticket_id)
    changes = _changes(ticket, payload)
    if changes:
        services.update_ticket(user, ticket, **changes)
    else:
        policy.require(policy.can_work_desk(user, ticket.desk), "Only the desk's agents change a ticket.")
    return _ticket_detail(user, ticket_id)


@router.post("/tickets/bulk", response={200: BulkOut, **ERRORS}, tags=["tickets"])
def bulk_update(request, payload: BulkIn):
    """The same change to several tickets (``ids``), all or nothing: one refused change (a
    ticket of a desk the user does not work, a bad value) leaves every ticket as it was."""
    user = request.auth
    ids = list(dict.fromkeys(payload.ids))
    if not ids:
        raise ValidationError({"ids": "Name at least one ticket."})
    tickets = {t.pk: t for t in _tickets(user).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in tickets]
    if missing:
        raise ValidationError({"ids": f"There is no ticket {missing[0]!r} that you can see."})
    if not payload.changes.dict(exclude_unset=True):
        raise ValidationError({"changes": "Give at least one change."})
    ordered = [tickets[pk] for pk in ids]
    changes = _changes(None, payload.changes)
    assignee = changes.get("assignee")
    if assignee is not None and not all(policy.can_work_desk(assignee, t.desk) for t in ordered):
        raise ValidationError({"assignee": f"There is no agent {assignee.pk!r} who works these desks."})
    count = services.bulk_update(user, ordered, **changes)
    return {"updated": count, "tickets": list(_tickets(user).filter(pk__in=ids).order_by("pk"))}


@router.get(
    "/tickets/{int:ticket_id}/attachments/{int:attachment_id}",
    response={200: None, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    tags=["tickets"],
)
def download_attachment(request, ticket_id: int, attachment_id: int):
    """The file, with the ticket's scope; an internal note's attachment only for the desk's side
    (404 for anyone else, as if it did not exist)."""
    user = request.auth
    ticket = _ticket(user, ticket_id)
    attachment = get_in_scope_or_404(
        Attachment.objects.select_related("message"), pk=attachment_id, message__ticket=ticket
    )
    if not attachment.message.is_public and not policy.can_see_internal_notes(user, ticket):
        raise Http404
    return web.attachment(attachment.file, filename=attachment.filename, content_type=attachment.content_type)


# --- escalations ----------------------------------------------------------------------------


def _escalation_detail(user, escalation_id: int) -> Escalation:
    escalation = get_in_scope_or_404(_escalations(user), pk=escalation_id)
    escalation.public_replies = list(
        escalation.orcid_ticket.messages.filter(kind=TicketMessage.Kind.REPLY)
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    for reply in escalation.public_replies:
        reply.escalation_id = escalation.pk
    return escalation


@router.get(
    "/escalations/{int:escalation_id}/attachments/{int:attachment_id}",
    response={200: None, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    tags=["escalations"],
)
def download_escalation_attachment(request, escalation_id: int, attachment_id: int):
    """A file of the public conversation with ORCID on an escalation, for both sides (the
    consortium's agents follow ORCID's side from their own ticket); never one of ORCID's notes."""
    user = request.auth
    escalation = get_in_scope_or_404(_escalations(user), pk=escalation_id)
    attachment = get_in_scope_or_404(
        Attachment.objects.select_related("message__ticket"),
        pk=attachment_id,
        message__ticket=escalation.orcid_ticket,
    )
    if not policy.can_read_message(user, attachment.message):
        raise Http404
    return web.attachment(attachment.file, filename=attachment.filename, content_type=attachment.content_type)


@router.get("/escalations", response={200: Page[EscalationOut], **ERRORS}, tags=["escalations"])
def list_escalations(request, filters: Query[EscalationFilters]):
    """Escalations in scope, newest first: a consortium's team those of its tickets; ORCID's staff
    those on their desks and of their region's consortia. Member contacts see none."""
    escalations = _escalations(request.auth)
    if check_choice("state", filters.state, Escalation.State.values):
        escalations = escalations.filter(state=filters.state)
    if filters.consortium:
        escalations = escalations.filter(ticket__consortium__slug=filters.consortium)
    if filters.desk:
        escalations = escalations.filter(orcid_ticket__desk__slug=filters.desk)
    q = filters.q.strip()
    if q:
        escalations = escalations.filter(Q(summary__icontains=q) | Q(ticket__subject__icontains=q))
    return paginate(escalations, filters)


@router.get(
    "/escalations/{int:escalation_id}", response={200: EscalationDetailOut, **ERRORS}, tags=["escalations"]
)
def get_escalation(request, escalation_id: int):
    """The escalation, its state and ORCID's resolution, and the public conversation between the
    consortium's agent and ORCID."""
    return _escalation_detail(request.auth, escalation_id)


@router.post(
    "/tickets/{int:ticket_id}/escalations",
    response={201: EscalationDetailOut, **ERRORS},
    tags=["escalations"],
)
def escalate(request, ticket_id: int, payload: EscalationIn):
    """The consortium desk's agent hands the ticket to ORCID's regional desk with a summary: a
    linked ticket opens on ORCID's desk and this one waits on ORCID."""
    user = request.auth
    ticket = _ticket(user, ticket_id)
    escalation = services.escalate(user, ticket, payload.summary, tier=payload.tier)
    return Status(201, _escalation_detail(user, escalation.pk))


@router.post(
    "/escalations/{int:escalation_id}/replies",
    response={201: EscalationReplyOut, **ERRORS},
    tags=["escalations"],
)
def reply_to_orcid(request, escalation_id: int, payload: EscalationReplyIn):
    """The consortium desk's agent writes to ORCID on the escalation. ORCID answers with a reply
    on its own ticket (``POST /tickets/{orcid_ticket}/replies``)."""
    user = request.auth
    escalation = get_in_scope_or_404(_escalations(user), pk=escalation_id)
    reply = services.reply_to_orcid(user, escalation, payload.body)
    reply.escalation_id = escalation.pk  # where its files are downloaded (EscalationReplyOut)
    return Status(201, reply)


@router.post(
    "/escalations/{int:escalation_id}/transfer",
    response={200: EscalationDetailOut, **ERRORS},
    tags=["escalations"],
)
def transfer(request, escalation_id: int, payload: TransferIn):
    """ORCID passes the escalation to the global desk (``to_global``) and/or to Tier 3."""
    user = request.auth
    escalation = get_in_scope_or_404(_escalations(user), pk=escalation_id)
    services.transfer(user, escalation.orcid_ticket, to_global=payload.to_global, tier=payload.tier)
    return _escalation_detail(user, escalation_id)


@router.post(
    "/escalations/{int:escalation_id}/resolution",
    response={200: EscalationDetailOut, **ERRORS},
    tags=["escalations"],
)
def resolve_escalation(request, escalation_id: int, payload: ResolutionIn):
    """ORCID resolves the escalation: the resolution is its reply to the consortium's agent, and
    the consortium's ticket returns to the agent (open) to answer the member."""
    user = request.auth
    escalation = get_in_scope_or_404(_escalations(user), pk=escalation_id)
    services.resolve_escalation(user, escalation, payload.resolution)
    return _escalation_detail(user, escalation_id)


# --- issues register ------------------------------------------------------------------------


def _issues(user) -> QuerySet[RegisteredIssue]:
    return (
        policy.registered_issues_for(user)
        .select_related("consortium", "created_by")
        .annotate(
            members_affected_count=Count("members_affected", distinct=True),
            ticket_count=Count("tickets", distinct=True),
        )
        .order_by("-updated_at", "-pk")
    )


def _issue_detail(user, issue_id: int) -> RegisteredIssue:
    issue = get_in_scope_or_404(
        _issues(user).prefetch_related(
            Prefetch(
                "members_affected",
                queryset=Membership.objects.select_related("organization").order_by("organization__name"),
            ),
            # Only the linked tickets the reader may see (never an escalation's ORCID side).
            Prefetch("tickets", queryset=policy.tickets_for(user).order_by("pk")),
            Prefetch(
                "merged_issues",
                queryset=policy.registered_issues_for(user).select_related("consortium").order_by("pk"),
                to_attr="visible_merged_issues",
            ),
        ),
        pk=issue_id,
    )
    return issue


def _links(user, consortium, members_affected, tickets) -> dict:
    """Membership and ticket ids as the service takes them; an id the user cannot see, or of
    another consortium, is named in the 400."""
    links = {}
    if members_affected is not None:
        found = {m.pk: m for m in Membership.objects.filter(consortium=consortium, pk__in=members_affected)}
        for pk in members_affected:
            if pk not in found:
                raise ValidationError(
                    {"members_affected": f"There is no membership {pk!r} of {consortium.name}."}
                )
        links["members_affected"] = list(found.values())
    if tickets is not None:
        found = {t.pk: t for t in policy.tickets_for(user).filter(consortium=consortium, pk__in=tickets)}
        for pk in tickets:
            if pk not in found:
                raise ValidationError({"tickets": f"There is no ticket {pk!r} of {consortium.name}."})
        links["tickets"] = list(found.values())
    return links


@router.get("/issues-register", response={200: Page[RegisteredIssueOut], **ERRORS}, tags=["issues register"])
def list_registered_issues(request, filters: Query[RegisteredIssueFilters]):
    """Issues registers in scope, latest change first: a consortium's team its own, ORCID every
    consortium's in its scope. A member contact's list is empty: the register is the lead's."""
    issues = _issues(request.auth)
    if filters.consortium:
        issues = issues.filter(consortium__slug=filters.consortium)
    if check_choice("status", filters.status, RegisteredIssue.Status.values):
        issues = issues.filter(status=filters.status)
    if check_choice("category", filters.category, RegisteredIssue.Category.values):
        issues = issues.filter(category=filters.category)
    q = filters.q.strip()
    if q:
        issues = issues.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(orcid_reference__iexact=q)
        )
    return paginate(issues, filters)


@router.get(
    "/issues-register/{int:issue_id}",
    response={200: RegisteredIssueDetailOut, **ERRORS},
    tags=["issues register"],
)
def get_registered_issue(request, issue_id: int):
    """One issue with the members affected, the linked tickets and the issues merged into it."""
    return _issue_detail(request.auth, issue_id)


@router.post("/issues-register", response={201: RegisteredIssueDetailOut, **ERRORS}, tags=["issues register"])
def add_registered_issue(request, payload: RegisteredIssueIn):
    """A new entry of a consortium's register (its admin and staff, or ORCID admins)."""
    user = request.auth
    consortium = get_referenced_or_400(
        policy.consortia_for(user), "consortium", "consortium", payload.consortium, slug=payload.consortium
    )
    policy.require(
        policy.can_manage_issues_register(user, consortium),
        "Only the consortium's team keeps its issues register.",
    )
    check_choice("category", payload.category, RegisteredIssue.Category.values)
    check_choice("status", payload.status, RegisteredIssue.Status.values)
    issue = services.save_registered_issue(
        user,
        consortium,
        title=payload.title,
        description=payload.description,
        category=payload.category,
        status=payload.status,
        **_links(user, consortium, payload.members_affected, payload.tickets),
    )
    return Status(201, _issue_detail(user, issue.pk))


@router.patch(
    "/issues-register/{int:issue_id}",
    response={200: RegisteredIssueDetailOut, **ERRORS},
    tags=["issues register"],
)
def update_registered_issue(request, issue_id: int, payload: RegisteredIssuePatch):
    """Change an entry; ``members_affected`` or ``tickets``, when sent, replace the links."""
    user = request.auth
    issue = get_in_scope_or_404(_issues(user), pk=issue_id)
    sent = payload.dict(exclude_unset=True)
    fields = {
        name: value
        for name, value in sent.items()
        if value is not None and name not in ("members_affected", "tickets")
    }
    check_choice("category", fields.get("category", ""), RegisteredIssue.Category.values)
    check_choice("status", fields.get("status", ""), RegisteredIssue.Status.values)
    links = _links(user, issue.consortium, sent.get("members_affected"), sent.get("tickets"))
    services.save_registered_issue(user, issue.consortium, issue, **fields, **links)
    return _issue_detail(user, issue_id)


@router.post(
    "/issues-register/{int:issue_id}/answer",
    response={200: RegisteredIssueDetailOut, **ERRORS},
    tags=["issues register"],
)
def answer_registered_issue(request, issue_id: int, payload: AnswerIn):
    """ORCID's status, reference and answer; an issue others were merged into answers them too."""
    user = request.auth
    issue = get_in_scope_or_404(_issues(user), pk=issue_id)
    if payload.status is not None:
        check_choice("status", payload.status, RegisteredIssue.Status.values)
    services.answer_registered_issue(
        user,
        issue,
        status=payload.status,
        orcid_reference=payload.orcid_reference,
        orcid_answer=payload.orcid_answer,
    )
    return _issue_detail(user, issue_id)


@router.post(
    "/issues-register/{int:issue_id}/merge",
    response={200: RegisteredIssueDetailOut, **ERRORS},
    tags=["issues register"],
)
def merge_registered_issue(request, issue_id: int, payload: MergeIn):
    """ORCID merges this issue into the same one raised elsewhere (``into``): it follows that
    issue's status, reference and answer from now on."""
    user = request.auth
    issue = get_in_scope_or_404(_issues(user), pk=issue_id)
    into = get_referenced_or_400(
        policy.registered_issues_for(user).select_related("consortium"),
        "into",
        "registered issue",
        payload.into,
        pk=payload.into,
    )
    services.merge_registered_issues(user, issue, into)
    return _issue_detail(user, issue_id)
