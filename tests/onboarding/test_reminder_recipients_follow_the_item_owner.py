"""Overdue reminders go to whoever is expected to act: the consortium's team for its items
(admins and staff), ORCID's regional staff for ORCID's items, ORCID admins where a region has no
regional staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.accounts.models import Role
from consortia.onboarding.models import ChecklistKind, Owner
from consortia.onboarding.reminders import plan_reminders
from tests import factories


@pytest.fixture
def today():
    return timezone.localdate()


def sign(consortium, on):
    consortium.agreement_date = on
    consortium.save()


def reminded(day) -> dict[str, list]:
    """E-mail address → every item in that person's reminder."""
    return {r.recipient.email: [i for g in r.groups for i in g.items] for r in plan_reminders(day)}


def test_consortium_items_go_to_the_alpha_team_only(world, today):
    sign(world.alpha, today - timedelta(days=200))

    reminders = reminded(today)

    for name in ("alpha_admin", "alpha_staff"):
        items = reminders[getattr(world, name).email]
        assert items and {i.owner for i in items} == {Owner.CONSORTIUM}
        assert {i.checklist.consortium for i in items} == {world.alpha}
    for name in ("beta_admin", "beta_staff", "alpha_member", "beta_member", "orcid_admin"):
        assert getattr(world, name).email not in reminders


def test_orcid_items_go_to_the_regional_staff_of_the_consortium_region(world, today):
    sign(world.alpha, today - timedelta(days=200))

    items = reminded(today)[world.regional.email]

    assert items and {i.owner for i in items} == {Owner.ORCID}
    assert {i.checklist.consortium for i in items} == {world.alpha}
    assert world.orcid_admin.email not in reminded(today)


def test_orcid_items_fall_back_to_orcid_admins_where_the_region_has_no_regional_staff(world, today):
    sign(world.beta, today - timedelta(days=200))  # EMEA: nobody regional

    reminders = reminded(today)

    items = reminders[world.orcid_admin.email]
    assert items and {i.owner for i in items} == {Owner.ORCID}
    assert {i.checklist.consortium for i in items} == {world.beta}
    assert world.regional.email not in reminders


def test_member_checklist_items_go_to_the_consortium_team(world, today):
    membership = factories.membership(
        world.alpha, status="onboarding", joined_date=today - timedelta(days=200)
    )

    reminders = reminded(today)

    for name in ("alpha_admin", "alpha_staff"):
        checklists = {i.checklist for i in reminders[getattr(world, name).email]}
        assert [c.membership for c in checklists] == [membership]
        assert {c.kind for c in checklists} == {ChecklistKind.MEMBERSHIP}
    assert world.beta_admin.email not in reminders


def test_inactive_users_and_other_roles_are_not_reminded(world, today):
    sign(world.alpha, today - timedelta(days=200))
    world.alpha_staff.is_active = False
    world.alpha_staff.save(update_fields=["is_active"])
    factories.user("other-regional@orcid.example", Role.ORCID_REGIONAL, region=world.emea)

    reminders = reminded(today)

    assert set(reminders) == {world.alpha_admin.email, world.regional.email}


def test_one_reminder_per_recipient_groups_items_by_checklist(world, today):
    sign(world.alpha, today - timedelta(days=200))
    factories.membership(world.alpha, status="onboarding", joined_date=today - timedelta(days=200))

    (reminder,) = [r for r in plan_reminders(today) if r.recipient == world.alpha_admin]

    assert [g.checklist.kind for g in reminder.groups] == [ChecklistKind.CONSORTIUM, ChecklistKind.MEMBERSHIP]
    for group in reminder.groups:
        assert [i.due_date for i in group.items] == sorted(i.due_date for i in group.items)
