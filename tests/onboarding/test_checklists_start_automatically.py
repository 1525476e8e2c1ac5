"""A new consortium gets the default onboarding checklist; a new member still being onboarded
gets the member checklist, and one added as an existing (active) member does not."""

from datetime import date

import pytest

from consortia.directory import consortium_services
from consortia.directory import services as directory
from consortia.onboarding.models import Checklist, ChecklistKind, ChecklistTemplate
from tests import factories


def test_a_new_consortium_gets_the_default_onboarding_checklist_with_every_template_item(world):
    template = ChecklistTemplate.objects.get(kind=ChecklistKind.CONSORTIUM, is_default=True)
    lead = factories.organization("Gamma Lead Organization", "AU")

    gamma = consortium_services.create_consortium(
        world.orcid_admin,
        slug="gamma",
        name="Gamma Consortium",
        region=world.apac,
        lead_organization=lead,
        country="AU",
        currency="AUD",
        agreement_date=date(2025, 3, 31),
    )

    checklist = Checklist.objects.get(consortium=gamma, kind=ChecklistKind.CONSORTIUM)
    assert checklist.template == template
    assert checklist.membership is None
    assert list(checklist.items.values_list("title", flat=True)) == list(
        template.items.values_list("title", flat=True)
    )
    assert None not in set(checklist.items.values_list("due_date", flat=True))


@pytest.mark.parametrize("status", ["enquiry", "applying", "onboarding"])
def test_a_new_membership_being_onboarded_gets_the_member_checklist(world, status):
    organization = factories.organization("Alpha Newcomer", "NZ")

    membership = directory.add_membership(world.alpha_admin, world.alpha, organization, status=status)

    checklist = Checklist.objects.get(membership=membership)
    assert (checklist.kind, checklist.consortium) == (ChecklistKind.MEMBERSHIP, world.alpha)
    assert checklist.items.count() == checklist.template.items.count() > 0


def test_a_membership_added_as_active_gets_no_checklist(world):
    membership = factories.membership(world.alpha, status="active", joined_date=date(2020, 1, 1))

    assert not Checklist.objects.filter(membership=membership).exists()


def test_a_checklist_is_not_started_twice_when_the_membership_changes(world):
    membership = directory.add_membership(
        world.alpha_admin, world.alpha, factories.organization("Alpha Newcomer", "NZ"), status="applying"
    )

    directory.update_membership(
        world.alpha_admin, membership, status="onboarding", joined_date=date(2025, 1, 6)
    )

    assert Checklist.objects.filter(membership=membership).count() == 1
