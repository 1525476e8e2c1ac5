"""Each local cost-recovery model bills what it says beside ORCID's member fee: a flat fee, a fee
by organization tier (a tier without a band is a problem that stops the run), an annual
lead-organization fee shared equally (shares add up to the fee exactly), nothing when externally
funded, or a tier fee plus a share. Two currencies make two invoices; one currency, one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import BillingRun, Invoice
from consortia.directory.models import Organization
from tests import factories

SMALL, STANDARD, LARGE = Organization.Tier.SMALL, Organization.Tier.STANDARD, Organization.Tier.LARGE


def member(world, tier=STANDARD, name=None):
    return factories.membership(world.alpha, factories.organization(name, "NZ", tier=tier))


def local_totals(schedule) -> dict[str, Decimal]:
    return dict(
        Invoice.objects.filter(schedule=schedule, currency=schedule.local_currency).values_list(
            "membership__organization__name", "total"
        )
    )


def test_a_flat_fee_is_one_local_line_per_member(world):
    schedule = factories.fee_schedule(world.alpha, local_model="flat", local_flat_fee="500.00")

    services.issue_run(world.orcid_admin, schedule)

    line = Invoice.objects.get(membership=world.alpha_membership, currency="NZD").lines.get()
    assert (line.description, line.net) == ("Consortium fee 2026", Decimal("500.00"))


def test_a_tiered_fee_charges_each_member_its_tiers_band(world):
    small, large = member(world, SMALL, "Small Institute"), member(world, LARGE, "Large University")
    schedule = factories.fee_schedule(world.alpha, local_model="tiered", local_flat_fee="0")
    services.save_fee_schedule(
        world.alpha_admin,
        world.alpha,
        2026,
        local_bands=[(SMALL, "200.00"), (STANDARD, "500.00"), (LARGE, "900.00")],
    )

    services.issue_run(world.alpha_admin, schedule)

    assert local_totals(schedule) == {
        small.organization.name: Decimal("200.00"),
        world.alpha_membership.organization.name: Decimal("500.00"),
        large.organization.name: Decimal("900.00"),
    }


def test_a_tier_without_a_band_is_listed_and_the_run_is_refused_naming_it(world):
    member(world, LARGE, "Big Unbanded University")
    schedule = factories.fee_schedule(world.alpha, local_model="tiered")
    services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, local_bands=[(STANDARD, "500.00")])

    plan = services.plan_run(schedule)
    assert plan.problems == [
        "No local fee for Big Unbanded University (no band for the tier Large (over 1B USD))"
    ]
    with pytest.raises(ValidationError, match="Big Unbanded University"):
        services.issue_run(world.alpha_admin, schedule)

    assert not Invoice.objects.exists()
    assert not BillingRun.objects.exists()


def test_a_lead_organization_fee_of_1000_is_shared_333_34_333_33_333_33(world):
    member(world, name="B Member")
    member(world, name="C Member")
    schedule = factories.fee_schedule(
        world.alpha, local_model="lead_fee", lead_organization_fee="1000.00", local_flat_fee="0"
    )

    services.issue_run(world.orcid_admin, schedule)

    shares = sorted(local_totals(schedule).values(), reverse=True)
    assert shares == [Decimal("333.34"), Decimal("333.33"), Decimal("333.33")]
    assert sum(shares) == Decimal("1000.00")
    line = Invoice.objects.get(membership=world.alpha_membership, currency="NZD").lines.get()
    assert line.description == "Share of the 2026 lead-organization fee (1 of 3 members)"


def test_an_externally_funded_consortium_sends_no_local_invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_model="funded", local_flat_fee="500.00")

    services.issue_run(world.orcid_admin, schedule)

    assert list(Invoice.objects.values_list("currency", "total")) == [("USD", Decimal("1000.00"))]


def test_a_combined_model_charges_the_tier_fee_and_a_share_on_one_invoice(world):
    member(world, SMALL, "Small Institute")
    schedule = factories.fee_schedule(
        world.alpha, local_model="combined", lead_organization_fee="300.00", local_flat_fee="0"
    )
    services.save_fee_schedule(
        world.alpha_admin, world.alpha, 2026, local_bands=[(SMALL, "100.00"), (STANDARD, "400.00")]
    )

    services.issue_run(world.alpha_admin, schedule)

    invoice = Invoice.objects.get(membership=world.alpha_membership, currency="NZD")
    assert [line.net for line in invoice.lines.all()] == [Decimal("400.00"), Decimal("150.00")]
    assert local_totals(schedule)["Small Institute"] == Decimal("250.00")


def test_two_currencies_make_two_invoices_and_one_currency_one(world):
    two = factories.fee_schedule(world.alpha, local_currency="NZD")
    one = factories.fee_schedule(world.beta, local_currency="USD")

    services.issue_run(world.orcid_admin, two)
    services.issue_run(world.orcid_admin, one)

    assert sorted(Invoice.objects.filter(schedule=two).values_list("currency", "total")) == [
        ("NZD", Decimal("500.00")),
        ("USD", Decimal("1000.00")),
    ]
    (invoice,) = Invoice.objects.filter(schedule=one)
    assert (invoice.currency, invoice.total, invoice.lines.count()) == ("USD", Decimal("1500.00"), 2)


def test_a_lead_that_does_not_invoice_the_member_fee_sends_only_local_fees(world):
    schedule = factories.fee_schedule(world.alpha, invoice_member_fee=False, local_currency="USD")

    services.issue_run(world.orcid_admin, schedule)

    (invoice,) = Invoice.objects.filter(schedule=schedule)
    assert [line.description for line in invoice.lines.all()] == ["Consortium fee 2026"]
    assert invoice.total == Decimal("500.00")
