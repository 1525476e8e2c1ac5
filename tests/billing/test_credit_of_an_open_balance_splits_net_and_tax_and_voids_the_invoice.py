"""A credit note of a partly paid invoice credits its open balance split into net and tax in the
invoice's proportion (tax rounded, net = the balance − tax): one line at the invoice's tax rate when
its lines share one, else a net line at 0 % and a tax line. Its total is exactly minus the open
balance, and the invoice is then void: nothing is left to pay, and no payment is taken on it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import Invoice, InvoiceLine
from tests import factories

PAID_ON = date(2026, 1, 5)


def _lines(note):
    return [(line.description, line.tax_rate, line.net, line.tax, line.total) for line in note.lines.all()]


@pytest.fixture
def invoice(world):
    # 1000.00 member fee + 500.00 local fee at 15 %: net 1500.00, tax 225.00, total 1725.00.
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(membership=world.alpha_membership)


def test_one_rate_gives_one_line_at_that_rate_with_the_taxs_share(world, invoice):
    services.record_payment(world.orcid_admin, invoice, amount="1000.00", received_on=PAID_ON)

    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Rest waived")

    # 725.00 open: tax 725.00 × 225 / 1725 = 94.565… → 94.57; net 630.43.
    assert _lines(note) == [
        (
            f"Credit of the open balance of {invoice.reference}",
            Decimal("15.00"),
            Decimal("-630.43"),
            Decimal("-94.57"),
            Decimal("-725.00"),
        )
    ]
    assert (note.subtotal, note.tax_total, note.total) == (
        Decimal("-630.43"),
        Decimal("-94.57"),
        Decimal("-725.00"),
    )


def test_the_invoice_is_void_and_refuses_further_payments(world, invoice):
    services.record_payment(world.orcid_admin, invoice, amount="1000.00", received_on=PAID_ON)
    services.issue_credit_note(world.orcid_admin, invoice, reason="Rest waived")

    invoice.refresh_from_db()
    assert invoice.balance == 0
    assert invoice.status == Invoice.Status.VOID
    with pytest.raises(ValidationError):
        services.record_payment(world.orcid_admin, invoice, amount="1.00", received_on=PAID_ON)


def test_an_untaxed_invoice_is_credited_in_one_untaxed_line(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    invoice = Invoice.objects.get(membership=world.alpha_membership)
    services.record_payment(world.orcid_admin, invoice, amount="0.01", received_on=PAID_ON)

    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Rest waived")

    (line,) = note.lines.all()
    assert (line.tax_rate, line.net, line.tax, note.total) == (0, Decimal("-1499.99"), 0, Decimal("-1499.99"))


def _invoice_with_two_rates(world) -> Invoice:
    """An issued invoice whose lines have different tax rates: 100.00 at 10 % and 200.00 at 0 %."""
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    (number,) = services._next_numbers(world.alpha, 2026, 1)
    invoice = Invoice.objects.create(
        consortium=world.alpha, membership=world.alpha_membership, schedule=schedule, year=2026,
        number=number,
        status=Invoice.Status.DRAFT, currency="USD", issued_on=PAID_ON, due_on=PAID_ON,
        subtotal=Decimal("300.00"), tax_total=Decimal("10.00"), total=Decimal("310.00"),
        seller_name="Alpha", bill_to_name="Alpha University",
    )  # fmt: skip
    for position, (net, rate, tax) in enumerate([("100.00", "10", "10.00"), ("200.00", "0", "0.00")], 1):
        InvoiceLine.objects.create(
            invoice=invoice, position=position, description=f"Line {position}", unit_price=Decimal(net),
            tax_rate=Decimal(rate), net=Decimal(net), tax=Decimal(tax), total=Decimal(net) + Decimal(tax),
        )  # fmt: skip
    invoice.status = Invoice.Status.ISSUED
    invoice.save(update_fields=["status"])
    return invoice


def test_several_rates_give_a_net_line_at_0_and_a_tax_line(world):
    invoice = _invoice_with_two_rates(world)
    services.record_payment(world.orcid_admin, invoice, amount="100.00", received_on=PAID_ON)

    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Rest waived")

    # 210.00 open: tax 210.00 × 10 / 310 = 6.774… → 6.77; net 203.23.
    label = f"Credit of the open balance of {invoice.reference}"
    assert _lines(note) == [
        (f"{label} (net)", 0, Decimal("-203.23"), 0, Decimal("-203.23")),
        (f"{label} (tax)", 0, 0, Decimal("-6.77"), Decimal("-6.77")),
    ]
    assert note.total == Decimal("-210.00")
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (0, Invoice.Status.VOID)
