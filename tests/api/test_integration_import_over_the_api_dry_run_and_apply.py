"""POST /consortia/{slug}/integration-imports checks a CSV (a dry run unless ``apply=true``) and
lists every bad row by line; applied, a good file is saved and a bad one is a 400 saving nothing.
Another consortium is 404; a member contact is 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.integrations.models import Integration

GOOD = b"organization,name,system_type\nAlpha University,Portal,cris\nAlpha University,Repo,repository\n"
BAD = b"organization,name,system_type\nAlpha University,Portal,cris\nNowhere,Repo,toaster\n"


def upload(client, slug, content, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.client.post(
        f"/api/v1/consortia/{slug}/integration-imports" + (f"?{query}" if query else ""),
        {"file": SimpleUploadedFile("integrations.csv", content, content_type="text/csv")},
        **client.headers,
    )


def test_a_dry_run_then_apply(api_for, world):
    client = api_for("alpha_admin")

    checked = upload(client, "alpha", GOOD)
    assert checked.status_code == 200, checked.json()
    assert checked.json()["applied"] is False and len(checked.json()["rows"]) == 2
    assert Integration.objects.count() == 0

    applied = upload(client, "alpha", GOOD, apply="true")
    assert applied.status_code == 200
    assert applied.json()["applied"] is True
    assert all(row["integration"] for row in applied.json()["rows"])
    assert Integration.objects.count() == 2


def test_a_bad_file_lists_every_bad_row_and_saves_nothing(api_for, world):
    client = api_for("alpha_admin")

    checked = upload(client, "alpha", BAD)
    assert checked.status_code == 200
    assert {(e["line"], e["column"]) for e in checked.json()["errors"]} == {
        (3, "organization"),
        (3, "system_type"),
    }

    refused = upload(client, "alpha", BAD, apply="true")
    assert refused.status_code == 400
    assert "nothing was imported" in refused.json()["detail"] and len(refused.json()["errors"]) == 2
    assert Integration.objects.count() == 0


@pytest.mark.parametrize("outsider", ["regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_outsiders_get_404_for_beta(api_for, world, outsider):
    assert upload(api_for(outsider), "beta", GOOD).status_code == 404


def test_a_member_contact_is_403(api_for, world):
    assert upload(api_for("alpha_member"), "alpha", GOOD).status_code == 403
