"""POST /payments records money received against an issued invoice, amount as a string in the
invoice's currency; an over-payment is kept as the member's credit; a JSON number, a bad amount,
a future date or a credit note is a 400."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from consortia.billing import services
from consortia.billing.models import Invoice, Payment
from tests import factories


@pytest.fixture
def invoice(world):
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, local_currency="USD"))
    return Invoice.objects.get()


def pay(paid, **fields):
    return {"invoice": paid.pk, "amount": "600.00", "received_on": "2026-01-15"} | fields


def test_a_partial_payment_is_applied_and_the_invoice_is_partly_paid(api_for, invoice):
    client = api_for("alpha_admin")

    response = client.post("/payments", pay(invoice, method="Bank transfer", reference="TT-42"))

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["currency"], body["amount"], body["applied"], body["unapplied"]) == (
        "USD",
        "600.00",
        "600.00",
        "0.00",
    )
    assert (body["method"], body["reference"], body["invoice_reference"]) == (
        "Bank transfer",
        "TT-42",
        "INV-2026-00001",
    )
    detail = client.get(f"/invoices/{invoice.pk}").json()
    assert (detail["amount_paid"], detail["balance"]) == ("600.00", "900.00")


def test_an_over_payment_is_kept_as_credit(api_for, invoice):
    body = api_for("orcid_admin").post("/payments", pay(invoice, amount="1600.00")).json()

    assert (body["applied"], body["unapplied"]) == ("1500.00", "100.00")


def test_a_json_number_for_the_amount_is_a_400_naming_it(api_for, invoice):
    response = api_for("alpha_admin").post("/payments", pay(invoice, amount=600.0))

    assert response.status_code == 400
    assert "never a float" in response.json()["fields"]["amount"][0]
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": "0.00"}, "amount"),
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "10.001"}, "amount"),
        ({"amount": "ten"}, "amount"),
        ({"received_on": (timezone.localdate() + timedelta(days=3)).isoformat()}, "received_on"),
        ({"invoice": 999999}, "invoice"),
    ],
)
def test_bad_payments_are_400_with_the_field_named(api_for, invoice, fields, field):
    response = api_for("alpha_admin").post("/payments", pay(invoice, **fields))

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_a_credit_note_takes_no_payment(api_for, world, invoice):
    note = services.issue_credit_note(world.orcid_admin, invoice, reason="Left")

    response = api_for("alpha_admin").post("/payments", pay(note))

    assert response.status_code == 400 and note.reference in response.json()["detail"]


def test_payments_are_listed_and_filtered(api_for, world, invoice):
    services.record_payment(
        world.orcid_admin, invoice, amount="100.00", received_on=date(2026, 1, 5), reference="A1"
    )
    services.record_payment(
        world.orcid_admin, invoice, amount="200.00", received_on=date(2026, 2, 5), reference="B2"
    )
    client = api_for("alpha_staff")

    listed = client.get("/payments", {"invoice": str(invoice.pk)}).json()
    found = client.get("/payments", {"q": "b2"}).json()

    assert [p["amount"] for p in listed["results"]] == ["200.00", "100.00"]
    assert [p["reference"] for p in found["results"]] == ["B2"]
    assert client.get("/payments", {"q": "INV-2026-00001"}).json()["count"] == 2
    assert client.get("/payments", {"invoice": "x"}).status_code == 400
