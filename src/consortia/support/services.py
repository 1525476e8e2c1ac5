"""The support desk's write paths, used by the pages, the API, e-mail ingestion and the CLI.

Every function checks the access policy (PermissionDenied) unless it acts for the system (e-mail
ingestion, ``actor=None``), raises ValidationError with a clear message on bad input, runs in one
transaction, records each change in the ticket's log (``TicketEvent``) and refreshes the SLA
figures stored on the ticket (``support.sla``).
"""

import mimetypes
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.directory.models import Consortium, Contact, Membership, Organization, Person, Region
from consortia.lib.files import removed_if_the_write_fails
from consortia.support import sla
from consortia.support.models import (
    Attachment,
    Calendar,
    CalendarClosure,
    CalendarHours,
    CannedReply,
    Desk,
    Escalation,
    RegisteredIssue,
    SatisfactionRating,
    SavedFilter,
    SlaPolicy,
    Ticket,
    TicketEvent,
    TicketMessage,
)

# An attachment larger than this is refused (in a page, the API and e-mail alike).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
RATING_SALT = "consortia.support.rating"
SUBJECT_LENGTH = Ticket._meta.get_field("subject").max_length


def _require(allowed: bool, reason: str = "You are not allowed to do that on this desk.") -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    content: bytes
    content_type: str = ""


# --- desks ----------------------------------------------------------------------------------


def _new_calendar(name: str, time_zone: str, country: str) -> Calendar:
    calendar = Calendar.objects.create(name=name, time_zone=time_zone, country=country)
    calendar.add_default_hours()
    return calendar


def _new_desk(**fields) -> Desk:
    desk = Desk.objects.create(**fields)
    SlaPolicy.objects.create(desk=desk, **SlaPolicy.defaults())
    return desk


@transaction.atomic
def desk_for_consortium(consortium: Consortium) -> Desk:
    """The consortium's Tier 1 desk, made on first need with a Monday–Friday calendar in the
    consortium's time zone with its country's holidays, and the default SLA targets."""
    desk = Desk.objects.filter(consortium=consortium).first()
    if desk is None:
        desk = _new_desk(
            slug=consortium.slug,
            name=f"{consortium.name} support",
            kind=Desk.Kind.CONSORTIUM,
            consortium=consortium,
            calendar=_new_calendar(
                f"{consortium.name} working days", consortium.time_zone, consortium.country
            ),
        )
    return desk


@transaction.atomic
def regional_desk(region: Region) -> Desk:
    desk = Desk.objects.filter(kind=Desk.Kind.ORCID_REGIONAL, region=region).first()
    if desk is None:
        desk = _new_desk(
            slug=f"orcid-{region.slug}",
            name=f"ORCID {region.name} desk",
            kind=Desk.Kind.ORCID_REGIONAL,
            region=region,
            calendar=_new_calendar(f"ORCID {region.name} working days", "UTC", ""),
        )
    return desk


@transaction.atomic
def global_desk() -> Desk:
    desk = Desk.objects.filter(kind=Desk.Kind.ORCID_GLOBAL).first()
    if desk is None:
        desk = _new_desk(
            slug="orcid-global",
            name="ORCID global desk",
            kind=Desk.Kind.ORCID_GLOBAL,
            calendar=_new_calendar("ORCID global working days", "UTC", ""),
        )
    return desk


