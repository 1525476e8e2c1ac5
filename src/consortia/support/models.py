"""The support desk: desks on business calendars with SLA policies, tickets with their thread and
status log, escalations from a consortium's Tier 1 desk to ORCID, satisfaction ratings, inbound
mail kept aside, and each consortium's issues register.

Two organizations own desks: a consortium (Tier 1) and ORCID (regional desks for Tier 2, one
global desk, Tier 3 behind them). An escalation is a record of its own joining the consortium's
ticket to a ticket on ORCID's desk, so each side keeps its own thread, SLA and internal notes.

SLA figures are derived from the ``TicketEvent`` log and the thread by ``support.sla`` and
stored on the ticket for fast queues and reports.
"""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia import program
from consortia.directory.models import Consortium, Membership, Organization, Person, Region
from consortia.lib.business_calendar import BusinessCalendar, national_holidays


class Calendar(models.Model):
    """Working time for SLA clocks: a time zone, working hours per weekday, the national holidays
    of a country (the ``holidays`` package) and own closures."""

    name = models.CharField(max_length=120)
    time_zone = models.CharField(max_length=64, default="UTC")
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2; its public holidays are closed days"
    )
    subdivision = models.CharField(max_length=10, blank=True, help_text="e.g. a state, for its own holidays")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def business_calendar(self, hours=None, closures=None) -> BusinessCalendar:
        """The arithmetic object. ``hours``/``closures`` may be given when already fetched."""
        hours = self.hours.all() if hours is None else hours
        closures = self.closures.all() if closures is None else closures
        return BusinessCalendar(
            self.time_zone,
            [(h.weekday, h.starts_at, h.ends_at) for h in hours],
            closed_dates=[c.date for c in closures],
            is_holiday=national_holidays(self.country, self.subdivision),
        )

    def add_default_hours(self) -> None:
        starts, ends = program.SUPPORT_DAY_HOURS
        CalendarHours.objects.bulk_create(
            CalendarHours(calendar=self, weekday=day, starts_at=time(starts), ends_at=time(ends))
            for day in program.SUPPORT_WEEKDAYS
        )


class CalendarHours(models.Model):
    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField()  # 0 = Monday
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["calendar", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="calendar_hours_weekday"),
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="calendar_hours_period"
            ),
        ]

    def __str__(self):
        return f"{self.weekday}: {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class CalendarClosure(models.Model):
    """A day the desk is closed besides the national holidays (e.g. the office's end-of-year break)."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["calendar", "date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="one_closure_per_day")]

    def __str__(self):
        return f"{self.date}: {self.reason}"


class Desk(models.Model):
    class Kind(models.TextChoices):
        CONSORTIUM = "consortium", "Consortium desk (Tier 1)"
        ORCID_REGIONAL = "orcid_regional", "ORCID regional desk (Tier 2)"
        ORCID_GLOBAL = "orcid_global", "ORCID global desk"

    class UnknownSenders(models.TextChoices):
        OPEN = "open", "Open a ticket"
        HOLD = "hold", "Hold for review"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    consortium = models.OneToOneField(
        Consortium, on_delete=models.CASCADE, null=True, blank=True, related_name="desk"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="desks")
    email_address = models.EmailField(blank=True, help_text="Where members write; replies come from it")
    unknown_senders = models.CharField(
        max_length=5, choices=UnknownSenders.choices, default=UnknownSenders.HOLD
    )
    calendar = models.ForeignKey(Calendar, on_delete=models.PROTECT, related_name="desks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="consortium", consortium__isnull=False, region__isnull=True))
                | Q(kind="orcid_regional", consortium__isnull=True, region__isnull=False)
                | Q(kind="orcid_global", consortium__isnull=True, region__isnull=True),
                name="desk_owner_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["region"], condition=Q(kind="orcid_regional"), name="one_regional_desk_per_region"
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="orcid_global"), name="one_global_desk"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_orcid(self) -> bool:
        return self.kind != self.Kind.CONSORTIUM

    @property
    def default_tier(self) -> int:
        return 1 if self.kind == self.Kind.CONSORTIUM else 2


class SlaPolicy(models.Model):
    """Targets in working minutes on the desk's calendar; ``priority`` empty is the desk's default."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="sla_policies")
    priority = models.CharField(max_length=10, blank=True, default="")
    first_response_minutes = models.PositiveIntegerField()
    next_response_minutes = models.PositiveIntegerField()
    resolution_minutes = models.PositiveIntegerField()

    class Meta:
        ordering = ["desk", "priority"]
        constraints = [models.UniqueConstraint(fields=["desk", "priority"], name="one_sla_per_desk_priority")]

    def __str__(self):
        return f"{self.desk}: {self.priority or 'default'}"

    @classmethod
    def defaults(cls) -> dict:
        starts, ends = program.SUPPORT_DAY_HOURS
        day = (ends - starts) * 60
        return {
            "first_response_minutes": program.SUPPORT_FIRST_RESPONSE_WORKING_DAYS * day,
            "next_response_minutes": program.SUPPORT_NEXT_RESPONSE_WORKING_DAYS * day,
            "resolution_minutes": program.SUPPORT_RESOLUTION_WORKING_DAYS * day,
        }


