"""Money: a Decimal amount and its currency, rounded by one stated rule.

Amounts are never floats. Each currency has its number of minor units (ISO 4217: 2 for most,
0 for JPY or KRW, 3 for BHD...). The rounding rule is half-up to the currency's minor unit,
applied to each invoice line's net amount and tax; an invoice's totals are the sums of its
rounded lines, so they always equal what the lines say.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

# ISO 4217 minor units where they are not 2.
MINOR_UNITS = {
    "BHD": 3, "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0,
    "KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0, "RWF": 0, "TND": 3, "UGX": 0,
    "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
}

# Active ISO 4217 currency codes (fund and index units included, precious metals, SDR and test
# codes left out; CLF and UYW too, as they have 4 decimal places and amounts are stored with 3).
_ISO_4217_CODES = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
    FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES
    KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
    TZS UAH UGX USD USN UYI UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
"""
ISO_4217 = frozenset(_ISO_4217_CODES.split())
CURRENCY_CODE = re.compile(r"[A-Z]{3}")

ROUNDING = ROUND_HALF_UP

# "1,234,567.89": commas only between groups of three digits; "1,5" is refused, not read as 15.
THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")


def is_currency_code(code) -> bool:
    """An active ISO 4217 code, written as three upper-case letters ("usd" is not one)."""
    return isinstance(code, str) and bool(CURRENCY_CODE.fullmatch(code)) and code in ISO_4217


def minor_units(currency: str) -> int:
    return MINOR_UNITS.get(currency.upper(), 2)


@cache
def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Half-up to the currency's minor unit: 10.005 EUR is 10.01 EUR, 1234.5 JPY is 1235 JPY."""
    return Decimal(amount).quantize(quantum(currency), rounding=ROUNDING)


def split_evenly(amount: Decimal, parts: int, currency: str) -> list[Decimal]:
    """``amount`` in ``parts`` shares that add up to it exactly and differ by at most one minor
    unit; the larger shares come first (1000.00 in three: 333.34, 333.33, 333.33)."""
    if parts < 1:
        raise ValueError("Split an amount into one part or more.")
    unit = quantum(currency)
    base, extra = divmod(int(round_money(amount, currency) / unit), parts)
    return [(base + (1 if index < extra else 0)) * unit for index in range(parts)]


def parse_amount(value, currency: str) -> Decimal:
    """A user's amount as Decimal in the currency's precision; refuses floats and nonsense."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a string or a Decimal.")
    text = str(value).strip()
    if "," in text and not THOUSANDS.fullmatch(text):
        raise ValueError(f"“{value}”: write decimals with a point (1234.50); commas only between thousands.")
    try:
        amount = Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValueError(f"“{value}” is not an amount.") from None
    if not amount.is_finite():
        raise ValueError(f"“{value}” is not an amount.")
    if amount != round_money(amount, currency):
        raise ValueError(f"{currency} has {minor_units(currency)} decimal places; “{value}” has more.")
    return round_money(amount, currency)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self):
        if isinstance(self.amount, float):
            raise TypeError("Money is never a float.")
        object.__setattr__(self, "amount", Decimal(self.amount))
        object.__setattr__(self, "currency", self.currency.upper())

    def __add__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> "Money":
        return Money(-self.amount, self.currency)

    def _same_currency(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}.")

    def rounded(self) -> "Money":
        return Money(round_money(self.amount, self.currency), self.currency)

    def __str__(self) -> str:
        places = minor_units(self.currency)
        return f"{self.currency} {self.amount:,.{places}f}"
