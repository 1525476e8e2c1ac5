"""The pipeline board pages (a consortium's, and ORCID's across the consortia in scope) with their
metrics and charts, and the notices to technical contacts: composing with a preview of the
recipients, and the list of notices sent with each recipient's status.

Charts are inline SVG drawn on the server as on the desk metrics pages (support.metrics_views):
each has a title, a description and a table of its figures.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.directory.models import Region
from consortia.integrations import notices, pipeline
from consortia.integrations.models import Announcement, Badge, Platform
from consortia.lib.dates import today_in
from consortia.support.metrics_views import HALF, LABEL_WIDTH, PLOT_TOP, ROW_HEIGHT, WIDE, Chart
from consortia.support.metrics_views import _nice_ceiling as nice_ceiling
from consortia.support.metrics_views import _ticks as ticks
from consortia.web import paginate

COLUMN_HEIGHT, PLOT_LEFT, PLOT_RIGHT = 240, 48, 12


def days(value) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} day{'' if value == 1 else 's'}"


def badge_chart(figures: pipeline.Pipeline) -> dict:
    """Badges awarded per month, as columns."""
    months = figures.badge_months
    bottom = COLUMN_HEIGHT - 40
    height = bottom - PLOT_TOP
    top, step = nice_ceiling(max((m.count for m in months), default=0))
    slot = (WIDE - PLOT_LEFT - PLOT_RIGHT) / max(len(months), 1)
    bar = max(min(slot * 0.7, 56), 2)
    columns = []
    for index, month in enumerate(months):
        bar_height = height * month.count / top
        x = PLOT_LEFT + slot * index + (slot - bar) / 2
        columns.append(
            {
                "x": round(x, 1),
                "y": round(bottom - bar_height, 1),
                "width": round(bar, 1),
                "height": round(bar_height, 1),
                "middle": round(x + bar / 2, 1),
                "value_y": round(bottom - bar_height - 4, 1),
                "label": (
                    f"{month.starts:%b}",
                    str(month.starts.year) if index == 0 or month.starts.month == 1 else "",
                ),
                "month": month,
            }
        )
    first, last = months[0].starts, months[-1].starts
    return {
        "chart": Chart(
            "Badges awarded per month",
            f"{figures.badges_awarded} Collect & Connect badges awarded from {first:%b %Y} to {last:%b %Y}.",
            COLUMN_HEIGHT,
            WIDE,
        ),
        "columns": columns,
        "ticks": ticks(top, step, bottom, height, lambda v: f"{v:g}"),
        "bottom": bottom,
        "label_y": bottom + 18,
        "year_y": bottom + 34,
        "left": PLOT_LEFT,
        "right": WIDE - PLOT_RIGHT,
    }


def stage_time_chart(figures: pipeline.Pipeline) -> dict:
    """Median days in each stage, as horizontal bars."""
    rows = figures.stage_times
    largest = max((row.median_days or 0 for row in rows), default=0) or 1
    span = HALF - LABEL_WIDTH - 70
    bars = [
        {
            "y": PLOT_TOP + ROW_HEIGHT * index,
            "text_y": PLOT_TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2 + 4,
            "width": round(span * (row.median_days or 0) / largest, 1),
            "value_x": round(LABEL_WIDTH + span * (row.median_days or 0) / largest + 6, 1),
            "row": row,
            "text": days(row.median_days),
        }
        for index, row in enumerate(rows)
    ]
    return {
        "chart": Chart(
            "Time in each stage",
            "Median days an integration stayed in each stage before its next change, from the stage log.",
            PLOT_TOP + ROW_HEIGHT * len(rows),
            HALF,
        ),
        "bars": bars,
        "label_x": LABEL_WIDTH - 10,
        "bar_x": LABEL_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }


def _stuck_days(request) -> int:
    try:
        return pipeline.parse_stuck_days(request.GET.get("stuck_days"))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, f"{problem} Showing {pipeline.DEFAULT_STUCK_DAYS} days instead.")
        return pipeline.DEFAULT_STUCK_DAYS


def _render_board(request, integrations, *, consortium=None, extra=None):
    stuck_days = _stuck_days(request)
    include_retired = request.GET.get("retired") in ("1", "on", "yes", "true")
    zone = consortium.time_zone if consortium is not None else None
    today = today_in(zone) if zone else None
    figures = pipeline.pipeline(
        integrations, stuck_days=stuck_days, include_retired=include_retired, today=today
    )
    stats = [
        ("In progress", figures.in_progress, "sandbox requested to production credentials"),
        ("Live", figures.live, "in production"),
        ("Planned", figures.planned, "not started"),
        (f"Stuck {stuck_days}+ days", figures.stuck_count, "no stage change, not live"),
        ("Badges, 12 months", figures.badges_awarded, "Collect & Connect badges awarded"),
    ]
    context = {
        "consortium": consortium,
        "figures": figures,
        "stats": stats,
        "stuck_days": stuck_days,
        "include_retired": include_retired,
        "badges": badge_chart(figures),
        "stage_times": stage_time_chart(figures),
        "can_send": policy.can_send_integration_notices(request.user, consortium),
        "badge_labels": Badge.choices,
        "badge_rows": [
            {"month": month, "counts": [month.by_badge[badge] for badge in Badge.values]}
            for month in figures.badge_months
        ],
        **(extra or {}),
    }
    return render(request, "integrations/board.html", context)


@login_required
def consortium_board(request, slug):
    consortium = get_object_or_404(policy.consortia_for(request.user), slug=slug)
    policy.require(
        policy.can_view_consortium_pages(request.user, consortium),
        "The pipeline board is for the consortium's team and ORCID.",
    )
    integrations = pipeline.scoped(request.user, consortium=consortium)
    return _render_board(request, integrations, consortium=consortium)


@login_required
def board(request):
    """ORCID's board over every consortium in scope; a consortium's team goes to its own."""
    user = request.user
    if not user.is_orcid:
        if user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF) and user.consortium_id:
            return redirect("integrations:consortium_board", slug=user.consortium.slug)
        raise Http404
    consortia = policy.consortia_for(user).order_by("name").only("pk", "name", "slug", "region_id")
    regions = Region.objects.order_by("name")
    if user.role == Role.ORCID_REGIONAL:
        regions = regions.filter(pk=user.region_id)
    platforms = Platform.objects.order_by("name").only("pk", "name")
    chosen = {
        "consortium": request.GET.get("consortium", "").strip(),
        "region": request.GET.get("region", "").strip(),
        "platform": request.GET.get("platform", "").strip(),
    }
    consortia, regions, platforms = list(consortia), list(regions), list(platforms)
    consortium = next((c for c in consortia if c.slug == chosen["consortium"]), None)
    region = next((r for r in regions if r.slug == chosen["region"]), None)
    platform = next((p for p in platforms if str(p.pk) == chosen["platform"]), None)
    for name, value, found in (
        ("consortium", chosen["consortium"], consortium),
        ("region", chosen["region"], region),
        ("platform", chosen["platform"], platform),
    ):
        if value and found is None:
            messages.error(request, f"No {name} “{value}” in your scope: showing every {name}.")
            chosen[name] = ""
    integrations = pipeline.scoped(user, consortium=consortium, region=region, platform=platform)
    extra = {
        "orcid_board": True,
        "consortia": consortia,
        "regions": regions,
        "platforms": platforms,
        "chosen": chosen,
        "filtered_consortium": consortium,
    }
    return _render_board(request, integrations, extra=extra)


# --- notices to technical contacts ------------------------------------------------------------


class NoticeForm(forms.Form):
    subject = forms.CharField(max_length=notices.SUBJECT_MAX)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), help_text="Plain text")
    audience = forms.ChoiceField(choices=Announcement.Audience.choices, widget=forms.RadioSelect)
    platform = forms.ModelChoiceField(
        queryset=Platform.objects.order_by("name"),
        required=False,
        help_text="For a notice to the integrations on one platform",
    )

    def clean(self):
        data = super().clean()
        if data.get("audience") == Announcement.Audience.PLATFORM and not data.get("platform"):
            self.add_error("platform", "Choose the platform whose integrations hear about it.")
        return data


def _compose(request, consortium):
    user = request.user
    if not policy.can_send_integration_notices(user, consortium):
        raise PermissionDenied("You cannot send notices to these technical contacts.")
    form = NoticeForm(request.POST or None, initial={"audience": Announcement.Audience.MEMBER_API})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {
            "audience": data["audience"],
            "platform": data["platform"] if data["audience"] == Announcement.Audience.PLATFORM else None,
            "consortium": consortium,
        }
        if request.POST.get("action") == "send":
            try:
                announcement = notices.send_notice(user, subject=data["subject"], body=data["body"], **target)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for name, problems in error.message_dict.items():
                        form.add_error(name if name in form.fields else None, problems)
                else:
                    form.add_error(None, error.messages)
            else:
                count = announcement.recipients.count()
                messages.success(
                    request, f"Notice queued for {count} technical contact{'s' if count != 1 else ''}."
                )
                return redirect("integrations:notice_detail", pk=announcement.pk)
        if form.is_valid():
            preview = notices.recipients(user, **target)
    context = {"form": form, "consortium": consortium, "preview": preview}
    return render(request, "integrations/notice_form.html", context)


@login_required
def consortium_notice_new(request, slug):
    consortium = get_object_or_404(policy.consortia_for(request.user), slug=slug)
    return _compose(request, consortium)


@login_required
def notice_new(request):
    """ORCID's notice to every consortium in its scope."""
    return _compose(request, None)


