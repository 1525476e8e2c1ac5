"""The stage log stores how long each stay lasted (whole days) when the next change is logged, so
time-in-stage figures read stored lengths instead of pairing the whole log up again."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from consortia.integrations import services
from consortia.integrations.models import Stage


def test_each_ended_stay_has_its_length_and_the_current_one_none(world):
    start = timezone.now()
    with mock.patch.object(services.timezone, "now", return_value=start):
        integration = services.save_integration(
            world.alpha_admin, world.alpha_membership, name="OJS", system_type="publishing"
        )
    with mock.patch.object(services.timezone, "now", return_value=start + timedelta(days=12, hours=5)):
        services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)

    stays = list(integration.stage_changes.values_list("to_stage", "days_in_stage"))
    assert stays == [(Stage.PLANNED, 12), (Stage.SANDBOX_REQUESTED, None)]
