"""Issued invoices are immutable: PUT, PATCH and DELETE on an invoice answer 405, whoever asks;
corrections are credit notes."""

import json

import pytest

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_changing_or_deleting_an_invoice_is_405(api_for, world, method):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, local_currency="USD"))
    invoice = Invoice.objects.get()
    client = api_for("orcid_admin")

    response = getattr(client.client, method)(
        f"/api/v1/invoices/{invoice.pk}",
        json.dumps({"total": "1.00"}),
        content_type="application/json",
        **client.headers,
    )

    assert response.status_code == 405
    assert Invoice.objects.get().total == invoice.total


def test_the_openapi_document_offers_only_get_on_an_invoice(api_for, world):
    document = api_for("orcid_admin").client.get("/api/v1/openapi.json").json()

    assert set(document["paths"]["/api/v1/invoices/{invoice_id}"]) == {"get"}
