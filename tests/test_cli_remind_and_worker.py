"""`consortia remind` refuses bad dates; `consortia worker --batch` queues the daily reminders
(never twice), runs the work that is due and exits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from consortia.cli import main
from consortia.onboarding.models import ReminderRun
from consortia.onboarding.tasks import pending_reminder_days, send_overdue_reminders

# The worker closes its database connection between tasks, as a long-running process should;
# inside a test's wrapping transaction that would break the test on PostgreSQL, so these run
# outside one.
WORKER_DB = pytest.mark.django_db(transaction=True)


def reminder_tasks():
    return DBTaskResult.objects.filter(task_path=send_overdue_reminders.module_path)


def test_remind_with_a_bad_date_exits_2_with_one_line(world, capsys):
    assert main(["remind", "--date", "2025-13-01"]) == 2
    assert capsys.readouterr().err == "consortia: --date must be a date as YYYY-MM-DD, not '2025-13-01'\n"


def test_remind_refuses_to_send_for_a_future_day(world, capsys):
    tomorrow = timezone.localdate() + timedelta(days=1)

    assert main(["remind", "--date", tomorrow.isoformat()]) == 2

    assert capsys.readouterr().err == f"consortia: --date {tomorrow.isoformat()} is in the future\n"
    assert ReminderRun.objects.count() == 0


@WORKER_DB
def test_worker_batch_runs_the_queued_reminders_and_exits(world, capsys):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()
    due_now = send_overdue_reminders.using(run_after=timezone.now() - timedelta(minutes=1))
    queued = due_now.enqueue(today.isoformat())

    assert main(["worker", "--batch", "--verbosity", "0"]) == 0

    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 3
    assert ReminderRun.objects.get().day == today
    # The worker queued nothing of its own: the run it found queues the next day.
    assert pending_reminder_days() == [(today + timedelta(days=1)).isoformat()]
    assert reminder_tasks().count() == 2


@WORKER_DB
def test_worker_batch_on_an_empty_queue_leaves_one_reminder_run_queued(world, capsys):
    assert main(["worker", "--batch", "--verbosity", "0"]) == 0
    assert main(["worker", "--batch", "--verbosity", "0"]) == 0

    assert "Overdue reminders queued for " in capsys.readouterr().out
    assert len(pending_reminder_days()) == 1


@WORKER_DB
def test_worker_max_tasks_stops_after_that_many(world):
    today = timezone.localdate()
    due_now = send_overdue_reminders.using(run_after=timezone.now() - timedelta(minutes=1))
    due_now.enqueue(today.isoformat())

    assert main(["worker", "--max-tasks", "1", "--interval", "0", "--verbosity", "0"]) == 0

    assert reminder_tasks().filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_worker_rejects_a_bad_option(world):
    assert main(["worker", "--max-tasks", "0"]) == 2
