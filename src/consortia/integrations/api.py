"""The integrations REST endpoints: integrations and their stages, credentials, Collect & Connect
reviews, the platform catalogue, the review requirements, and the CSV import of integrations.

Integrations, and the credentials and reviews hanging off them, are read through
``policy.integrations_for`` (another tenant's is 404; a member contact sees its own organization's).
Writes go through ``integrations.services``, which ask the ``policy.can_*`` question (403) and
raise ``ValidationError`` with the rule (400). The platform catalogue and the review requirements
are read by everyone signed in and written by ORCID admins; a platform's counts cover every
consortium, but the integrations it lists are only the reader's own scope.

Client secrets are never stored or shown: no body has a secret field, and one that sends
``client_secret`` or ``secret`` is a 400 saying so. A review result's screenshot is uploaded as
``multipart/form-data`` on ``POST /reviews/{id}/results/{requirement_id}/with-file``.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from consortia import web
from consortia.accounts import policy
from consortia.api_helpers import (
    ERRORS,
    check_choice,
    get_in_scope_or_404,
    get_referenced_or_400,
    paginate,
    patch_fields,
    yes_no,
)
from consortia.directory.models import Person
from consortia.directory.schemas import Page
from consortia.integrations import imports, services
from consortia.integrations.models import (
    Badge,
    BadgeAward,
    Credential,
    Integration,
    Platform,
    Review,
    ReviewRequirement,
    ReviewResult,
    Stage,
    SystemType,
)
from consortia.integrations.schemas import (
    CompletionIn,
    CredentialFilters,
    CredentialIn,
    CredentialOut,
    ImportOut,
    ImportRefusedOut,
    IntegrationDetailOut,
    IntegrationFilters,
    IntegrationIn,
    IntegrationOut,
    IntegrationPatch,
    PlatformDetailOut,
    PlatformFilters,
    PlatformIn,
    PlatformOut,
    PlatformPatch,
    RequirementFilters,
    RequirementIn,
    RequirementOut,
    RequirementPatch,
    ResultIn,
    ReviewDetailOut,
    ReviewFilters,
    ReviewIn,
    ReviewOut,
    ReviewResultOut,
    RevocationIn,
    StageIn,
)

router = Router()

SECRETS_NEVER_STORED = (
    "Client secrets are never stored: ORCID gives the secret to the member once, outside this "
    "system. Leave it out."
)
SCREENSHOT_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024


def _check_body(request, payload) -> None:
    """A secret is refused by name, and so is any other field the endpoint does not take (the
    schema alone would drop them silently)."""
    if request.content_type == "application/json":
        try:
            sent = json.loads(request.body or b"{}")
        except ValueError:
            sent = {}
    else:
        sent = request.POST
    names = list(sent) if isinstance(sent, dict) or hasattr(sent, "keys") else []
    for name in names:
        if "secret" in name.lower():
            raise ValidationError({name: SECRETS_NEVER_STORED})
    for name in names:
        if name not in type(payload).model_fields:
            raise ValidationError({name: f"{name!r} is not a field of this request."})


# --- integrations -----------------------------------------------------------------------------


def _integrations(user) -> QuerySet[Integration]:
    return (
        policy.integrations_for(user)
        .select_related("membership__organization", "membership__consortium", "platform", "technical_contact")
        .prefetch_related("badges")
    )


def _reviews(user) -> QuerySet[Review]:
    return (
        Review.objects.filter(integration__in=policy.integrations_for(user))
        .select_related(
            "integration__membership__organization", "integration__membership__consortium", "reviewer"
        )
        .annotate(
            passed_count=Count("results", filter=Q(results__verdict=ReviewResult.Verdict.PASS)),
            failed_count=Count("results", filter=Q(results__verdict=ReviewResult.Verdict.FAIL)),
            not_applicable_count=Count(
                "results", filter=Q(results__verdict=ReviewResult.Verdict.NOT_APPLICABLE)
            ),
            undecided_count=Count("results", filter=Q(results__verdict="")),
        )
        .order_by("-started_at", "-pk")
    )


def _credentials(user) -> QuerySet[Credential]:
    return (
        Credential.objects.filter(integration__in=policy.integrations_for(user))
        .select_related("integration__membership__organization", "issued_by", "revoked_by")
        .order_by("-issued_at", "-pk")
    )


def _integration(user, integration_id: int) -> Integration:
    return get_in_scope_or_404(_integrations(user), pk=integration_id)


def _integration_detail(user, integration_id: int) -> Integration:
    integration = _integration(user, integration_id)
    integration.log = list(integration.stage_changes.select_related("actor").order_by("at", "pk"))
    integration.credential_rows = list(_credentials(user).filter(integration=integration))
    integration.review_rows = list(_reviews(user).filter(integration=integration))
    integration.can_edit = policy.can_edit_integration(user, integration)
    return integration


def _search(q: str) -> Q:
    return (
        Q(name__icontains=q) | Q(membership__organization__name__icontains=q) | Q(platform__name__icontains=q)
    )


@router.get("/integrations", response={200: Page[IntegrationOut], **ERRORS}, tags=["integrations"])
def list_integrations(request, filters: Query[IntegrationFilters]):
    """Integrations in scope, by member and name: ORCID's by region, a consortium team's members',
    a member contact's own organization's."""
    integrations = _integrations(request.auth)
    if filters.consortium:
        integrations = integrations.filter(membership__consortium__slug=filters.consortium)
    if filters.membership is not None:
        integrations = integrations.filter(membership_id=filters.membership)
    if check_choice("stage", filters.stage, Stage.values):
        integrations = integrations.filter(stage=filters.stage)
    if check_choice("system_type", filters.system_type, SystemType.values):
        integrations = integrations.filter(system_type=filters.system_type)
    if filters.platform is not None:
        integrations = integrations.filter(platform_id=filters.platform)
    if check_choice("api", filters.api, Integration.Api.values):
        integrations = integrations.filter(api=filters.api)
    q = filters.q.strip()
    if q:
        integrations = integrations.filter(_search(q))
    return paginate(integrations.order_by("membership__organization__name", "name", "pk"), filters)


@router.get(
    "/integrations/{int:integration_id}",
    response={200: IntegrationDetailOut, **ERRORS},
    tags=["integrations"],
)
def get_integration(request, integration_id: int):
    """One integration with its stage log, credentials (never a secret), reviews and badges."""
    return _integration_detail(request.auth, integration_id)


def _references(user, membership, fields: dict) -> dict:
    """Platform and technical contact ids as the service takes them; an unknown one is a 400."""
    if fields.get("platform") is not None:
        fields["platform"] = get_referenced_or_400(
            Platform.objects.all(), "platform", "platform", fields["platform"], pk=fields["platform"]
        )
    if fields.get("technical_contact") is not None:
        pk = fields["technical_contact"]
        fields["technical_contact"] = get_referenced_or_400(
            Person.objects.filter(contacts__membership=membership).distinct(),
            "technical_contact",
            f"contact of {membership.organization.name}",
            pk,
            pk=pk,
        )
    for name, allowed in (("system_type", SystemType.values), ("api", Integration.Api.values)):
        if fields.get(name):
            check_choice(name, fields[name], allowed)
    return fields


@router.post("/integrations", response={201: IntegrationDetailOut, **ERRORS}, tags=["integrations"])
def add_integration(request, payload: IntegrationIn):
    """Add an integration to a member (it starts planned): the consortium's team, ORCID in scope,
    or the member's own contacts."""
    user = request.auth
    _check_body(request, payload)
    membership = get_referenced_or_400(
        policy.memberships_for(user).select_related("organization", "consortium"),
        "membership",
        "membership",
        payload.membership,
        pk=payload.membership,
    )
    fields = _references(user, membership, payload.dict(exclude={"membership"}))
    integration = services.save_integration(user, membership, **fields)
    return Status(201, _integration_detail(user, integration.pk))


