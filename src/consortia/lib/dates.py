"""Calendar arithmetic the program's deadlines need."""

import calendar
from datetime import date


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
