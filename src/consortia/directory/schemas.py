"""What the directory API reads and writes, field by field.

Every field is named here on purpose: a new model field is not exposed until someone adds it.
Dates are ISO 8601, choices are their stored values (``"active"``, ``"voting"``), ORCID iDs are
strings like ``0000-0002-1825-0097``. Users appear by display name only.
"""

from datetime import date, datetime
from typing import Generic, TypeVar

from ninja import Schema
from pydantic import Field

T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int = Field(description="Rows matching the filters, on every page together")
    page: int
    page_size: int
    results: list[T]


class ErrorOut(Schema):
    detail: str
    fields: dict[str, list[str]] | None = Field(
        None, description="Messages per input field, when a field is at fault"
    )


# --- query parameters ---------------------------------------------------------------------
# Page numbers arrive as text so a bad one is answered 400 with a message, like any other bad input.


class ListParams(Schema):
    page: str | None = Field(None, description="Page number, from 1; past the end is an empty page")
    page_size: str | None = Field(None, description="Rows per page (default 25, at most 200)")
    q: str = Field("", description="Search text")


class ConsortiumFilters(ListParams):
    q: str = Field("", description="Part of the name or slug")
    region: str = Field("", description="Region slug, e.g. emea")
    status: str = Field("", description="prospect, onboarding, active or ended")


class OrganizationFilters(ListParams):
    q: str = Field("", description="Part of the name, or a ROR ID")
    country: str = Field("", description="ISO 3166-1 alpha-2 code")
    tier: str = ""
    community_type: str = ""
    organization_type: str = ""


class MembershipFilters(ListParams):
    q: str = Field("", description="Part of the organization's name or city, or its ROR ID")
    consortium: str = Field("", description="Consortium slug")
    status: str = Field("", description="A membership status, or `current` for enquiry to active")
    tier: str = ""
    member_type: str = ""
    community_type: str = ""
    country: str = ""
    sort: str = Field("name", description="name, country, status, joined or tier; prefix - to reverse")


class MembershipRequestFilters(ListParams):
    status: str = Field("", description="pending, confirmed or declined")
    kind: str = Field("", description="add or remove")
    consortium: str = Field("", description="Consortium slug")


class PersonFilters(ListParams):
    q: str = Field("", description="Name words, an exact e-mail address or an ORCID iD")


class ContactFilters(ListParams):
    membership: str | None = Field(None, description="Membership id")
    role: str = ""
    consortium: str = Field("", description="Consortium slug")


# --- read shapes ------------------------------------------------------------------------------


class RegionOut(Schema):
    slug: str
    name: str


class OrganizationRef(Schema):
    id: int
    name: str
    ror_id: str | None
    country: str


class OrganizationOut(Schema):
    id: int
    name: str
    ror_id: str | None
    country: str
    city: str
    organization_type: str
    tier: str
    community_type: str
    website: str
    billing_address: str


class PersonOut(Schema):
    id: int
    given_names: str
    family_name: str
    full_name: str
    email: str | None
    orcid_id: str | None
    orcid_url: str
    orcid_verified_name: str
    orcid_verified_at: datetime | None
    phone: str
    job_title: str


class ConsortiumOut(Schema):
    slug: str
    name: str
    region: RegionOut
    lead_organization: OrganizationRef
    main_contact_id: int | None
    country: str
    currency: str
    time_zone: str
    agreement_date: date | None
    status: str
    implementation_approach: str
    funding: str
    support_model: str
    cost_recovery_model: str
    governance_policy: str
    support_email: str
    website: str
    active_members: int = Field(description="Memberships with status active")
    current_members: int = Field(description="Memberships from enquiry to active")


class MembershipOut(Schema):
    id: int
    consortium: str = Field(description="Consortium slug")
    organization: OrganizationRef
    status: str
    member_type: str
    enquiry_date: date | None
    joined_date: date | None
    ended_date: date | None
    end_reason: str
    notes: str = Field(description="The consortium's internal notes; empty for member contacts")
    contact_count: int
    has_pending_request: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_notes(obj, context) -> str:
        user = context["request"].auth
        return "" if user.is_member_contact else obj.notes


class ContactInMembershipOut(Schema):
    id: int
    role: str
    person: PersonOut
    created_at: datetime


class MembershipRequestOut(Schema):
    id: int
    membership_id: int
    consortium: str = Field(description="Consortium slug")
    organization: OrganizationRef
    kind: str
    status: str
    note: str
    requested_by: str | None = Field(description="Display name of the user who asked")
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.membership.consortium.slug

    @staticmethod
    def resolve_organization(obj):
        return obj.membership.organization

    @staticmethod
    def resolve_requested_by(obj) -> str | None:
        return obj.requested_by.display_name if obj.requested_by else None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.display_name if obj.decided_by else None