@router.patch(
    "/integrations/{int:integration_id}",
    response={200: IntegrationDetailOut, **ERRORS},
    tags=["integrations"],
)
def update_integration(request, integration_id: int, payload: IntegrationPatch):
    """Change an integration's details (the fields sent; null clears). Its stage moves through
    ``POST /integrations/{id}/stage``, credentials and reviews."""
    user = request.auth
    _check_body(request, payload)
    integration = _integration(user, integration_id)
    fields = _references(user, integration.membership, patch_fields(payload, Integration))
    services.save_integration(user, integration.membership, integration, **fields)
    return _integration_detail(user, integration_id)


@router.post(
    "/integrations/{int:integration_id}/stage",
    response={200: IntegrationDetailOut, **ERRORS},
    tags=["integrations"],
)
def move_stage(request, integration_id: int, payload: StageIn):
    """Move the integration to ``stage``: forward one stage at a time; back, or to retired, with a
    ``reason``. The credential stages follow ORCID issuing credentials, and final testing is ORCID's."""
    user = request.auth
    _check_body(request, payload)
    integration = _integration(user, integration_id)
    check_choice("stage", payload.stage, Stage.values)
    services.move_stage(user, integration, payload.stage, payload.reason)
    return _integration_detail(user, integration_id)


# --- credentials ------------------------------------------------------------------------------


