from consortia.billing import services
from consortia.billing.models import FeeSchedule

FORM = {
    "orcid_currency": "USD",
    "consortium_lead_fee": "2000.00",
    "invoice_member_fee": "on",
    "local_currency": "NZD",
    "local_model": "tiered",
    "local_flat_fee": "",
    "lead_organization_fee": "",
    "proration": "monthly",
    "payment_terms_days": "30",
    "tax_rate": "15",
    "tax_label": "GST",
    "rate_basic_any": "1000.00",
    "rate_premium_large": "3000.00",
    "band_small": "100.00",
    "band_standard": "200.00",
    "band_large": "300.00",
}


def test_the_admin_creates_a_schedule_with_rates_per_type_and_tier_and_bands(client_for, world):
    response = client_for("alpha_admin").post(
        "/consortia/alpha/billing/schedules/new/", {**FORM, "year": "2026"}
    )
    assert response.status_code == 302
    schedule = FeeSchedule.objects.get(consortium=world.alpha, year=2026)
    assert schedule.tax_label == "GST"
    assert {(r.member_type, r.tier, str(r.amount)) for r in schedule.member_rates.all()} == {
        ("basic", "", "1000.000"),
        ("premium", "large", "3000.000"),
    }
    assert {b.tier: str(b.amount) for b in schedule.local_bands.all()} == {
        "small": "100.000",
        "standard": "200.000",
        "large": "300.000",
    }


def test_a_bad_amount_is_shown_on_the_form(client_for, world):
    response = client_for("alpha_admin").post(
        "/consortia/alpha/billing/schedules/new/", {**FORM, "year": "2026", "consortium_lead_fee": "1.234"}
    )
    assert response.status_code == 200
    assert "decimal places" in response.content.decode()
    assert not FeeSchedule.objects.exists()


def test_after_invoices_are_issued_the_schedule_cannot_change_and_the_page_says_why(client_for, world):
    client = client_for("alpha_admin")
    client.post("/consortia/alpha/billing/schedules/new/", {**FORM, "year": "2026"})
    services.issue_run(world.alpha_admin, FeeSchedule.objects.get(consortium=world.alpha))
    response = client.post("/consortia/alpha/billing/2026/edit/", {**FORM, "band_standard": "999.00"})
    assert response.status_code == 200
    assert "can no longer change" in response.content.decode()
    assert FeeSchedule.objects.get().local_bands.get(tier="standard").amount == 200


def test_a_discount_is_set_per_member_with_its_reason(client_for, world):
    client = client_for("alpha_admin")
    client.post("/consortia/alpha/billing/schedules/new/", {**FORM, "year": "2026"})
    response = client.post(
        "/consortia/alpha/billing/2026/adjustments/",
        {
            "membership": world.alpha_membership.pk,
            "kind": "discount",
            "percent": "25",
            "applies_to": "all",
            "reason": "Founding member",
        },
        follow=True,
    )
    assert "Founding member" in response.content.decode()
    preview = client.get("/consortia/alpha/billing/2026/run/").content.decode()
    assert "Discount 25%: Founding member" in preview
