"""Commas are thousands separators only: "1,5" EUR is refused rather than read as 15.00."""

from decimal import Decimal

import pytest

from consortia.lib.money import parse_amount


@pytest.mark.parametrize("text", ["1,5", "1,50", "12,34.00", "1,2345"])
def test_a_decimal_comma_is_refused(text):
    with pytest.raises(ValueError, match="decimals with a point"):
        parse_amount(text, "EUR")


@pytest.mark.parametrize(("text", "amount"), [("1,234.50", "1234.50"), ("12,345,678", "12345678.00")])
def test_thousands_separators_are_read(text, amount):
    assert parse_amount(text, "EUR") == Decimal(amount)
