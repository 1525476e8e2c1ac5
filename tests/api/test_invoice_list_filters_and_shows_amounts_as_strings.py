"""GET /invoices lists invoices and credit notes in scope, filtered by consortium, year, state,
currency, membership, kind and q (a reference or a member's name), with amounts as strings."""

from datetime import date

from consortia.billing import services
from consortia.billing.models import Invoice
from tests import factories


def issue(world, consortium, **fields):
    schedule = factories.fee_schedule(consortium, **fields)
    services.issue_run(world.orcid_admin, schedule)
    return schedule


def refs(response):
    assert response.status_code == 200, response.content
    return sorted(row["reference"] for row in response.json()["results"])


def test_rows_have_amounts_as_strings_with_the_currency_and_the_state(api_for, world):
    issue(world, world.alpha, local_currency="USD", tax_rate="15")

    (row,) = api_for("alpha_admin").get("/invoices").json()["results"]

    assert row["reference"] == "INV-2026-00001" and row["kind"] == "invoice"
    assert (row["currency"], row["subtotal"], row["tax_total"], row["total"]) == (
        "USD",
        "1500.00",
        "225.00",
        "1725.00",
    )
    assert (row["amount_paid"], row["balance"], row["state"]) == ("0.00", "1725.00", "issued")
    assert row["consortium"] == "alpha" and row["membership"] == world.alpha_membership.pk
    assert row["bill_to_name"] == "Alpha University" and row["credit_for"] is None


def test_filters_by_consortium_year_currency_membership_and_q(api_for, world):
    issue(world, world.alpha, local_currency="NZD")
    issue(world, world.beta)
    other = factories.membership(world.alpha, factories.organization("Kiwi Polytechnic"))
    services.issue_run(world.orcid_admin, Invoice.objects.filter(consortium=world.alpha).first().schedule)
    client = api_for("orcid_admin")

    assert len(refs(client.get("/invoices"))) == 6
    assert refs(client.get("/invoices", {"consortium": "beta"})) == ["INV-2026-00001", "INV-2026-00002"]
    assert len(refs(client.get("/invoices", {"consortium": "alpha", "currency": "nzd"}))) == 2
    assert len(refs(client.get("/invoices", {"membership": str(other.pk)}))) == 2
    assert refs(client.get("/invoices", {"year": "2025"})) == []
    assert len(refs(client.get("/invoices", {"q": "kiwi"}))) == 2
    assert len(refs(client.get("/invoices", {"q": "INV-2026-00003", "consortium": "alpha"}))) == 1


def test_state_filter_follows_payments_credit_notes_and_due_dates(api_for, world):
    factories.membership(world.alpha, factories.organization("Kiwi Polytechnic"))
    issue(world, world.alpha, local_currency="USD")
    paid_in_part, credited = Invoice.objects.order_by("number")
    services.record_payment(world.orcid_admin, paid_in_part, amount="100.00", received_on=date(2026, 1, 5))
    services.issue_credit_note(world.orcid_admin, credited, reason="Left the consortium")
    client = api_for("alpha_admin")

    assert refs(client.get("/invoices", {"state": "partly_paid"})) == [paid_in_part.reference]
    assert refs(client.get("/invoices", {"state": "void"})) == [credited.reference]
    assert refs(client.get("/invoices", {"kind": "credit_note"})) == ["CN-2026-00001"]
    # A credit note's own state is "issued"; no invoice is still simply issued.
    assert refs(client.get("/invoices", {"state": "issued"})) == ["CN-2026-00001"]
    assert refs(client.get("/invoices", {"state": "overdue"})) == []


def test_bad_filter_values_are_400_with_the_field_named(api_for, world):
    client = api_for("alpha_admin")

    for params, field in (
        ({"state": "unpaid"}, "state"),
        ({"kind": "receipt"}, "kind"),
        ({"year": "last"}, "year"),
        ({"membership": "abc"}, "membership"),
    ):
        response = client.get("/invoices", params)
        assert response.status_code == 400 and field in response.json()["fields"], params
