"""Reading a members file: CSV (UTF-8, with or without BOM, comma or semicolon) and XLSX, with line
numbers; a file that cannot be read says why."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from consortia.directory.imports import read_member_file

HEADER = ["Organization_Name", "COUNTRY", "contact role", "given_names", "email", "phone", "joined_date"]
ROWS = [
    ["Kōtuku University", "NZ", "Voting contact", "Aroha", "aroha@kotuku.example", "+64 9 123", "2024-03-31"],
    ["Kōtuku University", "NZ", "main_relationship", "Ben", "ben@kotuku.example", "", ""],
]
EXPECTED = [
    {
        "organization_name": "Kōtuku University",
        "country": "NZ",
        "contact_role": "Voting contact",
        "given_names": "Aroha",
        "email": "aroha@kotuku.example",
        "phone": "+64 9 123",
        "joined_date": "2024-03-31",
    },
    {
        "organization_name": "Kōtuku University",
        "country": "NZ",
        "contact_role": "main_relationship",
        "given_names": "Ben",
        "email": "ben@kotuku.example",
        "phone": "",
        "joined_date": "",
    },
]


def csv_bytes(rows, delimiter=",", bom=False) -> bytes:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(data: bytes, name: str):
    return read_member_file(io.BytesIO(data), name)


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_csv_with_or_without_bom_reads_with_case_insensitive_headers(bom):
    rows = read(csv_bytes([HEADER, *ROWS], bom=bom), "members.csv")
    assert [row.values for row in rows] == EXPECTED
    assert [row.line for row in rows] == [2, 3]


def test_semicolon_delimited_csv_is_recognized():
    rows = read(csv_bytes([HEADER, *ROWS], delimiter=";"), "members.CSV")
    assert [row.values for row in rows] == EXPECTED


def test_xlsx_reads_the_first_sheet_with_dates_and_numbers_as_text():
    data = xlsx_bytes(
        [HEADER, [*ROWS[0][:5], 6491234567, datetime(2024, 3, 31)], [*ROWS[1][:5], None, date(2024, 1, 2)]]
    )
    rows = read(data, "members.xlsx")
    assert rows[0].values["phone"] == "6491234567"
    assert rows[0].values["joined_date"] == "2024-03-31"
    assert rows[1].values["joined_date"] == "2024-01-02"
    assert rows[1].values["phone"] == ""


def test_blank_rows_are_skipped_but_line_numbers_stay_those_of_the_file():
    csv_rows = read(csv_bytes([HEADER, ROWS[0], [""] * len(HEADER), ROWS[1]]), "members.csv")
    assert [row.line for row in csv_rows] == [2, 4]
    xlsx_rows = read(xlsx_bytes([HEADER, ROWS[0], [], ROWS[1]]), "members.xlsx")
    assert [row.line for row in xlsx_rows] == [2, 4]


def test_an_export_apostrophe_before_a_formula_character_is_taken_off():
    rows = read(
        csv_bytes(
            [["organization_name", "city"], ["'=Org", "'-Town"], ["O'Brien Trust", "'s-Hertogenbosch"]]
        ),
        "members.csv",
    )
    assert rows[0].values == {"organization_name": "=Org", "city": "-Town"}
    assert rows[1].values == {"organization_name": "O'Brien Trust", "city": "'s-Hertogenbosch"}


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"organization_name\nX\n", "members.txt", "is not a .csv or .xlsx file"),
        (b"", "members.csv", "The file is empty"),
        (b"organization_name\n", "members.csv", "has a header row but no members"),
        ("organization_name\nMünchen Institut\n".encode("latin-1"), "members.csv", "is not UTF-8"),
        (b"not a zip at all", "members.xlsx", "is not a readable .xlsx workbook"),
        (b"country,city\nNZ,Auckland\n", "members.csv", "has no organization_name column"),
        (b"organization_name,emial\nX,a@b.example\n", "members.csv", "unknown column emial"),
        (b"organization_name,country,Country\nX,NZ,NZ\n", "members.csv", "country appears more than once"),
        (b"organization_name,email\nX,a@b.example\n", "members.csv", "no contact_role column"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ValidationError, match=message):
        read(data, name)
