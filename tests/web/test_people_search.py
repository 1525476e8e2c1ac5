"""People search by name, e-mail or ORCID iD, within the user's scope."""

from django.urls import reverse

from consortia.directory import services
from consortia.directory.services import PersonDetails


def _add(world, given, family, email, orcid_id=None):
    services.add_contact(
        world.alpha_admin,
        world.alpha_membership,
        PersonDetails(given_names=given, family_name=family, email=email, orcid_id=orcid_id),
        "technical",
    )


def test_finds_people_by_name_email_or_orcid_id(world, client_for):
    _add(world, "Mere", "Tawhiri", "mere@example.org", "https://orcid.org/0000-0002-1825-0097")
    client = client_for("alpha_staff")
    url = reverse("directory:people_search")
    for q in ("mere taw", "MERE@example.org", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"):
        assert "Mere Tawhiri" in client.get(url, {"q": q}).content.decode(), q


def test_orcid_staff_of_another_region_do_not_find_them(world, client_for):
    _add(world, "Mere", "Tawhiri", "mere@example.org")
    assert (
        "Mere Tawhiri"
        in client_for("regional").get(reverse("directory:people_search"), {"q": "mere"}).content.decode()
    )
    assert (
        "Mere Tawhiri"
        not in client_for("beta_admin")
        .get(reverse("directory:people_search"), {"q": "mere"})
        .content.decode()
    )


def test_lead_contacts_page_lists_those_without_a_verified_orcid_id(world, client_for):
    page = client_for("alpha_admin").get(reverse("directory:lead_contacts", args=["alpha"])).content.decode()
    for contact in world.alpha_membership.contacts.all():
        assert contact.person.full_name in page
    assert "Beta Institut" not in page
