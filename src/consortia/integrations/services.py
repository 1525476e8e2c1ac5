"""Write paths for member integrations, used by the pages, the API, the CSV import and the demo.

Stage rules (``move_stage``):
- Forward one stage at a time, never skipping; back to any earlier stage, or to retired from any
  stage, only with a reason. A retired integration comes back (with a reason) no further than the
  stage it was retired from.
- Credentials are ORCID's: the stages "sandbox credentials issued" and "production credentials
  issued" are reached by ORCID issuing the credential (``issue_credential``), not by a move.
- Final testing is ORCID's: ORCID moves an integration out of "ORCID final testing".
- A member's own contacts move their integration forward where the step is theirs: requesting
  sandbox credentials, starting development, asking for the consortium's review, going live.
- Reviews move the stage too: a passed consortium review sends an integration in consortium
  review on to ORCID's final testing; a failed review sends it back to development with its
  findings. Only a passed ORCID review awards badges.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from consortia.accounts import policy
from consortia.directory.models import Contact, Membership, Person
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
    StageChange,
    SystemType,
)
from consortia.lib.dates import today_in

CLIENT_ID = re.compile(r"^APP-[A-Z0-9]{16}$")
# The scopes ORCID's API grants to member and public API clients.
SCOPES = frozenset(
    {
        "/authenticate",
        "/openid",
        "/read-public",
        "/read-limited",
        "/activities/update",
        "/person/update",
        "/webhook",
    }
)
INTEGRATION_FIELDS = (
    "name",
    "system_type",
    "platform",
    "api",
    "environment",
    "technical_contact",
    "target_sandbox_on",
    "target_live_on",
    "notes",
)
PLATFORM_FIELDS = ("name", "vendor", "system_type", "website", "integration_status", "resources")
# The forward steps a member's own contacts may take on their integration.
MEMBER_STEPS = {
    (Stage.PLANNED, Stage.SANDBOX_REQUESTED),
    (Stage.SANDBOX_ISSUED, Stage.IN_DEVELOPMENT),
    (Stage.IN_DEVELOPMENT, Stage.CONSORTIUM_REVIEW),
    (Stage.PRODUCTION_ISSUED, Stage.LIVE),
}
CREDENTIAL_STAGES = {Stage.SANDBOX_ISSUED, Stage.PRODUCTION_ISSUED}


def _require(allowed: bool, reason: str) -> None:
    if not allowed:
        raise PermissionDenied(reason)


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _clean_text(value, field: str, what: str) -> str:
    value = (value or "").strip() if isinstance(value, str) else value
    if not value:
        raise ValidationError({field: f"Give the {what}."})
    return value


# --- platforms --------------------------------------------------------------------------------


@transaction.atomic
def save_platform(actor, platform: Platform | None = None, **fields) -> Platform:
    _require(policy.can_edit_platforms(actor), "ORCID admins keep the platform catalogue.")
    unknown = set(fields) - set(PLATFORM_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    platform = platform or Platform()
    for name, value in fields.items():
        setattr(platform, name, value.strip() if isinstance(value, str) else value)
    platform.name = _clean_text(platform.name, "name", "platform's name")
    if Platform.objects.filter(name__iexact=platform.name).exclude(pk=platform.pk).exists():
        raise ValidationError({"name": f"“{platform.name}” is in the catalogue already."})
    platform.updated_at = timezone.now()
    platform.full_clean()
    platform.save()
    return platform


# --- integrations ---------------------------------------------------------------------------


def _log(integration: Integration, from_stage: str, to_stage: str, actor, reason: str = "", at=None) -> None:
    at = at or timezone.now()
    # The stay that ends now: its length, for the time-in-stage figures.
    current = integration.stage_changes.order_by("-at", "-pk").first()
    if current is not None and current.days_in_stage is None:
        current.days_in_stage = max((at - current.at).days, 0)
        current.save(update_fields=["days_in_stage"])
    StageChange.objects.create(
        integration=integration,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        actor=_user(actor),
        at=at,
    )
    integration.stage, integration.stage_changed_at, integration.updated_at = to_stage, at, at
    integration.save(update_fields=["stage", "stage_changed_at", "updated_at"])


def _check_contact(membership: Membership, person: Person | None) -> None:
    if person is not None and not Contact.objects.filter(membership=membership, person=person).exists():
        raise ValidationError(
            {"technical_contact": f"{person.full_name} is not a contact of {membership.organization}."}
        )


@transaction.atomic
def save_integration(actor, membership: Membership, integration: Integration | None = None, **fields):
    """Add an integration to a member (stage: planned) or change its details; the stage moves only
    through ``move_stage``, credentials and reviews."""
    if integration is None:
        _require(policy.can_add_integration(actor, membership), "You cannot add integrations to this member.")
    else:
        _require(policy.can_edit_integration(actor, integration), "You cannot change this integration.")
        if integration.membership_id != membership.pk:
            raise ValidationError("That integration is another member's.")
    unknown = set(fields) - set(INTEGRATION_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    creating = integration is None
    if creating:
        integration = Integration(membership=membership)
    else:
        # The stored row, not the caller's copy: its stage may have moved since it was read.
        integration = Integration.objects.select_for_update().get(pk=integration.pk)
    for name, value in fields.items():
        setattr(integration, name, value.strip() if isinstance(value, str) else value)
    integration.name = _clean_text(integration.name, "name", "integration's name")
    if integration.system_type not in SystemType.values:
        raise ValidationError({"system_type": f"“{integration.system_type}” is not a system type."})
    if integration.api not in Integration.Api.values:
        raise ValidationError({"api": f"“{integration.api}” is not public or member."})
    if (
        integration.target_sandbox_on
        and integration.target_live_on
        and integration.target_live_on < integration.target_sandbox_on
    ):
        raise ValidationError({"target_live_on": "The live date cannot come before the sandbox date."})
    _check_contact(membership, integration.technical_contact)
    integration.updated_at = timezone.now()
    integration.full_clean(exclude=["membership", "platform", "technical_contact"])
    if creating:
        integration.save()
    else:
        integration.save(update_fields=[*fields, "name", "updated_at"])
    if creating:
        StageChange.objects.create(
            integration=integration,
            from_stage="",
            to_stage=Stage.PLANNED,
            actor=_user(actor),
            at=integration.created_at,
        )
    return integration


def may_move(actor, integration: Integration, frm: str, to: str) -> bool:
    """Whether the stage rules let ``actor`` move the integration from ``frm`` to ``to`` (who may,
    not whether the move is in order); the pages offer exactly these moves."""
    consortium = integration.membership.consortium
    if policy.can_act_for_orcid(actor, consortium):
        return True
    if frm == Stage.ORCID_TESTING and to != Stage.RETIRED:
        return False  # final testing is ORCID's, on either side
    if policy.can_manage_integrations(actor, consortium):
        return True
    return policy.is_self_service(actor, integration.membership) and (
        (frm, to) in MEMBER_STEPS or to == Stage.RETIRED
    )


def returns_up_to(integration: Integration) -> str:
    """The furthest stage a retired integration may come back to: the one it was retired from (a
    return is a move back, never a way round the stages ORCID and the reviews decide)."""
    retired = integration.stage_changes.filter(to_stage=Stage.RETIRED).order_by("-at", "-pk").first()
    return retired.from_stage if retired is not None and retired.from_stage else Stage.PLANNED


@transaction.atomic
def move_stage(actor, integration: Integration, to_stage: str, reason: str = "") -> Integration:
    """Move an integration to ``to_stage`` by the stage rules (module docstring)."""
    integration = (
        Integration.objects.select_for_update()
        .select_related("membership__consortium")
        .get(pk=integration.pk)
    )
    if to_stage not in Stage.values:
        raise ValidationError({"stage": f"“{to_stage}” is not a stage."})
    frm, reason = integration.stage, (reason or "").strip()
    if to_stage == frm:
        raise ValidationError(
            {"stage": f"The integration is {integration.get_stage_display().lower()} already."}
        )
    _require(
        policy.can_edit_integration(actor, integration) and may_move(actor, integration, frm, to_stage),
        f"You cannot move this integration from {Stage(frm).label.lower()} "
        f"to {Stage(to_stage).label.lower()}.",
    )
    step = Stage.position(to_stage) - Stage.position(frm)
    if to_stage == Stage.RETIRED or step < 0:
        if not reason:
            what = "retiring an integration" if to_stage == Stage.RETIRED else "moving an integration back"
            raise ValidationError({"reason": f"Give the reason for {what}."})
    elif step > 1:
        raise ValidationError(
            {
                "stage": f"Stages go in order: after {Stage(frm).label.lower()} "
                f"comes {Stage.labels[Stage.position(frm) + 1].lower()}."
            }
        )
    if frm == Stage.RETIRED and Stage.position(to_stage) > Stage.position(returns_up_to(integration)):
        raise ValidationError(
            {
                "stage": "A retired integration comes back to the stage it was retired from "
                f"({Stage(returns_up_to(integration)).label.lower()}) or an earlier one."
            }
        )
    if to_stage in CREDENTIAL_STAGES and step == 1:
        raise ValidationError({"stage": "This stage follows when ORCID issues the credentials."})
    _log(integration, frm, to_stage, actor, reason)
    return integration


# --- credentials ----------------------------------------------------------------------------


def _clean_uris(redirect_uris, environment: str) -> str:
    uris = [u.strip() for u in (redirect_uris or []) if u and u.strip()]
    for uri in uris:
        secure = uri.startswith("https://")
        local = re.match(r"^http://(localhost|127\.0\.0\.1)(:\d+)?(/|$)", uri)
        if not secure and not (local and environment == Credential.Environment.SANDBOX):
            raise ValidationError(
                {
                    "redirect_uris": f"“{uri}” is not an https address "
                    "(plain http only to localhost, in the sandbox)."
                }
            )
    return "\n".join(uris)


@transaction.atomic
def issue_credential(
    actor,
    integration: Integration,
    *,
    environment: str,
    client_id: str,
    name: str,
    redirect_uris=(),
    scopes=(),
) -> Credential:
    """ORCID records an API client it issued for the integration; there is no secret to give, as
    none is kept. Issuing sandbox credentials to an integration that asked for them, or production
    credentials to one in final testing, moves its stage on."""
    integration = (
        Integration.objects.select_for_update()
        .select_related("membership__consortium")
        .get(pk=integration.pk)
    )
    _require(
        policy.can_act_for_orcid(actor, integration.membership.consortium),
        "Only ORCID issues API credentials.",
    )
    if environment not in Credential.Environment.values:
        raise ValidationError({"environment": "A credential is for the sandbox or production."})
    client_id = (client_id or "").strip().upper()
    if not CLIENT_ID.match(client_id):
        raise ValidationError(
            # Not echoed: what was pasted there by mistake may be the client's secret.
            {"client_id": "That is not an ORCID client ID (APP- and 16 letters or digits)."}
        )
    if Credential.objects.filter(client_id=client_id).exists():
        raise ValidationError({"client_id": f"{client_id} is recorded already."})
    scopes = [s.strip() for s in scopes if s and s.strip()]
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ValidationError({"scopes": f"Unknown scope(s): {', '.join(unknown)}."})
    stage = integration.stage
    if environment == Credential.Environment.SANDBOX:
        if Stage.position(stage) < Stage.position(Stage.SANDBOX_REQUESTED) or stage == Stage.RETIRED:
            raise ValidationError("Sandbox credentials are issued once the member has asked for them.")
        follows = Stage.SANDBOX_ISSUED if stage == Stage.SANDBOX_REQUESTED else None
    else:
        if Stage.position(stage) < Stage.position(Stage.ORCID_TESTING) or stage == Stage.RETIRED:
            raise ValidationError("Production credentials are issued after ORCID's final testing.")
        follows = Stage.PRODUCTION_ISSUED if stage == Stage.ORCID_TESTING else None
    credential = Credential(
        integration=integration,
        environment=environment,
        client_id=client_id,
        name=_clean_text(name, "name", "client's name"),
        redirect_uris=_clean_uris(redirect_uris, environment),
        scopes=" ".join(scopes),
        issued_by=_user(actor),
        issued_at=timezone.now(),
    )
    credential.full_clean(exclude=["integration", "issued_by", "revoked_by"])
    credential.save()
    if follows:
        _log(integration, stage, follows, actor, f"{credential.get_environment_display()} client {client_id}")
    return credential


@transaction.atomic
def revoke_credential(actor, credential: Credential, reason: str) -> Credential:
    credential = (
        Credential.objects.select_for_update()
        .select_related("integration__membership__consortium")
        .get(pk=credential.pk)
    )
    _require(
        policy.can_act_for_orcid(actor, credential.integration.membership.consortium),
        "Only ORCID revokes API credentials.",
    )
    if credential.revoked_at is not None:
        raise ValidationError(f"{credential.client_id} was revoked already.")
    credential.revoked_at, credential.revoked_by = timezone.now(), _user(actor)
    credential.revoke_reason = _clean_text(reason, "reason", "reason for revoking it")[:300]
    credential.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return credential


# --- Collect & Connect reviews ----------------------------------------------------------------


@transaction.atomic
def save_requirement(actor, requirement: ReviewRequirement | None = None, **fields) -> ReviewRequirement:
    """ORCID admins keep the requirements; a retired one (``is_active`` False) stays on past reviews."""
    _require(policy.can_edit_platforms(actor), "ORCID admins keep the Collect & Connect requirements.")
    requirement = requirement or ReviewRequirement()
    for name in ("badge", "text", "guidance", "position", "is_active"):
        if name in fields:
            value = fields[name]
            setattr(requirement, name, value.strip() if isinstance(value, str) else value)
    requirement.text = _clean_text(requirement.text, "text", "requirement")
    if requirement.badge not in Badge.values:
        raise ValidationError({"badge": f"“{requirement.badge}” is not a badge."})
    requirement.full_clean()
    requirement.save()
    return requirement


def _may_review(actor, integration: Integration, kind: str) -> bool:
    consortium = integration.membership.consortium
    if kind == Review.Kind.ORCID:
        return policy.can_act_for_orcid(actor, consortium)
    return policy.can_manage_integrations(actor, consortium)


@transaction.atomic
def start_review(actor, integration: Integration, kind: str, badge: str) -> Review:
    """A review for ``badge`` (and every badge before it), one result per active requirement. ORCID's
    final review follows a passed consortium review for the same badges."""
    integration = (
        Integration.objects.select_for_update()
        .select_related("membership__consortium")
        .get(pk=integration.pk)
    )
    if kind not in Review.Kind.values:
        raise ValidationError({"kind": f"“{kind}” is not a kind of review."})
    if badge not in Badge.values:
        raise ValidationError({"badge": f"“{badge}” is not a badge."})
    _require(_may_review(actor, integration, kind), f"You cannot do the {Review.Kind(kind).label.lower()}.")
    if (
        Stage.position(integration.stage) < Stage.position(Stage.IN_DEVELOPMENT)
        or integration.stage == Stage.RETIRED
    ):
        raise ValidationError("An integration is reviewed once it is in development.")
    if integration.reviews.filter(kind=kind, outcome=Review.Outcome.IN_PROGRESS).exists():
        raise ValidationError(f"A {Review.Kind(kind).label.lower()} of this integration is in progress.")
    covered = Badge.up_to(badge)
    if kind == Review.Kind.ORCID:
        passed = integration.reviews.filter(kind=Review.Kind.CONSORTIUM, outcome=Review.Outcome.PASSED)
        if not any(Badge.values.index(r.badge) >= Badge.values.index(badge) for r in passed):
            raise ValidationError(
                {
                    "badge": f"ORCID's final review for {Badge(badge).label} "
                    "follows a passed consortium review for it."
                }
            )
    requirements = list(ReviewRequirement.objects.filter(badge__in=covered, is_active=True))
    if not requirements:
        raise ValidationError({"badge": "There are no requirements to review for that badge."})
    review = Review.objects.create(
        integration=integration, kind=kind, badge=badge, reviewer=_user(actor), started_at=timezone.now()
    )
    ReviewResult.objects.bulk_create(ReviewResult(review=review, requirement=r) for r in requirements)
    return review


SCREENSHOT_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024


def _check_screenshot(screenshot) -> None:
    """A screenshot is an image of at most 10 MB, whichever path uploads it."""
    name = getattr(screenshot, "name", "") or ""
    if not name.lower().endswith(SCREENSHOT_TYPES):
        raise ValidationError({"screenshot": f"“{name}” is not an image ({', '.join(SCREENSHOT_TYPES)})."})
    size = getattr(screenshot, "size", None)
    if size is not None and size > MAX_SCREENSHOT_BYTES:
        raise ValidationError({"screenshot": "A screenshot is at most 10 MB."})


@transaction.atomic
def record_result(
    actor, review: Review, requirement_id: int, *, verdict: str, finding: str = "", screenshot=None
):
    review = (
        Review.objects.select_for_update()
        .select_related("integration__membership__consortium")
        .get(pk=review.pk)
    )
    _require(_may_review(actor, review.integration, review.kind), "You cannot record this review's results.")
    if review.outcome != Review.Outcome.IN_PROGRESS:
        raise ValidationError("This review is complete; start a new one.")
    if verdict not in ReviewResult.Verdict.values:
        raise ValidationError({"verdict": f"“{verdict}” is not pass, fail or na."})
    result = review.results.filter(requirement_id=requirement_id).first()
    if result is None:
        raise ValidationError({"requirement": "That requirement is not part of this review."})
    finding = (finding or "").strip()
    if screenshot is not None:
        _check_screenshot(screenshot)
    if verdict == ReviewResult.Verdict.FAIL and not finding:
        raise ValidationError({"finding": "Say what fails, so the member can fix it."})
    result.verdict, result.finding = verdict, finding
    fields = ["verdict", "finding"]
    if screenshot is not None:
        result.screenshot = screenshot
        fields.append("screenshot")
    result.save(update_fields=fields)
    return result


@transaction.atomic
def complete_review(actor, review: Review, summary: str = "") -> Review:
    """Close a review. Failed when any requirement fails: the integration goes back to development
    with the findings (when it was waiting on this review). Passed: a consortium review sends an
    integration in consortium review on to ORCID's final testing; ORCID's awards the badges it
    covers, dated today (in the consortium's time zone), once each."""
    review = (
        Review.objects.select_for_update()
        .select_related("integration__membership__consortium")
        .get(pk=review.pk)
    )
    integration = review.integration
    _require(_may_review(actor, integration, review.kind), "You cannot complete this review.")
    if review.outcome != Review.Outcome.IN_PROGRESS:
        raise ValidationError("This review is complete already.")
    results = list(review.results.select_related("requirement"))
    undecided = [r.requirement.text for r in results if not r.verdict]
    if undecided:
        raise ValidationError(f"{len(undecided)} requirement(s) have no verdict yet, e.g. “{undecided[0]}”.")
    failed = [r for r in results if r.verdict == ReviewResult.Verdict.FAIL]
    now = timezone.now()
    review.outcome = Review.Outcome.FAILED if failed else Review.Outcome.PASSED
    review.summary, review.completed_at = (summary or "").strip(), now
    if failed and not review.summary:
        review.summary = "; ".join(f"{r.requirement.text}: {r.finding}" for r in failed)
    review.save(update_fields=["outcome", "summary", "completed_at"])
    waiting = Stage.CONSORTIUM_REVIEW if review.kind == Review.Kind.CONSORTIUM else Stage.ORCID_TESTING
    if failed:
        if integration.stage == waiting:
            _log(
                integration,
                waiting,
                Stage.IN_DEVELOPMENT,
                actor,
                f"{review.get_kind_display()} failed: {review.summary}",
            )
        return review
    if review.kind == Review.Kind.CONSORTIUM:
        if integration.stage == Stage.CONSORTIUM_REVIEW:
            _log(integration, Stage.CONSORTIUM_REVIEW, Stage.ORCID_TESTING, actor, "Consortium review passed")
        return review
    today = today_in(integration.membership.consortium.time_zone)
    awarded = set(integration.badges.values_list("badge", flat=True))
    BadgeAward.objects.bulk_create(
        BadgeAward(integration=integration, badge=badge, awarded_on=today, review=review)
        for badge in Badge.up_to(review.badge)
        if badge not in awarded
    )
    return review
