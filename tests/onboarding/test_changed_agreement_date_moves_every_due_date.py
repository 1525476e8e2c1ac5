"""Changing the agreement date (or a member's joined date) moves every due date with it."""

from datetime import date, timedelta

from consortia.directory import consortium_services
from consortia.directory import services as directory
from consortia.lib.dates import add_months
from consortia.onboarding.models import Checklist, ChecklistItem, ChecklistKind
from tests import factories


def _items(**checklist):
    return list(ChecklistItem.objects.filter(**{f"checklist__{k}": v for k, v in checklist.items()}))


def _expected(item, anchor):
    return add_months(anchor, item.due_months) + timedelta(days=item.due_days)


def test_a_changed_agreement_date_moves_every_item_of_the_consortium_checklist(world):
    consortium_services.update_consortium(world.alpha_admin, world.alpha, agreement_date=date(2024, 1, 31))
    before = {item.pk: item.due_date for item in _items(consortium=world.alpha, kind="consortium")}

    consortium_services.update_consortium(world.alpha_admin, world.alpha, agreement_date=date(2024, 11, 30))

    items = _items(consortium=world.alpha, kind="consortium")
    assert len(items) == len(before) > 0
    assert [i.title for i in items if i.due_date != _expected(i, date(2024, 11, 30))] == []
    assert [i.title for i in items if i.due_date == before[i.pk]] == []


def test_clearing_the_agreement_date_clears_every_due_date(world):
    consortium_services.update_consortium(world.alpha_admin, world.alpha, agreement_date=date(2024, 1, 31))

    consortium_services.update_consortium(world.alpha_admin, world.alpha, agreement_date=None)

    assert {i.due_date for i in _items(consortium=world.alpha, kind="consortium")} == {None}


def test_another_consortiums_due_dates_do_not_move(world):
    consortium_services.update_consortium(world.beta_admin, world.beta, agreement_date=date(2024, 5, 1))
    before = {i.pk: i.due_date for i in _items(consortium=world.beta)}

    consortium_services.update_consortium(world.alpha_admin, world.alpha, agreement_date=date(2024, 11, 30))

    assert {i.pk: i.due_date for i in _items(consortium=world.beta)} == before


def test_a_changed_joined_date_moves_the_member_checklists_due_dates(world):
    membership = factories.membership(world.alpha, status="onboarding", joined_date=date(2024, 1, 31))
    checklist = Checklist.objects.get(membership=membership, kind=ChecklistKind.MEMBERSHIP)
    assert {i.due_date for i in checklist.items.all()} != {None}

    directory.update_membership(world.alpha_admin, membership, joined_date=date(2024, 11, 30))

    items = list(checklist.items.all())
    assert [i.title for i in items if i.due_date != _expected(i, date(2024, 11, 30))] == []
