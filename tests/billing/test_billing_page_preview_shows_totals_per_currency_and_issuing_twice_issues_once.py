from consortia.billing.models import BillingRun, Invoice
from tests import factories


def test_the_preview_lists_every_line_and_totals_per_currency_before_anything_is_issued(client_for, world):
    factories.membership(world.alpha, member_type="premium")
    factories.fee_schedule(world.alpha, 2026, local_flat_fee="500.00", proration="none")
    page = client_for("alpha_admin").get("/consortia/alpha/billing/2026/run/")
    html = page.content.decode()
    assert page.context["totals"] == {"NZD": 1000, "USD": 3000}
    assert "USD 3,000.00" in html
    assert "NZD 1,000.00" in html
    assert "ORCID premium membership 2026" in html
    assert "Consortium fee 2026" in html
    assert "Issue 4 invoices" in html
    assert Invoice.objects.count() == 0


def test_issuing_twice_issues_once_and_says_so(client_for, world):
    factories.fee_schedule(world.alpha, 2026)
    client = client_for("alpha_admin")
    first = client.post("/consortia/alpha/billing/2026/run/", follow=True)
    assert "issued 2 invoices" in first.content.decode()
    second = client.post("/consortia/alpha/billing/2026/run/", follow=True)
    assert "Nothing new to issue" in second.content.decode()
    assert Invoice.objects.filter(consortium=world.alpha).count() == 2
    assert list(BillingRun.objects.values_list("invoices_issued", flat=True).order_by("pk")) == [2, 0]
    assert "Issue " not in second.content.decode().split("Already issued")[0].split("stat-grid")[-1]


def test_problems_are_listed_and_block_issuing(client_for, world):
    factories.fee_schedule(world.alpha, 2026, local_model="tiered")
    client = client_for("alpha_admin")
    html = client.get("/consortia/alpha/billing/2026/run/").content.decode()
    assert "No local fee for Alpha University" in html
    response = client.post("/consortia/alpha/billing/2026/run/", follow=True)
    assert "No local fee for Alpha University" in response.content.decode()
    assert Invoice.objects.count() == 0
