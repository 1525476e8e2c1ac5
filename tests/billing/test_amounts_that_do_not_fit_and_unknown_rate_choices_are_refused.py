"""Amounts are refused (naming the field) when they do not fit the money columns (14 digits, 3 of
them after the point), and rates and bands name real member types and tiers; nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import FeeSchedule, LocalFeeBand, MemberFeeRate
from tests import factories

TOO_LARGE = "99999999999999"
LARGEST = "99999999999.99"


def _save(world, **given):
    return services.save_fee_schedule(world.orcid_admin, world.alpha, 2026, local_currency="USD", **given)


@pytest.mark.parametrize("name", ["consortium_lead_fee", "local_flat_fee", "lead_organization_fee"])
def test_a_schedule_amount_that_does_not_fit_is_refused(world, name):
    with pytest.raises(ValidationError) as refused:
        _save(world, **{name: TOO_LARGE})
    assert name in refused.value.message_dict
    assert not FeeSchedule.objects.exists()


def test_a_member_rate_that_does_not_fit_is_refused_and_the_old_rates_stay(world):
    schedule = factories.fee_schedule(world.alpha)

    with pytest.raises(ValidationError) as refused:
        _save(world, member_rates=[("basic", "", TOO_LARGE)])

    assert "member_rates" in refused.value.message_dict
    assert sorted(r.amount for r in MemberFeeRate.objects.filter(schedule=schedule)) == [1000, 2000]


def test_a_band_that_does_not_fit_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _save(world, local_model="tiered", local_bands=[("small", TOO_LARGE)])
    assert "local_bands" in refused.value.message_dict
    assert not LocalFeeBand.objects.exists()


def test_the_largest_amount_that_fits_is_saved_and_read_back(world):
    schedule = _save(world, member_rates=[("basic", "", LARGEST)], consortium_lead_fee=LARGEST)

    assert str(MemberFeeRate.objects.get(schedule=schedule).amount) == "99999999999.990"
    assert str(FeeSchedule.objects.get().consortium_lead_fee) == "99999999999.990"


@pytest.mark.parametrize("rates", [[("gold", "", "1.00")], [("basic", "huge", "1.00")], [("", "", "1.00")]])
def test_a_rate_of_an_unknown_member_type_or_tier_is_refused(world, rates):
    with pytest.raises(ValidationError) as refused:
        _save(world, member_rates=rates)
    assert "member_rates" in refused.value.message_dict
    assert not MemberFeeRate.objects.exists()


@pytest.mark.parametrize("tier", ["huge", ""])
def test_a_band_of_an_unknown_tier_is_refused(world, tier):
    with pytest.raises(ValidationError) as refused:
        _save(world, local_bands=[(tier, "1.00")])
    assert "local_bands" in refused.value.message_dict
