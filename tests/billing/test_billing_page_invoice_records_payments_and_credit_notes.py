from consortia.billing import services
from consortia.billing.models import Invoice, Payment
from consortia.lib.dates import today_in
from tests import factories


def test_the_admin_records_a_payment_and_issues_a_credit_note_from_the_invoice_page(client_for, world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026, proration="none"))
    usd = Invoice.objects.get(membership=world.alpha_membership, currency="USD")
    nzd = Invoice.objects.get(membership=world.alpha_membership, currency="NZD")
    client = client_for("alpha_admin")
    today = today_in(world.alpha.time_zone).isoformat()

    page = client.post(
        f"/invoices/{usd.pk}/payments/", {"amount": "1100.00", "received_on": today}, follow=True
    )
    assert "USD 100.00 is kept as the member&#x27;s credit" in page.content.decode()
    assert Payment.objects.get().unapplied == 100

    refused = client.post(f"/invoices/{usd.pk}/payments/", {"amount": "1.001", "received_on": today})
    assert refused.status_code == 200
    assert "decimal places" in refused.content.decode()

    note = client.post(f"/invoices/{nzd.pk}/credit-note/", {"reason": "Funded centrally"}, follow=True)
    html = note.content.decode()
    assert "Credit note CN-2026-" in html
    nzd.refresh_from_db()
    assert nzd.status == "void"
    assert nzd.balance == 0


def test_an_issued_invoice_has_no_form_that_changes_its_lines(client_for, world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026))
    invoice = Invoice.objects.filter(consortium=world.alpha).first()
    html = client_for("alpha_admin").get(f"/invoices/{invoice.pk}/").content.decode()
    assert 'name="description"' not in html
    assert 'name="unit_price"' not in html
    assert "Record a payment" in html
