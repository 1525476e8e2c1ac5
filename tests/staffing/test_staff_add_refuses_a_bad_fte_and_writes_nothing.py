"""FTE is more than 0 and at most 1 for one person in one consortium: 0, 1.5 and "abc" are
refused at the FTE field, and neither the staff row nor the person is written."""

import pytest
from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.directory.models import Person
from consortia.staffing.models import SupportStaff


def staff_form(fte):
    return {
        "given_names": "Mere",
        "family_name": "Support",
        "email": "mere@alpha.example",
        "role": "community_manager",
        "fte": fte,
        "employment_model": "direct_hire",
        "starts_on": "2024-01-01",
        "covers_0": "on",
        "from_0": "09:00",
        "to_0": "17:00",
    }


@pytest.mark.parametrize(
    "fte, message",
    [
        ("0", "FTE is more than 0 and at most 1 for one person in one consortium."),
        ("1.5", "FTE is more than 0 and at most 1 for one person in one consortium."),
        ("abc", "“abc” is not a number; give the FTE as e.g. 0.5."),
    ],
)
def test_bad_fte_shows_a_clear_error_and_writes_nothing(world, client_for, fte, message):
    people, audit = Person.objects.count(), AuditEntry.objects.count()
    response = client_for("alpha_admin").post(reverse("staffing:staff_add", args=["alpha"]), staff_form(fte))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors["fte"] == [message]
    assert not SupportStaff.objects.exists()
    assert (Person.objects.count(), AuditEntry.objects.count()) == (people, audit)


def test_more_than_a_whole_person_across_consortia_is_refused_at_the_fte_field(world, client_for):
    client_for("alpha_admin").post(reverse("staffing:staff_add", args=["alpha"]), staff_form("0.8"))
    response = client_for("orcid_admin").post(reverse("staffing:staff_add", args=["beta"]), staff_form("0.5"))
    assert response.status_code == 200
    assert "already gives 0.80 FTE in the same period" in response.context["form"].errors["fte"][0]
    assert SupportStaff.objects.count() == 1
