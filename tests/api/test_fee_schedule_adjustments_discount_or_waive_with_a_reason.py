"""A member's discount or waiver is set on the year's schedule with a reason; it shows on the
schedule and in the run's plan. A bad percent or another consortium's member is a 400."""

from tests import factories


def test_a_discount_shows_on_the_schedule_and_lowers_the_planned_invoice(api_for, world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    client = api_for("alpha_admin")

    response = client.post(
        f"/fee-schedules/{schedule.pk}/adjustments",
        {"membership": world.alpha_membership.pk, "kind": "discount", "percent": "10", "reason": "Founding"},
    )

    assert response.status_code == 201, response.content
    assert response.json() | {"id": 0} == {
        "id": 0,
        "membership": world.alpha_membership.pk,
        "organization": "Alpha University",
        "kind": "discount",
        "percent": "10",
        "applies_to": "all",
        "reason": "Founding",
    }
    detail = client.get(f"/fee-schedules/{schedule.pk}").json()
    assert [a["reason"] for a in detail["adjustments"]] == ["Founding"]
    plan = client.post("/billing-runs/preview", {"consortium": "alpha", "year": 2026}).json()
    assert plan["invoices"][0]["total"] == "1350.00"  # 1500 less 10%


def test_a_waiver_needs_no_percent(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("alpha_admin").post(
        f"/fee-schedules/{schedule.pk}/adjustments",
        {"membership": world.alpha_membership.pk, "kind": "waiver", "reason": "Funded by the ministry"},
    )

    assert response.status_code == 201 and response.json()["percent"] == "100"


def test_bad_percent_kind_or_missing_reason_is_a_400(api_for, world):
    schedule = factories.fee_schedule(world.alpha)
    client = api_for("alpha_admin")
    path = f"/fee-schedules/{schedule.pk}/adjustments"
    base = {"membership": world.alpha_membership.pk, "kind": "discount", "reason": "Why"}

    for body, field in (
        (base | {"percent": "150"}, "percent"),
        (base | {"percent": "0"}, "percent"),
        (base | {"percent": "lots"}, "percent"),
        (base | {"percent": 10}, "percent"),
        (base | {"percent": "10", "kind": "gift"}, "kind"),
        (base | {"percent": "10", "reason": "  "}, "reason"),
    ):
        response = client.post(path, body)
        assert response.status_code == 400, body
        assert field in response.json()["fields"], body


def test_another_consortiums_member_is_a_400_naming_the_membership(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("orcid_admin").post(
        f"/fee-schedules/{schedule.pk}/adjustments",
        {"membership": world.beta_membership.pk, "kind": "waiver", "reason": "Wrong one"},
    )

    assert response.status_code == 400 and "membership" in response.json()["fields"]
