"""Through the API a schedule's tiered fee can use the consortium's own named bands
(``band_basis: own``), and ``PUT /fee-schedules/{id}/member-bands/{membership}`` puts a member in one
for the year. A band without its tier or name, an unknown band and a schedule on tiers are 400s
naming the field; read-only roles get 403; another tenant's schedule or membership is a 404."""

import json

import pytest

from consortia.billing import services
from consortia.billing.models import MemberBand
from tests import factories
from tests.api.conftest import API
from tests.conftest import OUTSIDERS_OF_BETA

OWN_SCHEDULE = {
    "consortium": "alpha",
    "year": 2026,
    "local_model": "tiered",
    "band_basis": "own",
    "member_rates": [{"member_type": "basic", "amount": "1000.00"}],
    "local_bands": [
        {"name": "Band A (research-intensive)", "amount": "1500.00"},
        {"name": "Band B", "amount": "700"},
    ],
}


def put(client, path, body):
    """The API test client has no PUT; the same bearer token and JSON body."""
    return client.client.put(API + path, json.dumps(body), content_type="application/json", **client.headers)


def _member_band_path(schedule_id, membership_id):
    return f"/fee-schedules/{schedule_id}/member-bands/{membership_id}"


@pytest.fixture
def own_schedule(world):
    return services.save_fee_schedule(
        world.alpha_admin,
        world.alpha,
        2026,
        local_model="tiered",
        band_basis="own",
        local_bands=[("Band A", "1500.00"), ("Band B", "700.00")],
    )


def test_a_schedule_on_own_bands_is_created_and_a_member_put_in_a_band(api_for, world):
    client = api_for("alpha_admin")

    created = client.post("/fee-schedules", OWN_SCHEDULE)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["band_basis"] == "own"
    assert body["local_bands"] == [
        {"tier": "", "name": "Band B", "amount": "700.00"},
        {"tier": "", "name": "Band A (research-intensive)", "amount": "1500.00"},
    ]
    assert body["member_bands"] == []

    response = put(client, _member_band_path(body["id"], world.alpha_membership.pk), {"band": "band b"})

    assert response.status_code == 200, response.content
    assert response.json() == {
        "membership": world.alpha_membership.pk,
        "organization": "Alpha University",
        "band": "Band B",
    }
    detail = client.get(f"/fee-schedules/{body['id']}").json()
    assert detail["member_bands"] == [
        {"membership": world.alpha_membership.pk, "organization": "Alpha University", "band": "Band B"}
    ]
    preview = client.post("/billing-runs/preview", {"consortium": "alpha", "year": 2026}).json()
    descriptions = [line["description"] for invoice in preview["invoices"] for line in invoice["lines"]]
    assert "Consortium fee, band Band B, 2026" in descriptions


def test_an_empty_band_takes_the_member_out(api_for, world, own_schedule):
    client = api_for("alpha_admin")
    path = _member_band_path(own_schedule.pk, world.alpha_membership.pk)
    put(client, path, {"band": "Band A"})

    response = put(client, path, {"band": ""})

    assert response.status_code == 200
    assert response.json()["band"] == ""
    assert not MemberBand.objects.exists()


def test_patch_switches_a_schedule_to_own_bands_with_the_bands_sent_again(api_for, world):
    schedule = factories.fee_schedule(world.alpha, local_model="tiered", local_bands=[("small", "10.00")])
    client = api_for("alpha_admin")

    without_bands = client.patch(f"/fee-schedules/{schedule.pk}", {"band_basis": "own"})
    switched = client.patch(
        f"/fee-schedules/{schedule.pk}",
        {"band_basis": "own", "local_bands": [{"name": "Band C", "amount": "20.00"}]},
    )

    assert without_bands.status_code == 400 and "band_basis" in without_bands.json()["fields"]
    assert switched.status_code == 200, switched.content
    assert switched.json()["local_bands"] == [{"tier": "", "name": "Band C", "amount": "20.00"}]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"band_basis": "own", "local_bands": [{"name": " ", "amount": "1.00"}]}, "local_bands"),
        ({"band_basis": "own", "local_bands": [{"tier": "small", "amount": "1.00"}]}, "local_bands"),
        ({"band_basis": "tier", "local_bands": [{"name": "Band A", "amount": "1.00"}]}, "local_bands"),
        ({"band_basis": "tier", "local_bands": [{"tier": "", "amount": "1.00"}]}, "local_bands"),
        (
            {"local_bands": [{"name": "Band A", "amount": "1.00"}, {"name": "BAND A", "amount": "2.00"}]},
            "local_bands",
        ),
        ({"band_basis": "bespoke"}, "band_basis"),
    ],
)
def test_bands_that_do_not_fit_the_basis_are_a_400_naming_the_field(
    api_for, world, own_schedule, body, field
):
    response = api_for("alpha_admin").patch(f"/fee-schedules/{own_schedule.pk}", body)

    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert sorted(own_schedule.local_bands.values_list("name", flat=True)) == ["Band A", "Band B"]


def test_an_unknown_band_or_a_schedule_on_tiers_is_a_400_with_the_reason(api_for, world, own_schedule):
    client = api_for("alpha_admin")
    on_tiers = factories.fee_schedule(world.alpha, 2027, local_model="tiered")

    unknown = put(client, _member_band_path(own_schedule.pk, world.alpha_membership.pk), {"band": "Band Z"})
    tiers = put(client, _member_band_path(on_tiers.pk, world.alpha_membership.pk), {"band": "Band A"})

    assert unknown.status_code == 400 and "not one of the 2026 bands" in unknown.json()["fields"]["band"][0]
    assert tiers.status_code == 400 and "organization tiers" in tiers.json()["fields"]["band"][0]
    assert not MemberBand.objects.exists()


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_see_the_member_bands_but_get_403_on_put(api_for, world, own_schedule, name):
    services.set_member_band(world.alpha_admin, own_schedule, world.alpha_membership, "Band A")
    client = api_for(name)

    detail = client.get(f"/fee-schedules/{own_schedule.pk}")
    response = put(client, _member_band_path(own_schedule.pk, world.alpha_membership.pk), {"band": "Band B"})

    assert detail.json()["member_bands"][0]["band"] == "Band A"
    assert response.status_code == 403
    assert MemberBand.objects.get().band == "Band A"


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_schedule_and_memberships(api_for, world, own_schedule, name):
    beta_schedule = services.save_fee_schedule(
        world.beta_admin,
        world.beta,
        2026,
        local_model="tiered",
        band_basis="own",
        local_bands=[("B", "1.00")],
    )
    client = api_for(name)

    on_beta = put(client, _member_band_path(beta_schedule.pk, world.beta_membership.pk), {"band": "B"})

    assert on_beta.status_code == 404
    assert not MemberBand.objects.exists()


def test_a_membership_of_another_consortium_is_a_404(api_for, world, own_schedule):
    response = put(
        api_for("orcid_admin"),
        _member_band_path(own_schedule.pk, world.beta_membership.pk),
        {"band": "Band A"},
    )

    assert response.status_code == 404
    assert not MemberBand.objects.exists()
