"""A CSV whose lines are all empty cells (",,,", as spreadsheets save a blank sheet) is refused with
a reason, like an empty file, instead of failing with a server error."""

import io

from consortia.integrations import imports
from consortia.integrations.models import Integration


def test_a_file_of_empty_cells_is_refused_with_a_reason(world):
    upload = io.BytesIO(b",,,\n,,\n")
    result = imports.import_integrations(world.alpha_admin, world.alpha, upload, apply=True)
    assert not result.applied
    assert [str(problem) for problem in result.errors] == ["The file is empty."]
    assert not Integration.objects.exists()


def test_the_import_page_refuses_a_file_of_empty_cells(world, client_for):
    upload = io.BytesIO(b",,,\n")
    upload.name = "blank.csv"
    response = client_for("alpha_admin").post(
        "/consortia/alpha/integrations/import/", {"file": upload, "action": "apply"}
    )
    assert response.status_code == 400
    assert "The file is empty." in response.content.decode()
