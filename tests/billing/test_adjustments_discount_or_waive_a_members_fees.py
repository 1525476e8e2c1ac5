"""A discount takes its percent off the fees it applies to, as a line with its reason; a waiver
of everything leaves nothing to issue, and the plan shows the member with a zero total."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def test_a_20_percent_discount_on_the_local_fee_leaves_the_member_fee_whole(world):
    schedule = factories.fee_schedule(world.alpha, local_flat_fee="500.00", tax_rate="15")
    services.set_fee_adjustment(
        world.alpha_admin,
        schedule,
        world.alpha_membership,
        kind="discount",
        percent="20",
        applies_to="local_fee",
        reason="Founding member",
    )

    services.issue_run(world.alpha_admin, schedule)

    usd = Invoice.objects.get(membership=world.alpha_membership, currency="USD")
    nzd = Invoice.objects.get(membership=world.alpha_membership, currency="NZD")
    assert usd.total == Decimal("1150.00")  # 1000 + 15 %
    assert [(line.description, line.net) for line in nzd.lines.all()] == [
        ("Consortium fee 2026", Decimal("500.00")),
        ("Discount 20%: Founding member", Decimal("-100.00")),
    ]
    assert [nzd.subtotal, nzd.tax_total, nzd.total] == [Decimal(x) for x in ("400.00", "60.00", "460.00")]


def test_a_waiver_issues_no_invoice_and_the_plan_shows_the_member_at_zero(world):
    schedule = factories.fee_schedule(world.alpha, tax_rate="15")
    services.set_fee_adjustment(
        world.alpha_admin, schedule, world.alpha_membership, kind="waiver", reason="Hardship"
    )

    plan = services.plan_run(schedule)
    run = services.issue_run(world.alpha_admin, schedule)

    waived = [p for p in plan.invoices if p.membership == world.alpha_membership]
    assert {p.currency for p in waived} == {"USD", "NZD"}
    assert all(p.total == 0 and not p.will_issue for p in waived)
    assert any(line.description == "Waiver: Hardship" for p in waived for line in p.lines)
    assert plan.totals == {}
    assert run.invoices_issued == 0
    assert not Invoice.objects.exists()


def test_an_adjustment_needs_a_reason_and_a_percent_in_range(world):
    schedule = factories.fee_schedule(world.alpha)
    with pytest.raises(ValidationError):
        services.set_fee_adjustment(
            world.alpha_admin, schedule, world.alpha_membership, kind="discount", percent="10", reason=""
        )
    for percent in ("120", "0", "-5", "abc"):
        with pytest.raises(ValidationError):
            services.set_fee_adjustment(
                world.alpha_admin,
                schedule,
                world.alpha_membership,
                kind="discount",
                percent=percent,
                reason="Y",
            )
    assert not schedule.adjustments.exists()


def test_an_adjustment_is_for_a_member_of_the_schedules_consortium(world):
    schedule = factories.fee_schedule(world.alpha)
    with pytest.raises(ValidationError):
        services.set_fee_adjustment(
            world.orcid_admin, schedule, world.beta_membership, kind="waiver", reason="Wrong consortium"
        )
