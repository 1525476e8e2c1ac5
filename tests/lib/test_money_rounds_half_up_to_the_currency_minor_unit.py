"""Money is Decimal in the currency's precision: half-up to the minor unit (0, 2 or 3 decimals),
user amounts parsed without floats, and an even split that adds up exactly."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.lib.money import Money, minor_units, parse_amount, round_money, split_evenly

CURRENCIES = st.sampled_from(["JPY", "KRW", "USD", "EUR", "NZD", "BHD", "KWD"])
AMOUNTS = st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("10.005", "EUR", "10.01"),
        ("10.004", "EUR", "10.00"),
        ("-10.005", "EUR", "-10.01"),  # half away from zero: a credit mirrors its invoice
        ("1234.5", "JPY", "1235"),
        ("1.0005", "BHD", "1.001"),
        ("7", "usd", "7.00"),
    ],
)
def test_amounts_round_half_up_to_the_minor_unit(amount, currency, rounded):
    assert str(round_money(Decimal(amount), currency)) == rounded


def test_minor_units_follow_iso_4217():
    assert (minor_units("JPY"), minor_units("USD"), minor_units("KWD")) == (0, 2, 3)


@given(AMOUNTS, CURRENCIES)
def test_a_rounded_amount_has_exactly_the_currency_precision(amount, currency):
    rounded = round_money(amount, currency)
    assert rounded.as_tuple().exponent == -minor_units(currency)
    assert abs(rounded - amount) <= Decimal(1).scaleb(-minor_units(currency)) / 2


@given(AMOUNTS, CURRENCIES)
def test_rounding_is_symmetric_so_a_negated_line_rounds_to_the_negated_amount(amount, currency):
    assert round_money(-amount, currency) == -round_money(amount, currency)


def test_a_float_is_never_an_amount():
    with pytest.raises(TypeError):
        parse_amount(10.5, "USD")
    with pytest.raises(TypeError):
        Money(10.5, "USD")


@pytest.mark.parametrize("value", ["10.001", "abc", "NaN", "Infinity", ""])
def test_nonsense_or_too_many_decimals_is_refused(value):
    with pytest.raises(ValueError):
        parse_amount(value, "USD")


def test_user_amounts_are_parsed_to_the_currency_precision():
    assert parse_amount("1,250.5", "USD") == Decimal("1250.50")
    assert parse_amount(Decimal("3"), "BHD") == Decimal("3.000")
    with pytest.raises(ValueError):
        parse_amount("0.5", "JPY")


def test_money_of_two_currencies_does_not_add():
    with pytest.raises(ValueError):
        Money(Decimal(1), "USD") + Money(Decimal(1), "EUR")
    assert str(Money(Decimal("1234.5"), "usd") - Money(Decimal("0.25"), "USD")) == "USD 1,234.25"


def test_a_thousand_in_three_shares_is_three_hundred_thirty_three_34_33_33():
    assert split_evenly(Decimal("1000.00"), 3, "EUR") == [
        Decimal("333.34"),
        Decimal("333.33"),
        Decimal("333.33"),
    ]


@given(
    st.decimals(min_value=0, max_value=10**8, places=3, allow_nan=False, allow_infinity=False),
    st.integers(min_value=1, max_value=500),
    CURRENCIES,
)
def test_even_shares_add_up_to_the_amount_and_differ_by_at_most_one_minor_unit(amount, parts, currency):
    amount = round_money(amount, currency)
    shares = split_evenly(amount, parts, currency)
    unit = Decimal(1).scaleb(-minor_units(currency))

    assert len(shares) == parts
    assert sum(shares, Decimal(0)) == amount
    assert max(shares) - min(shares) <= unit
    assert all(share == round_money(share, currency) for share in shares)
