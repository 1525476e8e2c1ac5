"""A remittance is recorded against a year with a fee schedule, in the schedule's ORCID currency,
and not in the future (in the consortium's time zone): the service and the page refuse anything
else with the field named (the API: tests/api/test_remittance_in_the_future_or_without_a_schedule_...)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consortia.billing import services
from consortia.billing.models import RemittancePayment
from consortia.lib.dates import today_in
from tests import factories


@pytest.fixture
def schedule(world):
    return factories.fee_schedule(world.alpha, consortium_lead_fee="2500.00")


def _record(world, year=2026, **given):
    fields = {"amount": "100.00", "currency": "USD", "paid_on": today_in(world.alpha.time_zone)} | given
    return services.record_remittance(world.orcid_admin, world.alpha, year, **fields)


def test_a_year_without_a_schedule_is_refused(world, schedule):
    with pytest.raises(ValidationError) as refused:
        _record(world, year=2025)
    assert "year" in refused.value.message_dict
    assert not RemittancePayment.objects.exists()


@pytest.mark.parametrize("currency", ["NZD", "EUR", ""])
def test_another_currency_than_the_schedules_is_refused(world, schedule, currency):
    with pytest.raises(ValidationError) as refused:
        _record(world, currency=currency)
    assert "currency" in refused.value.message_dict
    assert not RemittancePayment.objects.exists()


def test_a_payment_in_the_future_is_refused(world, schedule):
    with pytest.raises(ValidationError) as refused:
        _record(world, paid_on=today_in(world.alpha.time_zone) + timedelta(days=1))
    assert "paid_on" in refused.value.message_dict


def test_today_in_the_schedules_currency_is_recorded(world, schedule):
    remittance = _record(world, currency="usd")
    assert remittance.currency == "USD"


def test_the_page_form_records_in_the_statements_currency_and_refuses_a_future_date(
    client_for, world, schedule
):
    client = client_for("orcid_admin")
    url = reverse("billing:remittance_record", kwargs={"slug": "alpha", "year": 2026})
    today = today_in(world.alpha.time_zone)

    refused = client.post(url, {"amount": "100.00", "paid_on": today + timedelta(days=1)})
    assert refused.status_code == 200
    assert "future" in refused.content.decode()
    assert not RemittancePayment.objects.exists()

    # A currency sent with the form is ignored: the statement's currency is used.
    client.post(url, {"amount": "100.00", "currency": "NZD", "paid_on": today})
    assert RemittancePayment.objects.get().currency == "USD"
