import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


@pytest.fixture
def alpha_billed(world):
    schedule = factories.fee_schedule(world.alpha, 2026)
    services.issue_run(world.orcid_admin, schedule)
    return schedule


STAFF_PAGES = [
    "/consortia/alpha/billing/",
    "/consortia/alpha/billing/2026/",
    "/consortia/alpha/billing/2026/run/",
    "/consortia/alpha/billing/invoices/",
    "/consortia/alpha/billing/receivables/",
    "/consortia/alpha/billing/2026/statement/",
]


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff"])
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_consortium_billing_pages_render_for_staff_roles_in_scope(client_for, alpha_billed, name, url):
    response = client_for(name).get(url)
    assert response.status_code == 200, url


@pytest.mark.parametrize("name", ["orcid_admin", "regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_invoice_and_ledger_pages_render_for_every_role_in_scope(client_for, world, alpha_billed, name):
    invoice = Invoice.objects.filter(consortium=world.alpha).first()
    client = client_for(name)
    page = client.get(f"/invoices/{invoice.pk}/")
    assert page.status_code == 200
    assert invoice.reference in page.content.decode()
    assert client.get(f"/members/{world.alpha_membership.pk}/ledger/").status_code == 200
    assert invoice.reference in client.get("/invoices/").content.decode()


@pytest.mark.parametrize("name", ["orcid_admin", "alpha_admin"])
def test_schedule_forms_render_for_who_manages_billing(client_for, alpha_billed, name):
    client = client_for(name)
    assert client.get("/consortia/alpha/billing/schedules/new/").status_code == 200
    assert client.get("/consortia/alpha/billing/2026/edit/").status_code == 200


@pytest.mark.parametrize("name", ["orcid_admin", "regional"])
def test_orcid_roles_see_the_statements_of_the_year(client_for, alpha_billed, name):
    page = client_for(name).get("/billing/statements/?year=2026")
    assert page.status_code == 200
    assert "Alpha Consortium" in page.content.decode()


@pytest.mark.parametrize(
    "name, label, url",
    [
        ("orcid_admin", "Billing", "/billing/statements/"),
        ("regional", "Billing", "/billing/statements/"),
        ("alpha_admin", "Billing", "/consortia/alpha/billing/"),
        ("alpha_staff", "Billing", "/consortia/alpha/billing/"),
        ("alpha_member", "Invoices", "/invoices/"),
    ],
)
def test_navigation_leads_each_role_to_its_billing_page(client_for, world, name, label, url):
    page = client_for(name).get("/invoices/" if name == "alpha_member" else url)
    assert (label, url, True) in page.context["nav_items"]
