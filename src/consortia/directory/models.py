"""Regions, consortia, organizations, memberships, people and their contact roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia import program
from consortia.lib.orcid_id import orcid_url


class Region(models.Model):
    """An ORCID region (e.g. EMEA): its regional staff see every consortium in it."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Consortium(models.Model):
    class Status(models.TextChoices):
        PROSPECT = "prospect", "Prospect"
        ONBOARDING = "onboarding", "Onboarding"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    class ImplementationApproach(models.TextChoices):
        CENTRAL_PLATFORM = "central", "Central platform"
        DISTRIBUTED = "distributed", "Distributed"
        MIXED = "mixed", "Mixed"

    class SupportModel(models.TextChoices):
        DIRECT_HIRE = "direct_hire", "Direct hire"
        CONTRACTED = "contracted", "Contracted organization"
        SHARED_ROLE = "shared_role", "Shared role"
        ORCID_HIRED = "orcid_hired", "ORCID-hired"

    class CostRecoveryModel(models.TextChoices):
        FLAT = "flat", "Flat fee"
        TIERED = "tiered", "Tiered fees"
        LEAD_FEE = "lead_fee", "Annual lead-organization fee"
        EXTERNALLY_FUNDED = "funded", "Externally funded"
        COMBINED = "combined", "Combination"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="consortia")
    lead_organization = models.ForeignKey(
        "Organization", on_delete=models.PROTECT, related_name="led_consortia"
    )
    main_contact = models.ForeignKey(
        "Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code")
    currency = models.CharField(max_length=3, help_text="ISO 4217 code of the local currency")
    time_zone = models.CharField(max_length=64, default="UTC")
    agreement_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ONBOARDING)
    implementation_approach = models.CharField(
        max_length=20, choices=ImplementationApproach.choices, default=ImplementationApproach.DISTRIBUTED
    )
    funding = models.TextField(blank=True, help_text="How the consortium is funded")
    support_model = models.CharField(
        max_length=20, choices=SupportModel.choices, default=SupportModel.DIRECT_HIRE
    )
    cost_recovery_model = models.CharField(
        max_length=20, choices=CostRecoveryModel.choices, default=CostRecoveryModel.FLAT
    )
    governance_policy = models.TextField(blank=True)
    support_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "consortia"

    def __str__(self):
        return self.name