@transaction.atomic
def update_desk(actor, desk: Desk, **fields) -> Desk:
    """Desk settings: name, e-mail address, what to do with unknown senders."""
    _require(
        policy.can_manage_desk(actor, desk), "Only the desk's admin or ORCID admins change its settings."
    )
    allowed = {"name", "email_address", "unknown_senders"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(desk, name, value.strip() if isinstance(value, str) else value)
    desk.full_clean(exclude=["calendar", "consortium", "region"])
    desk.save(update_fields=list(fields))
    return desk


@transaction.atomic
def save_sla_policy(
    actor,
    desk: Desk,
    *,
    priority: str = "",
    first_response_minutes,
    next_response_minutes,
    resolution_minutes,
) -> SlaPolicy:
    _require(policy.can_manage_desk(actor, desk), "Only the desk's admin or ORCID admins change its SLA.")
    if priority and priority not in Ticket.Priority.values:
        raise ValidationError({"priority": f"“{priority}” is not a priority."})
    targets = {
        "first_response_minutes": first_response_minutes,
        "next_response_minutes": next_response_minutes,
        "resolution_minutes": resolution_minutes,
    }
    for name, value in targets.items():
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValidationError({name: "A target is a whole number of working minutes, more than 0."})
    if targets["first_response_minutes"] > targets["resolution_minutes"]:
        raise ValidationError(
            {"first_response_minutes": "The first response cannot be due after the resolution."}
        )
    found, _ = SlaPolicy.objects.update_or_create(desk=desk, priority=priority, defaults=targets)
    return found


@transaction.atomic
def save_calendar(
    actor,
    desk: Desk,
    *,
    time_zone: str,
    country: str,
    subdivision: str = "",
    hours: list[tuple],
    closures=None,
) -> Calendar:
    """Replace the desk calendar's zone, holiday country, working hours [(weekday, start, end)]
    and, when given, its own closures [(date, reason)]."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from consortia.lib.business_calendar import BusinessCalendar

    _require(
        policy.can_manage_desk(actor, desk), "Only the desk's admin or ORCID admins change its calendar."
    )
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            {"time_zone": f"“{time_zone}” is not a time zone (e.g. Pacific/Auckland)."}
        ) from None
    if not hours:
        raise ValidationError({"hours": "A desk's calendar needs working hours on at least one day."})
    try:
        BusinessCalendar(time_zone, hours)
    except ValueError as exc:
        raise ValidationError({"hours": str(exc)}) from None
    by_day = sorted(hours)
    for (day, _, first_end), (next_day, next_start, _) in zip(by_day, by_day[1:], strict=False):
        if day == next_day and next_start < first_end:
            # Overlapping periods would count the same hour twice on the SLA clock.
            raise ValidationError(
                {"hours": "A day's working periods overlap; give them one after the other."}
            )
    calendar = desk.calendar
    calendar.time_zone, calendar.country, calendar.subdivision = (
        time_zone,
        (country or "").upper(),
        subdivision,
    )
    calendar.full_clean()
    calendar.save()
    calendar.hours.all().delete()
    CalendarHours.objects.bulk_create(
        CalendarHours(calendar=calendar, weekday=day, starts_at=start, ends_at=end)
        for day, start, end in hours
    )
    if closures is not None:
        calendar.closures.all().delete()
        CalendarClosure.objects.bulk_create(
            CalendarClosure(calendar=calendar, date=day, reason=reason or "Closed")
            for day, reason in closures
        )
    return calendar


# --- tickets --------------------------------------------------------------------------------


def _clean_text(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Write the {what}."})
    return value


def _one_line(value: str) -> str:
    """A header-bound value (subject, name) on one line: it goes into e-mail headers, where a
    line break is refused (or, unchecked, would start a header of its own)."""
    return " ".join((value or "").split())


def _clean_choice(value, choices, field: str, what: str):
    if value not in choices:
        raise ValidationError({field: f"“{value}” is not a {what}."})
    return value


def _event(
    ticket: Ticket, kind: str, actor, from_value="", to_value="", at: datetime | None = None
) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        from_value=str(from_value or "")[:100],
        to_value=str(to_value or "")[:100],
        actor=_user(actor),
        at=at or timezone.now(),
    )


@contextmanager
def _attached(message: TicketMessage, attachments):
    """Store the message's attachments for the rest of the write (the ``with`` body).

    Every attachment's size is checked before any is stored; storing a file is not part of the
    database transaction, so the stored files are deleted again when the write fails.
    """
    attachments = list(attachments or ())
    for attachment in attachments:
        if len(attachment.content) > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                {
                    "attachments": f"“{attachment.filename}” is larger than "
                    f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB."
                }
            )
    with ExitStack() as stored:
        for attachment in attachments:
            content = attachment.content
            filename = (attachment.filename or "attachment").replace("/", "_").replace("\\", "_")[:200]
            content_type = (
                attachment.content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
            )
            record = Attachment(
                message=message, filename=filename, content_type=content_type[:120], size=len(content)
            )
            record.file.save(filename, ContentFile(content), save=False)
            stored.enter_context(removed_if_the_write_fails(record.file))
            record.save()
        yield


def _status_change(ticket: Ticket, status: str, actor, at=None) -> None:
    if ticket.status != status:
        _event(ticket, TicketEvent.Kind.STATUS, actor, ticket.status, status, at=at)
        ticket.status = status
        if status == Ticket.Status.RESOLVED and ticket.origin != Ticket.Origin.ESCALATION:
            # The requester is asked for a rating (support.tasks); an escalation's requester is
            # the consortium's agent, not a member, and is not asked.
            from consortia.support import tasks

            ticket_id = ticket.pk
            transaction.on_commit(lambda: tasks.send_rating_request.enqueue(ticket_id))


def _notify_later(message: TicketMessage) -> None:
    """E-mail a public message to the other side once the transaction commits (support.tasks)."""
    from consortia.support import tasks

    transaction.on_commit(lambda: tasks.send_ticket_message.enqueue(message.pk))


def find_requester(email: str, consortium: Consortium | None) -> tuple[Person | None, Organization | None]:
    """The person with this e-mail address and their member organization: for a consortium's
    desk only when they are a contact of one of its members (else nobody: an unknown sender);
    for ORCID's desks (``consortium`` None) a contact of any member."""
    email = (email or "").strip()
    if not email:
        return None, None
    # One query for the usual case: the sender's contact role in a member organization.
    contacts = (
        Contact.objects.filter(person__email__iexact=email)
        .select_related("person", "membership__organization")
        .order_by("membership_id", "pk")
    )
    if consortium is not None:
        # Someone only another consortium knows is a stranger to this one: their name and
        # details are not this desk's to show, and its setting for unknown senders applies.
        contacts = contacts.filter(membership__consortium=consortium)
    contact = contacts.first()
    if contact is not None:
        return contact.person, contact.membership.organization
    if consortium is not None:
        return None, None
    return Person.objects.filter(email__iexact=email).first(), None


@transaction.atomic
def open_ticket(
    actor,
    desk: Desk,
    *,
    subject: str,
    body: str,
    requester: Person | None = None,
    requester_email: str = "",
    requester_name: str = "",
    organization: Organization | None = None,
    consortium: Consortium | None = None,
    category: str = Ticket.Category.OTHER,
    priority: str = Ticket.Priority.NORMAL,
    origin: str = Ticket.Origin.WEB,
    attachments=(),
    message_id: str | None = None,
    received_at: datetime | None = None,
) -> Ticket:
    """Open a ticket with its first message from the requester.

    A member contact opens it for themselves and their organization; an agent on a member's
    behalf (naming the requester); e-mail ingestion (``actor=None``) with the sender found.
    """
    if actor is not None:
        _require(policy.can_open_ticket(actor, desk), "You cannot open tickets on this desk.")
    subject = _one_line(_clean_text(subject, "subject", "subject"))[:SUBJECT_LENGTH]
    body = _clean_text(body, "body", "message")
    _clean_choice(category, Ticket.Category.values, "category", "category")
    _clean_choice(priority, Ticket.Priority.values, "priority", "priority")
    if actor is not None and actor.role == Role.MEMBER_CONTACT:
        organization = actor.organization
        requester = actor.person or requester
        requester_email = actor.email
        requester_name = actor.display_name
    if requester is not None:
        requester_email = requester_email or requester.email or ""
        requester_name = requester_name or requester.full_name
    requester_name = _one_line(requester_name)
    if not (requester_email or requester):
        raise ValidationError({"requester_email": "A ticket needs the requester's e-mail address."})
    if desk.kind == Desk.Kind.CONSORTIUM:
        consortium = desk.consortium
        if (
            organization is not None
            and not Membership.objects.filter(consortium=consortium, organization=organization).exists()
        ):
            raise ValidationError({"organization": f"{organization} is not a member of {consortium}."})
    elif consortium is None and organization is not None:
        # A member writing to ORCID directly: tagged with its consortium, whose lead then sees it.
        membership = (
            Membership.objects.filter(organization=organization).order_by("-joined_date", "pk").first()
        )
        consortium = membership.consortium if membership else None
    now = received_at or timezone.now()
    ticket = Ticket.objects.create(
        desk=desk,
        consortium=consortium,
        organization=organization,
        requester=requester,
        requester_email=requester_email,
        requester_name=requester_name[:200],
        subject=subject,
        tier=desk.default_tier,
        category=category,
        priority=priority,
        origin=origin,
        created_at=now,
        updated_at=now,
        last_message_at=now,
    )
    _event(ticket, TicketEvent.Kind.CREATED, actor, "", Ticket.Status.NEW, at=now)
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=TicketMessage.Kind.REPLY,
        source=TicketMessage.Source.EMAIL if origin == Ticket.Origin.EMAIL else TicketMessage.Source.WEB,
        from_agent=False,
        author=_user(actor),
        author_name=requester_name[:200],
        author_email=requester_email,
        body=body,
        message_id=message_id,
        created_at=now,
    )
    with _attached(message, attachments):
        # The whole log so far: opened now, with the requester's first message.
        refresh_sla(ticket, statuses=[(now, Ticket.Status.NEW)], replies=[(now, False)])
    return ticket


