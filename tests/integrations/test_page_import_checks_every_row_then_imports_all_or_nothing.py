"""The consortium's team imports integrations from a CSV on a page: "Check" lists what the file
would add, or every bad row with its line; "Import" saves every row or, when any is wrong, none.
Another tenant gets 404; a member contact, 403."""

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.integrations.imports import COLUMNS
from consortia.integrations.models import Integration

URL = "/consortia/alpha/integrations/import/"
HEADER = ",".join(COLUMNS) + "\n"


def upload(text: str):
    return SimpleUploadedFile("integrations.csv", text.encode(), content_type="text/csv")


def test_check_then_import(world, client_for):
    client = client_for("alpha_admin")
    csv = (
        HEADER
        + "Alpha University,Pure CRIS,cris,,member,,,,,\nAlpha University,DSpace,repository,,public,,,,,\n"
    )

    checked = client.post(URL, {"file": upload(csv), "action": "check"})
    assert checked.status_code == 200 and "has no errors" in checked.content.decode()
    assert not Integration.objects.exists()

    imported = client.post(URL, {"file": upload(csv), "action": "apply"})
    assert imported.status_code == 200
    assert set(Integration.objects.values_list("name", flat=True)) == {"Pure CRIS", "DSpace"}


def test_a_file_with_a_bad_row_imports_nothing_and_lists_it(world, client_for):
    csv = (
        HEADER + "Alpha University,Pure CRIS,cris,,member,,,,,\nNobody Institute,X,teleporter,,member,,,,,\n"
    )

    response = client_for("alpha_admin").post(URL, {"file": upload(csv), "action": "apply"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "nothing was imported" in html and "Nobody Institute" in html
    assert not Integration.objects.exists()


def test_outsiders_get_404_and_members_403(world, client_for):
    assert client_for("alpha_member").get(URL).status_code == 403
    for name in ("beta_admin", "beta_staff", "beta_member"):
        assert client_for(name).get(URL).status_code == 404, name
