"""Shadowing progress on the staff page is "n of m weeks with a check-in": two check-ins in the
same week count once, and a week without one shows as missed."""

from datetime import date

from django.urls import reverse

from tests import factories


def test_two_check_ins_in_one_week_count_as_one_week(world, client_for):
    staff = factories.support_staff(
        world.alpha, shadowing_starts_on=date(2024, 1, 1), shadowing_ends_on=date(2024, 2, 1)
    )
    client = client_for("regional")
    url = reverse("staffing:check_in_record", args=[staff.pk])
    for held_on in ("2024-01-02", "2024-01-04", "2024-01-16"):
        assert client.post(url, {"held_on": held_on, "notes": f"Check-in {held_on}"}).status_code == 302
    page = client.get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()
    assert "2 of 5 weeks with a check-in" in page
    assert "3 weeks without one" in page
    assert page.index("Check-in 2024-01-02") < page.index("Check-in 2024-01-16")


def test_the_same_day_twice_is_refused_at_the_date(world, client_for):
    staff = factories.support_staff(
        world.alpha, shadowing_starts_on=date(2024, 1, 1), shadowing_ends_on=date(2024, 2, 1)
    )
    client = client_for("orcid_admin")
    url = reverse("staffing:check_in_record", args=[staff.pk])
    client.post(url, {"held_on": "2024-01-02", "notes": "First"})
    response = client.post(url, {"held_on": "2024-01-02", "notes": "Again"})
    assert response.status_code == 200
    assert response.context["check_in_form"].errors["held_on"] == [
        "A check-in is already recorded for that day."
    ]