class Ticket(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        OPEN = "open", "Open"
        WAITING_ON_REQUESTER = "waiting_on_requester", "Waiting on requester"
        WAITING_ON_ORCID = "waiting_on_orcid", "Waiting on ORCID"
        RESOLVED = "resolved", "Resolved"
        CLOSED = "closed", "Closed"

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        HIGH = "high", "High"
        URGENT = "urgent", "Urgent"

    class Category(models.TextChoices):
        ACCOUNT = "account", "Account and sign-in"
        INTEGRATION = "integration", "API and integration"
        RECORD = "record", "ORCID record"
        MEMBERSHIP = "membership", "Membership and billing"
        COLLECT_CONNECT = "collect_connect", "Collect & Connect"
        TRAINING = "training", "Training and outreach"
        OTHER = "other", "Other"

    class Origin(models.TextChoices):
        WEB = "web", "Web"
        EMAIL = "email", "E-mail"
        API = "api", "API"
        ESCALATION = "escalation", "Escalation"

    OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.WAITING_ON_REQUESTER, Status.WAITING_ON_ORCID)
    DONE_STATUSES = (Status.RESOLVED, Status.CLOSED)

    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="tickets")
    # The consortium the ticket concerns: the desk's for a consortium desk; for ORCID's desks the
    # requester's consortium, so that consortium's lead sees what its members asked ORCID.
    consortium = models.ForeignKey(
        Consortium, on_delete=models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    requester = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="tickets"
    )
    requester_email = models.EmailField(blank=True)
    requester_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300)
    tier = models.PositiveSmallIntegerField(default=1)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.NEW)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.WEB)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # SLA figures derived from the status log and the thread (support.sla.refresh).
    first_response_at = models.DateTimeField(null=True, blank=True)
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True)
    first_response_due = models.DateTimeField(null=True, blank=True)
    next_response_due = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_seconds = models.PositiveIntegerField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    first_response_breached = models.BooleanField(default=False)
    next_response_breached = models.BooleanField(default=False)
    resolution_breached = models.BooleanField(default=False)
    is_breached = models.BooleanField(default=False)
    # The earliest open target (first/next response, resolution), for "about to breach" queues.
    sla_due = models.DateTimeField(null=True, blank=True)
    breach_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["desk", "status", "sla_due"], name="ticket_queue"),
            models.Index(fields=["desk", "created_at"], name="ticket_desk_period"),
            models.Index(fields=["consortium", "created_at"], name="ticket_consortium_period"),
            models.Index(fields=["organization", "created_at"], name="ticket_organization"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(tier__gte=1, tier__lte=3), name="ticket_tier_1_to_3"),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def reference(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def requester_display(self) -> str:
        if self.requester_name and self.requester_email:
            return f"{self.requester_name} <{self.requester_email}>"
        return self.requester_name or self.requester_email or "—"


class TicketMessage(models.Model):
    """One entry of a ticket's thread: a public reply (seen by the requester, e-mailed) or an
    internal note (staff only, never e-mailed, never shown to a member)."""

    class Kind(models.TextChoices):
        REPLY = "reply", "Public reply"
        NOTE = "note", "Internal note"

    class Source(models.TextChoices):
        WEB = "web", "Web"
        EMAIL = "email", "E-mail"
        API = "api", "API"
        SYSTEM = "system", "System"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.REPLY)
    source = models.CharField(max_length=6, choices=Source.choices, default=Source.WEB)
    # Whether the desk's side wrote it (an agent's reply is a response for the SLA).
    from_agent = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    author_email = models.EmailField(blank=True)
    body = models.TextField()
    # RFC 5322 threading: our own Message-ID for what we send, the sender's for what we receive.
    message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["ticket", "created_at", "pk"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="message_thread")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.ticket_id}"

    @property
    def is_public(self) -> bool:
        return self.kind == self.Kind.REPLY


def attachment_path(instance, filename):
    return f"support/{instance.message.ticket_id}/{instance.message_id}/{filename}"


