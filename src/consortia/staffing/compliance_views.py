"""Compliance pages: ORCID's scorecard of every consortium in scope, a consortium's own
compliance page, and the staffing calculator.

Each view: sign-in → scope → policy → the compliance engine (``staffing.compliance``) → render.
The engine works on any date, so every page takes ``?date=YYYY-MM-DD`` to look at the past.
"""

from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from consortia import program
from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.directory.models import Region
from consortia.staffing import compliance
from consortia.staffing.compliance import Eligibility
from consortia.staffing.models import WEEKDAY_NAMES

# The direction each scorecard sort puts its column in, for aria-sort; "-sort" reverses it.
SORT_DIRECTIONS = {
    "risk": "descending",
    "name": "ascending",
    "region": "ascending",
    "members": "descending",
    "fte": "ascending",
    "overdue": "descending",
}
_REVERSED = {"ascending": "descending", "descending": "ascending"}
SORT_DESCRIPTIONS = {
    "risk": "highest risk first",
    "-risk": "lowest risk first",
    "name": "by name",
    "-name": "by name, Z to A",
    "region": "by region",
    "-region": "by region, Z to A",
    "members": "most members first",
    "-members": "fewest members first",
    "fte": "largest FTE shortfall first",
    "-fte": "largest FTE surplus first",
    "overdue": "most overdue items first",
    "-overdue": "fewest overdue items first",
}

# (sort key or None, header, what the figures are, numeric column)
SCORECARD_COLUMNS = (
    ("name", "Consortium", "", False),
    ("region", "Region", "", False),
    ("members", "Members", "", True),
    ("fte", "FTE", "in post / required", True),
    (None, "Weekdays not covered", "", False),
    ("overdue", "Overdue items", "consortium / ORCID", True),
    (None, "Eligibility", "", False),
    ("risk", "Risk", "", False),
    (None, "Reasons", "", False),
)


def _as_of(request) -> tuple[date, str]:
    """The date to assess on (``?date=``), and why the one asked for was not used, if it wasn't."""
    today = timezone.localdate()
    raw = request.GET.get("date", "").strip()
    if not raw:
        return today, ""
    try:
        on = date.fromisoformat(raw)
    except ValueError:
        return today, f"“{raw}” is not a date in the form YYYY-MM-DD, so today is shown instead."
    if on > today:
        return today, (
            f"Compliance cannot be assessed for a future date ({on:%-d %b %Y}): "
            "choose today or a past date. Today is shown instead."
        )
    return on, ""


def _querystring(request, *drop: str) -> str:
    """The page's query string without ``drop``, ready for ``?{{ q }}key=value``."""
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _sort_headers(request, sort: str) -> list[dict]:
    active, is_reversed = sort.lstrip("-"), sort.startswith("-")
    prefix = _querystring(request, "sort", "page")
    headers = []
    for key, label, sub, numeric in SCORECARD_COLUMNS:
        header = {"label": label, "sub": sub, "numeric": numeric, "href": "", "aria_sort": ""}
        if key:
            header["href"] = f"?{prefix}sort={'-' + key if key == active and not is_reversed else key}"
            if key == active:
                direction = SORT_DIRECTIONS[key]
                header["aria_sort"] = _REVERSED[direction] if is_reversed else direction
        headers.append(header)
    return headers


@login_required
def scorecard(request):
    user = request.user
    if not policy.can_view_scorecard(user):
        if user.is_consortium_team and user.consortium_id:
            return redirect("compliance:consortium_compliance", slug=user.consortium.slug)
        raise PermissionDenied("The compliance scorecard is ORCID's.")
    on, date_problem = _as_of(request)
    sort = request.GET.get("sort", "risk")
    if sort.lstrip("-") not in compliance.SCORECARD_SORTS:
        sort = "risk"
    q = request.GET.get("q", "").strip()
    region = request.GET.get("region", "") if user.role == Role.ORCID_ADMIN else ""
    eligibility = request.GET.get("eligibility", "")
    if eligibility not in Eligibility.LABELS:
        eligibility = ""

    consortia = policy.consortia_for(user)
    if region:
        consortia = consortia.filter(region__slug=region)
    if q:
        consortia = consortia.filter(name__icontains=q)
    rows = compliance.scorecard(consortia, on, sort)
    counts = {key: 0 for key in Eligibility.LABELS}
    for row in rows:
        counts[row.eligibility] += 1
    if eligibility:
        rows = [row for row in rows if row.eligibility == eligibility]

    context = {
        "on": on,
        "today": timezone.localdate(),
        "date_value": request.GET.get("date", "").strip() if not date_problem else "",
        "date_problem": date_problem,
        "sort": sort,
        "sort_description": SORT_DESCRIPTIONS[sort],
        "q": q,
        "region": region,
        "regions": Region.objects.order_by("name") if user.role == Role.ORCID_ADMIN else None,
        "eligibility": eligibility,
        "eligibility_choices": list(Eligibility.LABELS.items()),
        "counts": counts,
        "assessed": sum(counts.values()),
        "headers": _sort_headers(request, sort),
        "filter_querystring": _querystring(request, "eligibility", "page"),
        "page_obj": Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page")),
        "querystring_without_page": _querystring(request, "page"),
    }
    return render(request, "staffing/compliance_scorecard.html", context)


