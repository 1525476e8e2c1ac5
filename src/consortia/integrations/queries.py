"""Read paths of the integrations pages: list rows with what each row shows in a fixed number of
queries, the platform catalogue's computed figures, and the stage moves a user may offer."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet

from consortia.accounts import policy
from consortia.integrations import services
from consortia.integrations.models import (
    Badge,
    BadgeAward,
    Integration,
    Platform,
    Review,
    ReviewResult,
    Stage,
    SystemType,
)

FILTER_KEYS = ("q", "stage", "system_type", "platform", "api", "consortium")


def filters_from(request) -> dict:
    return {key: request.GET.get(key, "").strip() for key in FILTER_KEYS}


def integration_rows(queryset: QuerySet) -> QuerySet:
    """What a list row shows: member, consortium, platform, contact and badges (one prefetch)."""
    return queryset.select_related(
        "membership__organization", "membership__consortium", "platform", "technical_contact"
    ).prefetch_related(Prefetch("badges", queryset=BadgeAward.objects.order_by("awarded_on", "pk")))


def filtered(integrations: QuerySet, filters: dict) -> QuerySet:
    if filters.get("stage") in Stage.values:
        integrations = integrations.filter(stage=filters["stage"])
    if filters.get("system_type") in SystemType.values:
        integrations = integrations.filter(system_type=filters["system_type"])
    if filters.get("api") in Integration.Api.values:
        integrations = integrations.filter(api=filters["api"])
    if filters.get("platform", "").isdigit():
        integrations = integrations.filter(platform_id=int(filters["platform"]))
    if filters.get("consortium"):
        integrations = integrations.filter(membership__consortium__slug=filters["consortium"])
    if filters.get("q"):
        q = filters["q"]
        integrations = integrations.filter(
            Q(name__icontains=q)
            | Q(membership__organization__name__icontains=q)
            | Q(platform__name__icontains=q)
            | Q(notes__icontains=q)
        )
    return integrations


def filter_choices() -> dict:
    return {
        "stages": Stage.choices,
        "system_types": SystemType.choices,
        "apis": Integration.Api.choices,
        "platforms": list(Platform.objects.values_list("pk", "name")),
    }


# --- the platform catalogue -------------------------------------------------------------------


def platform_rows(search: str = "") -> QuerySet:
    platforms = Platform.objects.annotate(
        integration_count=Count("integrations"),
        live_count=Count("integrations", filter=Q(integrations__stage=Stage.LIVE)),
    ).order_by("name")
    if search:
        platforms = platforms.filter(Q(name__icontains=search) | Q(vendor__icontains=search))
    return platforms


def badges_by_platform(platform_ids) -> dict[int, list[tuple[str, int]]]:
    """For each platform, the badges its integrations hold, in badge order, with how many
    integrations hold each: one query for a whole page."""
    rows = (
        BadgeAward.objects.filter(integration__platform_id__in=list(platform_ids))
        .values_list("integration__platform_id", "badge")
        .annotate(n=Count("integration", distinct=True))
        .order_by()
    )
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for platform_id, badge, n in rows:
        found[platform_id].append((badge, n))
    order = Badge.values
    return {
        pid: [(Badge(b).label, n) for b, n in sorted(items, key=lambda item: order.index(item[0]))]
        for pid, items in found.items()
    }


def platform_stage_counts(platform: Platform) -> list[tuple[str, int]]:
    """How many integrations, of every consortium, are at each stage on the platform (counts only:
    the catalogue is shared, its users are not)."""
    counts = dict(
        platform.integrations.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return [(label, counts[value]) for value, label in Stage.choices if counts.get(value)]


# --- the integration page ---------------------------------------------------------------------


def stage_track(stage: str) -> list[tuple[str, str]]:
    """The pipeline's stages (retired aside) marked done, current or to come."""
    if stage == Stage.RETIRED:
        return [(Stage.RETIRED.label, "current")]
    here = Stage.position(stage)
    return [
        (label, "done" if i < here else "current" if i == here else "todo")
        for i, (value, label) in enumerate(Stage.choices)
        if value != Stage.RETIRED
    ]


def next_moves(user, integration: Integration) -> dict:
    """The moves the page offers as buttons: the forward step (unless ORCID's credentials make it),
    and the stages it may go back to or retire to, with a reason. The service decides again."""
    if not policy.can_edit_integration(user, integration):
        return {"forward": None, "back": [], "credential_step": None}
    frm = integration.stage
    position = Stage.position(frm)
    forward = credential_step = None
    if frm not in (Stage.LIVE, Stage.RETIRED):
        following = Stage.values[position + 1]
        if following in services.CREDENTIAL_STAGES:
            credential_step = Stage(following).label
        elif services.may_move(user, integration, frm, following):
            forward = (following, Stage(following).label)
    if frm == Stage.RETIRED:
        position = Stage.position(services.returns_up_to(integration)) + 1
    back = [
        (value, label)
        for value, label in Stage.choices
        if value != frm
        and (Stage.position(value) < position or value == Stage.RETIRED)
        and services.may_move(user, integration, frm, value)
    ]
    return {"forward": forward, "back": back, "credential_step": credential_step}


def reviews_with_findings(integration: Integration) -> list[Review]:
    """The integration's reviews, newest first, each with its failed results (the findings the
    member works from) in one prefetch."""
    failed = ReviewResult.objects.filter(verdict=ReviewResult.Verdict.FAIL).select_related("requirement")
    reviews = list(
        integration.reviews.select_related("reviewer").prefetch_related(
            Prefetch("results", queryset=failed, to_attr="failed_results")
        )
    )
    for review in reviews:
        # complete_review writes the findings as the summary when the reviewer gave none.
        listed = "; ".join(f"{r.requirement.text}: {r.finding}" for r in review.failed_results)
        review.summary_is_findings = bool(listed) and review.summary == listed
    return reviews


def results_by_badge(review: Review) -> list[tuple[str, list[ReviewResult]]]:
    """A review's results grouped by badge, in the badges' order (not the alphabet's)."""
    grouped: dict[str, list[ReviewResult]] = defaultdict(list)
    for result in review.results.select_related("requirement"):
        grouped[result.requirement.badge].append(result)
    return [(Badge(badge).label, grouped[badge]) for badge in Badge.values if grouped.get(badge)]
