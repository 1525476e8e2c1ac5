"""Member integrations: each member's systems that use the ORCID API, their stages from plan to
live, the API credentials ORCID issues for them, Collect & Connect reviews and badges, a shared
catalogue of platforms, and notices sent to technical contacts.

Client secrets are never stored: a credential keeps the client ID, its name, redirect URIs and
scopes, who issued it and when. The stage log (``StageChange``) records every move with who and
when; the pipeline's figures (time in each stage, stuck integrations) are derived from it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.directory.models import Membership, Person


class SystemType(models.TextChoices):
    RESEARCH_INFORMATION = "cris", "Research information system"
    REPOSITORY = "repository", "Repository"
    PUBLISHING = "publishing", "Publishing platform"
    FUNDER = "funder", "Grant or funder system"
    HR_IDENTITY = "hr_identity", "HR or identity system"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    """In the order an integration goes through them."""

    PLANNED = "planned", "Planned"
    SANDBOX_REQUESTED = "sandbox_requested", "Sandbox requested"
    SANDBOX_ISSUED = "sandbox_issued", "Sandbox credentials issued"
    IN_DEVELOPMENT = "in_development", "In development"
    CONSORTIUM_REVIEW = "consortium_review", "Consortium review"
    ORCID_TESTING = "orcid_testing", "ORCID final testing"
    PRODUCTION_ISSUED = "production_issued", "Production credentials issued"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"

    @classmethod
    def position(cls, stage: str) -> int:
        return cls.values.index(stage)


class Badge(models.TextChoices):
    """Collect & Connect's five badges, cumulative in this order."""

    AUTHENTICATE = "authenticate", "Authenticate"
    COLLECT = "collect", "Collect"
    DISPLAY = "display", "Display"
    CONNECT = "connect", "Connect"
    SYNCHRONIZE = "synchronize", "Synchronise"

    @classmethod
    def up_to(cls, badge: str) -> list[str]:
        """The badges a review for ``badge`` covers: it and every one before it."""
        return cls.values[: cls.values.index(badge) + 1]


class Platform(models.Model):
    """A platform or vendor system members integrate (DSpace, Pure, OJS ...), shared by every
    consortium; ORCID keeps the catalogue."""

    name = models.CharField(max_length=150, unique=True)
    vendor = models.CharField(max_length=150, blank=True)
    system_type = models.CharField(max_length=15, choices=SystemType.choices, default=SystemType.OTHER)
    website = models.URLField(blank=True)
    integration_status = models.TextField(
        blank=True, help_text="What is known of its ORCID integration, e.g. which version supports what"
    )
    resources = models.TextField(blank=True, help_text="Links to guides and examples, one a line")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def resource_links(self) -> list[str]:
        return [line.strip() for line in self.resources.splitlines() if line.strip()]


class Integration(models.Model):
    class Api(models.TextChoices):
        PUBLIC = "public", "Public API"
        MEMBER = "member", "Member API"

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="integrations")
    name = models.CharField(max_length=200)
    system_type = models.CharField(max_length=15, choices=SystemType.choices)
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, null=True, blank=True, related_name="integrations"
    )
    api = models.CharField("API", max_length=6, choices=Api.choices, default=Api.MEMBER)
    environment = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where it runs, e.g. hosted by the vendor, or the member's servers",
    )
    technical_contact = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="integrations"
    )
    target_sandbox_on = models.DateField(null=True, blank=True)
    target_live_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PLANNED)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["membership", "name", "pk"]
        indexes = [
            models.Index(fields=["stage", "stage_changed_at"], name="integration_pipeline"),
            models.Index(fields=["membership", "stage"], name="integration_member"),
            models.Index(fields=["platform", "stage"], name="integration_platform"),
        ]

    def __str__(self):
        return self.name


class StageChange(models.Model):
    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True, help_text="Why, when it goes back or is retired")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # How long the integration stayed in ``to_stage``: whole days until the next change, set when
    # that change is logged (empty while it is still there). Time-in-stage figures read these.
    days_in_stage = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["integration", "at", "pk"]
        indexes = [
            models.Index(fields=["integration", "at"], name="stage_change_log"),
            # Covers the time-in-stage histogram (stage, days, count) of any scope of integrations.
            models.Index(fields=["to_stage", "days_in_stage", "integration"], name="stage_stay_lengths"),
        ]

    def __str__(self):
        return f"{self.integration_id}: {self.from_stage or '—'} → {self.to_stage}"


