"""Whoever is reminded, every item they are sent belongs to a consortium in their role's scope
and is one they may complete."""

from datetime import timedelta

from django.utils import timezone

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.onboarding.reminders import plan_reminders
from tests import factories


def test_every_reminded_item_is_in_the_recipient_scope(world):
    today = timezone.localdate()
    for consortium in (world.alpha, world.beta):
        consortium.agreement_date = today - timedelta(days=200)
        consortium.save()
        factories.membership(consortium, status="onboarding", joined_date=today - timedelta(days=100))
    factories.user(
        "gamma-regional@orcid.example", Role.ORCID_REGIONAL, region=factories.region("LatAm", "latam")
    )

    reminders = plan_reminders(today)

    assert {r.recipient.email for r in reminders} == {
        world.alpha_admin.email,
        world.alpha_staff.email,
        world.beta_admin.email,
        world.beta_staff.email,
        world.regional.email,
        world.orcid_admin.email,
    }
    for reminder in reminders:
        user = reminder.recipient
        visible = set(policy.consortia_for(user))
        for group in reminder.groups:
            assert group.consortium in visible
            for item in group.items:
                assert policy.can_complete_checklist_item(user, item.owner, group.consortium)
