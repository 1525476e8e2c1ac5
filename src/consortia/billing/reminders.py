"""E-mail reminders of overdue invoices to the members' invoice contacts.

An invoice is reminded on the day it becomes overdue (the day after its due date) and then
every ``REMINDER_INTERVAL_DAYS`` days while it stays open: days overdue 1, 15, 29… The days are
derived from the due date alone, so any run on a given day picks the same invoices, and no
schedule is stored.

Sending is idempotent per invoice and day without a table of its own: each reminder is written
to the audit trail (``billing.overdue_reminder`` with the day), in the same transaction that
locks the invoice row and sends. A second run the same day finds the entry and sends nothing; a
failed send rolls the entry back, so a later run that day tries again.

Trap: ``today`` is one date for every consortium (the server's, ``TIME_ZONE``); an invoice due
in Auckland can be reminded up to a day "early" or "late" in that consortium's own calendar.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import formataddr, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Min
from django.template.loader import render_to_string
from django.utils import timezone

from consortia.audit import services as audit
from consortia.audit.models import AuditEntry
from consortia.billing.documents import money_text
from consortia.billing.models import Invoice

logger = logging.getLogger(__name__)

# Not a program rule (the seed says nothing on dunning): a fortnight between reminders.
REMINDER_INTERVAL_DAYS = 14
REMINDER_ACTION = "billing.overdue_reminder"
EMAIL_TEMPLATE = "billing/email/overdue_invoice.txt"


@dataclass
class InvoiceReminder:
    invoice: Invoice
    day: date

    @property
    def days_overdue(self) -> int:
        return (self.day - self.invoice.due_on).days

    @property
    def subject(self) -> str:
        return f"Overdue: invoice {self.invoice.reference} from {self.invoice.seller_name}"


@dataclass
class InvoiceReminderOutcome:
    day: date
    messages_sent: int = 0
    reminders: list[InvoiceReminder] = field(default_factory=list)
    already_reminded: list[Invoice] = field(default_factory=list)
    without_address: list[Invoice] = field(default_factory=list)


def is_reminder_day(due_on: date, day: date) -> bool:
    """The day it becomes overdue, then every ``REMINDER_INTERVAL_DAYS`` days."""
    overdue = (day - due_on).days
    return overdue >= 1 and (overdue - 1) % REMINDER_INTERVAL_DAYS == 0


def reminder_due_dates(day: date, earliest: date) -> list[date]:
    """The due dates whose invoices are reminded on ``day``, back to ``earliest``."""
    dates, due_on = [], day - timedelta(days=1)
    while due_on >= earliest:
        dates.append(due_on)
        due_on -= timedelta(days=REMINDER_INTERVAL_DAYS)
    return dates


def open_overdue_invoices(day: date):
    """Issued invoices (not credit notes) due before ``day`` with a balance left."""
    return Invoice.objects.filter(
        kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED, due_on__lt=day
    ).filter(total__gt=F("amount_paid") + F("amount_credited"))


def invoices_to_remind(day: date) -> list[Invoice]:
    """The open overdue invoices whose reminder day is ``day``: two queries."""
    overdue = open_overdue_invoices(day)
    earliest = overdue.aggregate(earliest=Min("due_on"))["earliest"]
    if earliest is None:
        return []
    return list(
        overdue.filter(due_on__in=reminder_due_dates(day, earliest))
        .select_related("consortium", "membership")
        .order_by("consortium__name", "year", "number")
    )


def _reminded_on(day: date, invoices: list[Invoice]) -> set[str]:
    return set(
        AuditEntry.objects.filter(
            action=REMINDER_ACTION,
            object_type=Invoice._meta.model_name,
            object_id__in=[str(i.pk) for i in invoices],
            changes__day=day.isoformat(),
        ).values_list("object_id", flat=True)
    )


def plan_invoice_reminders(day: date) -> InvoiceReminderOutcome:
    """What a run on ``day`` would send; nothing is sent or written."""
    outcome = InvoiceReminderOutcome(day)
    invoices = invoices_to_remind(day)
    reminded = _reminded_on(day, invoices)
    for invoice in invoices:
        if str(invoice.pk) in reminded:
            outcome.already_reminded.append(invoice)
        elif not invoice.bill_to_email:
            outcome.without_address.append(invoice)
        else:
            outcome.reminders.append(InvoiceReminder(invoice, day))
    return outcome


def compose_reminder(reminder: InvoiceReminder) -> EmailMessage:
    """The reminder as an RFC 5322 message to the invoice contact."""
    invoice = reminder.invoice
    context = {
        "invoice": invoice,
        "reminder": reminder,
        "balance": money_text(invoice.balance, invoice.currency),
        "total": money_text(invoice.total, invoice.currency),
        "base_url": settings.CONSORTIA_BASE_URL.rstrip("/"),
        "reminder_interval_days": REMINDER_INTERVAL_DAYS,
    }
    domain = urlsplit(settings.CONSORTIA_BASE_URL).hostname or "localhost"
    support = invoice.consortium.support_email
    return EmailMessage(
        subject=reminder.subject,
        body=render_to_string(EMAIL_TEMPLATE, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((invoice.bill_to_contact, invoice.bill_to_email))],
        reply_to=[support] if support else None,
        headers={
            "Message-ID": make_msgid(
                f"overdue-{invoice.reference}-{reminder.day.isoformat()}", domain=domain
            ),
            # RFC 3834: an automatic message, so auto-responders stay quiet.
            "Auto-Submitted": "auto-generated",
        },
    )


def _send_once(reminder: InvoiceReminder) -> bool:
    """Send one reminder unless the day's is already recorded; True if this call sent it."""
    invoice = reminder.invoice
    with transaction.atomic():
        # The lock makes a second worker wait here, then find the audit entry and skip.
        Invoice.objects.select_for_update().filter(pk=invoice.pk).values_list("pk").first()
        if _reminded_on(reminder.day, [invoice]):
            return False
        compose_reminder(reminder).send()
        audit.record(
            None,
            REMINDER_ACTION,
            invoice,
            f"Reminded {invoice.bill_to_email} that {invoice.reference} is "
            f"{reminder.days_overdue} days overdue",
            changes={"day": reminder.day.isoformat()},
            consortium=invoice.consortium,
            membership=invoice.membership,
        )
    return True


def remind_overdue_invoices(today: date | None = None, *, dry_run: bool = False) -> InvoiceReminderOutcome:
    """E-mail each overdue invoice's contact on its reminder days; at most once per invoice a day.

    ``dry_run`` returns the plan and sends nothing. A failed send raises after the reminders
    already sent are recorded, so running the day again sends only what is missing.
    """
    day = today or timezone.localdate()
    outcome = plan_invoice_reminders(day)
    if dry_run:
        return outcome
    sent = []
    for reminder in outcome.reminders:
        if _send_once(reminder):
            sent.append(reminder)
        else:
            outcome.already_reminded.append(reminder.invoice)
    outcome.reminders = sent
    outcome.messages_sent = len(sent)
    logger.info("Sent %d overdue invoice reminders for %s", outcome.messages_sent, day)
    return outcome
