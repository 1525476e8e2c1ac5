"""Compliance on a past date reads the checklist as it was that day, from its completion events:
an item completed today was open yesterday, and reopening it today does not rewrite yesterday."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from consortia.directory import consortium_services
from consortia.onboarding import services
from consortia.onboarding.models import ChecklistItem, ChecklistItemEvent, Owner, Phase
from consortia.staffing import compliance

LONG_AGO = timezone.make_aware(datetime(2021, 1, 4, 10, 0))


def _sign_and_complete_everything_long_ago(world):
    """Alpha signed in 2020 and completed every item in January 2021 (backdated after the fact)."""
    consortium_services.update_consortium(world.orcid_admin, world.alpha, agreement_date=date(2020, 1, 6))
    world.alpha.refresh_from_db()  # the service saved its own copy
    items = ChecklistItem.objects.filter(checklist__consortium=world.alpha, checklist__kind="consortium")
    for item in items:
        services.complete_item(world.orcid_admin, item, note="Done.")
    items.update(completed_at=LONG_AGO)
    ChecklistItemEvent.objects.filter(item__in=items).update(at=LONG_AGO)


def _post_agreement_item(world):
    return ChecklistItem.objects.filter(
        checklist__consortium=world.alpha, owner=Owner.CONSORTIUM, phase=Phase.POST_AGREEMENT
    ).first()


def _overdue_reasons(world, on):
    return [r for r in compliance.assess_one(world.alpha, on).reasons if "item" in r]


def test_an_item_completed_today_was_not_complete_yesterday(world):
    _sign_and_complete_everything_long_ago(world)
    item = _post_agreement_item(world)
    services.reopen_item(world.orcid_admin, item, reason="Redo.")
    ChecklistItemEvent.objects.filter(item=item, action="reopened").update(at=LONG_AGO + timedelta(days=1))
    today = timezone.localdate()

    services.complete_item(world.alpha_admin, item, note="Done properly.")

    assert _overdue_reasons(world, today) == []
    assert _overdue_reasons(world, today - timedelta(days=1)) == ["1 post-agreement item overdue"]


def test_reopening_an_item_today_does_not_rewrite_yesterday(world):
    _sign_and_complete_everything_long_ago(world)
    today = timezone.localdate()

    services.reopen_item(world.alpha_admin, _post_agreement_item(world), reason="Staff left.")

    assert _overdue_reasons(world, today - timedelta(days=1)) == []
    assert _overdue_reasons(world, today) == ["1 post-agreement item overdue"]


def test_before_the_items_were_completed_they_count_as_open(world):
    _sign_and_complete_everything_long_ago(world)

    reasons = _overdue_reasons(world, date(2020, 12, 31))

    assert reasons == ["9 pre-agreement items not complete", "5 post-agreement items overdue"]
    assert "Fees overdue since 6 Mar 2020" in compliance.assess_one(world.alpha, date(2020, 12, 31)).reasons


def test_items_are_not_overdue_before_their_due_date(world):
    _sign_and_complete_everything_long_ago(world)

    # Three months after 6 January 2020 is 6 April: the post-agreement items are due, not overdue.
    result = compliance.assess_one(world.alpha, date(2020, 4, 6))

    assert not any("post-agreement" in r for r in result.reasons)
    assert any("post-agreement" in r for r in compliance.assess_one(world.alpha, date(2020, 4, 7)).reasons)
