"""Adding, changing and ending support staff is the consortium admin's (and ORCID's) job: the
consortium's staff members see the pages read-only and get 403 on the forms."""

import pytest
from django.urls import reverse

from consortia.staffing.models import SupportStaff
from tests import factories


def test_consortium_staff_cannot_add_edit_or_end_staff(world, client_for):
    staff = factories.support_staff(world.alpha)
    client = client_for("alpha_staff")
    for url in (
        reverse("staffing:staff_add", args=["alpha"]),
        reverse("staffing:staff_edit", args=[staff.pk]),
        reverse("staffing:staff_end", args=[staff.pk]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"fte": "0.2", "ends_on": "2024-06-30"}).status_code == 403, url
    staff.refresh_from_db()
    assert staff.fte == 1 and staff.ends_on is None and SupportStaff.objects.count() == 1


def test_consortium_staff_see_no_add_or_edit_buttons(world, client_for):
    staff = factories.support_staff(world.alpha)
    client = client_for("alpha_staff")
    assert (
        "Add support staff" not in client.get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    )
    assert "Edit role" not in client.get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()


@pytest.mark.parametrize("name", ["alpha_admin", "regional", "orcid_admin"])
def test_the_admin_and_orcid_open_the_staff_forms(world, client_for, name):
    staff = factories.support_staff(world.alpha)
    client = client_for(name)
    assert client.get(reverse("staffing:staff_add", args=["alpha"])).status_code == 200
    assert client.get(reverse("staffing:staff_edit", args=[staff.pk])).status_code == 200
    assert client.get(reverse("staffing:staff_end", args=[staff.pk])).status_code == 200


def test_the_admin_edits_coverage_and_ends_the_role(world, client_for):
    staff = factories.support_staff(world.alpha, "0.5", weekdays=(0, 1))
    client = client_for("alpha_admin")
    data = {
        "role": "technical_support",
        "fte": "0.4",
        "employment_model": "contracted",
        "employer": "Research Services Ltd",
        "starts_on": "2020-01-01",
        "covers_2": "on",
        "from_2": "10:00",
        "to_2": "14:00",
    }
    response = client.post(reverse("staffing:staff_edit", args=[staff.pk]), data)
    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.role, str(staff.fte), staff.employer) == (
        "technical_support",
        "0.40",
        "Research Services Ltd",
    )
    assert [(s.weekday, f"{s.starts_at:%H:%M}") for s in staff.coverage.all()] == [(2, "10:00")]

    response = client.post(reverse("staffing:staff_end", args=[staff.pk]), {"ends_on": "2024-06-30"})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert str(staff.ends_on) == "2024-06-30"
    listing = client.get(reverse("staffing:staff_list", args=["alpha"]), {"status": "past"}).content.decode()
    assert staff.person.full_name in listing
    assert (
        staff.person.full_name
        not in client.get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    )
