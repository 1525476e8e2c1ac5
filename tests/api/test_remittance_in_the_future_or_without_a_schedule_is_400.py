"""POST /remittance-statements/{slug}/{year}/payments refuses a payment dated in the future (400,
naming paid_on); a year without a fee schedule has no statement to pay (404)."""

from datetime import timedelta

from consortia.billing.models import RemittancePayment
from consortia.lib.dates import today_in
from tests import factories


def test_a_payment_dated_tomorrow_is_400_naming_paid_on(api_for, world):
    factories.fee_schedule(world.alpha)
    tomorrow = today_in(world.alpha.time_zone) + timedelta(days=1)

    response = api_for("orcid_admin").post(
        "/remittance-statements/alpha/2026/payments", {"amount": "100.00", "paid_on": str(tomorrow)}
    )

    assert response.status_code == 400, response.content
    assert "paid_on" in response.content.decode()
    assert not RemittancePayment.objects.exists()


def test_a_year_without_a_schedule_has_no_statement_to_pay(api_for, world):
    factories.fee_schedule(world.alpha)

    response = api_for("orcid_admin").post(
        "/remittance-statements/alpha/2025/payments", {"amount": "100.00", "paid_on": "2025-03-01"}
    )

    assert response.status_code == 404
    assert not RemittancePayment.objects.exists()