def _is_agent(actor, ticket: Ticket) -> bool:
    return actor is not None and policy.can_work_desk(actor, ticket.desk)


def add_reply(actor, ticket: Ticket, body: str, **options) -> TicketMessage:
    """A public reply on a ticket by one of its desk's agents, or by the requester's side (a
    member contact of the ticket's organization); e-mail ingestion uses ``receive_reply``."""
    if actor is None or not _is_agent(actor, ticket):
        _require(
            actor is not None
            and not actor.is_staff_role
            and policy.tickets_for(actor).filter(pk=ticket.pk).exists(),
            "Only the desk's agents or the requester's organization reply on this ticket.",
        )
        options["from_agent"] = False
    else:
        options["from_agent"] = True
    return _add_reply(actor, ticket, body, **options)


def receive_reply(ticket: Ticket, body: str, *, from_agent: bool = False, **options) -> TicketMessage:
    """A reply that came by e-mail, threaded to ``ticket`` by e-mail ingestion (no signed-in user)."""
    return _add_reply(None, ticket, body, source=TicketMessage.Source.EMAIL, from_agent=from_agent, **options)


@transaction.atomic
def _add_reply(
    actor,
    ticket: Ticket,
    body: str,
    *,
    from_agent: bool,
    attachments=(),
    status: str | None = None,
    source: str = TicketMessage.Source.WEB,
    author_email: str = "",
    author_name: str = "",
    message_id: str | None = None,
    in_reply_to: str = "",
    received_at: datetime | None = None,
) -> TicketMessage:
    """A public reply; the caller has checked who may write it. An agent's reply is e-mailed to
    the requester and moves the ticket to ``status`` (default: open); the requester's reply (web or
    e-mail) reopens a ticket that was waiting on them or resolved. A closed ticket takes no
    replies: a new ticket is opened instead."""
    given = ticket
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    # The caller's desk object, with what it may have fetched already (calendar, SLA targets):
    # e-mail ingestion reads those once for many messages.
    ticket.desk = given.desk
    body = _clean_text(body, "body", "reply")
    if ticket.status == Ticket.Status.CLOSED:
        raise ValidationError(f"Ticket {ticket.reference} is closed; open a new ticket instead.")
    now = received_at or timezone.now()
    if actor is not None:
        author_email = author_email or actor.email
        author_name = author_name or actor.display_name
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=TicketMessage.Kind.REPLY,
        source=source,
        from_agent=from_agent,
        author=_user(actor),
        author_name=author_name[:200],
        author_email=author_email,
        body=body,
        message_id=message_id,
        in_reply_to=in_reply_to[:255],
        created_at=now,
    )
    with _attached(message, attachments):
        if from_agent:
            new_status = status or (
                Ticket.Status.OPEN if ticket.status == Ticket.Status.NEW else ticket.status
            )
            _clean_choice(new_status, Ticket.Status.values, "status", "status")
            _status_change(ticket, new_status, actor, at=now)
            _notify_later(message)
        elif ticket.status in (Ticket.Status.WAITING_ON_REQUESTER, Ticket.Status.RESOLVED):
            _status_change(ticket, Ticket.Status.OPEN, actor, at=now)
        ticket.last_message_at = ticket.updated_at = now
        ticket.save(update_fields=["status", "last_message_at", "updated_at"])
        refresh_sla(ticket)
    return message


