"""The OpenAPI document still builds with the billing router and lists every billing path and
method, amounts documented as strings; invoices offer no way to change or delete them."""

import json

from django.test import Client

BILLING_PATHS = {
    "/api/v1/fee-schedules": {"get", "post"},
    "/api/v1/fee-schedules/{schedule_id}": {"get", "patch"},
    "/api/v1/fee-schedules/{schedule_id}/adjustments": {"post"},
    "/api/v1/billing-runs": {"get", "post"},
    "/api/v1/billing-runs/preview": {"post"},
    "/api/v1/invoices": {"get"},
    "/api/v1/invoices/{invoice_id}": {"get"},
    "/api/v1/invoices/{invoice_id}/credit-notes": {"post"},
    "/api/v1/payments": {"get", "post"},
    "/api/v1/payments/{payment_id}": {"get"},
    "/api/v1/remittance-statements": {"get"},
    "/api/v1/remittance-statements/{slug}/{year}": {"get"},
    "/api/v1/remittance-statements/{slug}/{year}/payments": {"post"},
}


def openapi():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_billing_path_and_method_is_documented(db):
    paths = openapi()["paths"]

    for path, methods in BILLING_PATHS.items():
        assert set(paths[path]) == methods, path


def test_amounts_are_documented_as_strings(db):
    schemas = openapi()["components"]["schemas"]

    assert schemas["InvoiceOut"]["properties"]["total"]["type"] == "string"
    assert schemas["PaymentIn"]["properties"]["amount"]["type"] == "string"
    assert schemas["MoneyOut"]["properties"]["amount"]["type"] == "string"


def test_invoice_lists_document_their_filters(db):
    parameters = {p["name"] for p in openapi()["paths"]["/api/v1/invoices"]["get"]["parameters"]}

    assert {"consortium", "year", "state", "currency", "membership", "q", "page", "page_size"} <= parameters
