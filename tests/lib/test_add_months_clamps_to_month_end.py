"""``add_months``: the same day so many months later, clamped to the end of a shorter month."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.lib.dates import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 15), 1, date(2024, 2, 15)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2025, 3, 31), 3, date(2025, 6, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 10, 31), 3, date(2025, 1, 31)),
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2024, 5, 20), 0, date(2024, 5, 20)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_it_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_december_plus_one_month_is_january_of_the_next_year():
    assert add_months(date(2024, 12, 1), 1) == date(2025, 1, 1)


def test_january_31_plus_one_month_is_february_29_in_a_leap_year():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_january_31_plus_one_month_is_february_28_in_other_years():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2100, 1, 31), 1) == date(2100, 2, 28)  # a century, not a leap year


def test_negative_months_count_back_across_a_year_end():
    assert add_months(date(2025, 1, 31), -2) == date(2024, 11, 30)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)), st.integers(0, 1200))
def test_add_months_never_spills_into_the_following_month(start, months):
    result = add_months(start, months)

    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:
        # Clamped: the result is the last day of its month.
        assert (result + timedelta(days=1)).day == 1