class Attachment(models.Model):
    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, default="application/octet-stream")
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["message", "pk"]

    def __str__(self):
        return self.filename


class TicketEvent(models.Model):
    """The ticket's log: every status change (and assignment, tier, desk, priority change) with its
    time and who did it. SLA figures are computed from the status changes."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        PRIORITY = "priority", "Priority changed"
        CATEGORY = "category", "Category changed"
        TIER = "tier", "Tier changed"
        DESK = "desk", "Moved to another desk"
        ESCALATED = "escalated", "Escalated to ORCID"
        ESCALATION_RESOLVED = "escalation_resolved", "ORCID resolved the escalation"
        RATED = "rated", "Rated by the requester"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_value = models.CharField(max_length=100, blank=True)
    to_value = models.CharField(max_length=100, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ticket", "at", "pk"]
        indexes = [models.Index(fields=["ticket", "at"], name="ticket_event_log")]

    def __str__(self):
        return f"{self.ticket_id} {self.kind} {self.from_value}→{self.to_value}"


class Escalation(models.Model):
    """A Tier 1 ticket handed to ORCID: the consortium's ticket waits on ORCID while ORCID works
    its own linked ticket; ORCID's resolution flows back to the consortium's agent."""

    class State(models.TextChoices):
        OPEN = "open", "With ORCID"
        RESOLVED = "resolved", "Resolved by ORCID"

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="escalations")
    orcid_ticket = models.OneToOneField(Ticket, on_delete=models.PROTECT, related_name="escalation_source")
    summary = models.TextField()
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    resolution = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-escalated_at"]
        constraints = [
            models.UniqueConstraint(fields=["ticket"], condition=Q(state="open"), name="one_open_escalation")
        ]

    def __str__(self):
        return f"Escalation of {self.ticket_id} to {self.orcid_ticket_id}"


class SatisfactionRating(models.Model):
    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_1_to_5")]

    def __str__(self):
        return f"{self.ticket_id}: {self.score}"


class InboundMail(models.Model):
    """A message the desk could not thread or accept: held for review (an unknown sender) or
    failed (unreadable, no sender). Kept with its raw bytes and the reason, never lost."""

    class State(models.TextChoices):
        HELD = "held", "Held for review"
        FAILED = "failed", "Could not be read"
        ACCEPTED = "accepted", "Accepted after review"
        DISCARDED = "discarded", "Discarded after review"

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="inbound_mail")
    state = models.CharField(max_length=10, choices=State.choices)
    reason = models.CharField(max_length=500)
    message_id = models.CharField(max_length=255, blank=True)
    sender = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    raw = models.BinaryField()
    received_at = models.DateTimeField(default=timezone.now)
    ticket = models.ForeignKey(Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["desk", "state"], name="inbound_mail_review")]

    def __str__(self):
        return f"{self.get_state_display()}: {self.subject or self.message_id}"


class CannedReply(models.Model):
    """A reply an agent inserts and edits; a desk's own, or ORCID's for every desk (``desk`` empty)."""

    desk = models.ForeignKey(
        Desk, on_delete=models.CASCADE, null=True, blank=True, related_name="canned_replies"
    )
    title = models.CharField(max_length=150)
    body = models.TextField()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class SavedFilter(models.Model):
    """A queue's filters saved under a name by an agent (the query string of the queue page)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=1000)

    class Meta:
        ordering = ["user", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="one_saved_filter_name_per_user")
        ]

    def __str__(self):
        return self.name


class RegisteredIssue(models.Model):
    """An entry of a consortium's issues register: technical issues and feedback the lead
    collects from members and raises with ORCID. ORCID may merge the same issue raised by several
    consortia into one (``merged_into``), answering it once."""

    class Category(models.TextChoices):
        BUG = "bug", "Bug"
        FEATURE = "feature", "Feature request"
        DOCUMENTATION = "documentation", "Documentation"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RAISED = "raised", "Raised with ORCID"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        WONT_FIX = "wont_fix", "Won't fix"

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="registered_issues")
    title = models.CharField(max_length=250)
    description = models.TextField()
    category = models.CharField(max_length=15, choices=Category.choices)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    members_affected = models.ManyToManyField(Membership, blank=True, related_name="registered_issues")
    tickets = models.ManyToManyField(Ticket, blank=True, related_name="registered_issues")
    orcid_reference = models.CharField(max_length=120, blank=True)
    orcid_answer = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_issues"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["consortium", "status"], name="register_status")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.merged_into_id is not None and self.merged_into_id == self.pk:
            raise ValidationError("An issue cannot be merged into itself.")