@transaction.atomic
def add_note(actor, ticket: Ticket, body: str, *, attachments=()) -> TicketMessage:
    """An internal note: for the desk's side only, never e-mailed, never shown to a member."""
    _require(_is_agent(actor, ticket), "Only the desk's agents write internal notes.")
    now = timezone.now()
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=TicketMessage.Kind.NOTE,
        from_agent=True,
        author=_user(actor),
        author_name=actor.display_name,
        author_email=actor.email,
        body=_clean_text(body, "body", "note"),
        created_at=now,
    )
    with _attached(message, attachments):
        Ticket.objects.filter(pk=ticket.pk).update(updated_at=now)
    return message


TICKET_FIELDS = ("status", "priority", "category", "tier", "assignee")


@transaction.atomic
def update_ticket(actor, ticket: Ticket, **changes) -> Ticket:
    """Change a ticket's status, priority, category, tier or assignee, each logged. The assignee
    is a user who works the desk (or None). An escalation's ORCID-side ticket is resolved with
    ``resolve_escalation`` (its resolution goes back to the consortium)."""
    ticket = Ticket.objects.select_for_update().select_related("desk").get(pk=ticket.pk)
    _require(_is_agent(actor, ticket))
    unknown = set(changes) - set(TICKET_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    now = timezone.now()
    fields = ["updated_at"]
    if "status" in changes and changes["status"] != ticket.status:
        status = _clean_choice(changes["status"], Ticket.Status.values, "status", "status")
        if (
            status in Ticket.DONE_STATUSES
            and Escalation.objects.filter(orcid_ticket=ticket, state="open").exists()
        ):
            raise ValidationError(
                {"status": "Resolve an escalation with its resolution, for the consortium."}
            )
        if status == Ticket.Status.WAITING_ON_ORCID and not ticket.escalations.filter(state="open").exists():
            raise ValidationError({"status": "A ticket waits on ORCID once it is escalated."})
        _status_change(ticket, status, actor, at=now)
        fields.append("status")
    for name, kind, choices in (
        ("priority", TicketEvent.Kind.PRIORITY, Ticket.Priority.values),
        ("category", TicketEvent.Kind.CATEGORY, Ticket.Category.values),
    ):
        if name in changes and changes[name] != getattr(ticket, name):
            _clean_choice(changes[name], choices, name, name)
            _event(ticket, kind, actor, getattr(ticket, name), changes[name], at=now)
            setattr(ticket, name, changes[name])
            fields.append(name)
    if "tier" in changes and changes["tier"] != ticket.tier:
        tier = changes["tier"]
        if (
            tier not in (1, 2, 3)
            or (ticket.desk.is_orcid and tier == 1)
            or (not ticket.desk.is_orcid and tier != 1)
        ):
            raise ValidationError(
                {
                    "tier": "A consortium desk works Tier 1 (escalate for Tier 2 or 3); "
                    "ORCID's desks Tier 2 or 3."
                }
            )
        _event(ticket, TicketEvent.Kind.TIER, actor, ticket.tier, tier, at=now)
        ticket.tier = tier
        fields.append("tier")
    if "assignee" in changes and changes["assignee"] != ticket.assignee:
        assignee = changes["assignee"]
        if assignee is not None and not policy.can_work_desk(assignee, ticket.desk):
            raise ValidationError({"assignee": f"{assignee.display_name} does not work this desk."})
        _event(
            ticket,
            TicketEvent.Kind.ASSIGNED,
            actor,
            ticket.assignee.display_name if ticket.assignee else "",
            assignee.display_name if assignee else "",
            at=now,
        )
        ticket.assignee = assignee
        fields.append("assignee")
    ticket.updated_at = now
    ticket.save(update_fields=fields)
    refresh_sla(ticket)
    return ticket


@transaction.atomic
def bulk_update(actor, tickets, **changes) -> int:
    """The same change to several tickets, all or nothing."""
    count = 0
    for ticket in tickets:
        update_ticket(actor, ticket, **changes)
        count += 1
    return count


# --- escalation -----------------------------------------------------------------------------


@transaction.atomic
def escalate(actor, ticket: Ticket, summary: str, *, tier: int = 2) -> Escalation:
    """Hand a Tier 1 ticket to ORCID's regional desk with a summary: a linked ticket opens on
    ORCID's desk (its own thread and SLA; the consortium's agent is its requester) and the
    consortium's ticket waits on ORCID."""
    # Lock the ticket row only: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("desk", "consortium__region")
        .get(pk=ticket.pk)
    )
    _require(
        _is_agent(actor, ticket) and ticket.desk.kind == Desk.Kind.CONSORTIUM,
        "Only the desk's agents escalate.",
    )
    summary = _clean_text(summary, "summary", "summary for ORCID")
    if tier not in (2, 3):
        raise ValidationError({"tier": "An escalation is Tier 2 or Tier 3."})
    if not ticket.is_open:
        raise ValidationError("Only an open ticket is escalated.")
    if ticket.escalations.filter(state=Escalation.State.OPEN).exists():
        raise ValidationError(f"Ticket {ticket.reference} is already with ORCID.")
    desk = regional_desk(ticket.consortium.region)
    now = timezone.now()
    orcid_ticket = Ticket.objects.create(
        desk=desk,
        consortium=ticket.consortium,
        organization=ticket.organization,
        requester=actor.person,
        requester_email=actor.email,
        requester_name=f"{actor.display_name} ({ticket.consortium.name})"[:200],
        subject=f"[{ticket.consortium.name} {ticket.reference}] {ticket.subject}"[:SUBJECT_LENGTH],
        tier=tier,
        category=ticket.category,
        priority=ticket.priority,
        origin=Ticket.Origin.ESCALATION,
        created_at=now,
        updated_at=now,
        last_message_at=now,
    )
    _event(orcid_ticket, TicketEvent.Kind.CREATED, actor, "", Ticket.Status.NEW, at=now)
    TicketMessage.objects.create(
        ticket=orcid_ticket,
        kind=TicketMessage.Kind.REPLY,
        from_agent=False,
        author=_user(actor),
        author_name=actor.display_name,
        author_email=actor.email,
        body=summary,
        created_at=now,
    )
    escalation = Escalation.objects.create(
        ticket=ticket, orcid_ticket=orcid_ticket, summary=summary, escalated_by=actor, escalated_at=now
    )
    _event(ticket, TicketEvent.Kind.ESCALATED, actor, "", desk.name, at=now)
    _status_change(ticket, Ticket.Status.WAITING_ON_ORCID, actor, at=now)
    ticket.updated_at = now
    ticket.save(update_fields=["status", "updated_at"])
    refresh_sla(ticket)
    refresh_sla(orcid_ticket)
    return escalation


