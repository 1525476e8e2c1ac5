"""After the annual run, POST /billing-runs/preview notes that members billed by a supplementary
run pay no share of the lead-organization fee (it was shared among the annual run's members)."""

from datetime import date

from consortia.billing import services
from tests import factories

RUN = {"consortium": "alpha", "year": 2026}


def test_the_api_preview_notes_that_a_late_joiner_pays_no_share(api_for, world):
    factories.membership(world.alpha)
    schedule = factories.fee_schedule(
        world.alpha, local_currency="USD", local_model="lead_fee", lead_organization_fee="1000.00"
    )
    client = api_for("alpha_admin")
    assert client.post("/billing-runs/preview", RUN).json()["notes"] == []
    services.issue_run(world.orcid_admin, schedule)
    factories.membership(world.alpha, joined_date=date(2026, 7, 1))

    response = client.post("/billing-runs/preview", RUN)

    assert response.status_code == 200, response.content
    (note,) = response.json()["notes"]
    assert "shared among the 2 members billed by the annual run" in note
    (new,) = [invoice for invoice in response.json()["invoices"] if invoice["will_issue"]]
    assert not any("lead-organization fee" in line["description"] for line in new["lines"])
