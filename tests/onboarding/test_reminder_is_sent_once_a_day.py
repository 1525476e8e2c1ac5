"""A day's reminders go out once: a second run the same day sends nothing, whether from the
task or from `consortia remind`, unless forced."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from consortia.cli import main
from consortia.onboarding.models import ReminderRun
from consortia.onboarding.reminders import send_reminders


def overdue_alpha(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()
    return today


def test_the_second_run_of_a_day_sends_nothing(world):
    today = overdue_alpha(world)

    first = send_reminders(today)
    second = send_reminders(today)

    assert first.messages_sent == 3  # alpha admin, alpha staff, APAC regional
    assert len(mail.outbox) == 3
    assert second.already_sent and second.messages_sent == 0
    run = ReminderRun.objects.get()
    assert (run.day, run.messages_sent) == (today, 3)


def test_remind_says_when_the_day_was_already_done_and_exits_zero(world, capsys):
    overdue_alpha(world)
    assert main(["remind"]) == 0
    assert "Sent 3 reminder(s)" in capsys.readouterr().out

    assert main(["remind"]) == 0

    assert "were already sent" in capsys.readouterr().out
    assert len(mail.outbox) == 3


def test_force_sends_the_day_again(world, capsys):
    overdue_alpha(world)
    main(["remind"])

    assert main(["remind", "--force"]) == 0

    assert len(mail.outbox) == 6
    assert ReminderRun.objects.get().messages_sent == 6


def test_a_failed_send_leaves_the_day_open_for_a_retry(world, settings):
    today = overdue_alpha(world)
    settings.EMAIL_BACKEND = "tests.onboarding.test_reminder_is_sent_once_a_day.BrokenBackend"

    with pytest.raises(ConnectionRefusedError):
        send_reminders(today)

    assert ReminderRun.objects.count() == 0


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")
