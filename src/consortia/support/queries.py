"""Read paths of the support desk's pages: queues with their filters, the desks overview, a
ticket's page. Each is a fixed number of queries whatever the number of tickets or messages."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import User
from consortia.lib.business_calendar import holiday_name, national_holidays
from consortia.support import sla
from consortia.support.models import CannedReply, Desk, Escalation, Ticket, TicketMessage

ANY = "any"
OPEN = ""  # the default status filter: every open status
ASSIGNEE_CHOICES = [("", "Anyone"), ("me", "Me"), ("unassigned", "Unassigned")]
SLA_CHOICES = [("", "Any"), ("breached", "Breached"), ("due_soon", "Due soon")]
SORTS = {
    "due": "SLA due first",
    "newest": "Newest",
    "activity": "Last activity",
    "priority": "Priority",
}
PRIORITY_RANK = Case(
    *(When(priority=value, then=Value(rank)) for rank, value in enumerate(reversed(Ticket.Priority.values))),
    default=Value(len(Ticket.Priority.values)),
    output_field=IntegerField(),
)
REFERENCE = re.compile(r"^#?(\d{1,10})$")


@dataclass(frozen=True)
class QueueFilters:
    status: str = OPEN
    assignee: str = ""
    priority: str = ""
    category: str = ""
    tier: str = ""
    sla: str = ""
    q: str = ""
    sort: str = "due"

    @classmethod
    def from_query(cls, params) -> "QueueFilters":
        def pick(name, allowed):
            value = params.get(name, "").strip()
            return value if value in allowed else ""

        sort = params.get("sort", "due")
        return cls(
            status=pick("status", {ANY, *Ticket.Status.values}),
            assignee=pick("assignee", {"me", "unassigned"}),
            priority=pick("priority", set(Ticket.Priority.values)),
            category=pick("category", set(Ticket.Category.values)),
            tier=pick("tier", {"1", "2", "3"}),
            sla=pick("sla", {"breached", "due_soon"}),
            q=params.get("q", "").strip()[:200],
            sort=sort if sort in SORTS else "due",
        )


def _due_soon(now) -> Q:
    return Q(
        status__in=Ticket.OPEN_STATUSES,
        is_breached=False,
        sla_due__isnull=False,
        sla_due__lte=now + sla.WARNING,
    )


def filter_tickets(tickets: QuerySet, user, filters: QueueFilters, now=None) -> QuerySet:
    now = now or timezone.now()
    if filters.status == OPEN:
        tickets = tickets.filter(status__in=Ticket.OPEN_STATUSES)
    elif filters.status != ANY:
        tickets = tickets.filter(status=filters.status)
    if filters.assignee == "me":
        tickets = tickets.filter(assignee=user)
    elif filters.assignee == "unassigned":
        tickets = tickets.filter(assignee__isnull=True)
    for name in ("priority", "category", "tier"):
        if getattr(filters, name):
            tickets = tickets.filter(**{name: getattr(filters, name)})
    if filters.sla == "breached":
        tickets = tickets.filter(is_breached=True)
    elif filters.sla == "due_soon":
        tickets = tickets.filter(_due_soon(now))
    if filters.q:
        reference = REFERENCE.match(filters.q)
        if reference:
            tickets = tickets.filter(pk=int(reference.group(1)))
        else:
            tickets = tickets.filter(
                Q(subject__icontains=filters.q)
                | Q(requester_email__icontains=filters.q)
                | Q(requester_name__icontains=filters.q)
                | Q(organization__name__icontains=filters.q)
            )
    return _sorted(tickets, filters.sort)


def _sorted(tickets: QuerySet, sort: str) -> QuerySet:
    if sort == "newest":
        return tickets.order_by("-created_at", "-pk")
    if sort == "activity":
        return tickets.order_by("-last_message_at", "-pk")
    if sort == "priority":
        return tickets.annotate(priority_rank=PRIORITY_RANK).order_by("priority_rank", "sla_due", "pk")
    return tickets.order_by(
        Case(When(sla_due__isnull=True, then=Value(1)), default=Value(0)), "sla_due", "pk"
    )


def _listed(tickets: QuerySet) -> QuerySet:
    return tickets.select_related("organization", "assignee", "desk__calendar", "consortium")


def desk_queue(user, desk: Desk, filters: QueueFilters, now=None) -> QuerySet:
    """The desk's tickets the user may see, filtered and sorted for its queue page."""
    tickets = policy.tickets_for(user).filter(desk=desk)
    return _listed(filter_tickets(tickets, user, filters, now))


