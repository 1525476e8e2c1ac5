"""PATCH /staff/{id} dates a change of terms with effective_on; compliance before it keeps the old terms."""

from datetime import date
from decimal import Decimal

from consortia.staffing import compliance


def test_effective_on_keeps_the_earlier_terms_for_past_dates(api_for, world):
    api = api_for("alpha_admin")
    created = api.post(
        "/staff",
        {
            "consortium": "alpha",
            "person": {"given_names": "Aroha", "email": "aroha@alpha.example"},
            "fte": "1.0",
            "starts_on": "2026-01-05",
            "coverage": [{"weekday": day, "starts_at": "09:00", "ends_at": "17:00"} for day in range(5)],
        },
    )
    assert created.status_code == 201

    response = api.patch(f"/staff/{created.json()['id']}", {"fte": "0.4", "effective_on": "2026-06-01"})

    assert response.status_code == 200
    assert response.json()["fte"] == "0.40"
    assert compliance.assess_one(world.alpha, date(2026, 3, 2)).total_fte == Decimal("1.00")
    assert compliance.assess_one(world.alpha, date(2026, 7, 1)).total_fte == Decimal("0.40")


def test_effective_on_before_the_start_is_400(api_for, world):
    api = api_for("alpha_admin")
    created = api.post(
        "/staff",
        {
            "consortium": "alpha",
            "person": {"given_names": "Aroha", "email": "aroha@alpha.example"},
            "fte": "1.0",
            "starts_on": "2026-01-05",
        },
    )

    response = api.patch(f"/staff/{created.json()['id']}", {"fte": "0.4", "effective_on": "2025-06-01"})

    assert response.status_code == 400
    assert "effective_on" in response.json()["fields"]