@router.get("/credentials", response={200: Page[CredentialOut], **ERRORS}, tags=["credentials"])
def list_credentials(request, filters: Query[CredentialFilters]):
    """API clients of the integrations in scope, newest first. There is no secret to show: none is kept."""
    credentials = _credentials(request.auth)
    if filters.consortium:
        credentials = credentials.filter(integration__membership__consortium__slug=filters.consortium)
    if filters.integration is not None:
        credentials = credentials.filter(integration_id=filters.integration)
    if check_choice("environment", filters.environment, Credential.Environment.values):
        credentials = credentials.filter(environment=filters.environment)
    active = yes_no("active", filters.active)
    if active is not None:
        credentials = credentials.filter(revoked_at__isnull=active)
    q = filters.q.strip()
    if q:
        credentials = credentials.filter(Q(client_id__icontains=q) | Q(name__icontains=q))
    return paginate(credentials, filters)


@router.post(
    "/integrations/{int:integration_id}/credentials",
    response={201: CredentialOut, **ERRORS},
    tags=["credentials"],
)
def issue_credential(request, integration_id: int, payload: CredentialIn):
    """ORCID records an API client it issued (ORCID only). Sandbox credentials for an integration
    that asked for them, or production ones after final testing, move its stage on. A body with a
    ``client_secret`` is refused: secrets are never stored."""
    user = request.auth
    _check_body(request, payload)
    integration = _integration(user, integration_id)
    credential = services.issue_credential(
        user,
        integration,
        environment=payload.environment,
        client_id=payload.client_id,
        name=payload.name,
        redirect_uris=payload.redirect_uris,
        scopes=payload.scopes,
    )
    return Status(201, _credentials(user).get(pk=credential.pk))


@router.post(
    "/credentials/{int:credential_id}/revocation",
    response={200: CredentialOut, **ERRORS},
    tags=["credentials"],
)
def revoke_credential(request, credential_id: int, payload: RevocationIn):
    """ORCID revokes an API client, with the reason."""
    user = request.auth
    _check_body(request, payload)
    credential = get_in_scope_or_404(_credentials(user), pk=credential_id)
    services.revoke_credential(user, credential, payload.reason)
    return _credentials(user).get(pk=credential_id)


# --- reviews ----------------------------------------------------------------------------------


def _review_detail(user, review_id: int) -> Review:
    review = get_in_scope_or_404(_reviews(user), pk=review_id)
    review.result_rows = list(review.results.select_related("requirement"))
    return review


