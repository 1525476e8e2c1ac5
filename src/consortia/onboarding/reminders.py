"""Daily e-mail reminders of overdue onboarding checklist items.

Each recipient gets at most one message a day, listing every overdue item they are expected to
act on, grouped by consortium and checklist. Who that is follows the item's owner:

- items the consortium owns (its own onboarding checklist, and its members' checklists) go to the
  consortium's active admins *and* staff. Both may complete them (``policy.can_complete_checklist_item``),
  and the seed puts the day-to-day onboarding work with the community manager, who is usually
  a staff account rather than the admin; reminding only the admin would miss the person doing it.
- items ORCID owns go to the active ORCID regional staff of the consortium's region; a region
  with nobody assigned falls back to every active ORCID admin, so no ORCID item goes unreminded.

Every recipient is also checked against the access policy, so nobody is ever sent an item of a
consortium outside their role's scope.

``ReminderRun`` (one row per day, unique) makes sending idempotent across workers: the run claims
its day by inserting that row before it sends anything; a second run the same day (in the same or
another process) fails to insert and sends nothing. If sending fails, the claim is withdrawn so a
later run can try again.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import CONSORTIUM_ROLES, Role, User
from consortia.onboarding.models import Checklist, ChecklistItem, ChecklistKind, Owner, ReminderRun
from consortia.onboarding.queries import overdue_items

logger = logging.getLogger(__name__)


@dataclass
class ReminderGroup:
    """One checklist's overdue items, as one recipient's message lists them."""

    checklist: Checklist
    url: str
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def consortium(self):
        return self.checklist.consortium


@dataclass
class Reminder:
    """What one recipient is reminded of on one day."""

    recipient: User
    day: date
    groups: list[ReminderGroup] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(group.items) for group in self.groups)

    @property
    def subject(self) -> str:
        n = self.item_count
        return f"Consortia: {n} overdue onboarding item{'s' if n != 1 else ''}"

    def days_overdue(self, item: ChecklistItem) -> int:
        return (self.day - item.due_date).days


@dataclass
class ReminderOutcome:
    day: date
    already_sent: bool = False
    messages_sent: int = 0
    reminders: list[Reminder] = field(default_factory=list)


def absolute_url(path: str) -> str:
    return settings.CONSORTIA_BASE_URL.rstrip("/") + path


def checklist_url(checklist: Checklist) -> str:
    """The checklist's page: a member's under the membership, the consortium's under its slug."""
    if checklist.kind == ChecklistKind.MEMBERSHIP:
        path = reverse("onboarding:member_checklist", args=[checklist.membership_id])
    else:
        path = reverse("onboarding:consortium_checklist", args=[checklist.consortium.slug])
    return absolute_url(path)


def _candidates(items: list[ChecklistItem]) -> list[User]:
    """Every active user who might be reminded of one of ``items``: one query."""
    consortium_ids = {item.checklist.consortium_id for item in items if item.owner == Owner.CONSORTIUM}
    region_ids = {item.checklist.consortium.region_id for item in items if item.owner == Owner.ORCID}
    wanted = Q(role__in=CONSORTIUM_ROLES, consortium_id__in=consortium_ids)
    if region_ids:
        wanted |= Q(role=Role.ORCID_REGIONAL, region_id__in=region_ids) | Q(role=Role.ORCID_ADMIN)
    return list(User.objects.filter(wanted, is_active=True).exclude(email="").order_by("email"))


def _recipients_of(item: ChecklistItem, team: dict, regional: dict, admins: list[User]) -> list[User]:
    consortium = item.checklist.consortium
    if item.owner == Owner.ORCID:
        people = regional.get(consortium.region_id) or admins
    else:
        people = team.get(consortium.pk, [])
    return [user for user in people if policy.can_complete_checklist_item(user, item.owner, consortium)]


def plan_reminders(day: date) -> list[Reminder]:
    """Who gets which overdue items on ``day``, in two queries whatever the number of items."""
    items = list(overdue_items(day))
    if not items:
        return []
    team, regional, admins = defaultdict(list), defaultdict(list), []
    for user in _candidates(items):
        if user.role in CONSORTIUM_ROLES:
            team[user.consortium_id].append(user)
        elif user.role == Role.ORCID_REGIONAL:
            regional[user.region_id].append(user)
        elif user.role == Role.ORCID_ADMIN:
            admins.append(user)

    reminders: dict[int, Reminder] = {}
    groups: dict[tuple[int, int], ReminderGroup] = {}
    urls: dict[int, str] = {}
    for item in items:
        checklist = item.checklist
        for user in _recipients_of(item, team, regional, admins):
            reminder = reminders.setdefault(user.pk, Reminder(user, day))
            group = groups.get((user.pk, checklist.pk))
            if group is None:
                if checklist.pk not in urls:
                    urls[checklist.pk] = checklist_url(checklist)
                group = groups[(user.pk, checklist.pk)] = ReminderGroup(checklist, urls[checklist.pk])
                reminder.groups.append(group)
            group.items.append(item)
    for reminder in reminders.values():
        reminder.groups.sort(key=lambda g: (g.consortium.name.lower(), g.checklist.kind, g.checklist.name))
        for group in reminder.groups:
            group.items.sort(key=lambda i: (i.due_date, i.position))
    return sorted(reminders.values(), key=lambda r: r.recipient.email)


def compose(reminder: Reminder) -> EmailMultiAlternatives:
    """The reminder as an RFC 5322 message: plain text, with an HTML alternative."""
    context = {
        "reminder": reminder,
        "recipient": reminder.recipient,
        "day": reminder.day,
        "groups": [
            {
                "consortium": group.consortium,
                "checklist": group.checklist,
                "url": group.url,
                "items": [(item, reminder.days_overdue(item)) for item in group.items],
            }
            for group in reminder.groups
        ],
        "item_count": reminder.item_count,
        "base_url": settings.CONSORTIA_BASE_URL.rstrip("/"),
    }
    text = render_to_string("onboarding/email/overdue_reminder.txt", context)
    html = render_to_string("onboarding/email/overdue_reminder.html", context)
    domain = urlsplit(settings.CONSORTIA_BASE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=reminder.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.recipient.email],
        headers={
            "Message-ID": make_msgid(f"reminder-{reminder.day.isoformat()}", domain=domain),
            # RFC 3834: an automatic message, so auto-responders stay quiet.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _claim(day: date) -> ReminderRun | None:
    """Insert the day's run row, or None if another run has it (the unique constraint decides)."""
    try:
        with transaction.atomic():
            return ReminderRun.objects.create(day=day, sent_at=timezone.now())
    except IntegrityError:
        return None


def send_reminders(day: date | None = None, *, force: bool = False) -> ReminderOutcome:
    """Send the day's reminders once. ``force`` sends again even if the day's run has happened."""
    day = day or timezone.localdate()
    outcome = ReminderOutcome(day)
    run = _claim(day)
    if run is None:
        if not force:
            outcome.already_sent = True
            return outcome
        run = ReminderRun.objects.get(day=day)
    try:
        outcome.reminders = plan_reminders(day)
        messages = [compose(reminder) for reminder in outcome.reminders]
        if messages:
            outcome.messages_sent = get_connection().send_messages(messages) or 0
    except BaseException:
        if not force:
            # Let a later run retry the day rather than leave it marked as done.
            ReminderRun.objects.filter(pk=run.pk).delete()
        raise
    run.messages_sent += outcome.messages_sent
    run.sent_at = timezone.now()
    run.save(update_fields=["messages_sent", "sent_at"])
    logger.info("Sent %d overdue reminders for %s", outcome.messages_sent, day)
    return outcome
