"""PATCH /staff/{id} with ``person`` corrects the staff member's details; the person is visible
through /people to the consortium's team; outsiders get 404 and consortium staff 403."""

import pytest

from consortia.directory.models import Contact
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


def _staff(consortium):
    return factories.support_staff(
        consortium, "0.5", person_=factories.person("Arohaa", "Ngta", email="aroha@old.example")
    )


def test_the_admin_corrects_name_and_email(api_for, world):
    staff = _staff(world.alpha)
    person_pk = staff.person.pk

    response = api_for("alpha_admin").patch(
        f"/staff/{staff.pk}", {"person": {"given_names": "Aroha", "email": "aroha@new.example"}}
    )

    assert response.status_code == 200, response.content
    body = response.json()["person"]
    assert body == {
        "id": person_pk,
        "name": "Aroha Ngta",
        "email": "aroha@new.example",
        "orcid_id": None,
    }


def test_terms_and_person_change_together(api_for, world):
    staff = _staff(world.alpha)

    response = api_for("alpha_admin").patch(
        f"/staff/{staff.pk}", {"fte": "0.6", "person": {"family_name": "Ngata"}}
    )

    assert response.status_code == 200, response.content
    assert (response.json()["fte"], response.json()["person"]["name"]) == ("0.60", "Arohaa Ngata")


def test_a_contact_of_another_consortium_is_replaced_in_the_role_not_edited(api_for, world):
    staff = _staff(world.alpha)
    shared = staff.person
    Contact.objects.create(membership=world.beta_membership, person=shared, role=Contact.Role.TECHNICAL)

    response = api_for("alpha_admin").patch(
        f"/staff/{staff.pk}", {"person": {"given_names": "Aroha", "email": "aroha@new.example"}}
    )

    assert response.status_code == 200, response.content
    assert response.json()["person"]["id"] != shared.pk
    shared.refresh_from_db()
    assert (shared.given_names, shared.email) == ("Arohaa", "aroha@old.example")


def test_a_bad_email_is_400_naming_the_field(api_for, world):
    staff = _staff(world.alpha)

    response = api_for("alpha_admin").patch(f"/staff/{staff.pk}", {"person": {"email": "not an address"}})

    assert response.status_code == 400
    assert "email" in response.content.decode()


def test_the_team_sees_its_staff_member_through_people_and_outsiders_do_not(api_for, world):
    staff = _staff(world.beta)

    assert api_for("beta_staff").get(f"/people/{staff.person.pk}").status_code == 200
    assert api_for("beta_staff").get("/people", {"q": "Arohaa"}).json()["count"] == 1
    for outsider in OUTSIDERS_OF_BETA:
        assert api_for(outsider).get(f"/people/{staff.person.pk}").status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404(api_for, world, outsider):
    staff = _staff(world.beta)

    response = api_for(outsider).patch(f"/staff/{staff.pk}", {"person": {"given_names": "X"}})

    assert response.status_code == 404
    staff.person.refresh_from_db()
    assert staff.person.given_names == "Arohaa"


def test_consortium_staff_get_403(api_for, world):
    staff = _staff(world.beta)

    response = api_for("beta_staff").patch(f"/staff/{staff.pk}", {"person": {"given_names": "X"}})

    assert response.status_code == 403
    staff.person.refresh_from_db()
    assert staff.person.given_names == "Arohaa"
