from django.contrib.admin.sites import site

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def test_the_admin_shows_an_issued_invoice_read_only_and_refuses_changes(client_for, world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, 2026))
    invoice = Invoice.objects.filter(consortium=world.alpha).first()
    total = invoice.total
    client = client_for("orcid_admin")
    url = f"/admin/billing/invoice/{invoice.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert b'name="total"' not in page.content
    response = client.post(url, {"total": "1.00", "status": "draft", "note": "edited"})
    assert response.status_code == 403
    assert client.post(f"/admin/billing/invoice/{invoice.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/billing/invoice/add/").status_code == 403
    invoice.refresh_from_db()
    assert (invoice.total, invoice.status, invoice.note) == (total, "issued", "")

    admin = site._registry[Invoice]
    request = page.wsgi_request
    assert admin.has_change_permission(request, invoice) is False
    assert admin.has_delete_permission(request, invoice) is False


def test_fee_schedules_are_edited_in_the_admin_with_their_rates(client_for, world):
    schedule = factories.fee_schedule(world.alpha, 2026)
    page = client_for("orcid_admin").get(f"/admin/billing/feeschedule/{schedule.pk}/change/")
    assert page.status_code == 200
    assert b"member_rates-0-amount" in page.content
