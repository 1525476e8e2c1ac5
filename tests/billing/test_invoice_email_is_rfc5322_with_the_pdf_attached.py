"""Sending an invoice e-mails its invoice contact a real RFC 5322 message with the PDF attached
and the amount due, due date and how to pay in the text; it marks the invoice e-mailed, refuses
an invoice without an address, and only billing managers may send. The run's task e-mails every
invoice of the run that has an address and was not e-mailed yet."""

import email
from email import policy as email_policy

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.audit.models import AuditEntry
from consortia.billing import documents, services, tasks
from tests import factories


@pytest.fixture
def run(world):
    world.alpha.support_email = "billing@alpha.example"
    world.alpha.save()
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15", tax_label="GST")
    return services.issue_run(world.orcid_admin, schedule)


def test_the_message_is_rfc5322_with_the_pdf_attached(world, run, settings):
    settings.DEFAULT_FROM_EMAIL = "Consortia <consortia@example.org>"
    settings.CONSORTIA_BASE_URL = "https://consortia.example.org/"
    invoice = run.invoices.get()

    documents.send_invoice(world.alpha_admin, invoice)

    (sent,) = mail.outbox
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email_policy.default)
    assert parsed["From"] == "Consortia <consortia@example.org>"
    assert parsed["To"].addresses[0].addr_spec == invoice.bill_to_email
    assert parsed["To"].addresses[0].display_name == invoice.bill_to_contact
    assert parsed["Reply-To"] == "billing@alpha.example"
    assert parsed["Subject"] == "Invoice INV-2026-00001 from Alpha Consortium Lead Organization"
    assert parsed["Date"] is not None
    assert str(parsed["Message-ID"]).strip().endswith("@consortia.example.org>")
    assert parsed.get_content_type() == "multipart/mixed"

    (attachment,) = list(parsed.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "INV-2026-00001.pdf"
    assert attachment.get_content().startswith(b"%PDF")

    text = parsed.get_body(("plain",)).get_content()
    assert "Amount due:    USD 1,725.00" in text
    assert f"Due date:      {invoice.due_on:%-d %B %Y}" in text
    assert "How to pay: pay USD 1,725.00 to Alpha Consortium Lead Organization" in text
    assert "quoting the reference INV-2026-00001" in text


def test_sending_sets_emailed_at_and_records_it(world, run):
    invoice = run.invoices.get()

    documents.send_invoice(world.alpha_admin, invoice)

    invoice.refresh_from_db()
    assert invoice.emailed_at is not None
    assert AuditEntry.objects.filter(action="billing.invoice_emailed", object_id=str(invoice.pk)).count() == 1


def test_an_invoice_without_an_address_is_refused(world):
    membership = factories.membership(world.alpha, with_lead_contacts=False)
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    invoice = services.issue_run(world.orcid_admin, schedule).invoices.get(membership=membership)
    assert invoice.bill_to_email == ""

    with pytest.raises(ValidationError, match="has no invoice e-mail address"):
        documents.send_invoice(world.alpha_admin, invoice)

    invoice.refresh_from_db()
    assert invoice.emailed_at is None
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["alpha_staff", "alpha_member", "regional", "beta_admin"])
def test_only_billing_managers_send(world, run, name):
    with pytest.raises(PermissionDenied):
        documents.send_invoice(getattr(world, name), run.invoices.get())

    assert mail.outbox == []


def test_the_run_task_emails_each_unsent_invoice_with_an_address_once(world):
    no_address = factories.membership(world.alpha, with_lead_contacts=False)
    already = factories.membership(world.alpha)
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    run = services.issue_run(world.orcid_admin, schedule)
    documents.send_invoice(world.alpha_admin, run.invoices.get(membership=already))
    mail.outbox.clear()

    result = tasks.send_invoices_of_run.call(run.pk)

    (sent,) = mail.outbox
    expected = run.invoices.get(membership=world.alpha_membership)
    assert sent.to[0].endswith(f"<{expected.bill_to_email}>")
    assert result == {"run": run.pk, "emailed": 1, "references": [expected.reference]}
    assert run.invoices.get(membership=no_address).emailed_at is None

    again = tasks.send_invoices_of_run.call(run.pk)
    assert again["emailed"] == 0 and len(mail.outbox) == 1
