"""PATCH /people/{id}: whoever manages the contacts of a membership the person is a contact of."""

from consortia.audit.models import AuditEntry
from consortia.directory.models import Contact
from tests import factories


def test_consortium_staff_correct_a_contacts_details(api_for, world):
    person = world.alpha_membership.contacts.get(role="main_relationship").person

    response = api_for("alpha_staff").patch(
        f"/people/{person.pk}", {"family_name": "Ngata-Smith", "orcid_id": "0000000218250097"}
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["family_name"], response.json()["orcid_id"]) == (
        "Ngata-Smith",
        "0000-0002-1825-0097",
    )
    assert response.json()["email"] == person.email
    assert AuditEntry.objects.get(action="person.updated").membership_id == world.alpha_membership.pk


def test_a_bad_orcid_id_is_named(api_for, world):
    person = world.alpha_membership.contacts.get(role="voting").person

    response = api_for("alpha_admin").patch(f"/people/{person.pk}", {"orcid_id": "0000-0002-1825-0098"})

    assert response.status_code == 400
    assert "orcid_id" in response.json()["fields"]


def test_regional_staff_see_people_but_do_not_edit_them(api_for, world):
    person = world.alpha_membership.contacts.get(role="voting").person
    client = api_for("regional")

    assert client.get(f"/people/{person.pk}").status_code == 200
    assert client.patch(f"/people/{person.pk}", {"job_title": "Dean"}).status_code == 403


def test_a_contact_of_an_ended_membership_is_read_only(api_for, world):
    membership = factories.membership(world.alpha, status="left")
    person = membership.contacts.first().person

    assert api_for("alpha_admin").patch(f"/people/{person.pk}", {"job_title": "Dean"}).status_code == 403


def test_person_detail_lists_only_the_roles_the_reader_may_see(api_for, world):
    shared = world.alpha_membership.contacts.get(role="voting").person
    Contact.objects.create(membership=world.beta_membership, person=shared, role="technical")

    as_alpha = api_for("alpha_admin").get(f"/people/{shared.pk}").json()
    as_orcid = api_for("orcid_admin").get(f"/people/{shared.pk}").json()

    assert [(r["consortium"], r["role"]) for r in as_alpha["roles"]] == [("alpha", "voting")]
    assert sorted((r["consortium"], r["role"]) for r in as_orcid["roles"]) == [
        ("alpha", "voting"),
        ("beta", "technical"),
    ]
