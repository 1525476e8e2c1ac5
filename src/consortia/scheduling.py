"""Daily background runs on django-tasks: the shared way onboarding's and billing's reminders
queue themselves.

A daily task takes one argument, the ISO date of its day. It runs at ``CONSORTIA_REMINDER_HOUR``
local time (``TIME_ZONE``) and queues the next day itself; ``consortia worker`` restarts a broken
chain. Queuing a day that is already queued does nothing.
"""

from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone


def daily_run_time(day: date) -> datetime:
    """When ``day``'s run goes out: the configured hour, local time, as an aware datetime."""
    hour = time(settings.CONSORTIA_REMINDER_HOUR)
    return timezone.make_aware(datetime.combine(day, hour), timezone.get_default_timezone())


def pending_days(daily_task) -> list[str]:
    """The days (ISO dates) for which ``daily_task`` is queued and has not started."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=daily_task.module_path, status=TaskResultStatus.READY)
    return sorted(
        args[0] for args in (row["args"] for row in rows.values_list("args_kwargs", flat=True)) if args
    )


def schedule_day(daily_task, day: date):
    """Queue ``daily_task`` for ``day`` unless it is queued already; the task result or None."""
    if day.isoformat() in pending_days(daily_task):
        return None
    return daily_task.using(run_after=daily_run_time(day)).enqueue(day.isoformat())
