"""Working-time arithmetic on a business calendar: a time zone, working hours per weekday and
closed days (national holidays and the desk's own closures).

Traps this handles so callers need not:
- Working hours are wall-clock times in the calendar's zone. On a day the clocks change, 09:00–17:00
  is 7 or 9 real hours; the arithmetic counts the real time, from the zone's UTC offsets that day.
- A day is closed by date in the calendar's zone, not UTC: a Friday-evening ticket in Auckland is
  a Friday-morning one in UTC.
- Durations are whole seconds of working time; instants are aware datetimes (any zone in, UTC out).
- ``working_seconds(start, add_working_time(start, s)) == s`` for any ``s >= 0``, and a closed day
  or a weekend adds nothing.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

SECOND = timedelta(seconds=1)
# A calendar with working hours has a working day at least once a week, unless every day is
# closed; stop looking after this many days rather than loop forever.
SEARCH_LIMIT_DAYS = 366 * 30


@dataclass(frozen=True)
class WorkingHours:
    weekday: int  # 0 = Monday ... 6 = Sunday
    starts_at: time
    ends_at: time


@lru_cache(maxsize=256)
def _holidays(country: str, subdivision: str, year: int) -> frozenset[date]:
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:  # a country the package does not know: no national holidays
        return frozenset()
    return frozenset(found)


def national_holidays(country: str, subdivision: str = "") -> Callable[[date], bool]:
    """Whether a date is a public holiday of ``country`` (ISO 3166-1 alpha-2), from the
    ``holidays`` package; unknown countries have none."""
    country = (country or "").upper()

    def is_holiday(day: date) -> bool:
        return bool(country) and day in _holidays(country, subdivision, day.year)

    return is_holiday


def holiday_name(country: str, day: date, subdivision: str = "") -> str:
    import holidays

    try:
        return holidays.country_holidays(country.upper(), subdiv=subdivision or None, years=day.year).get(
            day, ""
        )
    except NotImplementedError:
        return ""


class BusinessCalendar:
    def __init__(
        self,
        time_zone: str,
        hours: Iterable[WorkingHours | tuple[int, time, time]],
        *,
        closed_dates: Iterable[date] = (),
        is_holiday: Callable[[date], bool] | None = None,
    ):
        self.zone = ZoneInfo(time_zone)
        self.hours: dict[int, list[tuple[time, time]]] = {}
        for entry in hours:
            weekday, starts_at, ends_at = (
                (entry.weekday, entry.starts_at, entry.ends_at) if isinstance(entry, WorkingHours) else entry
            )
            if not (0 <= weekday <= 6) or starts_at >= ends_at:
                raise ValueError(f"Working hours {starts_at}–{ends_at} on day {weekday} are not a period.")
            self.hours.setdefault(weekday, []).append((starts_at, ends_at))
        for periods in self.hours.values():
            periods.sort()
        self.closed_dates = frozenset(closed_dates)
        self.is_holiday = is_holiday or (lambda day: False)

    def is_closed(self, day: date) -> bool:
        return day in self.closed_dates or self.is_holiday(day)

    def _day_periods(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working periods of a local date as UTC instants (none when closed)."""
        if day.weekday() not in self.hours or self.is_closed(day):
            return []
        periods = []
        for starts_at, ends_at in self.hours[day.weekday()]:
            start = datetime.combine(day, starts_at, tzinfo=self.zone).astimezone(UTC)
            end = datetime.combine(day, ends_at, tzinfo=self.zone).astimezone(UTC)
            if end > start:
                periods.append((start, end))
        return periods

    def _periods_from(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working periods (clipped to begin no earlier than ``start``) in time order, endlessly."""
        if not self.hours:
            raise ValueError("This calendar has no working hours.")
        start = start.astimezone(UTC)
        day = start.astimezone(self.zone).date() - timedelta(
            days=1
        )  # a period may begin the day before in UTC
        idle_days = 0
        while idle_days < SEARCH_LIMIT_DAYS:
            periods = self._day_periods(day)
            idle_days = 0 if periods else idle_days + 1
            for period_start, period_end in periods:
                if period_end > start:
                    yield max(period_start, start), period_end
            day += timedelta(days=1)
        raise ValueError("This calendar has no working day in the next 30 years.")

    def working_seconds(self, start: datetime, end: datetime) -> int:
        """Whole seconds of working time between two instants (0 when ``end`` is not after ``start``)."""
        if end <= start:
            return 0
        end = end.astimezone(UTC)
        total = timedelta(0)
        for period_start, period_end in self._periods_from(start):
            if period_start >= end:
                break
            total += min(period_end, end) - period_start
        return total // SECOND

    def add_working_time(self, start: datetime, seconds: int) -> datetime:
        """The instant when ``seconds`` of working time have passed since ``start``. Zero is
        ``start`` itself, even out of hours; a due time falls inside working hours otherwise."""
        if seconds < 0:
            raise ValueError("Working time to add cannot be negative.")
        if seconds == 0:
            return start.astimezone(UTC)
        left = timedelta(seconds=seconds)
        for period_start, period_end in self._periods_from(start):
            length = period_end - period_start
            if left <= length:
                return period_start + left
            left -= length
        raise AssertionError("unreachable: _periods_from is endless or raises")

    def is_working_time(self, moment: datetime) -> bool:
        moment = moment.astimezone(UTC)
        local_day = moment.astimezone(self.zone).date()
        return any(
            start <= moment < end
            for day in (local_day - timedelta(days=1), local_day, local_day + timedelta(days=1))
            for start, end in self._day_periods(day)
        )