def _weekday_coverage(result: compliance.Compliance) -> list[tuple[str, list]]:
    """Who covers each weekday the program asks for, and their hours."""
    return [
        (
            WEEKDAY_NAMES[day],
            [
                (standing.staff, slot)
                for standing in result.staff
                for slot in standing.staff.coverage_slots
                if slot.weekday == day
            ],
        )
        for day in program.WEEKDAYS_TO_COVER
    ]


@login_required
def consortium_compliance(request, slug):
    consortium = get_object_or_404(
        policy.consortia_for(request.user).select_related("region", "lead_organization"), slug=slug
    )
    if not policy.can_view_compliance(request.user, consortium):
        raise Http404
    on, date_problem = _as_of(request)
    result = compliance.assess_one(consortium, on)
    context = {
        "consortium": consortium,
        "result": result,
        "on": on,
        "today": timezone.localdate(),
        "date_value": request.GET.get("date", "").strip() if not date_problem else "",
        "date_problem": date_problem,
        "calculator": compliance.staffing_calculator(result.members),
        "coverage": _weekday_coverage(result),
        "recommendation_years": program.RECOMMENDATION_YEARS,
        "is_orcid_hired": result.is_orcid_hired,
        "can_view_scorecard": policy.can_view_scorecard(request.user),
    }
    return render(request, "staffing/compliance_consortium.html", context)


class CalculatorForm(forms.Form):
    # No consortium comes near this; it keeps the FTE arithmetic within Decimal's precision.
    MAX_MEMBERS = 1_000_000

    members = forms.IntegerField(
        label="Member organizations",
        min_value=0,
        max_value=MAX_MEMBERS,
        help_text="Organizations that are members (onboarding or active).",
        error_messages={
            "required": "Enter the number of member organizations.",
            "invalid": "Enter the number of member organizations as a whole number, such as 31.",
            "min_value": "The number of member organizations cannot be negative.",
            "max_value": "That is more member organizations than the calculator takes.",
        },
    )


def example_sizes() -> list[int]:
    """Consortium sizes either side of each of the program's staffing thresholds."""
    small = program.SMALL_CONSORTIUM_MEMBER_LIMIT
    per_fte = program.ORGANIZATIONS_PER_REQUIRED_FTE
    return sorted(
        {
            small // 2,
            small - 1,
            small,
            per_fte,
            per_fte + 1,
            program.RECOMMENDED_MEMBERS_PER_FTE_HIGH,
            2 * per_fte,
            100,
        }
    )


@login_required
def calculator(request):
    if not policy.can_use_staffing_calculator(request.user):
        raise PermissionDenied("The staffing calculator is for ORCID and consortium staff.")
    form = CalculatorForm(request.GET if "members" in request.GET else None)
    result = compliance.staffing_calculator(form.cleaned_data["members"]) if form.is_valid() else None
    context = {
        "form": form,
        "result": result,
        "examples": [compliance.staffing_calculator(n) for n in example_sizes()],
        "recommendation_years": program.RECOMMENDATION_YEARS,
        "recommended_low": program.RECOMMENDED_MEMBERS_PER_FTE_LOW,
        "recommended_high": program.RECOMMENDED_MEMBERS_PER_FTE_HIGH,
        "outreach_percent": int(program.OUTREACH_SHARE * 100),
        "technical_percent": int(program.TECHNICAL_SHARE * 100),
        "consortium": request.user.consortium if request.user.is_consortium_team else None,
    }
    return render(request, "staffing/compliance_calculator.html", context)
