"""Each billing page runs the same number of queries for 2 members or 12, invoices or ledgers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.lib.dates import today_in
from tests import factories


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world, schedule, count):
    for _ in range(count):
        factories.membership(world.alpha, member_type="premium")
    services.issue_run(world.orcid_admin, schedule)
    today = today_in(world.alpha.time_zone)
    for n, invoice in enumerate(Invoice.objects.filter(consortium=world.alpha, kind="invoice")):
        Invoice.objects.filter(pk=invoice.pk).update(due_on=today - timedelta(days=n * 20))
        if n % 3 == 0:
            services.record_payment(world.orcid_admin, invoice, amount="10.00", received_on=today)


@pytest.mark.parametrize(
    "name, url",
    [
        ("alpha_admin", "/consortia/alpha/billing/2026/run/"),
        ("alpha_admin", "/consortia/alpha/billing/invoices/"),
        ("alpha_staff", "/consortia/alpha/billing/invoices/?state=overdue&currency=USD&q=Organization"),
        ("alpha_admin", "/consortia/alpha/billing/receivables/"),
        ("alpha_admin", "/consortia/alpha/billing/"),
        ("orcid_admin", "/billing/statements/?year=2026"),
        ("alpha_member", "/invoices/"),
    ],
)
def test_billing_pages_query_counts_do_not_grow_with_the_data(client_for, world, name, url):
    schedule = factories.fee_schedule(world.alpha, 2026)
    client = client_for(name)
    _grow(world, schedule, 1)
    small = _queries(client, url)
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.beta, 2026))
    _grow(world, schedule, 10)
    assert _queries(client, url) == small


def test_the_preview_of_many_members_is_a_fixed_number_of_queries(client_for, world):
    factories.fee_schedule(world.alpha, 2026)
    client = client_for("alpha_admin")
    small = _queries(client, "/consortia/alpha/billing/2026/run/")
    for _ in range(40):
        factories.membership(world.alpha, with_lead_contacts=False)
    assert _queries(client, "/consortia/alpha/billing/2026/run/") == small


def test_the_invoice_page_is_a_fixed_number_of_queries(client_for, world):
    schedule = factories.fee_schedule(world.alpha, 2026)
    services.issue_run(world.orcid_admin, schedule)
    invoice = Invoice.objects.filter(membership=world.alpha_membership, currency="USD").get()
    client = client_for("alpha_admin")
    today = today_in(world.alpha.time_zone)
    services.record_payment(world.orcid_admin, invoice, amount="10.00", received_on=today)
    small = _queries(client, f"/invoices/{invoice.pk}/")
    for _ in range(5):
        services.record_payment(world.orcid_admin, invoice, amount="10.00", received_on=today)
    assert _queries(client, f"/invoices/{invoice.pk}/") == small
