"""`consortia remind --dry-run` shows each recipient and their items, and neither sends a message
nor records the day's run."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consortia.cli import main
from consortia.onboarding.models import ReminderRun


def test_dry_run_prints_recipients_and_items_and_sends_nothing(world, capsys):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()

    assert main(["remind", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "dry run" in out
    assert f"{world.alpha_admin.email}: " in out
    assert f"{world.regional.email}: " in out
    assert "Launch event (due " in out
    assert reverse("onboarding:consortium_checklist", args=["alpha"]) in out
    assert world.beta_admin.email not in out
    assert mail.outbox == []
    assert ReminderRun.objects.count() == 0


def test_dry_run_may_look_ahead_to_a_future_day(world, capsys):
    today = timezone.localdate()
    world.alpha.agreement_date = today
    world.alpha.save()

    assert main(["remind", "--dry-run", "--date", (today + timedelta(days=1)).isoformat()]) == 0

    assert "Launch event" in capsys.readouterr().out
    assert mail.outbox == []
    assert ReminderRun.objects.count() == 0
