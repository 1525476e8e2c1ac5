"""Import and export follow the access policy: another tenant's consortium is 404, a user who may
see a consortium but not import into it is 403, on the page, in the API and in the commands."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from consortia.accounts.tokens import create_token
from consortia.directory.models import Organization
from tests.conftest import OUTSIDERS_OF_BETA

FILE = b"organization_name,country\nSneaky Org,DE\n"


def csv_upload():
    return SimpleUploadedFile("members.csv", FILE, content_type="text/csv")


def api_client(world, name):
    _, key = create_token(world.orcid_admin, getattr(world, name))
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_import_page_and_exports(world, client_for, outsider):
    client = client_for(outsider)
    assert client.get(reverse("directory:member_import", args=["beta"])).status_code == 404
    assert (
        client.post(
            reverse("directory:member_import", args=["beta"]), {"action": "preview", "file": csv_upload()}
        ).status_code
        == 404
    )
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("directory:member_export", args=["beta", fmt])).status_code == 404
    assert not Organization.objects.filter(name="Sneaky Org").exists()


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_from_the_api(world, outsider):
    client = api_client(world, outsider)
    response = client.post("/api/v1/consortia/beta/member-imports?dry_run=false", {"file": csv_upload()})
    assert response.status_code == 404
    assert client.get("/api/v1/consortia/beta/member-export?format=csv").status_code == 404
    assert not Organization.objects.filter(name="Sneaky Org").exists()


def test_a_member_contact_may_not_import_or_export_its_own_consortium(world, client_for):
    client = client_for("alpha_member")
    assert client.get(reverse("directory:member_import", args=["alpha"])).status_code == 403
    assert client.get(reverse("directory:member_export", args=["alpha", "csv"])).status_code == 403
    api = api_client(world, "alpha_member")
    assert api.post("/api/v1/consortia/alpha/member-imports", {"file": csv_upload()}).status_code == 403
    assert api.get("/api/v1/consortia/alpha/member-export").status_code == 403


def test_regional_staff_may_export_but_not_import(world, client_for):
    client = client_for("regional")
    assert client.get(reverse("directory:member_import", args=["alpha"])).status_code == 403
    assert client.get(reverse("directory:member_export", args=["alpha", "csv"])).status_code == 200


def test_the_commands_apply_the_same_policy(world, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(FILE)
    with pytest.raises(CommandError, match="has no consortium 'beta' in their scope"):
        call_command(
            "import_members",
            str(path),
            consortium="beta",
            user="admin@alpha.example",
            apply=True,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="may not import members"):
        call_command(
            "import_members",
            str(path),
            consortium="alpha",
            user="contact@alpha-university.example",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError, match="has no consortium 'beta' in their scope"):
        call_command("export_members", consortium="beta", user="staff@alpha.example", stdout=io.StringIO())
    assert not Organization.objects.filter(name="Sneaky Org").exists()
