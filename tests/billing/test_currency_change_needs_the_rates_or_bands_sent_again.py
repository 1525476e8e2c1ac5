"""Changing a schedule's ORCID currency needs its member rates sent again in the same call, and its
local currency its bands, so 1000.50 USD never becomes a JPY rate; every money field is checked
again in the new currency's precision, and a currency is an active ISO 4217 code."""

import pytest
from django.core.exceptions import ValidationError

from consortia.billing import services
from consortia.billing.models import FeeSchedule, MemberFeeRate
from tests import factories

TIERS = ("small", "standard", "large")


def _save(world, **given):
    return services.save_fee_schedule(world.orcid_admin, world.alpha, 2026, **given)


@pytest.fixture
def schedule(world):
    return factories.fee_schedule(world.alpha, member_fee="1000.50", local_currency="USD")


def test_changing_the_orcid_currency_without_the_rates_is_refused(world, schedule):
    with pytest.raises(ValidationError) as refused:
        _save(world, orcid_currency="EUR")

    assert "orcid_currency" in refused.value.message_dict
    assert FeeSchedule.objects.get().orcid_currency == "USD"


def test_changing_the_orcid_currency_with_the_rates_replaces_them(world, schedule):
    _save(world, orcid_currency="JPY", member_rates=[("basic", "", "150000"), ("premium", "", "300000")])

    assert FeeSchedule.objects.get().orcid_currency == "JPY"
    assert sorted(r.amount for r in MemberFeeRate.objects.all()) == [150000, 300000]


def test_rates_sent_again_are_checked_in_the_new_currencys_precision(world, schedule):
    with pytest.raises(ValidationError) as refused:
        _save(world, orcid_currency="JPY", member_rates=[("basic", "", "1000.50")])

    assert "member_rates" in refused.value.message_dict
    assert FeeSchedule.objects.get().orcid_currency == "USD"


def test_money_fields_are_checked_again_in_the_new_currencys_precision(world):
    factories.fee_schedule(world.alpha, consortium_lead_fee="2500.50", local_currency="USD")

    with pytest.raises(ValidationError) as refused:
        _save(world, orcid_currency="JPY", member_rates=[("basic", "", "150000")])

    assert "consortium_lead_fee" in refused.value.message_dict


def test_changing_the_local_currency_without_the_bands_is_refused(world):
    factories.fee_schedule(world.alpha, local_currency="USD", local_model="tiered", local_flat_fee="0")
    _save(world, local_bands=[(tier, "100.50") for tier in TIERS])

    with pytest.raises(ValidationError) as refused:
        _save(world, local_currency="EUR")
    assert "local_currency" in refused.value.message_dict

    _save(world, local_currency="EUR", local_bands=[(tier, "90.00") for tier in TIERS])
    assert FeeSchedule.objects.get().local_currency == "EUR"


def test_without_bands_the_local_currency_changes_alone(world, schedule):
    _save(world, local_currency="NZD")

    assert FeeSchedule.objects.get().local_currency == "NZD"


@pytest.mark.parametrize("code", ["ABC", "US", "USDX", "XAU", "12$", ""])
@pytest.mark.parametrize("name", ["orcid_currency", "local_currency"])
def test_an_unknown_currency_code_is_refused(world, code, name):
    with pytest.raises(ValidationError) as refused:
        factories.fee_schedule(world.alpha, **{name: code})

    assert name in refused.value.message_dict
    assert not FeeSchedule.objects.exists()
