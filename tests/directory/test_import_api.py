"""The import endpoint: a dry run by default, an import with dry_run=false, a 400 listing every error
when the file is wrong; and the export endpoint returning the file."""

import io

import pytest
from django.test import Client

from consortia.accounts.tokens import create_token
from consortia.audit.models import AuditEntry
from consortia.directory.imports import read_member_file
from consortia.directory.models import Membership, Organization
from tests.directory.import_files import KIWI_UNIVERSITY, upload

URL = "/api/v1/consortia/alpha/member-imports"
GOOD_ROWS = KIWI_UNIVERSITY
BAD_ROWS = [*GOOD_ROWS, {"organization_name": "Tier Org", "country": "NZ", "tier": "huge"}]


@pytest.fixture
def api(world):
    _, key = create_token(world.orcid_admin, world.alpha_admin)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_dry_run_answers_with_the_plan_and_saves_nothing(world, api):
    audit_entries = AuditEntry.objects.count()
    response = api.post(URL, {"file": upload(GOOD_ROWS)})
    assert response.status_code == 200
    body = response.json()
    assert body["applied"] is False
    assert body["errors"] == []
    assert body["counts"]["memberships"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert body["counts"]["contacts"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert not Organization.objects.filter(name="Kiwi University").exists()
    assert AuditEntry.objects.count() == audit_entries


def test_a_dry_run_of_a_wrong_file_lists_the_errors_with_200(world, api):
    response = api.post(URL, {"file": upload(BAD_ROWS)})
    assert response.status_code == 200
    assert response.json()["errors"] == [
        {"line": 4, "column": "tier", "message": "“huge” is not a tier: use one of small, standard, large."}
    ]


def test_dry_run_false_imports_the_file(world, api):
    response = api.post(f"{URL}?dry_run=false", {"file": upload(GOOD_ROWS)})
    assert response.status_code == 200
    assert response.json()["applied"] is True
    assert Membership.objects.get(organization__name="Kiwi University").status == "active"


def test_dry_run_false_with_errors_is_a_400_listing_them_and_saves_nothing(world, api):
    response = api.post(f"{URL}?dry_run=false", {"file": upload(BAD_ROWS)})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The file has 1 error; nothing was imported."
    assert [(e["line"], e["column"]) for e in body["errors"]] == [(4, "tier")]
    assert body["applied"] is False
    assert not Organization.objects.filter(name="Kiwi University").exists()


def test_an_unreadable_file_is_a_400_saying_why(world, api):
    response = api.post(URL, {"file": upload(GOOD_ROWS, "members.pdf")})
    assert response.status_code == 400
    assert "is not a .csv or .xlsx file" in response.json()["detail"]
    assert response.json()["errors"][0]["line"] is None


def test_a_missing_file_field_is_refused(world, api):
    assert api.post(URL, {}).status_code in (400, 422)


def test_without_a_token_the_endpoints_answer_401(world):
    assert Client().post(URL, {"file": upload(GOOD_ROWS)}).status_code == 401
    assert Client().get("/api/v1/consortia/alpha/member-export").status_code == 401


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_endpoint_returns_a_file_that_reads_back(world, api, fmt):
    response = api.get(f"/api/v1/consortia/alpha/member-export?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="alpha-members-')
    rows = read_member_file(io.BytesIO(response.content), f"export.{fmt}")
    assert {row.get("organization_name") for row in rows} == {"Alpha University"}


def test_an_unknown_export_format_is_refused(world, api):
    assert api.get("/api/v1/consortia/alpha/member-export?format=pdf").status_code in (400, 422)


def test_the_endpoints_are_in_the_openapi_document(world, api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/consortia/{slug}/member-imports"]
    assert "get" in paths["/api/v1/consortia/{slug}/member-export"]
