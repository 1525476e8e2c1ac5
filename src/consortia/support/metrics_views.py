"""Desk metrics pages: one desk's figures for a period with charts, and ORCID's overview of the
desks in its scope.

Charts are inline SVG drawn here on the server (no script, no CDN); each has a title, a
description and the table of its figures for screen readers and for anyone who wants the numbers.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone

from consortia.accounts import policy
from consortia.lib.dates import today_in
from consortia.support import metrics
from consortia.web import paginate

# Chart geometry, in SVG user units. The SVG scales to its container's width, so each chart's
# width is about its width on a desktop screen in pixels: text then shows at its own size.
WIDE, HALF = 1100, 540
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 48, 12, 16
COLUMN_HEIGHT, LINE_HEIGHT = 240, 220
ROW_HEIGHT, LABEL_WIDTH = 28, 180
# Axis labels per chart width before every n-th is left out.
WIDE_LABELS, HALF_LABELS = 26, 13


def working_time(seconds: int | None) -> str:
    """Working seconds as "3 h 20 min" (working hours, not calendar days, so no "days")."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def percent(rate) -> str:
    return "—" if rate is None else f"{rate * 100:.1f} %"


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum and step of 1, 2 or 5 times a power of ten, four or five steps high."""
    if value <= 0:
        return 4, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step), step


def _ticks(top: float, step: float, plot_bottom: float, plot_height: float, fmt) -> list[dict]:
    count = round(top / step)
    return [
        {"y": plot_bottom - plot_height * (i * step) / top, "label": fmt(i * step)} for i in range(count + 1)
    ]


@dataclass
class Chart:
    title: str
    description: str
    height: int
    width: int


def _axis_labels(buckets, granularity: str, most: int) -> list[tuple[str, str]]:
    """Two lines under each column or point: the month (or week's first day) and, under the
    first one and each January, the year. Every n-th only when they would crowd."""
    if granularity == "week":
        most = max(1, most // 2)  # "14 Sep" is twice as wide as "Sep"
    every = max(1, math.ceil(len(buckets) / most))
    labels = []
    for index, bucket in enumerate(buckets):
        if index % every:
            labels.append(("", ""))
            continue
        day = bucket.starts
        if granularity == "month":
            first = f"{day:%b}"
            year = str(day.year) if index == 0 or day.month == 1 else ""
        else:
            first = f"{day:%-d %b}"
            year = str(day.year) if index == 0 or (day.month == 1 and day.day <= 7) else ""
        labels.append((first, year))
    return labels


def volume_chart(figures: metrics.DeskMetrics) -> dict:
    """Tickets created per week or month, as columns."""
    buckets = figures.buckets
    bottom = COLUMN_HEIGHT - 40
    height = bottom - PLOT_TOP
    top, step = _nice_ceiling(max((b.count for b in buckets), default=0))
    slot = (WIDE - PLOT_LEFT - PLOT_RIGHT) / max(len(buckets), 1)
    bar = max(min(slot * 0.7, 56), 2)
    labels = _axis_labels(buckets, figures.granularity, WIDE_LABELS)
    columns = []
    for index, bucket in enumerate(buckets):
        bar_height = height * bucket.count / top
        x = PLOT_LEFT + slot * index + (slot - bar) / 2
        columns.append(
            {
                "x": round(x, 1),
                "y": round(bottom - bar_height, 1),
                "width": round(bar, 1),
                "height": round(bar_height, 1),
                "middle": round(x + bar / 2, 1),
                "value_y": round(bottom - bar_height - 4, 1),
                "label": labels[index],
                "count": bucket.count,
                "bucket": bucket,
            }
        )
    unit = "week" if figures.granularity == "week" else "month"
    return {
        "chart": Chart(
            f"Tickets per {unit}",
            f"{figures.total} tickets from {figures.start:%-d %b %Y} to {figures.end:%-d %b %Y}, by {unit}.",
            COLUMN_HEIGHT,
            WIDE,
        ),
        "columns": columns,
        "show_values": len(buckets) <= WIDE_LABELS,
        "ticks": _ticks(top, step, bottom, height, lambda v: f"{v:g}"),
        "bottom": bottom,
        "label_y": bottom + 18,
        "year_y": bottom + 34,
        "left": PLOT_LEFT,
        "right": WIDE - PLOT_RIGHT,
    }


def category_chart(figures: metrics.DeskMetrics) -> dict:
    """Tickets by category, as horizontal bars with the count at the end."""
    rows = figures.by_category
    largest = max((row.count for row in rows), default=0) or 1
    span = HALF - LABEL_WIDTH - 44
    bars = [
        {
            "y": PLOT_TOP + ROW_HEIGHT * index,
            "text_y": PLOT_TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2 + 4,
            "width": round(span * row.count / largest, 1),
            "value_x": round(LABEL_WIDTH + span * row.count / largest + 6, 1),
            "row": row,
            "share": percent(metrics.rate(row.count, figures.total)),
        }
        for index, row in enumerate(rows)
    ]
    return {
        "chart": Chart(
            "Tickets by category",
            "Tickets of the period by category, the largest first.",
            PLOT_TOP + ROW_HEIGHT * len(rows),
            HALF,
        ),
        "bars": bars,
        "label_x": LABEL_WIDTH - 10,
        "bar_x": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }


def response_chart(figures: metrics.DeskMetrics) -> dict:
    """Median first response per week or month, as a line (broken where nothing was answered)."""
    buckets = figures.buckets
    bottom = LINE_HEIGHT - 40
    height = bottom - PLOT_TOP
    hours = [b.first_response_median / 3600 for b in buckets if b.first_response_median is not None]
    top, step = _nice_ceiling(max(hours, default=0))
    slot = (HALF - PLOT_LEFT - PLOT_RIGHT) / max(len(buckets), 1)
    labels = _axis_labels(buckets, figures.granularity, HALF_LABELS)
    points, segments, current = [], [], []
    for index, bucket in enumerate(buckets):
        x = round(PLOT_LEFT + slot * index + slot / 2, 1)
        label = labels[index]
        if bucket.first_response_median is None:
            if current:
                segments.append(current)
            current = []
            points.append({"x": x, "y": None, "label": label, "bucket": bucket})
            continue
        y = round(bottom - height * (bucket.first_response_median / 3600) / top, 1)
        current.append(f"{x},{y}")
        points.append(
            {
                "x": x,
                "y": y,
                "label": label,
                "bucket": bucket,
                "text": working_time(bucket.first_response_median),
            }
        )
    if current:
        segments.append(current)
    unit = "week" if figures.granularity == "week" else "month"
    return {
        "chart": Chart(
            f"Median first response per {unit}",
            f"Median first response time in working hours for tickets created each {unit}; "
            f"the median over the period is {working_time(figures.first_response_median)}.",
            LINE_HEIGHT,
            HALF,
        ),
        "points": points,
        "lines": [" ".join(segment) for segment in segments],
        "ticks": _ticks(top, step, bottom, height, lambda v: f"{v:g} h"),
        "bottom": bottom,
        "label_y": bottom + 18,
        "year_y": bottom + 34,
        "left": PLOT_LEFT,
        "right": HALF - PLOT_RIGHT,
        "unit": unit,
    }


def _period(request, time_zone: str) -> tuple[date, date, list[str]]:
    """The period asked for; a bad one falls back to the default with the reasons to show."""
    today = today_in(time_zone)
    try:
        start, end = metrics.parse_period(request.GET.get("from"), request.GET.get("to"), today=today)
    except ValidationError as error:
        start, end = metrics.default_period(today)
        return start, end, [m for messages_ in error.message_dict.values() for m in messages_]
    return start, end, []


def _presets(today: date) -> list[tuple[str, date, date]]:
    start, end = metrics.default_period(today)
    return [
        ("Last 12 months", start, end),
        ("This year", today.replace(month=1, day=1), today),
        ("Last year", date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        ("Last 90 days", date.fromordinal(today.toordinal() - 89), today),
    ]


@login_required
def desk_metrics(request, slug):
    desk = get_object_or_404(
        policy.desks_for(request.user).select_related("calendar", "consortium", "region"), slug=slug
    )
    start, end, problems = _period(request, desk.calendar.time_zone)
    for problem in problems:
        messages.error(request, f"{problem} Showing the last 12 months instead.")
    figures = metrics.desk_metrics(desk, start, end)
    stats = [
        ("Tickets", str(figures.total), f"created {figures.start:%-d %b %Y} – {figures.end:%-d %b %Y}"),
        (
            "First response, median",
            working_time(figures.first_response_median),
            f"90th percentile {working_time(figures.first_response_p90)}",
        ),
        (
            "Answered within SLA",
            percent(figures.within_sla_rate),
            f"{figures.answered_within_sla} of {figures.sla_measured} first responses",
        ),
        (
            "Resolution, median",
            working_time(figures.resolution_median),
            f"90th percentile {working_time(figures.resolution_p90)}; {figures.resolved} resolved",
        ),
        ("Escalation rate", percent(figures.escalation_rate), f"{figures.escalated} escalated to ORCID"),
        (
            "Satisfaction",
            "—" if figures.satisfaction_average is None else f"{figures.satisfaction_average:.2f} / 5",
            f"{figures.satisfaction_count} rating{'s' if figures.satisfaction_count != 1 else ''}",
        ),
        ("Backlog at end", str(figures.backlog_at_end), f"{figures.backlog_now} open now"),
        ("SLA breaches", str(figures.breach_count), "tickets of the period that missed a target"),
    ]
    today = today_in(desk.calendar.time_zone)
    context = {
        "desk": desk,
        "figures": figures,
        "stats": stats,
        "volume": volume_chart(figures),
        "categories": category_chart(figures),
        "response": response_chart(figures),
        "start": start,
        "end": end,
        "presets": _presets(today),
        "is_orcid": request.user.is_orcid,
    }
    return render(request, "support/metrics_desk.html", context)


@login_required
def metrics_overview(request):
    """ORCID's desks in scope with their headline figures; a consortium team goes to its desk's."""
    user = request.user
    if not user.is_orcid:
        own = policy.desks_for(user).first()
        if own is None:
            raise Http404
        return redirect("support:desk_metrics", slug=own.slug)
    zone = timezone.get_current_timezone_name()
    start, end, problems = _period(request, zone)
    for problem in problems:
        messages.error(request, f"{problem} Showing the last 12 months instead.")
    q = request.GET.get("q", "").strip()
    desks = policy.desks_for(user).select_related("calendar", "consortium", "region").order_by("kind", "name")
    if q:
        desks = desks.filter(Q(name__icontains=q) | Q(slug__icontains=q) | Q(consortium__name__icontains=q))
    page = paginate(request, desks)
    headlines = metrics.desk_headlines(page["page_obj"].object_list, start, end)
    rows = [
        {
            "headline": headline,
            "within_sla": percent(headline.within_sla_rate),
            "satisfaction": "—"
            if headline.satisfaction_average is None
            else f"{headline.satisfaction_average:.2f}",
        }
        for headline in headlines
    ]
    context = {
        "rows": rows,
        "q": q,
        "start": start,
        "end": end,
        "presets": _presets(today_in(zone)),
        "time_zone": zone,
        **page,
    }
    return render(request, "support/metrics_overview.html", context)


urlpatterns = [
    path("support/desks/<slug:slug>/metrics/", desk_metrics, name="desk_metrics"),
    path("support/metrics/", metrics_overview, name="metrics_overview"),
]
