"""Payments: applied + unapplied is always the amount received, the applied part never exceeds
the balance it met, and the invoice's amount paid is the sum of what was applied (hypothesis).
Refused: nothing, negative, float, too many decimals, a date in the future, a void invoice."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consortia.billing import services
from consortia.billing.models import Invoice, Payment
from tests import factories

db_settings = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(membership=world.alpha_membership)  # USD 1725.00


@db_settings
@given(st.lists(st.integers(min_value=1, max_value=300_000), min_size=1, max_size=6))
def test_applied_plus_unapplied_is_the_amount_and_applied_never_exceeds_the_balance(world, invoice, cents):
    with transaction.atomic():
        for amount in (Decimal(c) / 100 for c in cents):
            balance_before = Invoice.objects.get(pk=invoice.pk).balance
            payment = services.record_payment(
                world.alpha_admin, invoice, amount=amount, received_on=date(2026, 2, 1)
            )
            assert payment.applied + payment.unapplied == payment.amount == amount
            assert 0 <= payment.applied <= max(balance_before, 0)
            assert payment.unapplied >= 0

        invoice.refresh_from_db()
        payments = Payment.objects.filter(invoice=invoice)
        assert invoice.amount_paid == sum(p.applied for p in payments) <= invoice.total
        assert invoice.balance == invoice.total - invoice.amount_paid >= 0
        assert sum(p.unapplied for p in payments) == max(sum(p.amount for p in payments) - invoice.total, 0)
        assert invoice.state(date(2026, 1, 1)) == ("paid" if invoice.balance == 0 else "partly_paid")
        transaction.set_rollback(True)


def test_a_partial_payment_leaves_the_invoice_partly_paid_then_overdue_after_its_due_date(world, invoice):
    services.record_payment(world.alpha_admin, invoice, amount="725.00", received_on=date(2026, 1, 2))

    invoice.refresh_from_db()
    assert invoice.balance == Decimal("1000.00")
    assert invoice.state(invoice.due_on) == "partly_paid"
    assert invoice.state(invoice.due_on + timedelta(days=1)) == "overdue"


@pytest.mark.parametrize("amount", ["0", "-5.00", "10.001", "ten"])
def test_a_payment_of_nothing_or_nonsense_is_refused(world, invoice, amount):
    with pytest.raises(ValidationError):
        services.record_payment(world.alpha_admin, invoice, amount=amount, received_on=date(2026, 1, 2))
    assert not Payment.objects.exists()


def test_a_payment_is_never_a_float(world, invoice):
    with pytest.raises(ValidationError):
        services.record_payment(world.alpha_admin, invoice, amount=100.5, received_on=date(2026, 1, 2))


def test_a_payment_cannot_be_received_in_the_future(world, invoice):
    with pytest.raises(ValidationError):
        services.record_payment(
            world.alpha_admin, invoice, amount="1.00", received_on=date.today() + timedelta(days=3)
        )


def test_a_void_invoice_takes_no_payment(world, invoice):
    services.issue_credit_note(world.alpha_admin, invoice, reason="Billed in error")

    with pytest.raises(ValidationError):
        services.record_payment(world.alpha_admin, invoice, amount="1.00", received_on=date(2026, 1, 2))


def test_only_a_billing_manager_records_payments(world, invoice):
    for name in ("alpha_staff", "alpha_member", "beta_admin", "regional"):
        with pytest.raises(PermissionDenied):
            services.record_payment(
                getattr(world, name), invoice, amount="1.00", received_on=date(2026, 1, 2)
            )
    assert not Payment.objects.exists()
