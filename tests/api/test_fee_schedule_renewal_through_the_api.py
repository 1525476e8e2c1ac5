"""POST /fee-schedules/{id}/renewal starts another year from a schedule."""

from tests import factories


def test_the_api_renews_and_refuses_a_year_that_exists(api_for, world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    api = api_for("alpha_admin")

    first = api.post(f"/fee-schedules/{schedule.pk}/renewal", {"year": 2027})
    again = api.post(f"/fee-schedules/{schedule.pk}/renewal", {"year": 2027})

    assert first.status_code == 201 and first.json()["year"] == 2027
    assert again.status_code == 400


def test_an_outsider_cannot_renew_beta(api_for, world):
    schedule = factories.fee_schedule(world.beta, local_currency="EUR")

    response = api_for("alpha_admin").post(f"/fee-schedules/{schedule.pk}/renewal", {"year": 2027})

    assert response.status_code == 404
