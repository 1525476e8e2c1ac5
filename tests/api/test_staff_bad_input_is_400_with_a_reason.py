"""Bad staff input is a 400 whose detail names the problem, and nothing is written."""

import pytest

from consortia.staffing.models import SupportStaff
from tests import factories


def new_staff(**overrides):
    return {
        "consortium": "alpha",
        "person": {"given_names": "Aroha", "email": "aroha@alpha.example"},
        "fte": "0.5",
        "starts_on": "2024-03-01",
        **overrides,
    }


@pytest.mark.parametrize(
    "fte, message",
    [
        ("1.5", "FTE is more than 0 and at most 1"),
        (1.5, "FTE is more than 0 and at most 1"),
        ("0", "FTE is more than 0 and at most 1"),
        ("0.333", "to the hundredth"),
        ("half", "is not a number"),
    ],
)
def test_a_bad_fte_is_400_naming_fte(api_for, world, fte, message):
    response = api_for("alpha_admin").post("/staff", new_staff(fte=fte))

    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == ["fte"] and message in body["detail"]
    assert not SupportStaff.objects.exists()


def test_coverage_ending_before_it_starts_is_400(api_for, world):
    coverage = [{"weekday": 1, "starts_at": "17:00", "ends_at": "09:00"}]

    response = api_for("alpha_admin").post("/staff", new_staff(coverage=coverage))

    assert response.status_code == 400
    assert response.json()["fields"] == {"coverage": ["On Tuesday the hours end before they start."]}
    assert not SupportStaff.objects.exists()


def test_a_weekday_given_twice_is_400(api_for, world):
    slot = {"weekday": 0, "starts_at": "09:00", "ends_at": "12:00"}

    response = api_for("alpha_admin").post("/staff", new_staff(coverage=[slot, slot]))

    assert response.status_code == 400
    assert "Monday is given twice." in response.json()["detail"]


def test_an_unknown_or_invisible_consortium_is_400_naming_it(api_for, world):
    response = api_for("alpha_admin").post("/staff", new_staff(consortium="beta"))

    assert response.status_code == 400
    assert response.json()["fields"] == {"consortium": ["There is no consortium 'beta' that you can see."]}


def test_patching_an_fte_over_1_is_400_and_keeps_the_old_one(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5")

    response = api_for("alpha_admin").patch(f"/staff/{staff.pk}", {"fte": "1.5"})

    assert response.status_code == 400 and "fte" in response.json()["fields"]
    staff.refresh_from_db()
    assert str(staff.fte) == "0.50"


def test_one_person_cannot_give_more_than_their_whole_time(api_for, world):
    person = factories.person("Sam", "Shared", email="sam@shared.example")
    factories.support_staff(world.beta, "0.7", person_=person)

    response = api_for("alpha_admin").post(
        "/staff", new_staff(person={"given_names": "Sam", "email": "sam@shared.example"})
    )

    assert response.status_code == 400
    assert "over 1 FTE" in response.json()["detail"]


def test_an_end_before_the_start_is_400(api_for, world):
    response = api_for("alpha_admin").post("/staff", new_staff(ends_on="2024-01-01"))

    assert response.status_code == 400
    assert "ends_on" in response.json()["fields"]
