from datetime import date

from consortia.billing import services
from consortia.billing.models import BillingRun, Invoice, Payment, RemittancePayment
from tests import factories


def test_consortium_staff_view_billing_but_get_403_for_every_action(client_for, world):
    schedule = factories.fee_schedule(world.alpha, 2026)
    client = client_for("alpha_staff")
    preview = client.get("/consortia/alpha/billing/2026/run/")
    assert preview.status_code == 200
    assert "Issue 1 invoice" not in preview.content.decode()
    assert client.post("/consortia/alpha/billing/2026/run/").status_code == 403
    assert BillingRun.objects.count() == 0
    assert client.get("/consortia/alpha/billing/2026/edit/").status_code == 403
    assert client.get("/consortia/alpha/billing/schedules/new/").status_code == 403

    services.issue_run(world.alpha_admin, schedule)
    invoice = Invoice.objects.filter(consortium=world.alpha).first()
    page = client.get(f"/invoices/{invoice.pk}/").content.decode()
    assert "Record a payment" not in page
    response = client.post(
        f"/invoices/{invoice.pk}/payments/", {"amount": "10.00", "received_on": date.today().isoformat()}
    )
    assert response.status_code == 403
    assert client.post(f"/invoices/{invoice.pk}/credit-note/", {"reason": "wrong"}).status_code == 403
    assert Payment.objects.count() == 0
    assert Invoice.objects.filter(kind="credit_note").count() == 0


def test_only_orcid_records_a_leads_remittance(client_for, world):
    factories.fee_schedule(world.alpha, 2026)
    data = {"amount": "100.00", "currency": "USD", "paid_on": "2026-01-05"}
    for name in ("alpha_admin", "alpha_staff"):
        assert (
            client_for(name).post("/consortia/alpha/billing/2026/statement/payments/", data).status_code
            == 403
        )
    assert RemittancePayment.objects.count() == 0
    response = client_for("regional").post("/consortia/alpha/billing/2026/statement/payments/", data)
    assert response.status_code == 302
    assert RemittancePayment.objects.get().amount == 100
