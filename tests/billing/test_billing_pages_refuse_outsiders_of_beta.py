import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_invoice(world):
    schedule = factories.fee_schedule(world.beta, 2026, local_flat_fee="0")
    services.issue_run(world.orcid_admin, schedule)
    return Invoice.objects.get(consortium=world.beta)


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_each_role_get_404_on_betas_billing_pages(client_for, world, beta_invoice, name):
    client = client_for(name)
    urls = [
        "/consortia/beta/billing/",
        "/consortia/beta/billing/2026/",
        "/consortia/beta/billing/2026/edit/",
        "/consortia/beta/billing/2026/run/",
        "/consortia/beta/billing/invoices/",
        "/consortia/beta/billing/receivables/",
        "/consortia/beta/billing/2026/statement/",
        f"/invoices/{beta_invoice.pk}/",
        f"/members/{world.beta_membership.pk}/ledger/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        "/consortia/beta/billing/2026/run/",
        "/consortia/beta/billing/2026/statement/payments/",
        f"/invoices/{beta_invoice.pk}/payments/",
        f"/invoices/{beta_invoice.pk}/credit-note/",
    ]
    for url in posts:
        assert client.post(url, {"amount": "1.00", "reason": "x"}).status_code == 404, url
    assert beta_invoice.reference not in client.get("/invoices/").content.decode()
    assert Invoice.objects.filter(consortium=world.beta).count() == 1


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff", "alpha_member", "beta_member"])
def test_statements_of_every_consortium_are_not_for_consortium_roles(client_for, beta_invoice, name):
    page = client_for(name).get("/billing/statements/?year=2026")
    assert page.status_code == 404 or "Beta Consortium" not in page.content.decode()