class PendingRequestOut(Schema):
    id: int
    kind: str
    note: str
    requested_at: datetime


class MembershipDetailOut(MembershipOut):
    contacts: list[ContactInMembershipOut]
    pending_requests: list[PendingRequestOut]
    contact_count: int
    has_pending_request: bool

    @staticmethod
    def resolve_contacts(obj):
        return list(obj.contacts.all())

    @staticmethod
    def resolve_pending_requests(obj):
        return [request for request in obj.requests.all() if request.status == "pending"]

    @staticmethod
    def resolve_contact_count(obj) -> int:
        return len(obj.contacts.all())

    @staticmethod
    def resolve_has_pending_request(obj) -> bool:
        return any(request.status == "pending" for request in obj.requests.all())


class ContactOut(Schema):
    id: int
    membership_id: int
    consortium: str = Field(description="Consortium slug")
    organization: OrganizationRef
    role: str
    person: PersonOut
    created_at: datetime

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.membership.consortium.slug

    @staticmethod
    def resolve_organization(obj):
        return obj.membership.organization


class PersonRoleOut(Schema):
    """One role the person holds, among the memberships the reader may see."""

    contact_id: int
    role: str
    membership_id: int
    consortium: str
    organization: OrganizationRef

    @staticmethod
    def resolve_contact_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.membership.consortium.slug

    @staticmethod
    def resolve_organization(obj):
        return obj.membership.organization


class PersonDetailOut(PersonOut):
    roles: list[PersonRoleOut]

    @staticmethod
    def resolve_roles(obj):
        # Prefetched by the endpoint through the reader's contact scope.
        return obj.visible_roles


# --- write shapes -----------------------------------------------------------------------------
# PATCH bodies: only the fields sent are changed.


class ConsortiumIn(Schema):
    slug: str
    name: str
    region: str = Field(description="Region slug")
    lead_organization_id: int
    country: str
    currency: str
    time_zone: str = "UTC"
    status: str = "onboarding"
    agreement_date: date | None = None
    implementation_approach: str = "distributed"
    funding: str = ""
    support_model: str = "direct_hire"
    cost_recovery_model: str = "flat"
    governance_policy: str = ""
    support_email: str = ""
    website: str = ""


class ConsortiumPatch(Schema):
    support_email: str | None = None
    website: str | None = None
    time_zone: str | None = None
    agreement_date: date | None = None
    implementation_approach: str | None = None
    funding: str | None = None
    support_model: str | None = None
    cost_recovery_model: str | None = None
    governance_policy: str | None = None


class OrganizationIn(Schema):
    name: str
    country: str
    ror_id: str | None = None
    city: str = ""
    organization_type: str = "education"
    tier: str = "standard"
    community_type: str = "research_institute"
    website: str = ""
    billing_address: str = ""


class OrganizationPatch(Schema):
    name: str | None = None
    country: str | None = None
    ror_id: str | None = None
    city: str | None = None
    organization_type: str | None = None
    tier: str | None = None
    community_type: str | None = None
    website: str | None = None
    billing_address: str | None = None


class MembershipIn(Schema):
    consortium: str = Field(description="Consortium slug")
    organization_id: int | None = Field(None, description="An organization already in the directory")
    organization: OrganizationIn | None = Field(None, description="Or a new organization to create")
    status: str = "enquiry"
    member_type: str = "basic"
    enquiry_date: date | None = None
    joined_date: date | None = None
    notes: str = ""
    request_note: str = Field("", description="A note for ORCID with the request to add the member")


class MembershipPatch(Schema):
    status: str | None = None
    member_type: str | None = None
    enquiry_date: date | None = None
    joined_date: date | None = None
    notes: str | None = None


class MembershipEndIn(Schema):
    status: str = Field("left", description="left (ORCID is asked to confirm) or lapsed")
    ended_date: date | None = None
    reason: str


class DecisionIn(Schema):
    confirm: bool
    note: str = ""


class PersonIn(Schema):
    given_names: str
    family_name: str = ""
    email: str | None = None
    orcid_id: str | None = None
    phone: str = ""
    job_title: str = ""


class PersonPatch(Schema):
    given_names: str | None = None
    family_name: str | None = None
    email: str | None = None
    orcid_id: str | None = None
    phone: str | None = None
    job_title: str | None = None


class ContactIn(Schema):
    membership_id: int
    role: str
    person: PersonIn


class ContactPatch(Schema):
    role: str | None = None
    person: PersonIn | None = Field(
        None,
        description="Who holds the role now, in full. The same e-mail address or ORCID iD corrects the "
        "person's details; another one puts that person in the role (the previous holder stays in the "
        "directory). To correct a few fields only, PATCH /people/{id}.",
    )
