"""A currency code is three upper-case letters from the list of active ISO 4217 codes."""

import pytest

from consortia.lib.money import ISO_4217, MINOR_UNITS, is_currency_code


@pytest.mark.parametrize("code", ["USD", "EUR", "NZD", "JPY", "KWD", "BRL", "CHF", "XOF"])
def test_active_codes_are_known(code):
    assert is_currency_code(code)


@pytest.mark.parametrize("code", ["usd", "ABC", "US", "USDX", "XAU", "XTS", "XXX", "HRK", "", None, 840])
def test_anything_else_is_not(code):
    assert not is_currency_code(code)


def test_every_currency_with_other_minor_units_is_listed():
    assert set(MINOR_UNITS) <= ISO_4217
    assert all(len(code) == 3 and code.isupper() for code in ISO_4217)