@login_required
def notice_list(request):
    user = request.user
    if user.role == Role.MEMBER_CONTACT:
        raise Http404
    announcements = notices.with_tallies(
        notices.announcements_for(user).select_related("platform", "consortium", "sent_by")
    ).order_by("-sent_at", "-pk")
    context = {
        "can_send_all": policy.can_send_integration_notices(user, None),
        "own_consortium": user.consortium
        if user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF)
        else None,
        **paginate(request, announcements),
    }
    return render(request, "integrations/notice_list.html", context)


@login_required
def notice_detail(request, pk):
    announcement = get_object_or_404(
        notices.announcements_for(request.user).select_related("platform", "consortium", "sent_by"), pk=pk
    )
    recipients = announcement.recipients.select_related("integration__membership__organization").order_by(
        "email", "pk"
    )
    context = {"announcement": announcement, **paginate(request, recipients, per_page=100)}
    return render(request, "integrations/notice_detail.html", context)


urlpatterns = [
    path("integrations/board/", board, name="board"),
    path("consortia/<slug:slug>/integrations/board/", consortium_board, name="consortium_board"),
    path("integrations/notices/", notice_list, name="notices"),
    path("integrations/notices/new/", notice_new, name="notice_new"),
    path("integrations/notices/<int:pk>/", notice_detail, name="notice_detail"),
    path(
        "consortia/<slug:slug>/integrations/notices/new/", consortium_notice_new, name="consortium_notice_new"
    ),
]
