"""Through the API, stages go forward one at a time, going back needs a reason, the credential
stages follow ORCID issuing credentials, final testing is ORCID's, and each move is logged."""

import pytest

from consortia.integrations import services


@pytest.fixture
def integration(world):
    return services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Figshare", system_type="repository"
    )


def move(client, integration, stage, reason=""):
    return client.post(f"/integrations/{integration.pk}/stage", {"stage": stage, "reason": reason})


def test_skipping_is_400_and_the_member_takes_its_own_step(api_for, world, integration):
    member = api_for("alpha_member")

    skipped = move(api_for("alpha_admin"), integration, "in_development")
    assert skipped.status_code == 400 and "stage" in skipped.json()["fields"]
    assert move(member, integration, "in_development").status_code == 403

    moved = move(member, integration, "sandbox_requested")
    assert moved.status_code == 200
    body = moved.json()
    assert body["stage"] == "sandbox_requested"
    assert body["stage_log"][-1]["to_stage"] == "sandbox_requested"
    assert body["stage_log"][-1]["actor"] == world.alpha_member.display_name


def test_the_credential_stage_is_reached_by_orcid_issuing_credentials(api_for, world, integration):
    move(api_for("alpha_member"), integration, "sandbox_requested")

    refused = move(api_for("orcid_admin"), integration, "sandbox_issued")
    assert refused.status_code == 400 and "ORCID issues" in refused.json()["detail"]

    issued = api_for("regional").post(
        f"/integrations/{integration.pk}/credentials",
        {"environment": "sandbox", "client_id": "APP-ABCDEFGHJK012345", "name": "Figshare sandbox"},
    )
    assert issued.status_code == 201, issued.json()
    assert api_for("alpha_admin").get(f"/integrations/{integration.pk}").json()["stage"] == "sandbox_issued"


def test_going_back_needs_a_reason(api_for, world, integration):
    admin = api_for("alpha_admin")
    move(admin, integration, "sandbox_requested")

    without = move(admin, integration, "planned")
    assert without.status_code == 400 and "reason" in without.json()["fields"]
    back = move(admin, integration, "planned", "Budget postponed")
    assert back.status_code == 200 and back.json()["stage_log"][-1]["reason"] == "Budget postponed"


def test_final_testing_is_orcids(api_for, world, integration):
    services.move_stage(world.alpha_member, integration, "sandbox_requested")
    services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-0000000000000009", name="x"
    )
    services.move_stage(world.alpha_member, integration, "in_development")
    services.move_stage(world.alpha_member, integration, "consortium_review")
    services.move_stage(world.alpha_admin, integration, "orcid_testing")

    assert move(api_for("alpha_admin"), integration, "in_development", "Not ready").status_code == 403
    assert move(api_for("regional"), integration, "in_development", "Tokens fail").status_code == 200


def test_an_unknown_stage_is_400_naming_the_field(api_for, world, integration):
    response = move(api_for("alpha_admin"), integration, "launched")

    assert response.status_code == 400 and "stage" in response.json()["fields"]
