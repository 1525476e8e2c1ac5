"""What the integrations API reads and writes, field by field.

Choices are their stored values (``"sandbox_requested"``, ``"cris"``, ``"authenticate"``). People
appear by display name; a technical contact also by person id, which is what the writes take.

No shape here has a secret: a credential is its client ID, name, redirect URIs and scopes. A write
whose body carries ``client_secret`` (or ``secret``) is refused with a 400, because secrets are
never stored (and so is any other field a body does not take, by name).
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from consortia.directory.schemas import ListParams

# --- query parameters ---------------------------------------------------------------------


class IntegrationFilters(ListParams):
    q: str = Field("", description="Part of the integration's name, its member's name or its platform's")
    consortium: str = Field("", description="Consortium slug")
    membership: int | None = Field(None, description="Membership id")
    stage: str = Field("", description="planned, sandbox_requested, … live or retired")
    system_type: str = Field("", description="cris, repository, publishing, funder, hr_identity or other")
    platform: int | None = Field(None, description="Platform id")
    api: str = Field("", description="public or member")


class CredentialFilters(ListParams):
    q: str = Field("", description="Part of the client ID or the client's name")
    consortium: str = Field("", description="Consortium slug")
    integration: int | None = Field(None, description="Integration id")
    environment: str = Field("", description="sandbox or production")
    active: str = Field("", description="true: not revoked; false: revoked")


class ReviewFilters(ListParams):
    q: str = Field("", description="Part of the integration's or its member's name")
    consortium: str = Field("", description="Consortium slug")
    integration: int | None = Field(None, description="Integration id")
    kind: str = Field("", description="consortium or orcid")
    badge: str = Field("", description="authenticate, collect, display, connect or synchronize")
    outcome: str = Field("", description="in_progress, passed or failed")


class PlatformFilters(ListParams):
    q: str = Field("", description="Part of the platform's or vendor's name")
    system_type: str = Field("", description="cris, repository, publishing, funder, hr_identity or other")


class RequirementFilters(ListParams):
    q: str = Field("", description="Part of the requirement's text")
    badge: str = Field("", description="authenticate, collect, display, connect or synchronize")
    active: str = Field("", description="true: in use; false: retired")


# --- read shapes ------------------------------------------------------------------------------


class IntegrationOut(Schema):
    id: int
    name: str
    consortium: str = Field(description="Consortium slug")
    membership: int = Field(description="Membership id")
    organization: str = Field(description="The member organization's name")
    system_type: str
    platform: int | None = Field(description="Platform id in the catalogue")
    platform_name: str | None
    api: str = Field(description="public or member")
    environment: str = Field(description="Where it runs")
    technical_contact: int | None = Field(description="Person id of the member's technical contact")
    technical_contact_name: str | None
    target_sandbox_on: date | None
    target_live_on: date | None
    notes: str
    stage: str
    stage_changed_at: datetime
    badges: list[str] = Field(description="Collect & Connect badges awarded, in badge order")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.membership.consortium.slug

    @staticmethod
    def resolve_membership(obj) -> int:
        return obj.membership_id

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.membership.organization.name

    @staticmethod
    def resolve_platform(obj) -> int | None:
        return obj.platform_id

    @staticmethod
    def resolve_platform_name(obj) -> str | None:
        return obj.platform.name if obj.platform_id else None

    @staticmethod
    def resolve_technical_contact(obj) -> int | None:
        return obj.technical_contact_id

    @staticmethod
    def resolve_technical_contact_name(obj) -> str | None:
        return obj.technical_contact.full_name if obj.technical_contact_id else None

    @staticmethod
    def resolve_badges(obj) -> list[str]:
        from consortia.integrations.models import Badge

        held = {award.badge for award in obj.badges.all()}
        return [badge for badge in Badge.values if badge in held]


class StageChangeOut(Schema):
    from_stage: str = Field(description="Blank for the first entry (the integration was added)")
    to_stage: str
    reason: str
    actor: str | None = Field(description="Display name of who moved it")
    at: datetime

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.display_name if obj.actor_id else None


class CredentialOut(Schema):
    id: int
    integration: int = Field(description="Integration id")
    integration_name: str
    organization: str
    environment: str = Field(description="sandbox or production")
    client_id: str
    name: str
    redirect_uris: list[str]
    scopes: list[str]
    issued_by: str | None
    issued_at: datetime
    is_active: bool
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str

    @staticmethod
    def resolve_integration(obj) -> int:
        return obj.integration_id

    @staticmethod
    def resolve_integration_name(obj) -> str:
        return obj.integration.name

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.integration.membership.organization.name

    @staticmethod
    def resolve_redirect_uris(obj) -> list[str]:
        return obj.redirect_uri_list

    @staticmethod
    def resolve_scopes(obj) -> list[str]:
        return obj.scopes.split()

    @staticmethod
    def resolve_issued_by(obj) -> str | None:
        return obj.issued_by.display_name if obj.issued_by_id else None

    @staticmethod
    def resolve_revoked_by(obj) -> str | None:
        return obj.revoked_by.display_name if obj.revoked_by_id else None


class ReviewOut(Schema):
    id: int
    integration: int = Field(description="Integration id")
    integration_name: str
    organization: str
    consortium: str = Field(description="Consortium slug")
    kind: str = Field(description="consortium (the initial review) or orcid (the final one)")
    badge: str = Field(description="The highest badge reviewed for; the ones before it are covered too")
    outcome: str = Field(description="in_progress, passed or failed")
    summary: str = Field(description="For the member: what to change, when it failed")
    reviewer: str | None
    started_at: datetime
    completed_at: datetime | None
    passed_count: int
    failed_count: int
    not_applicable_count: int
    undecided_count: int

    @staticmethod
    def resolve_integration(obj) -> int:
        return obj.integration_id

    @staticmethod
    def resolve_integration_name(obj) -> str:
        return obj.integration.name

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.integration.membership.organization.name

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.integration.membership.consortium.slug

    @staticmethod
    def resolve_reviewer(obj) -> str | None:
        return obj.reviewer.display_name if obj.reviewer_id else None


class ReviewResultOut(Schema):
    requirement: int = Field(description="Requirement id, which PUT …/results/{requirement_id} takes")
    badge: str
    text: str
    guidance: str
    verdict: str = Field(description="pass, fail, na, or blank while undecided")
    finding: str
    screenshot_url: str | None = Field(description="Where to download the screenshot, if there is one")

    @staticmethod
    def resolve_requirement(obj) -> int:
        return obj.requirement_id

    @staticmethod
    def resolve_badge(obj) -> str:
        return obj.requirement.badge

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.requirement.text

    @staticmethod
    def resolve_guidance(obj) -> str:
        return obj.requirement.guidance

    @staticmethod
    def resolve_screenshot_url(obj) -> str | None:
        if not obj.screenshot:
            return None
        return f"/api/v1/reviews/{obj.review_id}/results/{obj.requirement_id}/screenshot"


class ReviewDetailOut(ReviewOut):
    results: list[ReviewResultOut] = Field(description="One per requirement, in badge order")

    @staticmethod
    def resolve_results(obj):
        return obj.result_rows


class BadgeAwardOut(Schema):
    badge: str
    awarded_on: date
    review: int = Field(description="The ORCID review that awarded it")

    @staticmethod
    def resolve_review(obj) -> int:
        return obj.review_id


class IntegrationDetailOut(IntegrationOut):
    stage_log: list[StageChangeOut] = Field(description="Every stage change, oldest first")
    credentials: list[CredentialOut]
    reviews: list[ReviewOut] = Field(description="Newest first, with their tallies (no results)")
    badge_awards: list[BadgeAwardOut]
    can_edit: bool = Field(description="Whether the reader may change its details")

    @staticmethod
    def resolve_stage_log(obj):
        return obj.log

    @staticmethod
    def resolve_credentials(obj):
        return obj.credential_rows

    @staticmethod
    def resolve_reviews(obj):
        return obj.review_rows

    @staticmethod
    def resolve_badge_awards(obj):
        return list(obj.badges.all())


class PlatformOut(Schema):
    id: int
    name: str
    vendor: str
    system_type: str
    website: str
    integration_status: str = Field(description="What is known of its ORCID integration")
    resources: list[str] = Field(description="Links to guides and examples")
    integration_count: int = Field(description="Integrations on it in every consortium (not retired)")
    live_count: int = Field(description="Of them, live")
    badge_counts: dict[str, int] = Field(description="Integrations holding each badge, in every consortium")
    updated_at: datetime

    @staticmethod
    def resolve_resources(obj) -> list[str]:
        return obj.resource_links

    @staticmethod
    def resolve_badge_counts(obj) -> dict[str, int]:
        from consortia.integrations.models import Badge

        return {badge: getattr(obj, f"{badge}_count") for badge in Badge.values}


class PlatformIntegrationOut(Schema):
    id: int
    name: str
    organization: str
    consortium: str
    stage: str
    badges: list[str]


class PlatformDetailOut(PlatformOut):
    integrations: list[PlatformIntegrationOut] = Field(
        description="The integrations on it that the reader may see (a member: its own); other "
        "members appear in the counts only"
    )

    @staticmethod
    def resolve_integrations(obj):
        return obj.visible_integrations


class RequirementOut(Schema):
    id: int
    badge: str
    text: str
    guidance: str
    position: int
    is_active: bool


class ImportProblemOut(Schema):
    line: int | None = Field(description="The file's line (the header is line 1); null for the file")
    column: str
    message: str


class ImportRowOut(Schema):
    line: int
    organization: str
    name: str
    integration: int | None = Field(description="Id of the integration saved, once applied")


class ImportOut(Schema):
    applied: bool = Field(description="Whether the integrations were saved (never for a dry run)")
    errors: list[ImportProblemOut] = Field(description="Every bad row, by line")
    rows: list[ImportRowOut] = Field(description="The integrations the file adds")


class ImportRefusedOut(ImportOut):
    detail: str


# --- write shapes -----------------------------------------------------------------------------


class IntegrationIn(Schema):
    membership: int = Field(description="Membership id of the member whose system it is")
    name: str
    system_type: str = Field(description="cris, repository, publishing, funder, hr_identity or other")
    platform: int | None = Field(None, description="Platform id in the catalogue")
    api: str = Field("member", description="public or member")
    environment: str = Field("", description="Where it runs, e.g. hosted by the vendor")
    technical_contact: int | None = Field(None, description="Person id of one of the member's contacts")
    target_sandbox_on: date | None = None
    target_live_on: date | None = None
    notes: str = ""


class IntegrationPatch(Schema):
    name: str | None = None
    system_type: str | None = None
    platform: int | None = Field(None, description="Platform id; null clears it")
    api: str | None = None
    environment: str | None = None
    technical_contact: int | None = Field(None, description="Person id; null clears it")
    target_sandbox_on: date | None = None
    target_live_on: date | None = None
    notes: str | None = None


class StageIn(Schema):
    stage: str = Field(description="The stage to move to")
    reason: str = Field("", description="Required to go back or to retire it")


class CredentialIn(Schema):
    environment: str = Field(description="sandbox or production")
    client_id: str = Field(description="APP- and 16 letters or digits")
    name: str = Field(description="The client's name, as ORCID's registry shows it")
    redirect_uris: list[str] = Field(default_factory=list, description="https addresses")
    scopes: list[str] = Field(default_factory=list, description="e.g. /authenticate, /activities/update")


class RevocationIn(Schema):
    reason: str


class ReviewIn(Schema):
    kind: str = Field(description="consortium (the initial review) or orcid (the final one)")
    badge: str = Field(description="The highest badge to review for")


class ResultIn(Schema):
    verdict: str = Field(description="pass, fail or na")
    finding: str = Field("", description="Required for a fail: what to change")


class CompletionIn(Schema):
    summary: str = Field("", description="For the member; a failed review defaults to its findings")


class PlatformIn(Schema):
    name: str
    vendor: str = ""
    system_type: str = Field(
        "other", description="cris, repository, publishing, funder, hr_identity or other"
    )
    website: str = ""
    integration_status: str = ""
    resources: list[str] = Field(default_factory=list, description="Links, one per item")


class PlatformPatch(Schema):
    name: str | None = None
    vendor: str | None = None
    system_type: str | None = None
    website: str | None = None
    integration_status: str | None = None
    resources: list[str] | None = None


class RequirementIn(Schema):
    badge: str = Field(description="authenticate, collect, display, connect or synchronize")
    text: str
    guidance: str = ""
    position: int = 0
    is_active: bool = True


class RequirementPatch(Schema):
    badge: str | None = None
    text: str | None = None
    guidance: str | None = None
    position: int | None = None
    is_active: bool | None = None
