"""A schedule's tax rate is a percent from 0 to 100; the service refuses anything else with a
message naming tax_rate (the API goes through it too)."""

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import FeeSchedule
from tests import factories


@pytest.mark.parametrize("rate", ["-1", "-0.01", "100.01", "250", "fifteen", "NaN", "Infinity"])
def test_a_tax_rate_outside_0_to_100_or_not_a_number_is_refused(world, rate):
    with pytest.raises(ValidationError) as refused:
        factories.fee_schedule(world.alpha, tax_rate=rate)
    assert "tax_rate" in refused.value.message_dict
    assert not FeeSchedule.objects.exists()


@pytest.mark.parametrize("rate", ["0", "15", "100", "12.5"])
def test_a_tax_rate_from_0_to_100_is_saved(world, rate):
    assert str(factories.fee_schedule(world.alpha, tax_rate=rate).tax_rate) == rate


def test_changing_an_existing_schedule_to_a_negative_rate_is_refused(world):
    factories.fee_schedule(world.alpha, tax_rate="15")

    with pytest.raises(ValidationError, match="0 to 100"):
        services.save_fee_schedule(world.orcid_admin, world.alpha, 2026, tax_rate="-5")

    assert FeeSchedule.objects.get().tax_rate == 15


def test_the_api_answers_400_for_a_negative_tax_rate(world):
    from consortia.accounts.tokens import create_token
    from tests.api.conftest import ApiClient

    schedule = factories.fee_schedule(world.alpha)
    _, key = create_token(world.orcid_admin, world.alpha_admin)

    response = ApiClient(key).patch(f"/fee-schedules/{schedule.pk}", {"tax_rate": "-5"})

    assert response.status_code == 400
    assert "tax_rate" in response.content.decode()
