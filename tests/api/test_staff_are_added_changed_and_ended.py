"""POST /staff, PATCH /staff/{id} and POST /staff/{id}/end: the staffing services behind the API."""

from datetime import date

from consortia.audit.models import AuditEntry
from consortia.staffing.models import SupportStaff
from tests import factories

WEEKDAYS = [{"weekday": day, "starts_at": "09:00", "ends_at": "13:00"} for day in range(5)]


def new_staff(**overrides):
    return {
        "consortium": "alpha",
        "person": {"given_names": "Aroha", "family_name": "Ngata", "email": "aroha@alpha.example"},
        "fte": "0.6",
        "starts_on": "2024-03-01",
        "coverage": WEEKDAYS,
        **overrides,
    }


def test_the_consortium_admin_adds_staff_with_coverage(api_for, world):
    response = api_for("alpha_admin").post("/staff", new_staff())

    assert response.status_code == 201, response.content
    body = response.json()
    staff = SupportStaff.objects.get(pk=body["id"])
    assert staff.consortium == world.alpha and staff.person.email == "aroha@alpha.example"
    assert body["fte"] == "0.60" and body["starts_on"] == "2024-03-01"
    assert [slot["weekday_name"] for slot in body["coverage"]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ]
    assert AuditEntry.objects.filter(action="staff.added").exists()


def test_an_fte_sent_as_a_json_number_is_read_as_written(api_for, world):
    response = api_for("alpha_admin").post("/staff", new_staff(fte=0.35))

    assert response.status_code == 201, response.content
    assert response.json()["fte"] == "0.35"


def test_an_existing_person_is_reused_by_email(api_for, world):
    person = factories.person("Aroha", "Ngata", email="aroha@alpha.example")

    response = api_for("alpha_admin").post("/staff", new_staff())

    assert response.json()["person"]["id"] == person.pk


def test_orcid_regional_staff_add_staff_in_their_region(api_for, world):
    response = api_for("regional").post("/staff", new_staff(employment_model="orcid_hired"))

    assert response.status_code == 201
    assert response.json()["employment_model"] == "orcid_hired"


def test_patch_changes_terms_and_replaces_coverage(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5", weekdays=(0, 1, 2, 3, 4))

    response = api_for("alpha_admin").patch(
        f"/staff/{staff.pk}",
        {
            "fte": "0.8",
            "role": "technical_support",
            "coverage": [{"weekday": 4, "starts_at": "10:00", "ends_at": "12:30"}],
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["fte"], body["role"]) == ("0.80", "technical_support")
    assert body["coverage"] == [
        {"weekday": 4, "weekday_name": "Friday", "starts_at": "10:00:00", "ends_at": "12:30:00"}
    ]


def test_patch_without_coverage_leaves_the_slots(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5", weekdays=(0, 1))

    response = api_for("alpha_admin").patch(f"/staff/{staff.pk}", {"employer": None})

    assert response.status_code == 200
    assert [slot["weekday"] for slot in response.json()["coverage"]] == [0, 1]


def test_get_one_staff_member(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5")

    response = api_for("alpha_staff").get(f"/staff/{staff.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == staff.pk


def test_ending_a_role_keeps_the_row(api_for, world):
    staff = factories.support_staff(world.alpha, "0.5", starts_on=date(2024, 1, 1))
    client = api_for("alpha_admin")

    ended = client.post(f"/staff/{staff.pk}/end", {"ends_on": "2024-06-30"})
    again = client.post(f"/staff/{staff.pk}/end", {"ends_on": "2024-07-31"})

    assert ended.status_code == 200
    assert (ended.json()["ends_on"], ended.json()["is_current"]) == ("2024-06-30", False)
    assert again.status_code == 400
    assert "already ends on 30 Jun 2024" in again.json()["detail"]
    assert SupportStaff.objects.filter(pk=staff.pk).exists()
