"""The integration page offers the allowed next moves as buttons and calls the stage rules: a
member moves their own integration forward, going back needs a reason (shown on the page when
missing), and a move that is not theirs is refused with 403."""

from consortia.integrations import services
from consortia.integrations.models import Integration, Stage


def _integration(world):
    return services.save_integration(
        world.alpha_member, world.alpha_membership, name="Research portal", system_type="cris"
    )


def test_member_moves_their_integration_forward_with_the_offered_button(world, client_for):
    integration = _integration(world)
    client = client_for("alpha_member")
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    assert "Move on to sandbox requested" in page
    response = client.post(f"/integrations/{integration.pk}/stage/", {"to_stage": Stage.SANDBOX_REQUESTED})
    assert response.status_code == 302
    integration.refresh_from_db()
    assert integration.stage == Stage.SANDBOX_REQUESTED
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    # The next stage is ORCID's to reach by issuing credentials: no button, a note.
    assert "Move on to" not in page
    assert "when ORCID issues the credential" in page


def test_going_back_without_a_reason_shows_the_error_and_with_one_is_logged(world, client_for):
    integration = _integration(world)
    services.move_stage(world.alpha_admin, integration, Stage.SANDBOX_REQUESTED)
    client = client_for("alpha_admin")
    response = client.post(
        f"/integrations/{integration.pk}/stage/", {"to_stage": Stage.PLANNED, "reason": ""}
    )
    assert response.status_code == 200
    assert "Give the reason for moving an integration back." in response.content.decode()
    assert Integration.objects.get(pk=integration.pk).stage == Stage.SANDBOX_REQUESTED

    client.post(
        f"/integrations/{integration.pk}/stage/", {"to_stage": Stage.PLANNED, "reason": "Vendor delayed"}
    )
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    assert Integration.objects.get(pk=integration.pk).stage == Stage.PLANNED
    assert "Vendor delayed" in page
    assert world.alpha_admin.display_name in page


def test_skipping_a_stage_is_shown_as_an_error(world, client_for):
    integration = _integration(world)
    response = client_for("alpha_admin").post(
        f"/integrations/{integration.pk}/stage/", {"to_stage": Stage.IN_DEVELOPMENT}
    )
    assert response.status_code == 200
    assert "Stages go in order" in response.content.decode()


def test_a_member_cannot_move_their_integration_out_of_orcid_final_testing(world, client_for):
    integration = _integration(world)
    Integration.objects.filter(pk=integration.pk).update(stage=Stage.ORCID_TESTING)
    client = client_for("alpha_member")
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    assert "Move on to" not in page
    response = client.post(
        f"/integrations/{integration.pk}/stage/", {"to_stage": Stage.CONSORTIUM_REVIEW, "reason": "x"}
    )
    assert response.status_code == 403
