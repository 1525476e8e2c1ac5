"""The staff edit page asks when a change of terms takes effect, and compliance honours it."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from consortia.staffing import compliance
from tests import factories


def _form(staff, **overrides):
    data = {
        "role": staff.role,
        "fte": "0.5",
        "employment_model": staff.employment_model,
        "employer": "",
        "starts_on": staff.starts_on.isoformat(),
        "ends_on": "",
        "shadowing_starts_on": "",
        "shadowing_ends_on": "",
        "effective_on": "2026-06-01",
    }
    for day in range(5):
        data.update({f"covers_{day}": "on", f"from_{day}": "09:00", f"to_{day}": "17:00"})
    data.update(overrides)
    return data


def test_a_change_from_a_date_keeps_the_earlier_terms(world, client_for):
    staff = factories.support_staff(world.alpha, "1.0", starts_on=date(2026, 1, 5))
    staff.terms.create(
        valid_from=staff.starts_on,
        role=staff.role,
        fte=staff.fte,
        employment_model=staff.employment_model,
        coverage=[[day, "09:00", "17:00"] for day in range(5)],
    )

    response = client_for("alpha_admin").post(reverse("staffing:staff_edit", args=[staff.pk]), _form(staff))

    assert response.status_code == 302
    assert compliance.assess_one(world.alpha, date(2026, 3, 2)).total_fte == Decimal("1.00")
    assert compliance.assess_one(world.alpha, date(2026, 7, 1)).total_fte == Decimal("0.50")


def test_a_change_dated_before_the_start_is_refused_on_the_page(world, client_for):
    staff = factories.support_staff(world.alpha, "1.0", starts_on=date(2026, 1, 5))

    response = client_for("alpha_admin").post(
        reverse("staffing:staff_edit", args=[staff.pk]), _form(staff, effective_on="2025-01-01")
    )

    assert response.status_code == 200
    assert "while the person is in post" in response.content.decode()
    staff.refresh_from_db()
    assert staff.fte == Decimal("1.00")
