"""GET /invoices/{id} has the lines, the payments and the credit notes; a credit note is issued
with POST /invoices/{id}/credit-notes and voids a fully credited invoice."""

from datetime import date

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def issued_invoice(world) -> Invoice:
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15", tax_label="GST")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(membership=world.alpha_membership)


def test_the_detail_has_lines_and_payments_with_amounts_as_strings(api_for, world):
    invoice = issued_invoice(world)
    services.record_payment(
        world.alpha_admin, invoice, amount="2000.00", received_on=date(2026, 1, 10), reference="TT-1"
    )

    body = api_for("alpha_admin").get(f"/invoices/{invoice.pk}").json()

    assert [(line["position"], line["net"], line["tax"], line["total"]) for line in body["lines"]] == [
        (1, "1000.00", "150.00", "1150.00"),
        (2, "500.00", "75.00", "575.00"),
    ]
    (payment,) = body["payments"]
    assert (payment["amount"], payment["applied"], payment["unapplied"]) == ("2000.00", "1725.00", "275.00")
    assert (
        payment["recorded_by"] == "admin@alpha.example" and payment["invoice_reference"] == "INV-2026-00001"
    )
    assert body["state"] == "paid" and body["balance"] == "0.00"
    assert body["seller_name"] == "Alpha Consortium Lead Organization"


def test_a_credit_note_voids_the_invoice_and_is_linked_both_ways(api_for, world):
    invoice = issued_invoice(world)
    client = api_for("alpha_admin")

    response = client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": "Joined by mistake"})

    assert response.status_code == 201, response.content
    note = response.json()
    assert note["reference"] == "CN-2026-00001" and note["kind"] == "credit_note"
    assert note["credit_for"] == "INV-2026-00001" and note["total"] == "-1725.00"
    assert note["note"] == "Joined by mistake"
    credited = client.get(f"/invoices/{invoice.pk}").json()
    assert credited["state"] == "void" and credited["credit_notes"] == ["CN-2026-00001"]
    assert credited["amount_credited"] == "1725.00" and credited["balance"] == "0.00"


def test_a_credit_note_needs_a_reason_and_something_to_credit(api_for, world):
    invoice = issued_invoice(world)
    client = api_for("alpha_admin")

    assert client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": " "}).status_code == 400
    client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": "Left"})
    assert client.post(f"/invoices/{invoice.pk}/credit-notes", {"reason": "Again"}).status_code == 400
