"""A refused value in a query or a body is a 400 that names the field."""

import pytest

from consortia.integrations import services
from tests import factories


@pytest.mark.parametrize(
    "path, params, field",
    [
        ("/integrations", {"stage": "launched"}, "stage"),
        ("/integrations", {"system_type": "toaster"}, "system_type"),
        ("/integrations", {"api": "private"}, "api"),
        ("/integrations", {"page": "zero"}, "page"),
        ("/credentials", {"environment": "staging"}, "environment"),
        ("/credentials", {"active": "perhaps"}, "active"),
        ("/reviews", {"outcome": "great"}, "outcome"),
        ("/reviews", {"badge": "shine"}, "badge"),
        ("/platforms", {"system_type": "toaster"}, "system_type"),
    ],
)
def test_a_bad_filter_is_400_naming_it(api_for, world, path, params, field):
    response = api_for("alpha_admin").get(path, params)

    assert response.status_code == 400
    assert field in response.json()["fields"]


def body(world, **changes):
    return {"membership": world.alpha_membership.pk, "name": "Portal", "system_type": "cris", **changes}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": "  "}, "name"),
        ({"system_type": "toaster"}, "system_type"),
        ({"api": "private"}, "api"),
        ({"platform": 999999}, "platform"),
        ({"membership": 999999}, "membership"),
        ({"target_sandbox_on": "2026-05-01", "target_live_on": "2026-01-01"}, "target_live_on"),
        ({"target_live_on": "next spring"}, "target_live_on"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_new_integration_is_400_naming_the_field(api_for, world, changes, field):
    response = api_for("alpha_admin").post("/integrations", body(world, **changes))

    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"], response.json()


def test_a_technical_contact_of_another_member_is_400(api_for, world):
    stranger = factories.person("Sam", "Stranger", "sam@elsewhere.example")
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Portal", system_type="cris"
    )

    response = api_for("alpha_admin").patch(
        f"/integrations/{integration.pk}", {"technical_contact": stranger.pk}
    )

    assert response.status_code == 400 and "technical_contact" in response.json()["fields"]
