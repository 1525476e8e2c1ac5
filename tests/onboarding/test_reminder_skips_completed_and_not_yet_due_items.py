"""Only open items past their due date are reminded: not completed ones, not those due today or
later, not those without a due date."""

from datetime import timedelta

from django.utils import timezone

from consortia.onboarding import services
from consortia.onboarding.models import ChecklistItem, Owner
from consortia.onboarding.reminders import plan_reminders


def items_of(user, day):
    return [i for r in plan_reminders(day) if r.recipient == user for g in r.groups for i in g.items]


def test_completed_items_are_not_reminded(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today - timedelta(days=200)
    world.alpha.save()
    done = ChecklistItem.objects.filter(checklist__consortium=world.alpha, owner=Owner.CONSORTIUM).first()
    services.complete_item(world.alpha_admin, done, note="Done at the launch meeting.")

    reminded = items_of(world.alpha_admin, today)

    assert reminded
    assert done.pk not in {i.pk for i in reminded}


def test_items_due_today_or_later_are_not_reminded(world):
    today = timezone.localdate()
    world.alpha.agreement_date = today  # pre-agreement items fall due today: not yet overdue
    world.alpha.save()

    assert plan_reminders(today) == []
    assert {i.due_date for i in items_of(world.alpha_admin, today + timedelta(days=1))} == {today}


def test_items_without_a_due_date_are_not_reminded(world):
    world.alpha.agreement_date = None
    world.alpha.save()

    assert plan_reminders(timezone.localdate()) == []
