"""A body or parameter of the wrong type is a 400 naming the field, like every other API error."""

from consortia.staffing.models import SupportStaff
from tests import factories


def test_a_malformed_date_in_a_body_is_400_naming_the_field(api_for, world):
    response = api_for("alpha_admin").post(
        "/staff",
        {
            "consortium": "alpha",
            "person": {"given_names": "Aroha", "email": "aroha@alpha.example"},
            "fte": "0.5",
            "starts_on": "next tuesday",
        },
    )

    assert response.status_code == 400
    body = response.json()
    assert "starts_on" in body["fields"]
    assert body["detail"].startswith("starts_on:")
    assert not SupportStaff.objects.exists()


def test_a_wrong_query_parameter_type_is_400_naming_it(api_for, world):
    factories.support_staff(world.alpha)

    response = api_for("alpha_admin").get("/staff?page=first")

    assert response.status_code == 400
    assert "page" in response.json()["fields"]
