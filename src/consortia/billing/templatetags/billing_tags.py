"""Money as the billing pages show it: ``{{ amount|money:currency }}`` → ``1,725.00`` (JPY ``1,725``)."""

from decimal import Decimal

from django import template

from consortia.lib.money import minor_units, round_money

register = template.Library()


@register.filter
def money(amount, currency: str) -> str:
    if amount in (None, ""):
        return ""
    places = minor_units(currency or "")
    return f"{round_money(Decimal(amount), currency or ''):,.{places}f}"


@register.filter
def percent(value) -> str:
    """15.00 → 15, 7.50 → 7.5."""
    return f"{Decimal(value).normalize():f}"
