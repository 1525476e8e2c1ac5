"""Working time on a business calendar (hypothesis): never negative; adding a duration then
measuring it gives the same duration back; a holiday or a weekend adds nothing; clock changes
count real time; a Friday-evening ticket before a public holiday is due days later."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consortia.lib.business_calendar import BusinessCalendar, holiday_name, national_holidays

NINE_TO_FIVE = [(day, time(9), time(17)) for day in range(5)]
HOUR = 3600
ZONES = ["Pacific/Auckland", "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "UTC", "Asia/Kolkata"]

instants = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


def calendar(zone="Pacific/Auckland", country="NZ", closed=()):
    return BusinessCalendar(zone, NINE_TO_FIVE, closed_dates=closed, is_holiday=national_holidays(country))


@settings(max_examples=200, deadline=None)
@given(zone=st.sampled_from(ZONES), start=instants, end=instants)
def test_working_time_is_never_negative_and_never_more_than_the_elapsed_time(zone, start, end):
    worked = calendar(zone, "").working_seconds(start, end)

    assert worked >= 0
    assert worked <= max(0, (end - start).total_seconds())


@settings(max_examples=200, deadline=None)
@given(zone=st.sampled_from(ZONES), start=instants, seconds=st.integers(min_value=0, max_value=400 * HOUR))
def test_adding_then_measuring_gives_back_the_same_duration(zone, start, seconds):
    business = calendar(zone, "DE" if zone == "Europe/Berlin" else "")

    due = business.add_working_time(start, seconds)

    assert business.working_seconds(start, due) == seconds
    assert due >= start
    if seconds:
        assert business.is_working_time(due - timedelta(microseconds=1))


@settings(max_examples=100, deadline=None)
@given(
    start=instants, end=instants, closed=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
)
def test_a_closure_never_adds_working_time(start, end, closed):
    assert calendar(closed=[closed]).working_seconds(start, end) <= calendar().working_seconds(start, end)


def test_a_weekend_adds_nothing():
    zone = ZoneInfo("Europe/Berlin")
    friday_five = datetime(2026, 11, 27, 17, tzinfo=zone)
    monday_nine = datetime(2026, 11, 30, 9, tzinfo=zone)

    assert calendar("Europe/Berlin", "DE").working_seconds(friday_five, monday_nine) == 0


def test_a_friday_evening_ticket_before_a_public_holiday_is_due_after_the_holiday():
    """Auckland, Friday 23 October 2026 at 18:00; Monday 26 October is Labour Day. One working day
    (8 hours) is due at the end of Tuesday, not Monday."""
    zone = ZoneInfo("Pacific/Auckland")
    friday_evening = datetime(2026, 10, 23, 18, tzinfo=zone)

    due = calendar().add_working_time(friday_evening, 8 * HOUR)

    assert holiday_name("NZ", date(2026, 10, 26)) == "Labour Day"
    assert due.astimezone(zone) == datetime(2026, 10, 27, 17, tzinfo=zone)


def test_a_day_when_the_clocks_go_forward_counts_its_real_hours():
    """New York springs forward on Sunday 8 March 2026 at 02:00; a calendar open 00:00–06:00 that
    Sunday works 5 real hours, not 6."""
    night = BusinessCalendar("America/New_York", [(6, time(0), time(6))])
    zone = ZoneInfo("America/New_York")

    worked = night.working_seconds(datetime(2026, 3, 7, tzinfo=zone), datetime(2026, 3, 9, tzinfo=zone))

    assert worked == 5 * HOUR


def test_working_hours_stay_wall_clock_across_a_clock_change():
    """Berlin leaves summer time on 25 October 2026: 09:00 is 07:00 UTC before and 08:00 UTC after."""
    business = calendar("Europe/Berlin", "DE")
    friday_nine = datetime(2026, 10, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))

    due = business.add_working_time(friday_nine, 9 * HOUR)  # all of Friday, then one hour of Monday

    assert due == datetime(2026, 10, 26, 9, tzinfo=UTC)  # 10:00 in Berlin, on winter time


def test_a_calendar_without_hours_or_with_backwards_hours_is_refused():
    with pytest.raises(ValueError, match="no working hours"):
        BusinessCalendar("UTC", []).add_working_time(datetime(2026, 1, 1, tzinfo=UTC), 60)
    with pytest.raises(ValueError, match="not a period"):
        BusinessCalendar("UTC", [(0, time(17), time(9))])
    with pytest.raises(ValueError, match="cannot be negative"):
        calendar().add_working_time(datetime(2026, 1, 1, tzinfo=UTC), -1)


def test_an_unknown_country_has_no_holidays():
    assert not national_holidays("ZZ")(date(2026, 12, 25))
    assert national_holidays("nz")(date(2026, 12, 25))