@transaction.atomic
def reply_to_orcid(actor, escalation: Escalation, body: str, *, attachments=()) -> TicketMessage:
    """The consortium's agent writes on ORCID's side of an escalation (as its requester)."""
    _require(_is_agent(actor, escalation.ticket), "Only the consortium desk's agents write to ORCID.")
    if escalation.state != Escalation.State.OPEN:
        raise ValidationError("ORCID has resolved this escalation; escalate again if it comes back.")
    return _add_reply(actor, escalation.orcid_ticket, body, attachments=attachments, from_agent=False)


@transaction.atomic
def transfer(actor, ticket: Ticket, *, to_global: bool = True, tier: int | None = None) -> Ticket:
    """ORCID passes a ticket from a regional desk to the global desk, and/or to Tier 3."""
    ticket = Ticket.objects.select_for_update().select_related("desk").get(pk=ticket.pk)
    _require(_is_agent(actor, ticket) and ticket.desk.is_orcid, "Only ORCID's agents pass tickets on.")
    if to_global and ticket.desk.kind != Desk.Kind.ORCID_GLOBAL:
        target = global_desk()
        now = timezone.now()
        _event(ticket, TicketEvent.Kind.DESK, actor, ticket.desk.name, target.name, at=now)
        ticket.desk, ticket.updated_at = target, now
        ticket.save(update_fields=["desk", "updated_at"])
        # From now on the ticket runs on the global desk's calendar and SLA targets.
        refresh_sla(ticket)
    if tier is not None:
        update_ticket(actor, ticket, tier=tier)
    return ticket


