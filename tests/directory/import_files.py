"""Member files for the import tests, built in the test rather than kept as fixtures."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.directory.imports import COLUMNS, read_member_file

# A new active member with exactly the two lead contacts it needs.
KIWI_UNIVERSITY = [
    {
        "organization_name": "Kiwi University",
        "country": "NZ",
        "status": "active",
        "contact_role": "voting",
        "given_names": "Ann",
        "email": "ann@kiwi.example",
    },
    {
        "organization_name": "Kiwi University",
        "contact_role": "main_relationship",
        "given_names": "Bo",
        "email": "bo@kiwi.example",
    },
]


def csv_text(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return buffer.getvalue()


def rows_of(*rows):
    """The rows as ``read_member_file`` returns them from a CSV file."""
    return read_member_file(io.BytesIO(csv_text(rows).encode()), "members.csv")


def upload(rows, name="members.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_text(rows).encode(), content_type="text/csv")
