"""Several people together can cover the week: one on Monday–Wednesday and another on
Thursday–Friday leave no weekday uncovered, and the list says so in words."""

from django.urls import reverse

from consortia.staffing.models import SupportStaff


def staff_form(given, email, days, **fields):
    data = {
        "given_names": given,
        "family_name": "Support",
        "email": email,
        "role": "community_manager",
        "fte": "0.5",
        "employment_model": "direct_hire",
        "starts_on": "2024-01-01",
    }
    for day in range(7):
        data[f"from_{day}"], data[f"to_{day}"] = "09:00", "17:00"
    for day in days:
        data[f"covers_{day}"] = "on"
    data.update(fields)
    return data


def test_monday_to_wednesday_plus_thursday_to_friday_covers_all_weekdays(world, client_for):
    client = client_for("alpha_admin")
    url = reverse("staffing:staff_add", args=["alpha"])

    first = client.post(url, staff_form("Mere", "mere@alpha.example", [0, 1, 2]))
    assert first.status_code == 302
    listing = client.get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    assert "Not covered: Thursday, Friday" in listing

    second = client.post(url, staff_form("Tama", "tama@alpha.example", [3, 4], to_4="13:00"))
    assert second.status_code == 302
    listing = client.get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    assert "All weekdays covered" in listing and "Not covered" not in listing
    assert "09:00–<br>13:00" in listing
    assert "1.00" in listing  # FTE in post: 0.5 + 0.5

    tama = SupportStaff.objects.get(person__email="tama@alpha.example")
    assert [(s.weekday, f"{s.ends_at:%H:%M}") for s in tama.coverage.all()] == [(3, "17:00"), (4, "13:00")]


def test_hours_that_end_before_they_start_are_refused(world, client_for):
    data = staff_form("Mere", "mere@alpha.example", [0], from_0="17:00", to_0="09:00")
    response = client_for("alpha_admin").post(reverse("staffing:staff_add", args=["alpha"]), data)
    assert response.status_code == 200
    assert "On Monday the hours end before they start." in response.content.decode()
    assert not SupportStaff.objects.exists()


def test_a_ticked_day_needs_its_hours(world, client_for):
    data = staff_form("Mere", "mere@alpha.example", [1], from_1="")
    response = client_for("alpha_admin").post(reverse("staffing:staff_add", args=["alpha"]), data)
    assert "Give the hours covered on Tuesday." in response.content.decode()
    assert not SupportStaff.objects.exists()
