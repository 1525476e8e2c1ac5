"""Amounts, tax rates and percentages are decimal strings: a JSON number is refused with a 400
naming the field, so no client's float reaches the books; too many decimals are refused too."""

from tests import factories


def test_a_json_number_for_an_amount_is_a_400_naming_the_field(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("alpha_admin").patch(f"/fee-schedules/{schedule.pk}", {"local_flat_fee": 650.5})

    assert response.status_code == 400
    body = response.json()
    assert "local_flat_fee" in body["fields"]
    assert "never a float" in body["detail"]


def test_a_json_number_inside_a_rate_is_refused_too(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("alpha_admin").patch(
        f"/fee-schedules/{schedule.pk}", {"member_rates": [{"member_type": "basic", "amount": 1000}]}
    )

    assert response.status_code == 400
    assert "member_rates.0.amount" in response.json()["fields"]


def test_more_decimals_than_the_currency_has_is_a_400(api_for, world):
    schedule = factories.fee_schedule(world.alpha)

    response = api_for("alpha_admin").patch(f"/fee-schedules/{schedule.pk}", {"local_flat_fee": "650.005"})

    assert response.status_code == 400
    assert "decimal places" in response.json()["fields"]["local_flat_fee"][0]
