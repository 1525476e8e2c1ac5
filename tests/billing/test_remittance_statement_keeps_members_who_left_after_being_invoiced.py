"""A member invoiced for the year still counts on the lead's statement to ORCID after leaving:
the statement does not shrink after the fact."""

from decimal import Decimal

from consortia.billing import services
from consortia.billing.statements import remittance_statement
from consortia.directory.models import Membership
from tests import factories


def test_a_member_who_leaves_after_being_invoiced_stays_on_the_statement(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    before = remittance_statement(schedule).total

    Membership.objects.filter(pk=world.alpha_membership.pk).update(status=Membership.Status.LEFT)

    assert remittance_statement(schedule).total == before == Decimal("1000.00")


def test_a_member_who_left_before_being_invoiced_is_not_on_it(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    Membership.objects.filter(pk=world.alpha_membership.pk).update(status=Membership.Status.LEFT)

    assert remittance_statement(schedule).total == Decimal("0")
