"""A fee schedule is created, read with its rates, bands and adjustments, and changed through the
API until invoices are issued from it; after that a change is a 400 that points to credit notes."""

from consortia.billing import services
from tests import factories

NEW_SCHEDULE = {
    "consortium": "alpha",
    "year": 2027,
    "orcid_currency": "USD",
    "consortium_lead_fee": "2500.00",
    "local_currency": "NZD",
    "local_model": "tiered",
    "proration": "monthly",
    "payment_terms_days": 45,
    "tax_rate": "15",
    "tax_label": "GST",
    "member_rates": [
        {"member_type": "basic", "tier": "", "amount": "1000.00"},
        {"member_type": "premium", "tier": "", "amount": "2000"},
    ],
    "local_bands": [{"tier": "small", "amount": "300.00"}, {"tier": "standard", "amount": "600.00"}],
}


def test_the_consortium_admin_creates_a_schedule_with_amounts_as_strings(api_for, world):
    response = api_for("alpha_admin").post("/fee-schedules", NEW_SCHEDULE)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["consortium"] == "alpha" and body["year"] == 2027
    assert body["consortium_lead_fee"] == "2500.00" and body["orcid_currency"] == "USD"
    assert body["tax_rate"] == "15" and body["payment_terms_days"] == 45
    assert body["member_rates"] == [
        {"member_type": "basic", "tier": "", "amount": "1000.00"},
        {"member_type": "premium", "tier": "", "amount": "2000.00"},
    ]
    assert body["local_bands"] == [
        {"tier": "small", "name": "", "amount": "300.00"},
        {"tier": "standard", "name": "", "amount": "600.00"},
    ]
    assert body["adjustments"] == [] and body["has_invoices"] is False


def test_a_second_schedule_for_the_same_year_is_a_400_pointing_to_patch(api_for, world):
    schedule = factories.fee_schedule(world.alpha, 2027)

    response = api_for("alpha_admin").post("/fee-schedules", NEW_SCHEDULE)

    assert response.status_code == 400
    assert f"PATCH /fee-schedules/{schedule.pk}" in response.json()["fields"]["year"][0]


def test_the_list_is_filtered_by_consortium_and_year(api_for, world):
    factories.fee_schedule(world.alpha, 2026)
    factories.fee_schedule(world.alpha, 2027)
    factories.fee_schedule(world.beta, 2026)
    client = api_for("orcid_admin")

    everything = client.get("/fee-schedules").json()
    alpha_2027 = client.get("/fee-schedules", {"consortium": "alpha", "year": "2027"}).json()

    assert everything["count"] == 3
    assert [(s["consortium"], s["year"]) for s in alpha_2027["results"]] == [("alpha", 2027)]
    assert client.get("/fee-schedules", {"year": "next"}).status_code == 400


def test_patch_changes_fees_and_replaces_rates_when_sent(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("alpha_admin").patch(
        f"/fee-schedules/{schedule.pk}",
        {"local_flat_fee": "650.00", "member_rates": [{"member_type": "basic", "amount": "1100.00"}]},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["local_flat_fee"] == "650.00"
    assert body["member_rates"] == [{"member_type": "basic", "tier": "", "amount": "1100.00"}]


def test_patch_is_refused_once_invoices_are_issued(api_for, world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    client = api_for("alpha_admin")

    response = client.patch(f"/fee-schedules/{schedule.pk}", {"local_flat_fee": "650.00"})

    assert response.status_code == 400
    assert "credit note" in response.json()["detail"]
    assert client.get(f"/fee-schedules/{schedule.pk}").json()["has_invoices"] is True


def test_an_unknown_member_type_or_tier_is_a_400(api_for, world):
    schedule = factories.fee_schedule(world.alpha)
    client = api_for("alpha_admin")

    bad_type = client.patch(
        f"/fee-schedules/{schedule.pk}", {"member_rates": [{"member_type": "gold", "amount": "1.00"}]}
    )
    bad_tier = client.patch(
        f"/fee-schedules/{schedule.pk}", {"local_bands": [{"tier": "", "amount": "1.00"}]}
    )

    assert bad_type.status_code == 400 and "member_rates" in bad_type.json()["fields"]
    assert bad_tier.status_code == 400 and "local_bands" in bad_tier.json()["fields"]
