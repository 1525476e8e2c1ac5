"""An export opens safely in a spreadsheet: a cell that would run as a formula starts with '."""

import csv
import io

import pytest
from openpyxl import load_workbook

from consortia.directory.exports import export_members, spreadsheet_safe
from consortia.directory.imports import COLUMNS
from consortia.directory.models import Contact, Organization
from tests import factories


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+64 9 123", "'+64 9 123"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Plain", "Plain"),
        ("O'Brien", "O'Brien"),
        ("", ""),
    ],
)
def test_formula_characters_at_the_start_of_a_cell_are_neutralized(value, safe):
    assert spreadsheet_safe(value) == safe


@pytest.fixture
def hostile_member(world):
    organization = factories.organization('=cmd|" /C calc"!A0', "NZ", city="@Town")
    membership = factories.membership(world.alpha, organization)
    person = factories.person("+Eve", "-Mallory", email="eve@example.org")
    person.phone = "+64 21 000"
    person.job_title = "=1+1"
    person.save()
    Contact.objects.create(membership=membership, person=person, role="technical")
    return membership


def test_csv_export_prefixes_every_dangerous_cell(world, hostile_member):
    data = export_members(world.alpha_admin, world.alpha, "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(COLUMNS)
    eve = next(row for row in rows if row["email"] == "eve@example.org")
    assert eve["organization_name"] == '\'=cmd|" /C calc"!A0'
    assert eve["city"] == "'@Town"
    assert (eve["given_names"], eve["family_name"], eve["phone"], eve["job_title"]) == (
        "'+Eve",
        "'-Mallory",
        "'+64 21 000",
        "'=1+1",
    )
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())


def test_xlsx_export_stores_no_formula(world, hostile_member):
    data = export_members(world.alpha_admin, world.alpha, "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=1+1" in {cell.value for cell in cells}
    assert Organization.objects.filter(name='=cmd|" /C calc"!A0').exists()
