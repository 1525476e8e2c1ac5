"""On the schedule pages a billing manager sets up a tiered fee on the consortium's own bands, puts
members in them, and the run preview charges each member its band's fee; a member in no band is
flagged. Consortium staff and regional staff see the bands but get 403 on the assignment; beta's
outsiders get 404."""

import pytest

from consortia.billing import services
from consortia.billing.models import FeeSchedule, MemberBand
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA

FORM = {
    "year": "2026",
    "orcid_currency": "USD",
    "consortium_lead_fee": "2000.00",
    "invoice_member_fee": "on",
    "local_currency": "NZD",
    "local_model": "tiered",
    "proration": "none",
    "payment_terms_days": "30",
    "tax_rate": "0",
    "rate_basic_any": "1000.00",
    "band_basis": "own",
    "own_band_name_1": "Band A (research-intensive)",
    "own_band_amount_1": "1500.00",
    "own_band_name_2": "Band B",
    "own_band_amount_2": "700.00",
}


def _own_schedule(client_for, world):
    response = client_for("alpha_admin").post("/consortia/alpha/billing/schedules/new/", FORM)
    assert response.status_code == 302, response.content.decode()
    return FeeSchedule.objects.get(consortium=world.alpha, year=2026)


def test_the_admin_creates_own_bands_puts_a_member_in_one_and_the_preview_charges_it(client_for, world):
    schedule = _own_schedule(client_for, world)
    assert schedule.band_basis == FeeSchedule.BandBasis.OWN
    assert sorted((b.name, str(b.amount), b.tier) for b in schedule.local_bands.all()) == [
        ("Band A (research-intensive)", "1500.000", ""),
        ("Band B", "700.000", ""),
    ]
    client = client_for("alpha_admin")

    before = client.get("/consortia/alpha/billing/2026/").content.decode()
    assert "No band</span>: the run will stop" in before
    response = client.post(
        "/consortia/alpha/billing/2026/member-bands/",
        {"membership": world.alpha_membership.pk, "band": "Band B"},
        follow=True,
    )

    page = response.content.decode()
    assert "Alpha University is in the band Band B for 2026." in page
    assert "the run will stop" not in page
    assert MemberBand.objects.get(schedule=schedule).band == "Band B"
    preview = client.get("/consortia/alpha/billing/2026/run/").content.decode()
    assert "Consortium fee, band Band B, 2026" in preview


def test_the_edit_form_shows_the_own_bands_and_keeps_them(client_for, world):
    _own_schedule(client_for, world)
    client = client_for("alpha_admin")

    form = client.get("/consortia/alpha/billing/2026/edit/").content.decode()
    assert 'value="Band A (research-intensive)"' in form
    assert 'aria-label="Band 2 name"' in form and 'aria-label="Band 8 fee"' in form
    response = client.post(
        "/consortia/alpha/billing/2026/edit/", {**FORM, "own_band_amount_2": "750.00", "band_small": "1.00"}
    )

    assert response.status_code == 302
    schedule = FeeSchedule.objects.get()
    assert {b.name: str(b.amount) for b in schedule.local_bands.all()} == {
        "Band A (research-intensive)": "1500.000",
        "Band B": "750.000",
    }


def test_a_schedule_with_more_than_eight_bands_shows_all_of_them_and_two_empty_rows(client_for, world):
    bands = [(f"Band {n}", "10.00") for n in range(1, 11)]
    services.save_fee_schedule(
        world.alpha_admin, world.alpha, 2026, local_model="tiered", band_basis="own", local_bands=bands
    )

    form = client_for("alpha_admin").get("/consortia/alpha/billing/2026/edit/").content.decode()

    assert 'value="Band 10"' in form
    assert 'name="own_band_name_12"' in form and 'name="own_band_name_13"' not in form


def test_a_half_filled_band_row_and_a_band_given_twice_are_shown_on_the_form(client_for, world):
    client = client_for("alpha_admin")

    no_name = client.post("/consortia/alpha/billing/schedules/new/", {**FORM, "own_band_amount_3": "5.00"})
    twice = client.post(
        "/consortia/alpha/billing/schedules/new/",
        {**FORM, "own_band_name_3": "band b", "own_band_amount_3": "5.00"},
    )

    assert "Give the band a name" in no_name.content.decode()
    assert "given twice" in twice.content.decode()
    assert not FeeSchedule.objects.exists()


def test_an_unknown_band_is_refused_on_the_schedule_page(client_for, world):
    _own_schedule(client_for, world)

    response = client_for("alpha_admin").post(
        "/consortia/alpha/billing/2026/member-bands/",
        {"membership": world.alpha_membership.pk, "band": "Band Z"},
    )

    assert response.status_code == 200
    assert "is not one of the 2026 bands" in response.content.decode()
    assert not MemberBand.objects.exists()


def test_putting_a_member_in_a_band_of_a_schedule_on_tiers_shows_why_it_is_refused(client_for, world):
    factories.fee_schedule(world.alpha, 2026, local_model="tiered", local_bands=[("standard", "1.00")])

    response = client_for("alpha_admin").post(
        "/consortia/alpha/billing/2026/member-bands/",
        {"membership": world.alpha_membership.pk, "band": "Band B"},
    )

    assert response.status_code == 200
    assert "organization tiers, not its own bands" in response.content.decode()
    assert not MemberBand.objects.exists()


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_see_the_members_bands_but_get_403_on_assigning(client_for, world, name):
    _own_schedule(client_for, world)
    client = client_for(name)

    page = client.get("/consortia/alpha/billing/2026/").content.decode()
    response = client.post(
        "/consortia/alpha/billing/2026/member-bands/",
        {"membership": world.alpha_membership.pk, "band": "Band B"},
    )

    assert "Members' bands" in page
    assert "Put a member in a band" not in page
    assert response.status_code == 403
    assert not MemberBand.objects.exists()


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_on_its_member_bands(client_for, world, name):
    services.save_fee_schedule(
        world.beta_admin,
        world.beta,
        2026,
        local_model="tiered",
        band_basis="own",
        local_bands=[("Band B", "700.00")],
    )

    response = client_for(name).post(
        "/consortia/beta/billing/2026/member-bands/",
        {"membership": world.beta_membership.pk, "band": "Band B"},
    )

    assert response.status_code == 404
    assert not MemberBand.objects.exists()