def members_tickets_with_orcid(user, desk: Desk, filters: QueueFilters, now=None) -> QuerySet:
    """A consortium desk's second list: what its members asked ORCID directly (tagged with the
    consortium). ``tickets_for`` already leaves out ORCID's side of escalations."""
    if desk.kind != Desk.Kind.CONSORTIUM:
        return Ticket.objects.none()
    tickets = policy.tickets_for(user).filter(consortium_id=desk.consortium_id).exclude(desk=desk)
    return _listed(filter_tickets(tickets, user, filters, now))


def organization_tickets(user, filters: QueueFilters) -> QuerySet:
    """A member contact's "My tickets": their organization's tickets."""
    return filter_tickets(policy.tickets_for(user), user, filters).select_related("desk", "organization")


def desks_overview(user, now=None) -> list[Desk]:
    """The desks in the user's scope with their open, breached, due-soon and unassigned counts
    (``open_count`` ...). Two queries: the desks, then the open tickets grouped by desk, which the
    queue index (desk, status, sla_due) answers without reading closed tickets (a join with every
    ticket of every desk took seconds at a million tickets: bench/README.md)."""
    now = now or timezone.now()
    desks = list(
        policy.desks_for(user).select_related("consortium", "region", "calendar").order_by("kind", "name")
    )
    counts = {
        row["desk_id"]: row
        for row in Ticket.objects.filter(
            desk__in=policy.desks_for(user).values("pk"), status__in=Ticket.OPEN_STATUSES
        )
        .values("desk_id")
        .order_by("desk_id")
        .annotate(
            open_count=Count("pk"),
            breached_count=Count("pk", filter=Q(is_breached=True)),
            due_soon_count=Count("pk", filter=Q(is_breached=False, sla_due__lte=now + sla.WARNING)),
            unassigned_count=Count("pk", filter=Q(assignee__isnull=True)),
        )
    }
    for desk in desks:
        row = counts.get(desk.pk, {})
        for name in ("open_count", "breached_count", "due_soon_count", "unassigned_count"):
            setattr(desk, name, row.get(name, 0))
    return desks


def desk_agents(desk: Desk) -> list[User]:
    """People who work the desk (the assignee choices), from one query (the access policy's)."""
    return list(policy.desk_agent_candidates(desk).order_by("first_name", "last_name", "email"))


def canned_replies(desk: Desk) -> QuerySet:
    """The desk's own canned replies and ORCID's for every desk."""
    return CannedReply.objects.filter(Q(desk=desk) | Q(desk__isnull=True)).order_by("title", "pk")


def ticket_page(user, pk: int) -> Ticket:
    """A ticket the user may see, with its desk, people and counts fetched together."""
    return (
        policy.tickets_for(user)
        .select_related(
            "desk__calendar", "desk__consortium", "consortium", "organization", "assignee", "requester"
        )
        .get(pk=pk)
    )


def thread(ticket: Ticket, with_notes: bool) -> list[TicketMessage]:
    messages = ticket.messages.select_related("author").prefetch_related("attachments")
    if not with_notes:
        messages = messages.filter(kind=TicketMessage.Kind.REPLY)
    return list(messages.order_by("created_at", "pk"))


def escalations(ticket: Ticket) -> list[Escalation]:
    """The ticket's escalations with ORCID's public messages to the consortium (never ORCID's
    internal notes) and ORCID's ticket status."""
    public = TicketMessage.objects.filter(kind=TicketMessage.Kind.REPLY).prefetch_related("attachments")
    return list(
        ticket.escalations.select_related("orcid_ticket__desk", "escalated_by")
        .prefetch_related(Prefetch("orcid_ticket__messages", queryset=public.order_by("created_at", "pk")))
        .order_by("escalated_at", "pk")
    )


def escalation_source(ticket: Ticket) -> Escalation | None:
    """On ORCID's side of an escalation: the escalation and the consortium ticket it came from."""
    if ticket.origin != Ticket.Origin.ESCALATION:
        return None
    return (
        Escalation.objects.select_related("ticket__desk", "ticket__consortium", "escalated_by")
        .filter(orcid_ticket=ticket)
        .first()
    )


def upcoming_holidays(calendar, today: date | None = None, count: int = 10) -> list[tuple[date, str]]:
    """The next public holidays the calendar observes (its country's), with their names."""
    if not calendar.country:
        return []
    today = today or timezone.localdate()
    is_holiday = national_holidays(calendar.country, calendar.subdivision)
    found = []
    day = today
    while len(found) < count and day <= today + timedelta(days=731):
        if is_holiday(day):
            found.append((day, holiday_name(calendar.country, day, calendar.subdivision)))
        day += timedelta(days=1)
    return found
