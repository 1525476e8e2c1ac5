"""A billing run issues each member's invoice once: running it again issues nothing, and a
member added afterwards gets a supplementary invoice with the next number."""

from datetime import date
from decimal import Decimal

from consortia.billing import services
from consortia.billing.models import BillingRun, Invoice
from tests import factories


def test_a_second_run_issues_nothing_new(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")

    first = services.issue_run(world.orcid_admin, schedule)
    second = services.issue_run(world.orcid_admin, schedule)

    assert first.invoices_issued == 1
    assert second.invoices_issued == 0
    assert Invoice.objects.filter(consortium=world.alpha).count() == 1


def test_a_member_added_later_gets_a_supplementary_invoice_with_the_next_number(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    late = factories.membership(world.alpha, joined_date=date(2026, 10, 15))

    run = services.issue_run(world.orcid_admin, schedule)

    assert run.kind == BillingRun.Kind.SUPPLEMENTARY
    (invoice,) = Invoice.objects.filter(membership=late)
    assert invoice.number == 2
    # Joined in October with monthly proration: 3 of 12 months of 1000 + 500.
    assert invoice.total == Decimal("375.00")


def test_member_and_local_fees_in_two_currencies_make_two_invoices(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="NZD")

    services.issue_run(world.orcid_admin, schedule)

    invoices = Invoice.objects.filter(membership=world.alpha_membership).order_by("number")
    assert [(i.currency, i.total, i.number) for i in invoices] == [
        ("USD", Decimal("1000.00"), 1),
        ("NZD", Decimal("500.00"), 2),
    ]
