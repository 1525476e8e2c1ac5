"""Read paths for checklists: scoped lists, and the figures compliance needs."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from consortia.accounts import policy
from consortia.onboarding.models import (
    Checklist,
    ChecklistItem,
    ChecklistItemEvent,
    ChecklistKind,
    Owner,
    Phase,
)


def checklists_for(user) -> QuerySet[Checklist]:
    """Checklists a user may see: staff roles by consortium, member contacts their own member's."""
    return policy.scope_by_consortium(
        user, Checklist.objects.all(), "consortium__", member_path="membership__organization_id"
    )


def checklist_items_for(user) -> QuerySet[ChecklistItem]:
    return policy.scope_by_consortium(
        user,
        ChecklistItem.objects.all(),
        "checklist__consortium__",
        member_path="checklist__membership__organization_id",
    )


def checklist_list(
    user, *, consortium=None, kind=None, overdue_only=False, q="", today=None
) -> QuerySet[Checklist]:
    """Checklists with their progress figures, for the list page and the API (constant queries)."""
    today = today or timezone.localdate()
    open_items = Q(items__completed_at__isnull=True)
    checklists = (
        checklists_for(user)
        .select_related("consortium", "membership__organization")
        .annotate(
            item_count=Count("items", distinct=True),
            done_count=Count("items", filter=Q(items__completed_at__isnull=False), distinct=True),
            overdue_count=Count("items", filter=open_items & Q(items__due_date__lt=today), distinct=True),
        )
    )
    if consortium is not None:
        checklists = checklists.filter(consortium=consortium)
    if kind:
        checklists = checklists.filter(kind=kind)
    if overdue_only:
        checklists = checklists.filter(overdue_count__gt=0)
    if q:
        checklists = checklists.filter(
            Q(name__icontains=q)
            | Q(consortium__name__icontains=q)
            | Q(membership__organization__name__icontains=q)
        )
    return checklists.order_by("-overdue_count", "consortium__name", "kind", "pk")


def checklist_detail(user, pk: int) -> Checklist:
    """One checklist with its items and their history, fetched in scope (404 otherwise)."""
    items = ChecklistItem.objects.select_related("completed_by").prefetch_related(
        Prefetch("events", queryset=ChecklistItemEvent.objects.select_related("by"))
    )
    return get_object_or_404(
        checklists_for(user)
        .select_related("consortium__region", "membership__organization", "template")
        .prefetch_related(Prefetch("items", queryset=items)),
        pk=pk,
    )


def overdue_items(today: date | None = None) -> QuerySet[ChecklistItem]:
    """Every open item past its due date, across all consortia (reminders run unscoped)."""
    today = today or timezone.localdate()
    return (
        ChecklistItem.objects.filter(completed_at__isnull=True, due_date__lt=today)
        .select_related("checklist__consortium__region", "checklist__membership__organization")
        .order_by("checklist__consortium__name", "due_date", "position")
    )


@dataclass
class OnboardingFigures:
    """A consortium's own onboarding checklist, as compliance reads it on one date."""

    has_checklist: bool = False
    pre_agreement_open: int = 0
    fees_overdue_since: date | None = None
    post_agreement_overdue: int = 0
    orcid_overdue: int = 0
    overdue_titles: list[str] = field(default_factory=list)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def onboarding_figures(consortium_ids, on: date) -> dict[int, OnboardingFigures]:
    """Per consortium: what of its onboarding checklist is open or overdue on ``on``.

    Today's state is read from the items; a past date replays the completion events up to
    the end of that day, so a later reopening does not rewrite the past. Two queries at most.
    For today only the open items are read (most items of a settled consortium are done, and
    turning thousands of done rows into dicts was most of the scorecard's time).
    """
    figures: dict[int, OnboardingFigures] = defaultdict(OnboardingFigures)
    items = ChecklistItem.objects.filter(
        checklist__consortium_id__in=consortium_ids, checklist__kind=ChecklistKind.CONSORTIUM
    )
    is_today = on >= timezone.localdate()
    if is_today:
        checklists = Checklist.objects.filter(consortium_id__in=consortium_ids, kind=ChecklistKind.CONSORTIUM)
        for consortium_id in checklists.values_list("consortium_id", flat=True):
            figures[consortium_id].has_checklist = True
        items = items.filter(completed_at__isnull=True)
    items = list(
        items.values(
            "pk", "checklist__consortium_id", "owner", "phase", "due_date", "completed_at", "title"
        ).order_by("checklist__consortium_id", "position")
    )
    if not is_today:
        done_on = {}
        events = ChecklistItemEvent.objects.filter(
            item_id__in=[item["pk"] for item in items], at__lte=_end_of(on)
        ).order_by("at", "pk")
        for item_id, action in events.values_list("item_id", "action"):
            done_on[item_id] = action == ChecklistItemEvent.Action.COMPLETED
        is_done = lambda item: done_on.get(item["pk"], False)  # noqa: E731
    else:
        is_done = lambda item: item["completed_at"] is not None  # noqa: E731

    for item in items:
        figure = figures[item["checklist__consortium_id"]]
        figure.has_checklist = True
        if is_done(item):
            continue
        overdue = item["due_date"] is not None and item["due_date"] < on
        if item["owner"] == Owner.ORCID:
            figure.orcid_overdue += overdue
            continue
        if item["phase"] == Phase.PRE_AGREEMENT:
            figure.pre_agreement_open += 1
        elif overdue and item["phase"] == Phase.FEES:
            figure.fees_overdue_since = item["due_date"]
        elif overdue:
            figure.post_agreement_overdue += 1
        if overdue:
            figure.overdue_titles.append(item["title"])
    return figures