class Credential(models.Model):
    """An API client ORCID issued for an integration. No secret is kept: ORCID gives it to the
    member once, outside this system."""

    class Environment(models.TextChoices):
        SANDBOX = "sandbox", "Sandbox"
        PRODUCTION = "production", "Production"

    integration = models.ForeignKey(Integration, on_delete=models.PROTECT, related_name="credentials")
    environment = models.CharField(max_length=10, choices=Environment.choices)
    client_id = models.CharField("client ID", max_length=40, unique=True)
    name = models.CharField(max_length=150)
    redirect_uris = models.TextField(blank=True, help_text="One a line")
    scopes = models.CharField(max_length=300, blank=True, help_text="Space-separated, e.g. /authenticate")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["integration", "environment", "-issued_at"]

    def __str__(self):
        return f"{self.client_id} ({self.get_environment_display()})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def redirect_uri_list(self) -> list[str]:
        return [line.strip() for line in self.redirect_uris.splitlines() if line.strip()]


class ReviewRequirement(models.Model):
    """One requirement of a Collect & Connect badge; ORCID admins keep the list as data."""

    badge = models.CharField(max_length=12, choices=Badge.choices)
    text = models.CharField(max_length=400)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text="Retired requirements stay on past reviews")

    class Meta:
        ordering = ["badge", "position", "pk"]

    def __str__(self):
        return f"{self.get_badge_display()}: {self.text}"


class Review(models.Model):
    """A Collect & Connect review of an integration up to a badge (the badges are cumulative):
    first the consortium's initial review, then ORCID's final one."""

    class Kind(models.TextChoices):
        CONSORTIUM = "consortium", "Consortium's initial review"
        ORCID = "orcid", "ORCID's final review"

    class Outcome(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        PASSED = "passed", "Passed"
        FAILED = "failed", "Failed"

    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    badge = models.CharField(
        max_length=12, choices=Badge.choices, help_text="The highest badge reviewed for (all before it too)"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.IN_PROGRESS)
    summary = models.TextField(blank=True, help_text="For the member: what to change, when it failed")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["integration", "-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["integration", "kind"],
                condition=Q(outcome="in_progress"),
                name="one_open_review_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.integration} ({self.get_outcome_display()})"


def screenshot_path(instance, filename):
    return f"reviews/{instance.review_id}/{filename}"


class ReviewResult(models.Model):
    class Verdict(models.TextChoices):
        PASS = "pass", "Pass"
        FAIL = "fail", "Fail"
        NOT_APPLICABLE = "na", "Not applicable"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="results")
    requirement = models.ForeignKey(ReviewRequirement, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=4, choices=Verdict.choices, blank=True)
    finding = models.TextField(blank=True)
    screenshot = models.FileField(upload_to=screenshot_path, blank=True, max_length=300)

    class Meta:
        ordering = ["review", "requirement__badge", "requirement__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "requirement"], name="one_result_per_requirement")
        ]

    def __str__(self):
        return f"{self.requirement_id}: {self.verdict or '—'}"


class BadgeAward(models.Model):
    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="badges")
    badge = models.CharField(max_length=12, choices=Badge.choices)
    awarded_on = models.DateField()
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="awards")

    class Meta:
        ordering = ["integration", "awarded_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["integration", "badge"], name="one_award_per_badge")]
        indexes = [models.Index(fields=["awarded_on"], name="badge_award_period")]

    def __str__(self):
        return f"{self.get_badge_display()} for {self.integration_id} on {self.awarded_on}"


class Announcement(models.Model):
    """A notice to integrations' technical contacts (e.g. an API version upgrade), sent to those
    of one platform or of every integration on the member API, in the sender's scope."""

    class Audience(models.TextChoices):
        PLATFORM = "platform", "Integrations on one platform"
        MEMBER_API = "member_api", "Every integration on the member API"

    subject = models.CharField(max_length=200)
    body = models.TextField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    consortium = models.ForeignKey(
        "directory.Consortium", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty: every consortium in the sender's scope (ORCID)",
    )  # fmt: skip
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject


class AnnouncementRecipient(models.Model):
    """Who a notice went to, and whether the e-mail left (logged per recipient)."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="recipients")
    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["announcement", "email", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "email"], name="one_notice_per_address")
        ]

    def __str__(self):
        return f"{self.email}: {'sent' if self.sent_at else self.error or 'pending'}"
