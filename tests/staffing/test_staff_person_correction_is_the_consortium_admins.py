"""Correcting a staff member's person: an outsider of each role gets 404, the consortium's own
staff (not its admin) get 403, and nothing is written."""

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def _post(staff):
    data = {
        "given_names": "Changed",
        "family_name": "Name",
        "email": "changed@example.org",
        "orcid_id": "",
        "role": staff.role,
        "fte": "0.5",
        "employment_model": staff.employment_model,
        "starts_on": staff.starts_on.isoformat(),
    }
    for day in range(5):
        data.update({f"covers_{day}": "on", f"from_{day}": "09:00", f"to_{day}": "17:00"})
    return data


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_and_change_nothing(world, client_for, outsider):
    staff = factories.support_staff(world.beta, "0.5")
    name = staff.person.full_name

    url = reverse("staffing:staff_edit", args=[staff.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, _post(staff)).status_code == 404

    staff.person.refresh_from_db()
    assert staff.person.full_name == name


def test_consortium_staff_who_are_not_its_admin_get_403(world, client_for):
    staff = factories.support_staff(world.beta, "0.5")
    name = staff.person.full_name

    url = reverse("staffing:staff_edit", args=[staff.pk])
    assert client_for("beta_staff").get(url).status_code == 403
    assert client_for("beta_staff").post(url, _post(staff)).status_code == 403

    staff.person.refresh_from_db()
    assert staff.person.full_name == name