class Organization(models.Model):
    class Tier(models.TextChoices):
        SMALL = "small", "Small (budget under 10M USD)"
        STANDARD = "standard", "Standard (10M–1B USD)"
        LARGE = "large", "Large (over 1B USD)"

    class CommunityType(models.TextChoices):
        ASSOCIATION = "association", "Association"
        FUNDER = "funder", "Funder"
        GOVERNMENT = "government", "Government"
        PUBLISHER = "publisher", "Publisher"
        REPOSITORY = "repository", "Repository/profile organization"
        RESEARCH_INSTITUTE = "research_institute", "Research institute"
        OTHER = "other", "Other"

    class OrganizationType(models.TextChoices):
        # ROR's organization types.
        EDUCATION = "education", "Education"
        FUNDER = "funder", "Funder"
        HEALTHCARE = "healthcare", "Healthcare"
        COMPANY = "company", "Company"
        ARCHIVE = "archive", "Archive"
        NONPROFIT = "nonprofit", "Nonprofit"
        GOVERNMENT = "government", "Government"
        FACILITY = "facility", "Facility"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255)
    ror_id = models.CharField("ROR ID", max_length=9, unique=True, null=True, blank=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code")
    city = models.CharField(max_length=120, blank=True)
    organization_type = models.CharField(
        max_length=20, choices=OrganizationType.choices, default=OrganizationType.EDUCATION
    )
    tier = models.CharField(max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    community_type = models.CharField(
        max_length=20, choices=CommunityType.choices, default=CommunityType.RESEARCH_INSTITUTE
    )
    website = models.URLField(blank=True)
    billing_address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organization_name_idx")]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """An organization's membership of a consortium, from first enquiry to leaving."""

    class Status(models.TextChoices):
        ENQUIRY = "enquiry", "Enquiry"
        APPLYING = "applying", "Applying"
        ONBOARDING = "onboarding", "Onboarding"
        ACTIVE = "active", "Active"
        LAPSED = "lapsed", "Lapsed"
        LEFT = "left", "Left"

    # Which status may follow which; "lapsed" can be revived, "left" is final.
    NEXT_STATUSES = {
        Status.ENQUIRY: {Status.APPLYING, Status.ONBOARDING, Status.LEFT},
        Status.APPLYING: {Status.ONBOARDING, Status.ACTIVE, Status.LEFT},
        Status.ONBOARDING: {Status.ACTIVE, Status.LEFT},
        Status.ACTIVE: {Status.LAPSED, Status.LEFT},
        Status.LAPSED: {Status.ACTIVE, Status.LEFT},
        Status.LEFT: set(),
    }
    CURRENT_STATUSES = (Status.ENQUIRY, Status.APPLYING, Status.ONBOARDING, Status.ACTIVE)

    class MemberType(models.TextChoices):
        BASIC = "basic", "Basic"
        PREMIUM = "premium", "Premium"

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ENQUIRY)
    member_type = models.CharField(max_length=10, choices=MemberType.choices, default=MemberType.BASIC)
    enquiry_date = models.DateField(null=True, blank=True)
    joined_date = models.DateField(null=True, blank=True)
    ended_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                condition=Q(status__in=["enquiry", "applying", "onboarding", "active"]),
                name="one_current_membership_per_consortium",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "status"], name="membership_consortium_status")]

    def __str__(self):
        return f"{self.organization} in {self.consortium}"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT_STATUSES

    @property
    def needs_lead_contacts(self) -> bool:
        return self.status == self.Status.ACTIVE


class Person(models.Model):
    given_names = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(unique=True, null=True, blank=True)
    orcid_id = models.CharField("ORCID iD", max_length=19, unique=True, null=True, blank=True)
    # The public name ORCID returned when the iD was last checked, and when.
    orcid_verified_name = models.CharField(max_length=300, blank=True)
    orcid_verified_at = models.DateTimeField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["family_name", "given_names"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["family_name", "given_names"], name="person_name_idx")]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def has_orcid_id(self) -> bool:
        return bool(self.orcid_id)

    @property
    def has_verified_orcid_id(self) -> bool:
        return bool(self.orcid_id and self.orcid_verified_at)

    @property
    def orcid_url(self) -> str:
        return orcid_url(self.orcid_id, settings.ORCID_BASE_URL) if self.orcid_id else ""


class Contact(models.Model):
    """A person in a role for a membership, as ORCID's member portal names the roles."""

    class Role(models.TextChoices):
        AGREEMENT_SIGNATORY = "agreement_signatory", "Agreement signatory"
        MAIN_RELATIONSHIP = "main_relationship", "Main relationship contact"
        VOTING = "voting", "Voting contact"
        TECHNICAL = "technical", "Technical contact"
        INVOICE = "invoice", "Invoice contact"
        COMMUNICATIONS = "communications", "Communications contact"
        PRODUCT = "product", "Product contact"
        OTHER = "other", "Other contact"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    role = models.CharField(max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "person__family_name"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "person", "role"], name="one_role_per_person"),
            # The "at most one" half of the rules lives in the database; "at least one" needs
            # several rows and is checked in directory.services.
            models.UniqueConstraint(
                fields=["membership", "role"],
                condition=Q(
                    role__in=[*program.EXACTLY_ONE_CONTACT_ROLES, *program.AT_MOST_ONE_CONTACT_ROLES]
                ),
                name="single_holder_roles",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


class MembershipRequest(models.Model):
    """A consortium's request that ORCID add or remove a member; pending until ORCID decides."""

    class Kind(models.TextChoices):
        ADD = "add", "Add member"
        REMOVE = "remove", "Remove member"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "kind"],
                condition=Q(status="pending"),
                name="one_pending_request_per_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.membership}"
