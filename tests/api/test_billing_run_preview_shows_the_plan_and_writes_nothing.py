"""POST /billing-runs/preview answers every member's invoices line by line with totals per
currency and the expected references, and the problems that would stop the run; it writes nothing."""

from consortia.billing.models import BillingRun, Invoice, MemberFeeRate
from tests import factories

RUN = {"consortium": "alpha", "year": 2026}


def test_the_plan_has_lines_totals_per_currency_and_expected_references(api_for, world):
    factories.fee_schedule(world.alpha, local_currency="NZD", tax_rate="15", tax_label="GST")

    response = api_for("alpha_admin").post("/billing-runs/preview", RUN)

    assert response.status_code == 200, response.content
    plan = response.json()
    assert plan["consortium"] == "alpha" and plan["year"] == 2026
    assert plan["members"] == 1 and plan["invoices_to_issue"] == 2 and plan["problems"] == []
    usd, nzd = plan["invoices"]
    assert (usd["currency"], usd["expected_reference"], usd["total"]) == ("USD", "INV-2026-00001", "1150.00")
    assert (nzd["currency"], nzd["expected_reference"], nzd["total"]) == ("NZD", "INV-2026-00002", "575.00")
    assert usd["lines"] == [
        {
            "description": "ORCID basic membership 2026",
            "quantity": "1",
            "unit_price": "1000.00",
            "tax_rate": "15",
            "net": "1000.00",
            "tax": "150.00",
            "total": "1150.00",
        }
    ]
    assert plan["totals"] == [
        {"currency": "NZD", "amount": "575.00"},
        {"currency": "USD", "amount": "1150.00"},
    ]


def test_previewing_writes_no_invoice_and_no_run(api_for, world):
    factories.fee_schedule(world.alpha)

    api_for("alpha_admin").post("/billing-runs/preview", RUN)

    assert not Invoice.objects.exists() and not BillingRun.objects.exists()


def test_after_issuing_the_plan_marks_everything_already_invoiced(api_for, world):
    factories.fee_schedule(world.alpha, local_currency="USD")
    client = api_for("alpha_admin")
    client.post("/billing-runs", RUN)

    plan = client.post("/billing-runs/preview", RUN).json()

    assert plan["invoices_to_issue"] == 0 and plan["totals"] == []
    assert [(i["already_invoiced"], i["expected_reference"]) for i in plan["invoices"]] == [(True, None)]


def test_a_missing_rate_is_listed_as_a_problem(api_for, world):
    factories.fee_schedule(world.alpha)
    world.alpha_membership.member_type = "premium"
    world.alpha_membership.save()
    MemberFeeRate.objects.filter(member_type="premium").delete()

    plan = api_for("alpha_admin").post("/billing-runs/preview", RUN).json()

    (problem,) = plan["problems"]
    assert "No ORCID member fee" in problem and "Alpha University" in problem


def test_a_year_without_a_schedule_is_a_400_naming_the_year(api_for, world):
    response = api_for("alpha_admin").post("/billing-runs/preview", {"consortium": "alpha", "year": 2031})

    assert response.status_code == 400
    assert response.json()["fields"]["year"] == ["Alpha Consortium has no fee schedule for 2031."]