@router.get("/reviews", response={200: Page[ReviewOut], **ERRORS}, tags=["reviews"])
def list_reviews(request, filters: Query[ReviewFilters]):
    """Collect & Connect reviews of the integrations in scope, newest first, with their tallies."""
    reviews = _reviews(request.auth)
    if filters.consortium:
        reviews = reviews.filter(integration__membership__consortium__slug=filters.consortium)
    if filters.integration is not None:
        reviews = reviews.filter(integration_id=filters.integration)
    if check_choice("kind", filters.kind, Review.Kind.values):
        reviews = reviews.filter(kind=filters.kind)
    if check_choice("badge", filters.badge, Badge.values):
        reviews = reviews.filter(badge=filters.badge)
    if check_choice("outcome", filters.outcome, Review.Outcome.values):
        reviews = reviews.filter(outcome=filters.outcome)
    q = filters.q.strip()
    if q:
        reviews = reviews.filter(
            Q(integration__name__icontains=q) | Q(integration__membership__organization__name__icontains=q)
        )
    return paginate(reviews, filters)


@router.get("/reviews/{int:review_id}", response={200: ReviewDetailOut, **ERRORS}, tags=["reviews"])
def get_review(request, review_id: int):
    """One review with its result for each requirement (verdict, finding, screenshot)."""
    return _review_detail(request.auth, review_id)


@router.post(
    "/integrations/{int:integration_id}/reviews", response={201: ReviewDetailOut, **ERRORS}, tags=["reviews"]
)
def start_review(request, integration_id: int, payload: ReviewIn):
    """Start a review up to ``badge``: ``consortium`` (the initial review, the consortium's team) or
    ``orcid`` (the final review, ORCID, after a passed consortium review for the same badges)."""
    user = request.auth
    _check_body(request, payload)
    integration = _integration(user, integration_id)
    check_choice("kind", payload.kind, Review.Kind.values)
    check_choice("badge", payload.badge, Badge.values)
    review = services.start_review(user, integration, payload.kind, payload.badge)
    return Status(201, _review_detail(user, review.pk))


def _result(user, review_id: int, requirement_id: int) -> tuple[Review, ReviewResult]:
    review = get_in_scope_or_404(_reviews(user), pk=review_id)
    result = get_in_scope_or_404(
        ReviewResult.objects.select_related("requirement"), review=review, requirement_id=requirement_id
    )
    return review, result


def _record(request, review_id: int, requirement_id: int, payload: ResultIn, screenshot=None) -> ReviewResult:
    user = request.auth
    _check_body(request, payload)
    review, _ = _result(user, review_id, requirement_id)
    check_choice("verdict", payload.verdict, ReviewResult.Verdict.values)
    if screenshot is not None:
        if Path(screenshot.name or "").suffix.lower() not in SCREENSHOT_TYPES:
            raise ValidationError(
                {"screenshot": f"“{screenshot.name}” is not an image ({', '.join(SCREENSHOT_TYPES)})."}
            )
        if screenshot.size is not None and screenshot.size > MAX_SCREENSHOT_BYTES:
            raise ValidationError({"screenshot": "A screenshot is at most 10 MB."})
    services.record_result(
        user, review, requirement_id, verdict=payload.verdict, finding=payload.finding, screenshot=screenshot
    )
    return _result(user, review_id, requirement_id)[1]


@router.put(
    "/reviews/{int:review_id}/results/{int:requirement_id}",
    response={200: ReviewResultOut, **ERRORS},
    tags=["reviews"],
)
def record_result(request, review_id: int, requirement_id: int, payload: ResultIn):
    """The verdict on one requirement (pass, fail with a finding, or na). To attach a screenshot,
    use ``POST …/with-file``."""
    return _record(request, review_id, requirement_id, payload)


