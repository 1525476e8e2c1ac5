"""The staff edit page corrects the staff member's own details: in place when only this consortium
lists the person, by giving the role to another person when another consortium also lists them."""

from datetime import date

from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.directory.models import Contact, Person
from tests import factories


def _form(staff, **person):
    data = {
        "given_names": staff.person.given_names,
        "family_name": staff.person.family_name,
        "email": staff.person.email or "",
        "orcid_id": staff.person.orcid_id or "",
        "role": staff.role,
        "fte": str(staff.fte),
        "employment_model": staff.employment_model,
        "employer": "",
        "starts_on": staff.starts_on.isoformat(),
        "ends_on": "",
        "shadowing_starts_on": "",
        "shadowing_ends_on": "",
        "effective_on": "",
    }
    for day in range(5):
        data.update({f"covers_{day}": "on", f"from_{day}": "09:00", f"to_{day}": "17:00"})
    data.update(person)
    return data


def _staff(world, **person):
    return factories.support_staff(
        world.alpha,
        "0.5",
        starts_on=date(2024, 1, 8),
        person_=factories.person("Arohaa", "Ngta", email="aroha@old.example", **person),
    )


def test_the_edit_page_is_prefilled_with_the_persons_details(world, client_for):
    staff = _staff(world, orcid_id="0000-0002-1825-0097")

    page = client_for("alpha_admin").get(reverse("staffing:staff_edit", args=[staff.pk])).content.decode()

    for value in (
        'value="Arohaa"',
        'value="Ngta"',
        'value="aroha@old.example"',
        'value="0000-0002-1825-0097"',
    ):
        assert value in page


def test_the_admin_corrects_the_name_and_email_of_a_person_only_this_consortium_lists(world, client_for):
    staff = _staff(world)
    person_pk = staff.person.pk

    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]),
        _form(staff, given_names="Aroha", family_name="Ngata", email="Aroha@New.example"),
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.person.pk == person_pk
    assert (staff.person.full_name, staff.person.email) == ("Aroha Ngata", "aroha@new.example")
    assert AuditEntry.objects.filter(action="staff.person_corrected", consortium=world.alpha).exists()


def test_a_person_who_is_also_a_contact_in_another_consortium_is_replaced_not_edited(world, client_for):
    staff = _staff(world)
    shared = staff.person
    Contact.objects.create(membership=world.beta_membership, person=shared, role=Contact.Role.TECHNICAL)

    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]),
        _form(staff, given_names="Aroha", family_name="Ngata", email="aroha@new.example"),
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    shared.refresh_from_db()
    assert staff.person.pk != shared.pk
    assert (staff.person.full_name, staff.person.email) == ("Aroha Ngata", "aroha@new.example")
    # Beta's contact still lists the person exactly as beta knew them.
    assert (shared.full_name, shared.email) == ("Arohaa Ngta", "aroha@old.example")
    assert world.beta_membership.contacts.filter(person=shared).exists()
    assert AuditEntry.objects.filter(action="staff.person_changed", consortium=world.alpha).exists()


def test_a_shared_persons_name_cannot_be_changed_from_one_consortium(world, client_for):
    staff = _staff(world)
    factories.support_staff(world.beta, "0.25", person_=staff.person)

    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]), _form(staff, family_name="Ngata")
    )

    assert response.status_code == 200
    assert "also listed by another consortium" in response.content.decode()
    staff.refresh_from_db()
    assert staff.person.family_name == "Ngta"


def test_the_email_of_another_known_person_gives_them_the_role(world, client_for):
    staff = _staff(world)
    known = factories.person("Hemi", "Walker", email="hemi@alpha.example")

    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]),
        _form(staff, given_names="Hemi", family_name="Walker", email="hemi@alpha.example"),
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.person == known
    assert Person.objects.filter(email="aroha@old.example").exists()


def test_a_refused_correction_changes_neither_the_person_nor_the_terms(world, client_for):
    staff = _staff(world)
    factories.person("Hemi", "Walker", email="hemi@alpha.example")
    factories.person("Other", "Person", email="other@example.org", orcid_id="0000-0002-1825-0097")

    # The e-mail address of one known person with the iD of another: which one is meant?
    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]),
        _form(staff, email="hemi@alpha.example", orcid_id="0000-0002-1825-0097", fte="0.8"),
    )

    assert response.status_code == 200
    assert "belongs to Other Person" in response.content.decode()
    staff.refresh_from_db()
    assert (staff.person.email, str(staff.fte)) == ("aroha@old.example", "0.50")
