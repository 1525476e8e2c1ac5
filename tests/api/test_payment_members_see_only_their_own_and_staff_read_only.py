"""A member contact sees only their organization's payments (another member's is 404); consortium
and regional staff read but cannot record (403); member contacts cannot record either (403);
other tenants get 404 when reading and 400 when naming an invoice they cannot see."""

from datetime import date

import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def issue_and_pay(world, consortium, membership):
    services.issue_run(world.orcid_admin, factories.fee_schedule(consortium, local_currency="USD"))
    invoice = Invoice.objects.get(membership=membership)
    return services.record_payment(world.orcid_admin, invoice, amount="10.00", received_on=date(2026, 1, 5))


def test_a_member_contact_sees_only_their_own_payments(api_for, world):
    neighbour = factories.membership(world.alpha)
    own = issue_and_pay(world, world.alpha, world.alpha_membership)
    theirs = services.record_payment(
        world.orcid_admin,
        Invoice.objects.get(membership=neighbour),
        amount="5.00",
        received_on=date(2026, 1, 6),
    )
    client = api_for("alpha_member")

    assert [p["id"] for p in client.get("/payments").json()["results"]] == [own.pk]
    assert client.get(f"/payments/{own.pk}").status_code == 200
    assert client.get(f"/payments/{theirs.pk}").status_code == 404
    body = {"invoice": own.invoice_id, "amount": "1.00", "received_on": "2026-01-07"}
    assert client.post("/payments", body).status_code == 403


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_read_but_cannot_record(api_for, world, name):
    payment = issue_and_pay(world, world.alpha, world.alpha_membership)
    client = api_for(name)

    assert client.get(f"/payments/{payment.pk}").status_code == 200
    body = {"invoice": payment.invoice_id, "amount": "1.00", "received_on": "2026-01-07"}
    assert client.post("/payments", body).status_code == 403


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_cannot_see_or_pay_its_invoices(api_for, world, name):
    payment = issue_and_pay(world, world.beta, world.beta_membership)
    client = api_for(name)

    assert client.get(f"/payments/{payment.pk}").status_code == 404
    assert client.get("/payments", {"consortium": "beta"}).json()["count"] == 0
    body = {"invoice": payment.invoice_id, "amount": "1.00", "received_on": "2026-01-07"}
    response = client.post("/payments", body)
    assert response.status_code == 400 and "invoice" in response.json()["fields"]