@transaction.atomic
def resolve_escalation(actor, escalation: Escalation, resolution: str) -> Escalation:
    """ORCID resolves its ticket with a resolution for the consortium: the resolution is ORCID's
    public reply to the consortium's agent, the escalation is resolved, and the consortium's
    ticket returns to the agent (open) to answer the member."""
    escalation = (
        Escalation.objects.select_for_update()
        .select_related("ticket", "orcid_ticket__desk")
        .get(pk=escalation.pk)
    )
    _require(_is_agent(actor, escalation.orcid_ticket), "Only ORCID's agents resolve an escalation.")
    resolution = _clean_text(resolution, "resolution", "resolution")
    if escalation.state != Escalation.State.OPEN:
        raise ValidationError("This escalation is already resolved.")
    now = timezone.now()
    _add_reply(actor, escalation.orcid_ticket, resolution, status=Ticket.Status.RESOLVED, from_agent=True)
    escalation.state, escalation.resolution, escalation.resolved_at = (
        Escalation.State.RESOLVED,
        resolution,
        now,
    )
    escalation.save(update_fields=["state", "resolution", "resolved_at"])
    ticket = Ticket.objects.select_for_update().get(pk=escalation.ticket_id)
    _event(ticket, TicketEvent.Kind.ESCALATION_RESOLVED, actor, "", "", at=now)
    TicketMessage.objects.create(
        ticket=ticket,
        kind=TicketMessage.Kind.NOTE,
        source=TicketMessage.Source.SYSTEM,
        from_agent=True,
        author=_user(actor),
        author_name=f"ORCID ({actor.display_name})",
        body=f"ORCID resolved the escalation:\n\n{resolution}",
        created_at=now,
    )
    if ticket.status == Ticket.Status.WAITING_ON_ORCID:
        _status_change(ticket, Ticket.Status.OPEN, actor, at=now)
    ticket.updated_at = now
    ticket.save(update_fields=["status", "updated_at"])
    refresh_sla(ticket)
    return escalation


# --- SLA ------------------------------------------------------------------------------------


def sla_targets(desk: Desk, priority: str) -> sla.Targets:
    policies = {p.priority: p for p in desk.sla_policies.all()}
    found = policies.get(priority) or policies.get("")
    if found is None:
        return sla.Targets.of(SlaPolicy(**SlaPolicy.defaults()))
    return sla.Targets.of(found)


