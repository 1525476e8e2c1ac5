"""Credit notes are numbered in a series of their own, so the references a preview expects continue
the year's invoice numbers whatever the credit notes' series has reached."""

from consortia.billing import services
from consortia.billing.models import Invoice, InvoiceSequence
from tests import factories


def test_expected_references_follow_the_invoice_series(api_for, world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", local_flat_fee="0")
    services.issue_run(world.alpha_admin, schedule)
    invoice = Invoice.objects.get(consortium=world.alpha)
    services.issue_credit_note(world.alpha_admin, invoice, reason="Wrong member fee")
    # The credit notes' row first (as a migrated database may have it), well ahead of the invoices'.
    sequences = {s.kind: s for s in InvoiceSequence.objects.filter(consortium=world.alpha, year=2026)}
    InvoiceSequence.objects.filter(consortium=world.alpha).delete()
    InvoiceSequence.objects.create(consortium=world.alpha, year=2026, kind="credit_note", last_number=40)
    InvoiceSequence.objects.create(
        consortium=world.alpha, year=2026, kind="invoice", last_number=sequences["invoice"].last_number
    )
    factories.membership(world.alpha)  # billed now, as is the member whose invoice was voided

    plan = api_for("alpha_admin").post("/billing-runs/preview", {"consortium": "alpha", "year": 2026}).json()

    assert [p["expected_reference"] for p in plan["invoices"] if p["will_issue"]] == [
        "INV-2026-00002",
        "INV-2026-00003",
    ]
