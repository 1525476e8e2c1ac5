"""Monthly proration bills the months left in the year counting the month joined: January 12,
June 7, December 1; a member who joined a previous year, or has no joining date, pays 12; with
proration "none" everyone pays the whole year. The remittance to ORCID is prorated the same way."""

from datetime import date
from decimal import Decimal

import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.billing.statements import remittance_statement
from tests import factories


@pytest.mark.parametrize(
    ("joined", "months", "member_fee", "local_fee"),
    [
        (date(2026, 1, 31), 12, "1200.00", "600.00"),
        (date(2026, 6, 1), 7, "700.00", "350.00"),
        (date(2026, 12, 31), 1, "100.00", "50.00"),
        (date(2024, 9, 1), 12, "1200.00", "600.00"),
        (None, 12, "1200.00", "600.00"),
    ],
)
def test_monthly_proration_bills_the_months_left_in_the_year(world, joined, months, member_fee, local_fee):
    membership = factories.membership(world.alpha, joined_date=joined)
    schedule = factories.fee_schedule(
        world.alpha, member_fee="1200.00", local_flat_fee="600.00", proration="monthly"
    )

    assert services.months_billed(schedule, membership) == months
    services.issue_run(world.orcid_admin, schedule)

    totals = dict(Invoice.objects.filter(membership=membership).values_list("currency", "total"))
    assert totals == {"USD": Decimal(member_fee), "NZD": Decimal(local_fee)}
    if months < 12:
        line = Invoice.objects.get(membership=membership, currency="USD").lines.get()
        assert line.description.endswith(f"2026, {months} of 12 months")


def test_without_proration_a_member_joining_in_december_pays_the_whole_year(world):
    membership = factories.membership(world.alpha, joined_date=date(2026, 12, 1))
    schedule = factories.fee_schedule(world.alpha, member_fee="1200.00", proration="none")

    assert services.months_billed(schedule, membership) == 12
    services.issue_run(world.orcid_admin, schedule)

    assert Invoice.objects.get(membership=membership, currency="USD").total == Decimal("1200.00")


def test_a_member_joining_after_the_year_is_not_billed_for_it(world):
    later = factories.membership(world.alpha, joined_date=date(2027, 1, 1))
    schedule = factories.fee_schedule(world.alpha)

    services.issue_run(world.orcid_admin, schedule)

    assert not Invoice.objects.filter(membership=later).exists()


def test_a_prorated_fee_is_rounded_half_up_to_the_cent(world):
    factories.membership(world.alpha, joined_date=date(2026, 6, 10))  # 7 of 12 months
    schedule = factories.fee_schedule(world.alpha, member_fee="1000.00", local_flat_fee="0")

    plan = services.plan_run(schedule)

    assert sorted(invoice.total for invoice in plan.to_issue) == [Decimal("583.33"), Decimal("1000.00")]


def test_the_remittance_to_orcid_is_prorated_like_the_member_fee(world):
    factories.membership(world.alpha, joined_date=date(2026, 6, 1))
    schedule = factories.fee_schedule(world.alpha, member_fee="1200.00")

    statement = remittance_statement(schedule)

    assert sorted(line.amount for line in statement.lines) == [Decimal("700.00"), Decimal("1200.00")]
