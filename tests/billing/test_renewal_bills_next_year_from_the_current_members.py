"""A renewal: next year's schedule is copied from this year's (same fees, rates and bands, no
discounts or waivers), and its run bills the current members only; lapsed and left members are
excluded. (A member ending mid-year is credited by the schedule's ending rule: see
test_members_ending_mid_year_are_credited_by_the_schedules_rule.)"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.billing import services
from consortia.billing.models import FeeSchedule, Invoice
from consortia.directory.models import Membership
from tests import factories


@pytest.fixture
def this_year(world):
    schedule = factories.fee_schedule(
        world.alpha, local_model="combined", lead_organization_fee="100.00", tax_rate="15", tax_label="GST"
    )
    services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, local_bands=[("standard", "400.00")])
    services.set_fee_adjustment(
        world.alpha_admin, schedule, world.alpha_membership, kind="waiver", reason="First year free"
    )
    return schedule


def test_next_years_schedule_copies_the_fees_but_not_the_adjustments(world, this_year):
    renewed = services.copy_fee_schedule(world.alpha_admin, this_year, 2027)

    assert renewed.year == 2027
    for name in services.SCHEDULE_FIELDS:
        assert getattr(renewed, name) == getattr(this_year, name), name
    rates = lambda s: sorted(s.member_rates.values_list("member_type", "tier", "amount"))  # noqa: E731
    bands = lambda s: sorted(s.local_bands.values_list("tier", "amount"))  # noqa: E731
    assert rates(renewed) == rates(this_year)
    assert bands(renewed) == bands(this_year) == [("standard", Decimal("400.00"))]
    assert not renewed.adjustments.exists()


def test_a_year_is_copied_once_and_only_by_a_billing_manager(world, this_year):
    services.copy_fee_schedule(world.alpha_admin, this_year, 2027)
    with pytest.raises(ValidationError):
        services.copy_fee_schedule(world.alpha_admin, this_year, 2027)
    with pytest.raises(PermissionDenied):
        services.copy_fee_schedule(world.alpha_staff, this_year, 2028)
    assert not FeeSchedule.objects.filter(year=2028).exists()


def test_the_renewal_run_bills_current_members_only(world, this_year):
    services.issue_run(world.alpha_admin, this_year)
    lapsed = factories.membership(world.alpha, joined_date=date(2020, 1, 1))
    left = factories.membership(world.alpha, joined_date=date(2020, 1, 1))
    new = factories.membership(world.alpha, joined_date=date(2026, 11, 1))
    onboarding = factories.membership(world.alpha, status=Membership.Status.ONBOARDING)
    Membership.objects.filter(pk=lapsed.pk).update(status=Membership.Status.LAPSED)
    Membership.objects.filter(pk=left.pk).update(status=Membership.Status.LEFT)
    renewed = services.copy_fee_schedule(world.alpha_admin, this_year, 2027)

    run = services.issue_run(world.alpha_admin, renewed)

    billed = set(Invoice.objects.filter(schedule=renewed).values_list("membership", flat=True))
    assert billed == {world.alpha_membership.pk, new.pk, onboarding.pk}
    assert run.invoices_issued == 6  # USD and NZD for each
    # No waiver in 2027, no proration for a member who joined in 2026: the whole year, plus GST.
    usd = Invoice.objects.get(schedule=renewed, membership=new, currency="USD")
    assert usd.total == Decimal("1150.00")
    # The lead-organization fee is shared by 2027's three members; numbering restarts for 2027.
    assert sorted(Invoice.objects.filter(schedule=renewed).values_list("number", flat=True)) == list(
        range(1, 7)
    )