@router.post(
    "/reviews/{int:review_id}/results/{int:requirement_id}/with-file",
    response={200: ReviewResultOut, **ERRORS},
    tags=["reviews"],
)
def record_result_with_file(
    request, review_id: int, requirement_id: int, result: Form[ResultIn], screenshot: File[UploadedFile]
):
    """The same as ``PUT …/results/{requirement_id}``, as ``multipart/form-data``, with an image in
    ``screenshot`` (PNG, JPEG, GIF or WebP, at most 10 MB)."""
    return _record(request, review_id, requirement_id, result, screenshot)


@router.get(
    "/reviews/{int:review_id}/results/{int:requirement_id}/screenshot",
    response={200: None, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    tags=["reviews"],
)
def download_screenshot(request, review_id: int, requirement_id: int):
    """A result's screenshot, with the review's scope."""
    _, result = _result(request.auth, review_id, requirement_id)
    return web.attachment(result.screenshot)


@router.post(
    "/reviews/{int:review_id}/completion", response={200: ReviewDetailOut, **ERRORS}, tags=["reviews"]
)
def complete_review(request, review_id: int, payload: CompletionIn):
    """Close the review once every requirement has a verdict. Any fail fails it, and the
    integration goes back to development with the findings; ORCID's passed review awards the badges."""
    user = request.auth
    _check_body(request, payload)
    review = get_in_scope_or_404(_reviews(user), pk=review_id)
    services.complete_review(user, review, payload.summary)
    return _review_detail(user, review_id)


# --- platforms --------------------------------------------------------------------------------


def _platforms() -> QuerySet[Platform]:
    """Every platform with its counts across every consortium (no names: those stay in scope)."""
    current = ~Q(integrations__stage=Stage.RETIRED)
    badge_counts = {
        f"{badge}_count": Count("integrations__badges", filter=Q(integrations__badges__badge=badge) & current)
        for badge in Badge.values
    }
    return Platform.objects.annotate(
        integration_count=Count("integrations", filter=current, distinct=True),
        live_count=Count("integrations", filter=Q(integrations__stage=Stage.LIVE), distinct=True),
        **badge_counts,
    ).order_by("name", "pk")


def _platform_detail(user, platform_id: int) -> Platform:
    platform = get_in_scope_or_404(_platforms(), pk=platform_id)
    visible = (
        policy.integrations_for(user)
        .filter(platform=platform)
        .select_related("membership__organization", "membership__consortium")
        .prefetch_related(Prefetch("badges", queryset=BadgeAward.objects.order_by("pk")))
        .order_by("membership__organization__name", "name", "pk")
    )
    platform.visible_integrations = [
        {
            "id": i.pk,
            "name": i.name,
            "organization": i.membership.organization.name,
            "consortium": i.membership.consortium.slug,
            "stage": i.stage,
            "badges": [b for b in Badge.values if b in {award.badge for award in i.badges.all()}],
        }
        for i in visible
    ]
    return platform


@router.get("/platforms", response={200: Page[PlatformOut], **ERRORS}, tags=["platforms"])
def list_platforms(request, filters: Query[PlatformFilters]):
    """The shared catalogue of platforms, with how many integrations in every consortium use each,
    are live, and hold each badge."""
    platforms = _platforms()
    if check_choice("system_type", filters.system_type, SystemType.values):
        platforms = platforms.filter(system_type=filters.system_type)
    q = filters.q.strip()
    if q:
        platforms = platforms.filter(Q(name__icontains=q) | Q(vendor__icontains=q))
    return paginate(platforms, filters)


@router.get("/platforms/{int:platform_id}", response={200: PlatformDetailOut, **ERRORS}, tags=["platforms"])
def get_platform(request, platform_id: int):
    """A platform with its counts and the integrations on it that the reader may see."""
    return _platform_detail(request.auth, platform_id)


def _platform_fields(fields: dict) -> dict:
    if fields.get("system_type"):
        check_choice("system_type", fields["system_type"], SystemType.values)
    if "resources" in fields:
        fields["resources"] = "\n".join(link.strip() for link in fields["resources"] or [] if link.strip())
    return fields


@router.post("/platforms", response={201: PlatformDetailOut, **ERRORS}, tags=["platforms"])
def add_platform(request, payload: PlatformIn):
    """Add a platform to the catalogue (ORCID admins)."""
    user = request.auth
    _check_body(request, payload)
    platform = services.save_platform(user, **_platform_fields(payload.dict()))
    return Status(201, _platform_detail(user, platform.pk))


@router.patch("/platforms/{int:platform_id}", response={200: PlatformDetailOut, **ERRORS}, tags=["platforms"])
def update_platform(request, platform_id: int, payload: PlatformPatch):
    """Change a platform of the catalogue (ORCID admins); ``resources``, when sent, replaces the links."""
    user = request.auth
    _check_body(request, payload)
    platform = get_in_scope_or_404(Platform.objects.all(), pk=platform_id)
    fields = payload.dict(exclude_unset=True)
    fields = {
        name: ("" if value is None and name != "resources" else value) for name, value in fields.items()
    }
    services.save_platform(user, platform, **_platform_fields(fields))
    return _platform_detail(user, platform_id)


# --- review requirements ----------------------------------------------------------------------


@router.get(
    "/review-requirements", response={200: Page[RequirementOut], **ERRORS}, tags=["review requirements"]
)
def list_requirements(request, filters: Query[RequirementFilters]):
    """The Collect & Connect requirements of each badge, in badge order."""
    requirements = ReviewRequirement.objects.all()
    if check_choice("badge", filters.badge, Badge.values):
        requirements = requirements.filter(badge=filters.badge)
    active = yes_no("active", filters.active)
    if active is not None:
        requirements = requirements.filter(is_active=active)
    q = filters.q.strip()
    if q:
        requirements = requirements.filter(text__icontains=q)
    rank = {badge: n for n, badge in enumerate(Badge.values)}
    rows = sorted(requirements, key=lambda r: (rank[r.badge], r.position, r.pk))
    return paginate(rows, filters)


@router.post("/review-requirements", response={201: RequirementOut, **ERRORS}, tags=["review requirements"])
def add_requirement(request, payload: RequirementIn):
    """Add a requirement to a badge (ORCID admins)."""
    _check_body(request, payload)
    check_choice("badge", payload.badge, Badge.values)
    return Status(201, services.save_requirement(request.auth, **payload.dict()))


@router.patch(
    "/review-requirements/{int:requirement_id}",
    response={200: RequirementOut, **ERRORS},
    tags=["review requirements"],
)
def update_requirement(request, requirement_id: int, payload: RequirementPatch):
    """Change a requirement (ORCID admins); ``is_active`` false retires it from new reviews."""
    _check_body(request, payload)
    requirement = get_in_scope_or_404(ReviewRequirement.objects.all(), pk=requirement_id)
    fields = {name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None}
    if fields.get("badge"):
        check_choice("badge", fields["badge"], Badge.values)
    return services.save_requirement(request.auth, requirement, **fields)


# --- CSV import -------------------------------------------------------------------------------


@router.post(
    "/consortia/{slug}/integration-imports",
    response={200: ImportOut, 400: ImportRefusedOut, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    tags=["integrations"],
    summary="Check or import an integrations CSV file",
)
def import_integrations(request, slug: str, file: File[UploadedFile], apply: bool = False):
    """Upload a CSV of integrations (field ``file``) with the columns organization (name or ROR ID
    of a member), name, system_type, platform, api, environment, technical_contact_email,
    target_sandbox_on, target_live_on and notes. Every row is checked first and every bad one is
    listed by line. Without ``apply`` nothing is saved; with ``apply=true`` a file without errors is
    saved in one transaction, and a file with errors is a 400 that lists them and saves nothing."""
    user = request.auth
    consortium = imports.consortium_for_import(user, slug)
    result = imports.import_integrations(user, consortium, file, apply=apply)
    body = imports.result_body(result)
    if apply and result.errors:
        return Status(400, {**body, "detail": result.refusal})
    return Status(200, body)
