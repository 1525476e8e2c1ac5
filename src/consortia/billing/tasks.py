"""Billing's background work, run by ``consortia worker``: e-mailing a run's invoices, and the
daily overdue-invoice reminders.

The reminder task works like onboarding's: it sends one day's reminders, then queues itself for
the next day at ``CONSORTIA_REMINDER_HOUR`` local time (``TIME_ZONE``), so one queued task keeps
the chain going; ``ensure_invoice_reminders_scheduled`` (for the worker's start) restarts the
chain when it is broken. Running a day twice is harmless: each invoice is reminded at most once
a day (``billing.reminders``).
"""

import logging
from datetime import date, datetime, timedelta

from django.utils import timezone
from django_tasks import task

from consortia.billing.documents import deliver_invoice
from consortia.billing.models import BillingRun, Invoice
from consortia.billing.reminders import remind_overdue_invoices
from consortia.scheduling import daily_run_time, pending_days, schedule_day

logger = logging.getLogger(__name__)

# A failed send (the mail server was down) is tried again this often on the same day.
RETRY_AFTER = timedelta(minutes=15)


# --- a run's invoices -------------------------------------------------------------------------


def invoices_to_email(run_id: int):
    """The run's issued invoices with an address that have not been e-mailed yet."""
    return (
        Invoice.objects.filter(billing_run_id=run_id, status=Invoice.Status.ISSUED, emailed_at__isnull=True)
        .exclude(bill_to_email="")
        .order_by("number")
    )


@task()
def send_invoices_of_run(run_id: int) -> dict:
    """E-mail every invoice of a run that has an address and was not e-mailed yet.

    No policy check here: the task is queued by whoever issued the run, whose permission was
    checked then; it acts as the run's issuer in the audit trail. Invoices already e-mailed are
    skipped, so the task can run again after a failure. One failed send does not stop the
    others; the task fails at the end, naming them, so the failure is seen.
    """
    run = BillingRun.objects.select_related("started_by").get(pk=run_id)
    sent, failed = [], []
    for invoice in invoices_to_email(run_id):
        try:
            deliver_invoice(invoice, actor=run.started_by)
        except Exception:
            logger.exception("Could not e-mail %s", invoice.reference)
            failed.append(invoice.reference)
        else:
            sent.append(invoice.reference)
    if failed:
        raise RuntimeError(f"Could not e-mail {len(failed)} invoice(s): {', '.join(failed)}")
    return {"run": run_id, "emailed": len(sent), "references": sent}


# --- the daily overdue reminders --------------------------------------------------------------


def invoice_reminder_time(day: date) -> datetime:
    return daily_run_time(day)


def pending_invoice_reminder_days() -> list[str]:
    """The days (ISO dates) for which an invoice reminder run is queued and has not started."""
    return pending_days(send_overdue_invoice_reminders)


def schedule_invoice_reminders(day: date):
    """Queue the reminder run of ``day`` unless one is queued already; the task result or None."""
    return schedule_day(send_overdue_invoice_reminders, day)


def ensure_invoice_reminders_scheduled() -> date:
    """Make sure one run is queued; returns the first queued day. Today's run may already have
    happened: queuing it again sends nothing twice."""
    pending = pending_invoice_reminder_days()
    if pending:
        return date.fromisoformat(pending[0])
    today = timezone.localdate()
    schedule_invoice_reminders(today)
    return today


@task()
def send_overdue_invoice_reminders(day_iso: str) -> dict:
    """Send ``day_iso``'s overdue-invoice reminders, then queue the next day's run.

    A day already past (the worker was down) sends nothing and queues today: its reminders are
    the ones due now. A failed send queues a retry of the same day, which sends only what is missing.
    """
    day = date.fromisoformat(day_iso)
    today = timezone.localdate()
    if day < today:
        schedule_invoice_reminders(today)
        return {"day": day_iso, "skipped": "stale", "messages_sent": 0}
    try:
        outcome = remind_overdue_invoices(day)
    except Exception:
        send_overdue_invoice_reminders.using(run_after=timezone.now() + RETRY_AFTER).enqueue(day_iso)
        raise
    # Only once the day is done, so the chain of daily runs is never broken nor doubled.
    schedule_invoice_reminders(day + timedelta(days=1))
    return {
        "day": day_iso,
        "messages_sent": outcome.messages_sent,
        "already_reminded": len(outcome.already_reminded),
        "without_address": len(outcome.without_address),
    }
