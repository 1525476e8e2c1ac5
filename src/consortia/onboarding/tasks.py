"""Onboarding's background work: the daily overdue reminders, run by ``consortia worker``.

The reminder task sends one day's reminders, then queues itself for the next day at
``CONSORTIA_REMINDER_HOUR`` local time (``TIME_ZONE``), so one queued task keeps the chain going.
``ensure_reminders_scheduled`` (called by ``consortia worker`` on start) restarts the chain if it
was broken, e.g. on a fresh database. Two workers may still race to queue the same day: that is
harmless, because ``ReminderRun`` lets only one run per day send anything.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone
from django_tasks import task

from consortia.onboarding.models import ReminderRun
from consortia.onboarding.reminders import send_reminders
from consortia.scheduling import daily_run_time, pending_days, schedule_day


def reminder_time(day: date) -> datetime:
    return daily_run_time(day)


def pending_reminder_days() -> list[str]:
    """The days (ISO dates) for which a reminder run is queued and has not started."""
    return pending_days(send_overdue_reminders)


def schedule_reminders(day: date):
    """Queue the reminder run of ``day`` unless one is queued already; returns the task result or None."""
    return schedule_day(send_overdue_reminders, day)


def next_reminder_day() -> date:
    today = timezone.localdate()
    return today + timedelta(days=1) if ReminderRun.objects.filter(day=today).exists() else today


def ensure_reminders_scheduled() -> date:
    """Make sure one reminder run is queued; returns the first queued day."""
    pending = pending_reminder_days()
    if pending:
        return date.fromisoformat(pending[0])
    day = next_reminder_day()
    schedule_reminders(day)
    return day


# A failed send (the mail server was down) is tried again this often on the same day.
RETRY_AFTER = timedelta(minutes=15)


@task()
def send_overdue_reminders(day_iso: str) -> dict:
    """Send ``day_iso``'s overdue reminders once, then queue the next day's run.

    A run for a day already past (the worker was down) sends nothing: yesterday's list is stale,
    and today's run follows straight away. A failed send queues a retry of the same day.
    """
    day = date.fromisoformat(day_iso)
    today = timezone.localdate()
    if day < today:
        schedule_reminders(today)
        return {"day": day_iso, "skipped": "stale", "messages_sent": 0}
    try:
        outcome = send_reminders(day)
    except Exception:
        # send_reminders withdrew the day's claim; try the same day again shortly.
        send_overdue_reminders.using(run_after=timezone.now() + RETRY_AFTER).enqueue(day_iso)
        raise
    # Only once the day is done, so the chain of daily runs is never broken nor doubled.
    schedule_reminders(day + timedelta(days=1))
    return {"day": day_iso, "already_sent": outcome.already_sent, "messages_sent": outcome.messages_sent}
