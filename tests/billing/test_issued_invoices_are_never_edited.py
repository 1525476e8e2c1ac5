"""An issued invoice cannot be changed or deleted; a credit note corrects it and brings its
balance to exactly zero."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


@pytest.fixture
def invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15", tax_label="GST")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(membership=world.alpha_membership)


def test_an_issued_invoice_cannot_be_saved_with_changes(invoice):
    invoice.total = Decimal("1.00")
    with pytest.raises(ValidationError):
        invoice.save()


def test_an_issued_invoices_lines_cannot_be_changed_or_deleted(invoice):
    line = invoice.lines.first()
    line.unit_price = Decimal("1.00")
    with pytest.raises(ValidationError):
        line.save()
    with pytest.raises(ValidationError):
        line.delete()
    with pytest.raises(ValidationError):
        invoice.delete()


def test_a_credit_note_brings_the_balance_to_zero_and_voids_the_invoice(world, invoice):
    assert invoice.total == Decimal("1725.00")  # 1500 + 15% GST

    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")

    invoice.refresh_from_db()
    assert note.total == Decimal("-1725.00")
    assert invoice.balance == 0
    assert invoice.status == Invoice.Status.VOID
    assert note.reference == f"CN-{invoice.year}-00001"  # credit notes are a series of their own


def test_an_over_payment_is_kept_as_credit(world, invoice):
    payment = services.record_payment(
        world.orcid_admin, invoice, amount="2000.00", received_on=date(2026, 1, 1)
    )

    invoice.refresh_from_db()
    assert (payment.applied, payment.unapplied) == (Decimal("1725.00"), Decimal("275.00"))
    assert invoice.state() == "paid"
