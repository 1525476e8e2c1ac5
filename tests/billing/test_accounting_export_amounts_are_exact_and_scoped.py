"""The accounting export: invoices, lines and payments of a period as CSV (three sections) or
XLSX (three sheets), amounts exact to the cent ("1725.00", never float noise), text made safe
from spreadsheet formulas; a bad format or date is a 400, outsiders of each role get 404, and
the query count does not grow with the data."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consortia.billing import services
from consortia.billing.exports import export_invoices
from consortia.billing.models import Invoice
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def invoice(world):
    schedule = factories.fee_schedule(world.beta, local_currency="USD", tax_rate="15", tax_label="VAT")
    invoice = services.issue_run(world.orcid_admin, schedule).invoices.get()
    services.record_payment(
        world.beta_admin, invoice, amount="725.00", received_on=invoice.issued_on, reference="=HYPERLINK(1)"
    )
    return invoice


def export_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("billing:invoice_export", args=["beta"]) + (f"?{query}" if query else "")


def sections(content: bytes) -> dict[str, list[list[str]]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    found, current = {}, None
    for row in rows:
        if not row:
            current = None
        elif current is None:
            current = found.setdefault(row[0], [])
        else:
            current.append(row)
    return found


def test_csv_has_three_sections_with_exact_amounts(client_for, invoice):
    response = client_for("beta_admin").get(export_url(format="csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="beta-invoices-all.csv"'
    found = sections(response.content)
    assert list(found) == ["Invoices", "Lines", "Payments"]
    header, row = found["Invoices"]
    record = dict(zip(header, row, strict=True))
    assert record == {
        "reference": "INV-2026-00001",
        "kind": "invoice",
        "member": "Beta Institut",
        "issued_on": invoice.issued_on.isoformat(),
        "due_on": invoice.due_on.isoformat(),
        "currency": "USD",
        "subtotal": "1500.00",
        "tax": "225.00",
        "total": "1725.00",
        "paid": "725.00",
        "credited": "0.00",
        "balance": "1000.00",
        "state": "partly_paid",
    }
    header, *lines = found["Lines"]
    assert [dict(zip(header, line, strict=True))["total"] for line in lines] == ["1150.00", "575.00"]
    assert dict(zip(header, lines[0], strict=True))["quantity"] == "1"
    header, payment = found["Payments"]
    paid = dict(zip(header, payment, strict=True))
    assert paid["amount"] == "725.00" and paid["applied"] == "725.00" and paid["unapplied"] == "0.00"
    assert paid["reference"] == "'=HYPERLINK(1)"  # a formula is neutralised


def test_a_credit_note_keeps_negative_amounts_as_numbers(world, invoice):
    other = factories.membership(world.beta)
    credited = services.issue_run(world.orcid_admin, invoice.schedule).invoices.get(membership=other)
    services.issue_credit_note(world.beta_admin, credited, reason="-Left")

    found = sections(export_invoices(Invoice.objects.filter(consortium=world.beta), "csv", None, None))

    header, *rows = found["Invoices"]
    note = next(dict(zip(header, r, strict=True)) for r in rows if r[1] == "credit_note")
    assert note["total"] == "-1725.00" and note["balance"] == "0.00"
    header, *lines = found["Lines"]
    descriptions = [dict(zip(header, line, strict=True))["description"] for line in lines]
    assert "Credit: ORCID basic membership 2026" in descriptions


def test_xlsx_has_three_sheets_with_decimal_amounts_and_a_money_format(client_for, invoice):
    response = client_for("beta_staff").get(export_url(format="xlsx"))

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Invoices", "Lines", "Payments"]
    sheet = workbook["Invoices"]
    header = [cell.value for cell in sheet[1]]
    total = sheet.cell(row=2, column=header.index("total") + 1)
    assert Decimal(str(total.value)) == Decimal("1725.00")
    assert total.number_format == "0.00"
    issued = sheet.cell(row=2, column=header.index("issued_on") + 1)
    assert issued.value.date() == invoice.issued_on
    payments = workbook["Payments"]
    assert payments.cell(row=2, column=9).value == "'=HYPERLINK(1)"


def test_the_period_selects_invoices_issued_and_payments_received_in_it(client_for, invoice):
    before = invoice.issued_on - timedelta(days=10)
    response = client_for("beta_admin").get(
        export_url(
            format="csv", **{"from": before.isoformat(), "to": (before + timedelta(days=1)).isoformat()}
        )
    )

    found = sections(response.content)
    assert [len(rows) for rows in found.values()] == [1, 1, 1]  # headers only
    same_day = client_for("beta_admin").get(
        export_url(
            format="csv", **{"from": invoice.issued_on.isoformat(), "to": invoice.issued_on.isoformat()}
        )
    )
    assert [len(rows) for rows in sections(same_day.content).values()] == [2, 3, 2]


@pytest.mark.parametrize(
    "params",
    [
        {"format": "pdf"},
        {"format": "csv", "from": "2026-13-01"},
        {"format": "csv", "to": "yesterday"},
        {"format": "csv", "from": "2026-02-01", "to": "2026-01-01"},
    ],
)
def test_a_bad_format_or_date_is_refused_with_400(client_for, invoice, params):
    assert client_for("beta_admin").get(export_url(**params)).status_code == 400


@pytest.mark.parametrize("name", [*OUTSIDERS_OF_BETA, "beta_member"])
def test_outsiders_of_each_role_and_member_contacts_get_404(client_for, invoice, name):
    assert client_for(name).get(export_url(format="csv")).status_code == 404


def test_the_query_count_does_not_grow_with_the_invoices(
    world, client_for, invoice, django_assert_num_queries
):
    client = client_for("beta_admin")
    client.get(export_url(format="csv"))  # warm the session
    with django_assert_num_queries(6) as small:
        client.get(export_url(format="csv"))
    for _ in range(3):
        factories.membership(world.beta)
    services.issue_run(world.orcid_admin, invoice.schedule)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(export_url(format="csv"))
    assert len(sections(response.content)["Invoices"]) == 5