def refresh_sla(
    ticket: Ticket, *, calendar=None, targets=None, now=None, statuses=None, replies=None
) -> sla.Figures:
    """Work out the ticket's SLA figures from its log and thread, and store them. ``statuses`` and
    ``replies`` (as ``sla.compute`` takes them) may be given when the caller has just written the
    whole log, as opening a ticket has."""
    if calendar is None:
        calendar = ticket.desk.calendar.business_calendar()
    if targets is None:
        targets = sla_targets(ticket.desk, ticket.priority)
    if statuses is None:
        statuses = list(
            ticket.events.filter(kind__in=[TicketEvent.Kind.STATUS, TicketEvent.Kind.CREATED]).values_list(
                "at", "to_value"
            )
        )
    if replies is None:
        replies = list(
            ticket.messages.filter(kind=TicketMessage.Kind.REPLY).values_list("created_at", "from_agent")
        )
    figures = sla.compute(calendar, targets, ticket.created_at, statuses, replies, now=now)
    for name in sla.Figures.FIELDS:
        setattr(ticket, name, getattr(figures, name))
    ticket.is_breached = figures.is_breached
    Ticket.objects.filter(pk=ticket.pk).update(
        is_breached=figures.is_breached, **{name: getattr(figures, name) for name in sla.Figures.FIELDS}
    )
    return figures


# --- satisfaction ---------------------------------------------------------------------------


def rating_token(ticket: Ticket) -> str:
    """A signed token for the requester's rating link: works without signing in, once."""
    return signing.dumps({"t": ticket.pk}, salt=RATING_SALT, compress=True)


def ticket_for_rating(token: str) -> Ticket:
    try:
        data = signing.loads(token, salt=RATING_SALT)
    except signing.BadSignature:
        raise ValidationError("This rating link is not valid.") from None
    ticket = Ticket.objects.select_related("desk").filter(pk=data.get("t")).first()
    if ticket is None:
        raise ValidationError("This rating link is not valid.")
    return ticket


@transaction.atomic
def rate_ticket(token: str, score, comment: str = "") -> SatisfactionRating:
    ticket = ticket_for_rating(token)
    # Two submissions at once: the second waits here, then finds the first rating.
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    try:
        score = int(score)
    except (TypeError, ValueError):
        raise ValidationError({"score": "Choose a rating from 1 to 5."}) from None
    if not 1 <= score <= 5:
        raise ValidationError({"score": "Choose a rating from 1 to 5."})
    if ticket.status not in Ticket.DONE_STATUSES:
        raise ValidationError("This ticket is open again; you can rate it once it is resolved.")
    if SatisfactionRating.objects.filter(ticket=ticket).exists():
        raise ValidationError("This ticket has been rated already. Thank you!")
    now = timezone.now()
    rating = SatisfactionRating.objects.create(
        ticket=ticket, score=score, comment=(comment or "").strip()[:2000], rated_at=now
    )
    _event(ticket, TicketEvent.Kind.RATED, None, "", score, at=now)
    return rating


# --- issues register ------------------------------------------------------------------------

REGISTER_FIELDS = ("title", "description", "category", "status")


@transaction.atomic
def save_registered_issue(
    actor,
    consortium: Consortium,
    issue: RegisteredIssue | None = None,
    *,
    members_affected=None,
    tickets=None,
    **fields,
) -> RegisteredIssue:
    """Add or change an entry of the consortium's issues register; ``members_affected`` and
    ``tickets`` (when given) replace the links and must be the consortium's own."""
    _require(
        policy.can_manage_issues_register(actor, consortium),
        "Only the consortium's team keeps its issues register.",
    )
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    if issue is None:
        issue = RegisteredIssue(consortium=consortium, created_by=_user(actor))
    elif issue.consortium_id != consortium.pk:
        raise ValidationError("That issue is not in this consortium's register.")
    for name, value in fields.items():
        setattr(issue, name, value.strip() if isinstance(value, str) else value)
    issue.title = _clean_text(issue.title, "title", "title")
    issue.description = _clean_text(issue.description, "description", "description")
    _clean_choice(issue.category, RegisteredIssue.Category.values, "category", "category")
    _clean_choice(issue.status, RegisteredIssue.Status.values, "status", "status")
    issue.updated_at = timezone.now()
    issue.full_clean(exclude=["consortium", "merged_into", "created_by"])
    issue.save()
    if members_affected is not None:
        members = list(members_affected)
        if any(m.consortium_id != consortium.pk for m in members):
            raise ValidationError({"members_affected": "Only the consortium's own members can be linked."})
        issue.members_affected.set(members)
    if tickets is not None:
        linked = list(tickets)
        visible = set(
            policy.tickets_for(actor).filter(pk__in=[t.pk for t in linked]).values_list("pk", flat=True)
        )
        # ORCID's side of an escalation carries the consortium too, but is not the team's to see.
        if any(
            t.pk not in visible or t.consortium_id != consortium.pk or t.origin == Ticket.Origin.ESCALATION
            for t in linked
        ):
            raise ValidationError({"tickets": "Only the consortium's own tickets can be linked."})
        issue.tickets.set(linked)
    return issue


