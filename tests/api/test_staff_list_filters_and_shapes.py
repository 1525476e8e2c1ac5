"""GET /staff: support staff in scope, with FTE as a string, coverage and training readiness."""

from datetime import date, timedelta

from django.utils import timezone

from tests import factories


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_staff_row_carries_person_terms_coverage_and_readiness(api_for, world):
    person = factories.person("Aroha", "Ngata", email="aroha@alpha.example", orcid_id="0000-0002-1825-0097")
    staff = factories.support_staff(
        world.alpha,
        "0.6",
        weekdays=(0, 2),
        person_=person,
        employment_model="contracted",
        employer="Kiwi Support Ltd",
        shadowing_starts_on=date(2020, 1, 6),
        shadowing_ends_on=date(2020, 2, 28),
    )

    [row] = rows(api_for("alpha_staff").get("/staff"))

    assert row["id"] == staff.pk and row["consortium"] == "alpha"
    assert row["person"] == {
        "id": person.pk,
        "name": "Aroha Ngata",
        "email": "aroha@alpha.example",
        "orcid_id": "0000-0002-1825-0097",
    }
    assert row["fte"] == "0.60"
    assert (row["role"], row["employment_model"], row["employer"]) == (
        "community_manager",
        "contracted",
        "Kiwi Support Ltd",
    )
    assert (row["starts_on"], row["ends_on"], row["is_current"]) == ("2020-01-01", None, True)
    assert row["coverage"] == [
        {"weekday": 0, "weekday_name": "Monday", "starts_at": "09:00:00", "ends_at": "17:00:00"},
        {"weekday": 2, "weekday_name": "Wednesday", "starts_at": "09:00:00", "ends_at": "17:00:00"},
    ]
    assert (row["shadowing_starts_on"], row["shadowing_ends_on"]) == ("2020-01-06", "2020-02-28")
    assert row["readiness"]["is_ready"] is False
    assert "homework not submitted" in row["readiness"]["missing"]


def test_filters_by_consortium_current_role_and_search(api_for, world):
    today = timezone.localdate()
    factories.support_staff(world.alpha, "0.5", person_=factories.person("Mere", "Tane"))
    factories.support_staff(
        world.alpha,
        "0.3",
        role="technical_support",
        person_=factories.person("Tom", "Byte", email="tom@a.example"),
    )
    factories.support_staff(
        world.alpha, "0.2", person_=factories.person("Old", "Hand"), ends_on=today - timedelta(days=1)
    )
    factories.support_staff(world.beta, "1.0", person_=factories.person("Bea", "Berlin"))
    client = api_for("orcid_admin")

    def names(params):
        return sorted(row["person"]["name"] for row in rows(client.get("/staff", params)))

    assert names({}) == ["Bea Berlin", "Mere Tane", "Old Hand", "Tom Byte"]
    assert names({"consortium": "alpha"}) == ["Mere Tane", "Old Hand", "Tom Byte"]
    assert names({"current": "true"}) == ["Bea Berlin", "Mere Tane", "Tom Byte"]
    assert names({"current": "false"}) == ["Old Hand"]
    assert names({"role": "technical_support"}) == ["Tom Byte"]
    assert names({"q": "mere"}) == ["Mere Tane"]
    assert names({"q": "tane mere"}) == ["Mere Tane"]
    assert names({"q": "TOM@a.example"}) == ["Tom Byte"]


def test_bad_filters_are_400_naming_them(api_for, world):
    client = api_for("orcid_admin")

    role = client.get("/staff", {"role": "manager"})
    current = client.get("/staff", {"current": "sometimes"})

    assert role.status_code == current.status_code == 400
    assert "role" in role.json()["fields"] and "current" in current.json()["fields"]


def test_member_contacts_see_no_staff(api_for, world):
    factories.support_staff(world.alpha, "1.0")

    assert api_for("alpha_member").get("/staff").json()["count"] == 0
