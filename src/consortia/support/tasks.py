"""The support desk's background work, run by ``consortia worker``: e-mailing public replies
and resolution notices, and the periodic SLA check.

The SLA check runs every ``SLA_CHECK_EVERY``: each run queues the next when it ends (even when it
failed), unless one is queued already, so one chain runs; ``ensure_sla_checks_scheduled`` (for
the worker's start) starts the chain when none is queued.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

SLA_CHECK_EVERY = timedelta(minutes=15)


@task()
def send_ticket_message(message_id: int) -> None:
    """E-mail one public message of a thread to the other side (support.mail)."""
    from consortia.support import mail

    mail.send_ticket_message(message_id)


@task()
def send_rating_request(ticket_id: int) -> None:
    """Ask the requester of a resolved ticket for a rating, by a signed one-click link."""
    from consortia.support import mail

    mail.send_rating_request(ticket_id)


# --- the SLA check ------------------------------------------------------------------------------


@dataclass
class BreachWarning:
    ticket: object
    recipients: list[str]


@dataclass
class SlaCheck:
    refreshed: int = 0
    desks: int = 0
    warnings: list[BreachWarning] = field(default_factory=list)
    breached: int = 0
    dry_run: bool = False


def desk_agents(desk) -> list[str]:
    """Who hears of a ticket nobody is assigned: the consortium's admins and staff for its desk;
    the region's ORCID staff for a regional desk (ORCID admins when it has none); ORCID admins
    for the global desk."""
    from consortia.accounts.models import CONSORTIUM_ROLES, Role, User
    from consortia.support.models import Desk

    users = User.objects.filter(is_active=True).exclude(email="").order_by("email")
    admins = users.filter(role=Role.ORCID_ADMIN)
    if desk.kind == Desk.Kind.CONSORTIUM:
        found = users.filter(role__in=CONSORTIUM_ROLES, consortium_id=desk.consortium_id)
    elif desk.kind == Desk.Kind.ORCID_REGIONAL:
        found = users.filter(role=Role.ORCID_REGIONAL, region_id=desk.region_id)
    else:
        found = admins
    emails = list(found.values_list("email", flat=True))
    return emails or list(admins.values_list("email", flat=True))


def needs_warning(ticket, now: datetime) -> bool:
    """About to breach and not warned of this target yet: a warning given before the current
    target's warning window opened was about an earlier target (say, the first response), so the
    next one (the resolution) is warned of too — each once."""
    from consortia.support import sla

    if not sla.is_about_to_breach(ticket, now):
        return False
    return ticket.breach_warned_at is None or ticket.breach_warned_at < ticket.sla_due - sla.WARNING


def sla_check(
    *, desk_slug: str | None = None, dry_run: bool = False, now: datetime | None = None
) -> SlaCheck:
    """Refresh the SLA figures of every open ticket (of one desk), desk by desk so each desk's
    calendar and targets are read once, and warn of tickets about to breach, once each.
    ``dry_run`` works it all out, then stores and sends nothing."""
    from consortia.support import mail, services
    from consortia.support.models import Desk, Ticket

    now = now or timezone.now()
    outcome = SlaCheck(dry_run=dry_run)
    desks = Desk.objects.select_related("calendar").prefetch_related(
        "calendar__hours", "calendar__closures", "sla_policies"
    )
    if desk_slug:
        desks = desks.filter(slug=desk_slug)
    emails = []
    with transaction.atomic():
        for desk in desks:
            tickets = list(
                Ticket.objects.filter(desk=desk, status__in=Ticket.OPEN_STATUSES)
                .select_related("desk", "assignee", "requester")
                .order_by("pk")
            )
            if not tickets:
                continue
            outcome.desks += 1
            calendar = desk.calendar.business_calendar()
            targets = {}
            agents = None
            for ticket in tickets:
                if ticket.priority not in targets:
                    targets[ticket.priority] = services.sla_targets(desk, ticket.priority)
                services.refresh_sla(ticket, calendar=calendar, targets=targets[ticket.priority], now=now)
                outcome.refreshed += 1
                outcome.breached += ticket.is_breached
                if not needs_warning(ticket, now):
                    continue
                if ticket.assignee is not None and ticket.assignee.is_active and ticket.assignee.email:
                    recipients = [ticket.assignee.email]
                else:
                    agents = desk_agents(desk) if agents is None else agents
                    recipients = agents
                outcome.warnings.append(BreachWarning(ticket, recipients))
                if recipients:
                    emails.append(mail.breach_warning(ticket, recipients, ZoneInfo(desk.calendar.time_zone)))
        if dry_run:
            transaction.set_rollback(True)
            return outcome
        # Marked before sending: a failed send is logged, and nobody is told twice.
        warned = [w.ticket.pk for w in outcome.warnings]
        Ticket.objects.filter(pk__in=warned).update(breach_warned_at=now)
    try:
        mail.send_all(emails)
    except Exception:
        logger.exception("Could not send %d SLA warning(s)", len(emails))
        raise
    return outcome


def sla_checks_pending() -> bool:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=check_slas.module_path, status=TaskResultStatus.READY
    ).exists()


def ensure_sla_checks_scheduled() -> bool:
    """Start the chain of SLA checks unless one is queued; True when this call queued it."""
    if sla_checks_pending():
        return False
    check_slas.enqueue()
    return True


@task()
def check_slas() -> dict:
    """Refresh every open ticket's SLA figures and warn of breaches to come, then queue the next
    run in ``SLA_CHECK_EVERY``."""
    try:
        outcome = sla_check()
    finally:
        if not sla_checks_pending():
            check_slas.using(run_after=timezone.now() + SLA_CHECK_EVERY).enqueue()
    return {"refreshed": outcome.refreshed, "warned": len(outcome.warnings), "breached": outcome.breached}
