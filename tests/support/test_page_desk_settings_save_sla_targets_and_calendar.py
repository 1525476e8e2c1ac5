"""The desk's admin changes its settings, its SLA targets (in working hours) and its calendar;
the page lists the next public holidays the calendar observes."""

from datetime import date, time

from consortia.support.models import SlaPolicy

URL = "/support/desks/alpha/settings/"


def test_desk_and_sla_targets(world, client_for):
    client = client_for("alpha_admin")
    page = client.get(URL).content.decode()
    assert "Next public holidays" in page and "Waitangi Day" in page  # alpha is in NZ
    response = client.post(
        URL,
        {
            "section": "desk",
            "name": "Alpha help",
            "email_address": "help@alpha.example",
            "unknown_senders": "open",
        },
    )
    assert response.status_code == 302
    world.alpha.desk.refresh_from_db()
    assert (world.alpha.desk.name, world.alpha.desk.unknown_senders) == ("Alpha help", "open")

    data = {"section": "sla"}
    for prefix in ("default", "low", "normal", "high", "urgent"):
        data[f"sla-{prefix}-priority"] = "" if prefix == "default" else prefix
    data.update({"sla-default-first_response_hours": "8", "sla-default-next_response_hours": "8"})
    data.update({"sla-default-resolution_hours": "56"})
    data.update({"sla-urgent-first_response_hours": "1.5", "sla-urgent-next_response_hours": "2"})
    data.update({"sla-urgent-resolution_hours": "8"})
    assert client.post(URL, data).status_code == 302
    urgent = SlaPolicy.objects.get(desk=world.alpha.desk, priority="urgent")
    assert (urgent.first_response_minutes, urgent.resolution_minutes) == (90, 480)

    data["sla-urgent-first_response_hours"] = "9"  # after the resolution
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "cannot be due after the resolution" in response.content.decode()


def test_calendar(world, client_for):
    client = client_for("alpha_admin")
    data = {"section": "calendar", "time_zone": "Pacific/Auckland", "country": "nz", "subdivision": ""}
    data.update({"day0_start": "08:30", "day0_end": "16:30", "day2_start": "09:00", "day2_end": "17:00"})
    data["closures"] = "2026-12-24 End-of-year break\n2026-12-31"
    assert client.post(URL, data).status_code == 302
    calendar = world.alpha.desk.calendar
    calendar.refresh_from_db()
    assert calendar.country == "NZ"
    assert [(h.weekday, h.starts_at) for h in calendar.hours.all()] == [(0, time(8, 30)), (2, time(9))]
    assert [(c.date, c.reason) for c in calendar.closures.all()] == [
        (date(2026, 12, 24), "End-of-year break"),
        (date(2026, 12, 31), "Closed"),
    ]

    bad = dict(data, time_zone="Mars/Olympus", closures="24/12/2026 break", day1_start="09:00")
    response = client.post(URL, bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a date like 2026-12-24" in html and "start and end, or neither" in html


def test_a_day_may_have_two_working_periods_and_they_survive_an_edit(world, client_for):
    """A lunch break: 09:00–12:00 and 13:00–17:00 on Monday; the form shows both again, so saving
    the calendar once more keeps them. Overlapping periods are refused."""
    client = client_for("alpha_admin")
    data = {"section": "calendar", "time_zone": "Pacific/Auckland", "country": "NZ", "subdivision": ""}
    data.update({"day0_start": "09:00", "day0_end": "12:00", "day0_start2": "13:00", "day0_end2": "17:00"})
    assert client.post(URL, data).status_code == 302

    page = client.get(URL).content.decode()
    calendar = world.alpha.desk.calendar
    assert [(h.starts_at, h.ends_at) for h in calendar.hours.all()] == [
        (time(9), time(12)),
        (time(13), time(17)),
    ]
    assert 'name="day0_start2" value="13:00' in page

    overlapping = dict(data, day0_start2="11:00")
    response = client.post(URL, overlapping)
    assert response.status_code == 400
    assert "overlap" in response.content.decode()
    assert calendar.hours.count() == 2
