"""A partly paid invoice whose balance was credited is settled: the next run does not bill the
member again. An unpaid invoice credited in full was billed in error: the next run bills again."""

from datetime import date

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def _invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    return schedule, Invoice.objects.get(membership=world.alpha_membership)


def test_a_partly_paid_invoice_with_its_balance_credited_is_not_billed_again(world):
    schedule, invoice = _invoice(world)
    services.record_payment(world.orcid_admin, invoice, amount="500.00", received_on=date(2026, 1, 10))
    services.issue_credit_note(world.orcid_admin, invoice, reason="Rest written off")

    run = services.issue_run(world.orcid_admin, schedule)

    assert run.invoices_issued == 0


def test_an_unpaid_invoice_credited_in_full_is_billed_again(world):
    schedule, invoice = _invoice(world)
    services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")

    run = services.issue_run(world.orcid_admin, schedule)

    assert run.invoices_issued == 1
