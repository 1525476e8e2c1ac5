"""The daily task sends its day's reminders, then queues the next day's run at the configured
local hour; the chain never holds two runs of one day, and a stale day sends nothing."""

from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from consortia.onboarding.models import ReminderRun
from consortia.onboarding.tasks import (
    ensure_reminders_scheduled,
    pending_reminder_days,
    reminder_time,
    send_overdue_reminders,
)


def queued():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=send_overdue_reminders.module_path
    )


def test_the_task_sends_the_day_and_queues_the_next_day_at_the_reminder_hour(world, settings):
    settings.CONSORTIA_REMINDER_HOUR = 7
    settings.TIME_ZONE = "Pacific/Auckland"
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    result = send_overdue_reminders.call(today.isoformat())

    assert result == {"day": today.isoformat(), "already_sent": False, "messages_sent": 3}
    assert len(mail.outbox) == 3
    assert ReminderRun.objects.filter(day=today).exists()
    (next_run,) = queued()
    tomorrow = today + timedelta(days=1)
    assert next_run.args_kwargs["args"] == [tomorrow.isoformat()]
    local = timezone.localtime(next_run.run_after, timezone.get_default_timezone())
    assert (local.date(), local.time()) == (tomorrow, time(7))


def test_running_the_day_twice_sends_once_and_queues_the_next_day_once(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    send_overdue_reminders.call(today.isoformat())
    again = send_overdue_reminders.call(today.isoformat())

    assert again["already_sent"] is True
    assert len(mail.outbox) == 3
    assert pending_reminder_days() == [(today + timedelta(days=1)).isoformat()]


def test_a_stale_day_sends_nothing_and_queues_today(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    result = send_overdue_reminders.call((today - timedelta(days=3)).isoformat())

    assert result["skipped"] == "stale"
    assert mail.outbox == [] and ReminderRun.objects.count() == 0
    assert pending_reminder_days() == [today.isoformat()]


def test_ensure_queues_today_once_and_tomorrow_when_today_is_done(world):
    today = timezone.localdate()

    assert ensure_reminders_scheduled() == today
    assert ensure_reminders_scheduled() == today
    assert queued().count() == 1

    queued().delete()
    ReminderRun.objects.create(day=today)
    assert ensure_reminders_scheduled() == today + timedelta(days=1)
    assert queued().get().run_after == reminder_time(today + timedelta(days=1))


def test_reminder_time_is_the_local_hour(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.CONSORTIA_REMINDER_HOUR = 6

    when = reminder_time(datetime(2025, 7, 1).date())

    assert when.utcoffset() == timedelta(hours=2)
    assert timezone.localtime(when, timezone.get_default_timezone()).hour == 6


def test_a_failed_send_queues_a_retry_of_the_same_day_and_not_the_next(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    broken = mock.Mock()
    broken.send_messages.side_effect = ConnectionRefusedError("mail server down")
    with (
        mock.patch("consortia.onboarding.reminders.get_connection", return_value=broken),
        pytest.raises(ConnectionRefusedError),
    ):
        send_overdue_reminders.call(today.isoformat())

    assert ReminderRun.objects.count() == 0  # the day is not marked as done
    assert pending_reminder_days() == [today.isoformat()]
    (retry,) = queued()
    assert retry.run_after - timezone.now() <= timedelta(minutes=16)
