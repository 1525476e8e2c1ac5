"""GET /people: people in the user's scope, searched by name words, e-mail address or ORCID iD."""

import pytest

from consortia.directory.models import Contact
from tests import factories


@pytest.fixture
def alpha_people(world):
    membership = world.alpha_membership
    people = {
        "josiah": factories.person(
            "Josiah", "Carberry", email="j.carberry@alpha.example", orcid_id="0000-0002-1825-0097"
        ),
        "aroha": factories.person("Aroha", "Ngata", email="aroha@alpha.example"),
        "kim": factories.person("Kim", "Carberry-Lee", email="kim@alpha.example"),
    }
    Contact.objects.create(membership=membership, person=people["josiah"], role=Contact.Role.TECHNICAL)
    Contact.objects.create(membership=membership, person=people["aroha"], role=Contact.Role.INVOICE)
    Contact.objects.create(membership=membership, person=people["kim"], role=Contact.Role.COMMUNICATIONS)
    return people


def full_names(response):
    assert response.status_code == 200, response.json()
    return [row["full_name"] for row in response.json()["results"]]


def test_every_name_word_must_match(api_for, alpha_people):
    client = api_for("alpha_admin")

    assert full_names(client.get("/people", {"q": "carberry"})) == ["Josiah Carberry", "Kim Carberry-Lee"]
    assert full_names(client.get("/people", {"q": "josiah carb"})) == ["Josiah Carberry"]


def test_exact_email_address_finds_the_person(api_for, alpha_people):
    assert full_names(api_for("alpha_staff").get("/people", {"q": "AROHA@alpha.example"})) == ["Aroha Ngata"]


def test_orcid_id_or_its_link_finds_the_person(api_for, alpha_people):
    client = api_for("alpha_admin")

    by_id = client.get("/people", {"q": "0000-0002-1825-0097"})
    by_link = client.get("/people", {"q": "https://orcid.org/0000-0002-1825-0097"})

    assert full_names(by_id) == full_names(by_link) == ["Josiah Carberry"]
    assert by_id.json()["results"][0]["orcid_id"] == "0000-0002-1825-0097"


def test_people_are_listed_by_family_name_in_pages(api_for, alpha_people):
    client = api_for("alpha_admin")

    first = client.get("/people", {"page_size": 3}).json()
    second = client.get("/people", {"page_size": 3, "page": 2}).json()

    # The world's two lead contacts of Alpha University plus the three added here.
    assert first["count"] == second["count"] == 5
    assert [p["family_name"] for p in first["results"]] == ["Carberry", "Carberry-Lee", "Ngata"]
    assert len(second["results"]) == 2


def test_people_of_other_consortia_are_not_listed(api_for, world, alpha_people):
    beta_person = world.beta_membership.contacts.first().person

    listed = api_for("alpha_admin").get("/people", {"page_size": 200}).json()["results"]

    assert beta_person.pk not in {p["id"] for p in listed}
