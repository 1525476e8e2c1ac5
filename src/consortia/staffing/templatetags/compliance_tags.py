"""Badges for the compliance pages: the text always says the level, the colour only repeats it."""

from django import template

from consortia.staffing.compliance import Eligibility

register = template.Library()

_RISK_BADGES = {"high": "badge-danger", "medium": "badge-warn", "low": "badge-active"}
_ELIGIBILITY_BADGES = {
    Eligibility.FULL: "badge-active",
    Eligibility.SMALLER: "badge-pending",
    Eligibility.NONE: "badge-danger",
}


@register.filter
def risk_badge(level: str) -> str:
    return _RISK_BADGES.get(level, "")


@register.filter
def eligibility_badge(eligibility: str) -> str:
    return _ELIGIBILITY_BADGES.get(eligibility, "")


@register.filter
def fte_range(low, high) -> str:
    """The range "0.50–0.63", or a single figure when the program's advice collapses onto the rule."""
    return f"{low}" if low == high else f"{low}–{high}"
