"""``import_members`` and ``export_members``: a dry run by default, every error as
``line N: column: reason``, and a non-zero exit with a one-line reason on errors or bad arguments."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from consortia.audit.models import AuditEntry
from consortia.directory.imports import COLUMNS
from consortia.directory.models import Membership, Organization
from tests.directory.import_files import KIWI_UNIVERSITY, csv_text

GOOD_ROWS = [*KIWI_UNIVERSITY, {"organization_name": "Tui Institute", "country": "NZ"}]
BAD_ROWS = [
    {"organization_name": "Tier Org", "country": "NZ", "tier": "huge"},
    {"organization_name": "", "country": "NZ"},
]


def members_file(tmp_path, rows, name="members.csv"):
    path = tmp_path / name
    path.write_text(csv_text(rows), encoding="utf-8")
    return str(path)


def run(*args, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(*args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_import_is_a_dry_run_unless_told_to_apply(world, tmp_path):
    path = members_file(tmp_path, GOOD_ROWS)
    out, _ = run("import_members", path, consortium="alpha", user="admin@alpha.example")
    assert "memberships: 2 new, 0 changed, 1 unchanged" not in out
    assert "memberships: 2 new, 0 changed, 0 unchanged" in out
    assert "Dry run: nothing was saved" in out
    assert not Organization.objects.filter(name="Kiwi University").exists()


def test_apply_imports_with_a_progress_bar_on_stderr(world, tmp_path):
    path = members_file(tmp_path, GOOD_ROWS)
    out, err = run("import_members", path, "--apply", consortium="alpha", user="ADMIN@alpha.example")
    assert "Imported members.csv into Alpha Consortium." in out
    assert "Importing members" in err and "2/2" in err
    assert Membership.objects.get(organization__name="Kiwi University").status == "active"


def test_errors_are_printed_one_a_line_and_the_command_fails_with_a_reason(world, tmp_path):
    path = members_file(tmp_path, BAD_ROWS)
    stderr = io.StringIO()
    entries = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=r"^members.csv has 2 errors; nothing was imported.$"):
        call_command(
            "import_members",
            path,
            "--apply",
            consortium="alpha",
            user="admin@alpha.example",
            stdout=io.StringIO(),
            stderr=stderr,
        )
    lines = stderr.getvalue().splitlines()
    assert "line 2: tier: “huge” is not a tier: use one of small, standard, large." in lines
    assert "line 3: organization_name: Every row needs the organization's name." in lines
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("args", "options", "reason"),
    [
        (["missing.csv"], {"consortium": "alpha", "user": "admin@alpha.example"}, "There is no file"),
        (["FILE"], {"consortium": "alpha", "user": "nobody@example.org"}, "No active user has the e-mail"),
        (["FILE"], {"consortium": "nowhere", "user": "admin@alpha.example"}, "has no consortium 'nowhere'"),
        (["FILE"], {"consortium": "alpha", "user": "regional@orcid.example"}, "may not import members"),
    ],
)
def test_bad_arguments_fail_with_a_one_line_reason(world, tmp_path, args, options, reason):
    path = members_file(tmp_path, GOOD_ROWS)
    args = [path if arg == "FILE" else str(tmp_path / arg) for arg in args]
    with pytest.raises(CommandError, match=reason) as failure:
        run("import_members", *args, **options)
    assert "\n" not in str(failure.value)


def test_an_unreadable_file_fails_with_the_reason(world, tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_bytes(b"this is not a workbook")
    with pytest.raises(CommandError, match="members.xlsx: The file is not a readable .xlsx workbook"):
        run("import_members", str(path), consortium="alpha", user="admin@alpha.example")


def test_export_writes_csv_to_stdout(world):
    out, _ = run("export_members", consortium="alpha", user="staff@alpha.example")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(COLUMNS)
    assert {row[0] for row in rows[1:]} == {"Alpha University"}


def test_export_writes_xlsx_to_a_file(world, tmp_path):
    target = tmp_path / "alpha.xlsx"
    run("export_members", consortium="alpha", user="admin@alpha.example", output=str(target))
    sheet = load_workbook(target).active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 3


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"format": "xlsx"}, "give --output"),
        ({"output": "alpha.pdf"}, "Cannot tell the format of alpha.pdf"),
        ({"output": "no/such/folder/alpha.csv"}, "There is no folder"),
        ({"user": "contact@alpha-university.example"}, "may not export"),
    ],
)
def test_export_fails_with_a_one_line_reason(world, tmp_path, monkeypatch, options, reason):
    monkeypatch.chdir(tmp_path)
    options = {"consortium": "alpha", "user": "admin@alpha.example", **options}
    with pytest.raises(CommandError, match=reason):
        run("export_members", **options)
