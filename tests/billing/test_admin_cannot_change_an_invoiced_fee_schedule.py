"""Once a schedule has issued invoices, the admin shows it read-only: what invoices and
statements were computed from never changes afterwards."""

from django.test import Client
from django.urls import reverse

from consortia.billing import services
from consortia.billing.models import FeeSchedule
from tests import factories


def test_the_admin_refuses_to_change_an_invoiced_schedule(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD", tax_rate="15", tax_label="GST")
    services.issue_run(world.orcid_admin, schedule)
    client = Client()
    client.force_login(world.orcid_admin)
    url = reverse("admin:billing_feeschedule_change", args=[schedule.pk])

    page = client.get(url)
    response = client.post(url, {"tax_label": "VAT", "payment_terms_days": "90"})

    assert page.status_code == 200 and b'name="tax_label"' not in page.content
    assert response.status_code == 403
    schedule.refresh_from_db()
    assert (schedule.tax_label, schedule.payment_terms_days) == ("GST", 30)
    assert FeeSchedule.objects.get(pk=schedule.pk).member_rates.count() == 2


def test_a_schedule_without_invoices_can_still_be_edited_in_the_admin(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    client = Client()
    client.force_login(world.orcid_admin)

    page = client.get(reverse("admin:billing_feeschedule_change", args=[schedule.pk]))

    assert b'name="tax_label"' in page.content
