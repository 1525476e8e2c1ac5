"""Calendar arithmetic the program's deadlines need."""

import calendar
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month.

    "Within three months" of 30 November is 28 February, or the 29th in a leap year; of
    31 March it is 30 June. Deadlines never spill into the following month.
    """
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def today_in(time_zone: str) -> date:
    """Today's date where a consortium is: in Auckland the day starts 13 hours before UTC's.

    An unknown zone name falls back to the server's own date rather than failing a page.
    """
    try:
        return timezone.localdate(timezone=ZoneInfo(time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()
