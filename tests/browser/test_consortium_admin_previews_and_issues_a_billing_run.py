"""A consortium admin previews the year's billing run in the browser, issues it, and opens the
invoice it made; issuing again issues nothing new."""

import re

import pytest

from consortia.billing.models import Invoice
from tests import factories

pytestmark = pytest.mark.browser


def test_consortium_admin_previews_issues_and_opens_the_invoice(
    transactional_db, world, live_server, browser_page
):
    factories.fee_schedule(world.alpha, local_currency="USD")
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill("admin@alpha.example")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/consortia/alpha/")

    page.goto(f"{live_server.url}/consortia/alpha/billing/2026/run/")
    assert "1,500.00" in page.content()
    page.get_by_role("button", name="Issue 1 invoice").click()
    page.wait_for_load_state()

    invoice = Invoice.objects.get(membership=world.alpha_membership)
    page.goto(f"{live_server.url}/invoices/{invoice.pk}/")
    assert page.get_by_role("heading", name=re.compile(invoice.reference)).is_visible()
    assert "1,500.00" in page.content()
    page.goto(f"{live_server.url}/consortia/alpha/billing/2026/run/")
    assert page.get_by_role("button", name=re.compile(r"^Issue 1 invoice")).count() == 0
