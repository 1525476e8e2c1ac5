"""ORCID's items are ORCID's to complete and reopen; the consortium's items are its team's."""

import pytest
from django.core.exceptions import PermissionDenied

from consortia.accounts.models import Role
from consortia.onboarding import services
from consortia.onboarding.models import ChecklistKind, Owner
from tests import factories


def _item(consortium, owner):
    checklist = consortium.checklists.get(kind=ChecklistKind.CONSORTIUM)
    return checklist.items.filter(owner=owner).order_by("position").first()


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_orcid_items_cannot_be_completed_by_consortium_admin_or_staff(world, name):
    item = _item(world.alpha, Owner.ORCID)

    with pytest.raises(PermissionDenied):
        services.complete_item(getattr(world, name), item, note="We answered ourselves.")

    item.refresh_from_db()
    assert not item.is_complete
    assert not item.events.exists()


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_orcid_items_cannot_be_reopened_by_consortium_admin_or_staff(world, name):
    item = services.complete_item(world.regional, _item(world.alpha, Owner.ORCID), note="Call held.")

    with pytest.raises(PermissionDenied):
        services.reopen_item(getattr(world, name), item, reason="Not convinced.")

    item.refresh_from_db()
    assert item.is_complete


@pytest.mark.parametrize("name", ["regional", "orcid_admin"])
def test_orcid_items_are_completed_by_regional_staff_of_the_region_and_orcid_admins(world, name):
    actor = getattr(world, name)

    item = services.complete_item(actor, _item(world.alpha, Owner.ORCID), note="Answered on a call.")

    assert item.is_complete
    assert item.completed_by == actor
    services.reopen_item(actor, item, reason="The answers were incomplete.")


def test_regional_staff_of_another_region_cannot_complete_orcid_items(world):
    # ``regional`` is APAC staff; beta is in EMEA.
    item = _item(world.beta, Owner.ORCID)

    with pytest.raises(PermissionDenied):
        services.complete_item(world.regional, item, note="Answered.")


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff", "orcid_admin"])
def test_consortium_items_are_completed_by_its_team_and_orcid_admins(world, name):
    item = services.complete_item(getattr(world, name), _item(world.alpha, Owner.CONSORTIUM), note="Done.")

    assert item.is_complete


@pytest.mark.parametrize("name", ["alpha_member", "beta_admin", "beta_staff", "regional"])
def test_consortium_items_cannot_be_completed_by_member_contacts_or_other_tenants(world, name):
    item = _item(world.alpha, Owner.CONSORTIUM)

    with pytest.raises(PermissionDenied):
        services.complete_item(getattr(world, name), item, note="Done.")


def test_member_checklist_items_cannot_be_completed_by_the_members_own_contact(world):
    membership = factories.membership(world.alpha, status="onboarding")
    contact = factories.user(
        "contact@newcomer.example", Role.MEMBER_CONTACT, organization=membership.organization
    )
    item = membership.checklists.get().items.order_by("position").first()

    with pytest.raises(PermissionDenied):
        services.complete_item(contact, item, note="We signed.")

    assert services.complete_item(world.alpha_staff, item, note="Signed on 3 May.").is_complete
