"""Adding staff reuses a person already known by e-mail or ORCID iD, so a shared role is one
person with a row in each consortium they serve."""

from django.urls import reverse

from consortia.directory.models import Person
from consortia.staffing.models import SupportStaff
from tests import factories


def staff_form(**person):
    return {
        "role": "community_manager",
        "fte": "0.5",
        "employment_model": "shared_role",
        "employer": "Alpha and Beta consortia",
        "starts_on": "2024-01-01",
        **person,
    }


def test_a_known_orcid_id_reuses_the_person_and_the_role_shows_as_shared(world, client_for):
    known = factories.person("Kiri", "Shared", email="kiri@shared.example", orcid_id="0000-0002-1825-0097")
    factories.support_staff(world.alpha, "0.5", person_=known)
    people = Person.objects.count()

    response = client_for("beta_admin").post(
        reverse("staffing:staff_add", args=["beta"]),
        staff_form(
            given_names="Kiri", family_name="Shared", orcid_id="https://orcid.org/0000-0002-1825-0097"
        ),
    )
    assert response.status_code == 302
    assert Person.objects.count() == people
    assert SupportStaff.objects.filter(person=known).count() == 2
    alpha_page = (
        client_for("alpha_admin").get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    )
    assert "also serves 1 other consortium" in alpha_page and "Beta" not in alpha_page
