"""POST /billing-runs issues the year's invoices and answers 201 with how many; posting it again
answers 201 with invoices_issued 0 (a supplementary run that issued nothing) and no new invoice."""

from datetime import date

from consortia.billing.models import Invoice
from tests import factories

RUN = {"consortium": "alpha", "year": 2026}


def test_issuing_twice_issues_once(api_for, world):
    factories.fee_schedule(world.alpha, local_currency="NZD")
    client = api_for("alpha_admin")

    first = client.post("/billing-runs", RUN)
    second = client.post("/billing-runs", RUN)

    assert first.status_code == 201, first.content
    assert (first.json()["kind"], first.json()["invoices_issued"]) == ("annual", 2)
    assert first.json()["started_by"] == "admin@alpha.example"
    assert second.status_code == 201
    assert (second.json()["kind"], second.json()["invoices_issued"]) == ("supplementary", 0)
    assert Invoice.objects.filter(consortium=world.alpha).count() == 2


def test_a_member_added_later_is_billed_by_the_next_run(api_for, world):
    factories.fee_schedule(world.alpha, local_currency="USD")
    client = api_for("alpha_admin")
    client.post("/billing-runs", RUN)
    factories.membership(world.alpha, joined_date=date(2026, 7, 1))

    run = client.post("/billing-runs", RUN).json()

    assert run["invoices_issued"] == 1
    runs = client.get("/billing-runs", {"consortium": "alpha", "year": "2026"}).json()
    assert [r["invoices_issued"] for r in runs["results"]] == [1, 1]


def test_a_plan_with_problems_issues_nothing_and_says_why(api_for, world):
    factories.fee_schedule(world.alpha, local_model="tiered")

    response = api_for("alpha_admin").post("/billing-runs", RUN)

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "No local fee" in detail and "Alpha University" in detail
    assert not Invoice.objects.exists()
