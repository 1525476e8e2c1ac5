"""A tiered fee can use bands the consortium defines itself (e.g. by research income) instead of
organization tiers: each member is put in a band for the year, the run charges the band's fee, a
member in no band is a problem that stops the run, a band members are in cannot be removed, and
the renewal keeps the members in their bands."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.billing import services
from consortia.billing.models import FeeSchedule, Invoice, MemberBand
from tests import factories

OWN = FeeSchedule.BandBasis.OWN


@pytest.fixture
def schedule(world):
    factories.fee_schedule(world.alpha, local_model="combined", lead_organization_fee="0", local_flat_fee="0")
    return services.save_fee_schedule(
        world.alpha_admin,
        world.alpha,
        2026,
        band_basis=OWN,
        local_bands=[("Band A (research-intensive)", "1500.00"), ("Band B", "700.00")],
    )


def test_each_member_pays_the_fee_of_the_band_it_is_in(world, schedule):
    other = factories.membership(world.alpha, factories.organization("Polytechnic", "NZ"))
    services.set_member_band(
        world.alpha_admin, schedule, world.alpha_membership, "band a (research-intensive)"
    )
    services.set_member_band(world.alpha_admin, schedule, other, "Band B")

    services.issue_run(world.alpha_admin, schedule)

    lines = dict(
        Invoice.objects.filter(currency="NZD").values_list(
            "membership__organization__name", "lines__description"
        )
    )
    totals = dict(
        Invoice.objects.filter(currency="NZD").values_list("membership__organization__name", "total")
    )
    assert (
        lines[world.alpha_membership.organization.name]
        == "Consortium fee, band Band A (research-intensive), 2026"
    )
    assert totals == {
        world.alpha_membership.organization.name: Decimal("1500.00"),
        "Polytechnic": Decimal("700.00"),
    }


def test_a_member_in_no_band_is_listed_and_stops_the_run(world, schedule):
    plan = services.plan_run(schedule)

    assert plan.problems == [f"No local fee for {world.alpha_membership.organization.name} (not in a band)"]
    with pytest.raises(ValidationError):
        services.issue_run(world.alpha_admin, schedule)
    assert not Invoice.objects.exists()


def test_an_unknown_band_and_a_schedule_on_tiers_are_refused(world, schedule):
    with pytest.raises(ValidationError, match="not one of the 2026 bands"):
        services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band Z")
    on_tiers = factories.fee_schedule(world.alpha, year=2027, local_model="tiered")
    with pytest.raises(ValidationError, match="organization tiers"):
        services.set_member_band(world.alpha_admin, on_tiers, world.alpha_membership, "Band B")
    assert not MemberBand.objects.exists()


def test_a_band_with_members_cannot_be_removed_or_renamed(world, schedule):
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band B")

    with pytest.raises(ValidationError, match="1 member in “Band B”"):
        services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, local_bands=[("Band C", "700.00")])
    assert sorted(schedule.local_bands.values_list("name", flat=True)) == [
        "Band A (research-intensive)",
        "Band B",
    ]


def test_band_names_are_unique_ignoring_case_and_never_empty(world, schedule):
    for bands, message in (
        ([("Band A", "1.00"), ("band a", "2.00")], "given twice"),
        ([("  ", "1.00")], "has a name"),
        ([("x" * 61, "1.00")], "at most 60"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, local_bands=bands)


def test_changing_the_band_basis_needs_the_bands_sent_again(world, schedule):
    with pytest.raises(ValidationError, match="needs local_bands sent again"):
        services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, band_basis="tier")
    with pytest.raises(ValidationError, match="is not an organization tier"):
        services.save_fee_schedule(
            world.alpha_admin, world.alpha, 2026, band_basis="tier", local_bands=[("Band B", "1.00")]
        )
    schedule.refresh_from_db()
    assert schedule.band_basis == OWN


def test_only_the_billing_managers_put_members_in_bands(world, schedule):
    for name in ("alpha_staff", "alpha_member", "beta_admin"):
        with pytest.raises(PermissionDenied):
            services.set_member_band(getattr(world, name), schedule, world.alpha_membership, "Band B")
    beta_member = factories.membership(world.beta)
    with pytest.raises(ValidationError, match="not of this consortium"):
        services.set_member_band(world.alpha_admin, schedule, beta_member, "Band B")


def test_the_renewal_keeps_members_in_their_bands_and_an_empty_band_takes_a_member_out(world, schedule):
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band B")

    renewed = services.copy_fee_schedule(world.alpha_admin, schedule, 2027)
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "")

    assert list(renewed.member_bands.values_list("membership", "band")) == [
        (world.alpha_membership.pk, "Band B")
    ]
    assert renewed.band_basis == OWN
    assert not schedule.member_bands.exists()


def test_leaving_own_bands_forgets_who_was_in_which_band(world, schedule):
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band B")

    services.save_fee_schedule(world.alpha_admin, world.alpha, 2026, band_basis="tier", local_bands=[])
    services.save_fee_schedule(
        world.alpha_admin, world.alpha, 2026, band_basis=OWN, local_bands=[("Band C", "1.00")]
    )

    assert not schedule.member_bands.exists()