@transaction.atomic
def answer_registered_issue(
    actor, issue: RegisteredIssue, *, status=None, orcid_reference=None, orcid_answer=None
):
    """ORCID's side: its reference, its answer and the status. An answer given to a merged issue
    goes to every issue merged into it."""
    _require(
        policy.can_answer_registered_issues(actor, issue.consortium), "Only ORCID answers registered issues."
    )
    changes = {}
    if status is not None:
        changes["status"] = _clean_choice(status, RegisteredIssue.Status.values, "status", "status")
    if orcid_reference is not None:
        changes["orcid_reference"] = orcid_reference.strip()[:120]
    if orcid_answer is not None:
        changes["orcid_answer"] = orcid_answer.strip()
    if not changes:
        raise ValidationError("Give a status, a reference or an answer.")
    changes["updated_at"] = timezone.now()
    RegisteredIssue.objects.filter(pk=issue.pk).update(**changes)
    issue.merged_issues.update(**changes)
    issue.refresh_from_db()
    return issue


@transaction.atomic
def merge_registered_issues(actor, issue: RegisteredIssue, into: RegisteredIssue) -> RegisteredIssue:
    """ORCID merges the same issue raised by another consortium into one: ``issue`` follows
    ``into`` (its status, reference and answer) from now on."""
    _require(
        policy.can_answer_registered_issues(actor, issue.consortium)
        and policy.can_answer_registered_issues(actor, into.consortium),
        "Only ORCID merges registered issues.",
    )
    if issue.pk == into.pk:
        raise ValidationError("An issue cannot be merged into itself.")
    if into.merged_into_id is not None:
        raise ValidationError(f"“{into.title}” is itself merged; merge into the issue it follows.")
    now = timezone.now()
    # Issues already merged into ``issue`` follow ``into`` too: one level of merging only.
    RegisteredIssue.objects.filter(merged_into=issue).update(merged_into=into, updated_at=now)
    RegisteredIssue.objects.filter(pk=issue.pk).update(
        merged_into=into,
        status=into.status,
        orcid_reference=into.orcid_reference,
        orcid_answer=into.orcid_answer,
        updated_at=now,
    )
    issue.refresh_from_db()
    return issue


# --- canned replies and saved filters -------------------------------------------------------

SHARED_REPLIES_ARE_ORCIDS = "ORCID admins keep the replies for every desk."


@transaction.atomic
def save_canned_reply(
    actor, desk: Desk, reply: CannedReply | None = None, *, title: str, body: str, every_desk: bool = False
) -> CannedReply:
    """Add or change one of the desk's canned replies; ``every_desk`` makes it ORCID's reply for
    every desk (ORCID admins), as is changing one that already is."""
    _require(policy.can_manage_desk(actor, desk), "Only the desk's admin keeps its canned replies.")
    shared = every_desk or (reply is not None and reply.pk is not None and reply.desk_id is None)
    if shared:
        _require(
            policy.can_keep_canned_replies_for_every_desk(actor),
            "ORCID admins keep the replies for every desk.",
        )
    if reply is not None and reply.desk_id not in (None, desk.pk):
        raise ValidationError("That canned reply belongs to another desk.")
    reply = reply or CannedReply()
    reply.title = _clean_text(title, "title", "title")
    reply.body = _clean_text(body, "body", "reply")
    reply.desk = None if every_desk else desk
    reply.full_clean(exclude=["desk"])
    reply.save()
    return reply


@transaction.atomic
def delete_canned_reply(actor, desk: Desk, reply: CannedReply) -> None:
    _require(policy.can_manage_desk(actor, desk), "Only the desk's admin keeps its canned replies.")
    if reply.desk_id is None:
        _require(
            policy.can_keep_canned_replies_for_every_desk(actor),
            "ORCID admins keep the replies for every desk.",
        )
    elif reply.desk_id != desk.pk:
        raise ValidationError("That canned reply belongs to another desk.")
    reply.delete()


@transaction.atomic
def save_filter(user, name: str, query: str) -> SavedFilter:
    """A queue's filters under a name, for this user; the same name again replaces them."""
    _require(getattr(user, "is_staff_role", False), "Only agents keep saved queue filters.")
    name = _clean_text(name, "name", "name for these filters")[
        : SavedFilter._meta.get_field("name").max_length
    ]
    query = (query or "").lstrip("?")[: SavedFilter._meta.get_field("query").max_length]
    saved, _ = SavedFilter.objects.update_or_create(user=user, name=name, defaults={"query": query})
    return saved


@transaction.atomic
def delete_filter(user, saved: SavedFilter) -> None:
    if saved.user_id != user.pk:
        raise PermissionDenied("That saved filter is someone else's.")
    saved.delete()
