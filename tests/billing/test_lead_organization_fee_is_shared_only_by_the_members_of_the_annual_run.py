"""The lead-organization fee is shared among the members billed by the year's annual run; a member
billed later by a supplementary run pays no share (its local fee is prorated as usual), so the fee
is billed once: 1000.00 over three members, then a fourth joins, is still 1000.00 in all. The
preview page says so (the API preview: tests/api/test_billing_run_preview_notes_that_late_joiners_...)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from consortia.billing import services
from consortia.billing.models import InvoiceLine
from tests import factories

SHARE = "lead-organization fee"


def _shares_billed(schedule) -> Decimal:
    lines = InvoiceLine.objects.filter(invoice__schedule=schedule, description__contains=SHARE)
    return sum((line.net for line in lines), Decimal(0))


@pytest.fixture
def schedule(world):
    factories.membership(world.alpha)
    factories.membership(world.alpha)
    schedule = factories.fee_schedule(
        world.alpha,
        local_currency="USD",
        local_model="combined",
        lead_organization_fee="1000.00",
        local_flat_fee="0",
    )
    bands = [(tier, "100.00") for tier in ("small", "standard", "large")]
    services.save_fee_schedule(world.orcid_admin, world.alpha, 2026, local_bands=bands)
    services.issue_run(world.orcid_admin, schedule)
    return schedule


@pytest.fixture
def late_joiner(world):
    return factories.membership(world.alpha, joined_date=date(2026, 7, 1))


def test_the_annual_run_shares_the_fee_exactly(schedule):
    assert _shares_billed(schedule) == Decimal("1000.00")


def test_a_member_billed_by_a_supplementary_run_pays_no_share(world, schedule, late_joiner):
    plan = services.plan_run(schedule)

    (new,) = plan.to_issue
    assert new.membership == late_joiner
    assert [line.description for line in new.lines if SHARE in line.description] == []
    # Its local fee is prorated as usual: 6 of 12 months of 100.00.
    assert [line.net for line in new.lines if "Consortium fee" in line.description] == [Decimal("50.00")]
    assert plan.notes and "annual run" in plan.notes[0] and "no share" in plan.notes[0]

    services.issue_run(world.orcid_admin, schedule)

    assert _shares_billed(schedule) == Decimal("1000.00")


def test_without_a_late_joiner_the_plan_has_no_note(schedule):
    assert services.plan_run(schedule).notes == []


def test_the_preview_page_says_a_late_joiner_pays_no_share(client_for, schedule, late_joiner):
    response = client_for("alpha_admin").get(
        reverse("billing:run_preview", kwargs={"slug": "alpha", "year": 2026})
    )

    assert response.status_code == 200
    assert "members billed later by a supplementary run pay no share" in response.content.decode()
