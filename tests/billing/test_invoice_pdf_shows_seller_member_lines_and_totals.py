"""An invoice's PDF is rendered by WeasyPrint from the invoice's own snapshots: the lead
organization as seller, the member's billing address and invoice contact, the lines with
quantity, unit price, tax and total, the totals, currency, tax label and payment terms; a credit
note says what it credits and that nothing is to be paid."""

import pytest

from consortia.billing import documents, services
from tests import factories


@pytest.fixture
def invoice(world):
    lead = world.alpha.lead_organization
    lead.billing_address = "1 Lead Street\nWellington 6011"
    lead.save()
    member = world.alpha_membership.organization
    member.billing_address = "42 Campus Road\nAuckland 1010"
    member.save()
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15", tax_label="GST")
    run = services.issue_run(world.orcid_admin, schedule)
    return run.invoices.get(membership=world.alpha_membership)


def test_the_pdf_is_a_pdf_document(invoice):
    pdf = documents.invoice_pdf(invoice)

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_the_document_names_the_reference_seller_and_member(invoice, world):
    html = documents.invoice_html(invoice)

    assert invoice.reference == "INV-2026-00001"
    assert "INV-2026-00001" in html
    assert "Alpha Consortium Lead Organization" in html
    assert "1 Lead Street\nWellington 6011" in html
    assert "Alpha University" in html
    assert "42 Campus Road\nAuckland 1010" in html
    assert invoice.bill_to_contact and f"Attn: {invoice.bill_to_contact}" in html
    assert invoice.bill_to_email in html
    assert 'font-family: "DejaVu Sans", sans-serif' in html


def test_the_document_lists_lines_totals_tax_label_and_terms(invoice):
    html = documents.invoice_html(invoice)

    assert "ORCID basic membership 2026" in html
    assert "Consortium fee 2026" in html
    # 1000 + 500 net, 15% GST: 225.00, total 1,725.00 USD.
    assert "1,000.00" in html and "500.00" in html
    assert '<th scope="col" class="num">GST rate</th>' in html
    assert "15%" in html
    assert "USD 1,500.00" in html
    assert "USD 225.00" in html
    assert "USD 1,725.00" in html
    assert "Total due" in html
    assert "Payment terms: 30 days from the date of issue" in html
    assert invoice.due_on.strftime("%-d %B %Y") in html


def test_a_credit_note_says_what_it_credits_and_that_nothing_is_to_be_paid(invoice, world):
    note = services.issue_credit_note(world.alpha_admin, invoice, reason="Joined in error")

    html = documents.invoice_html(note)

    assert "<h1>Credit note</h1>" in html
    assert "CN-2026-00001" in html
    assert "Credit note for</dt><dd>Invoice INV-2026-00001" in html
    assert "nothing is to be paid on it" in html
    assert "Reason: Joined in error" in html
    assert "USD -1,725.00" in html
    assert "Total due" not in html and "Due date" not in html
    assert documents.invoice_pdf(note).startswith(b"%PDF")


def test_a_schedule_without_tax_label_prints_tax(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    invoice = services.issue_run(world.orcid_admin, schedule).invoices.get()

    html = documents.invoice_html(invoice)

    assert '<th scope="row">Tax</th>' in html
    assert "USD 1,500.00" in html
