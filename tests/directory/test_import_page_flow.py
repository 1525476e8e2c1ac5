"""The import page: upload a file, see the dry run (every bad row, or what will change), apply it,
and download the members as CSV or XLSX."""

import pytest
from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.directory.models import Membership, Organization
from tests.directory.import_files import KIWI_UNIVERSITY, upload

GOOD_ROWS = KIWI_UNIVERSITY
BAD_ROWS = [
    {
        "organization_name": "Kiwi University",
        "country": "NZ",
        "status": "active",
        "contact_role": "votes",
        "given_names": "Ann",
        "email": "ann@kiwi.example",
    },
    {"organization_name": "Tier Org", "country": "NZ", "tier": "huge"},
]


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture
def page(world):
    return reverse("directory:member_import", args=[world.alpha.slug])


def test_the_page_offers_the_upload_form_and_both_exports(world, client_for, page):
    response = client_for("alpha_admin").get(page)
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()
    assert reverse("directory:member_export", args=["alpha", "csv"]) in response.content.decode()
    assert reverse("directory:member_export", args=["alpha", "xlsx"]) in response.content.decode()


def test_upload_preview_then_apply(world, client_for, page, data_dir):
    client = client_for("alpha_admin")
    preview = client.post(page, {"action": "preview", "file": upload(GOOD_ROWS)})
    assert preview.status_code == 200
    assert "Apply import" in preview.content.decode()
    assert preview.context["plan"].counts["memberships"].created == 1
    assert not Organization.objects.filter(name="Kiwi University").exists()
    token = preview.context["token"]
    assert [path.name for path in (data_dir / "imports").iterdir()] == [f"{token}.csv"]

    applied = client.post(page, {"action": "apply", "token": token})

    assert applied.status_code == 200
    assert applied.context["applied"] is True
    assert "Imported members.csv" in applied.content.decode()
    membership = Membership.objects.get(organization__name="Kiwi University", consortium=world.alpha)
    assert membership.status == "active"
    assert AuditEntry.objects.filter(membership=membership, actor=world.alpha_admin).exists()
    assert list((data_dir / "imports").iterdir()) == []


def test_every_bad_row_is_listed_in_a_table_and_there_is_nothing_to_apply(world, client_for, page, data_dir):
    response = client_for("alpha_admin").post(page, {"action": "preview", "file": upload(BAD_ROWS)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "has 2 errors" in body
    assert '<td>2</td><td><span class="mono">contact_role</span></td>' in body
    assert '<td>3</td><td><span class="mono">tier</span></td>' in body
    assert "Apply import" not in body
    assert not (data_dir / "imports").exists() or list((data_dir / "imports").iterdir()) == []


def test_an_unreadable_file_is_an_error_on_the_form(world, client_for, page):
    response = client_for("alpha_admin").post(
        page, {"action": "preview", "file": upload(GOOD_ROWS, "members.pdf")}
    )
    assert response.status_code == 200
    assert "is not a .csv or .xlsx file" in response.content.decode()


def test_apply_needs_the_token_this_session_previewed(world, client_for, page, data_dir):
    client = client_for("alpha_admin")
    token = client.post(page, {"action": "preview", "file": upload(GOOD_ROWS)}).context["token"]
    for forged in ("../../secret_key", "0" * 32, ""):
        response = client.post(page, {"action": "apply", "token": forged})
        assert "no longer available" in response.content.decode()
    # Another user's session cannot apply it either.
    response = client_for("alpha_staff").post(page, {"action": "apply", "token": token})
    assert "no longer available" in response.content.decode()
    assert not Organization.objects.filter(name="Kiwi University").exists()


def test_an_applied_upload_cannot_be_applied_twice(world, client_for, page):
    client = client_for("alpha_admin")
    token = client.post(page, {"action": "preview", "file": upload(GOOD_ROWS)}).context["token"]
    client.post(page, {"action": "apply", "token": token})
    again = client.post(page, {"action": "apply", "token": token})
    assert "no longer available" in again.content.decode()


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_the_export_links_download_a_file(world, client_for, fmt, content_type):
    response = client_for("alpha_admin").get(reverse("directory:member_export", args=["alpha", fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="alpha-members-')


def test_an_unknown_export_format_is_not_found(world, client_for):
    response = client_for("alpha_admin").get(reverse("directory:member_export", args=["alpha", "pdf"]))
    assert response.status_code == 404
