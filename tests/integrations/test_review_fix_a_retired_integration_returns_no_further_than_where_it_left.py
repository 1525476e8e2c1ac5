"""Un-retiring is a move back, never a way round the stages: a retired integration returns at most
to the stage it was retired from, so the team cannot retire one in ORCID's final testing and bring it
back live, skipping ORCID's testing and credentials."""

import pytest
from django.core.exceptions import ValidationError

from consortia.integrations import queries, services
from consortia.integrations.models import Stage


def _in_orcid_testing(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Portal", system_type="cris"
    )
    services.move_stage(world.alpha_admin, integration, Stage.SANDBOX_REQUESTED)
    services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-ABCDEFGHIJKLMNOP", name="Portal"
    )
    for stage in (Stage.IN_DEVELOPMENT, Stage.CONSORTIUM_REVIEW, Stage.ORCID_TESTING):
        services.move_stage(world.orcid_admin, integration, stage)
    return services.move_stage(world.alpha_admin, integration, Stage.RETIRED, "Paused")


@pytest.mark.parametrize("actor", ["alpha_admin", "orcid_admin"])
@pytest.mark.parametrize("to_stage", [Stage.PRODUCTION_ISSUED, Stage.LIVE])
def test_a_retired_integration_cannot_come_back_past_the_stage_it_left(world, actor, to_stage):
    integration = _in_orcid_testing(world)
    with pytest.raises(ValidationError):
        services.move_stage(getattr(world, actor), integration, to_stage, "Back on")
    integration.refresh_from_db()
    assert integration.stage == Stage.RETIRED


def test_a_retired_integration_comes_back_to_the_stage_it_left_or_earlier(world):
    integration = _in_orcid_testing(world)
    offered = [value for value, _label in queries.next_moves(world.alpha_admin, integration)["back"]]
    assert Stage.LIVE not in offered and Stage.PRODUCTION_ISSUED not in offered
    assert Stage.ORCID_TESTING in offered
    services.move_stage(world.alpha_admin, integration, Stage.ORCID_TESTING, "Back on")
    integration.refresh_from_db()
    assert integration.stage == Stage.ORCID_TESTING
