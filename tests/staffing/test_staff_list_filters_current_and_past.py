"""The staff list shows current staff by default, past staff on request, and searches by name,
e-mail, ORCID iD and employer."""

from datetime import date

from django.urls import reverse

from tests import factories


def test_current_past_and_all(world, client_for):
    factories.support_staff(world.alpha, "0.5", person_=factories.person("Current", "Person"))
    factories.support_staff(
        world.alpha, "0.5", person_=factories.person("Former", "Person"), ends_on=date(2021, 6, 30)
    )
    client = client_for("alpha_staff")
    url = reverse("staffing:staff_list", args=["alpha"])
    current = client.get(url).content.decode()
    assert "Current Person" in current and "Former Person" not in current
    past = client.get(url, {"status": "past"}).content.decode()
    assert "Former Person" in past and "Current Person" not in past and "ended" in past
    everyone = client.get(url, {"status": "all"}).content.decode()
    assert "Former Person" in everyone and "Current Person" in everyone


def test_search_by_orcid_id_and_employer(world, client_for):
    factories.support_staff(
        world.alpha, "0.5", person_=factories.person("Iddy", orcid_id="0000-0002-1825-0097")
    )
    factories.support_staff(
        world.alpha,
        "0.5",
        person_=factories.person("Contracted"),
        employment_model="contracted",
        employer="Research Services Ltd",
    )
    client = client_for("alpha_staff")
    url = reverse("staffing:staff_list", args=["alpha"])
    by_id = client.get(url, {"q": "1825-0097"}).content.decode()
    assert "Iddy" in by_id and "Contracted" not in by_id
    by_employer = client.get(url, {"q": "research services"}).content.decode()
    assert "Contracted" in by_employer and "Iddy" not in by_employer
