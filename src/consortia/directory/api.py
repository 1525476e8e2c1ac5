"""The directory's REST endpoints: consortia, organizations, memberships, requests, people, contacts.

Each endpoint reads through a ``policy.*_for(user)`` scope, so another tenant's object is 404;
asks a ``policy.can_*`` question before a write, so a refused action is 403; and writes only
through ``directory.services`` (or ``consortium_services``), whose ``ValidationError`` becomes a
400 carrying the rule's own message. An id in a request body that the user cannot see is a 400
naming the field, the same answer as for an id that does not exist.
"""

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from ninja import Query, Router, Status

from consortia.accounts import policy
from consortia.api_helpers import (
    ERRORS,
    check_choice,
    get_in_scope_or_404,
    get_referenced_or_400,
    paginate,
    patch_fields,
    whole_number,
)
from consortia.directory import consortium_services, queries, services
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from consortia.directory.schemas import (
    ConsortiumFilters,
    ConsortiumIn,
    ConsortiumOut,
    ConsortiumPatch,
    ContactFilters,
    ContactIn,
    ContactOut,
    ContactPatch,
    DecisionIn,
    MembershipDetailOut,
    MembershipEndIn,
    MembershipFilters,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
    MembershipRequestFilters,
    MembershipRequestOut,
    OrganizationFilters,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    Page,
    PersonDetailOut,
    PersonFilters,
    PersonOut,
    PersonPatch,
)

router = Router()

CONSORTIUM_TEAM_ONLY = "Only the consortium's team changes a membership's status, type and dates."
NOT_YOUR_CONTACTS = "You may not change this member's contacts."


# --- helpers --------------------------------------------------------------------------------


def _membership_count(**filters):
    counted = (
        Membership.objects.filter(consortium=OuterRef("pk"), **filters)
        .order_by()
        .values("consortium")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# --- consortia ------------------------------------------------------------------------------


def _consortia(user) -> QuerySet[Consortium]:
    return (
        policy.consortia_for(user)
        .select_related("region", "lead_organization")
        .annotate(
            active_members=_membership_count(status=Membership.Status.ACTIVE),
            current_members=_membership_count(status__in=Membership.CURRENT_STATUSES),
        )
        .order_by("name", "pk")
    )


@router.get("/consortia", response={200: Page[ConsortiumOut], **ERRORS}, tags=["consortia"])
def list_consortia(request, filters: Query[ConsortiumFilters]):
    consortia = _consortia(request.auth)
    if filters.q.strip():
        q = filters.q.strip()
        consortia = consortia.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    if filters.region:
        consortia = consortia.filter(region__slug=filters.region)
    if check_choice("status", filters.status, Consortium.Status.values):
        consortia = consortia.filter(status=filters.status)
    return paginate(consortia, filters)


@router.get("/consortia/{slug}", response={200: ConsortiumOut, **ERRORS}, tags=["consortia"])
def get_consortium(request, slug: str):
    return get_in_scope_or_404(_consortia(request.auth), slug=slug)


@router.post("/consortia", response={201: ConsortiumOut, **ERRORS}, tags=["consortia"])
def create_consortium(request, payload: ConsortiumIn):
    """ORCID admins only: a new consortium, led by an organization already in the directory."""
    user = request.auth
    policy.require(policy.can_create_consortium(user), "Only ORCID admins create consortia.")
    fields = payload.dict()
    region_slug, lead_id = fields.pop("region"), fields.pop("lead_organization_id")
    region = get_referenced_or_400(Region.objects.all(), "region", "region", region_slug, slug=region_slug)
    lead = get_referenced_or_400(
        policy.organizations_for(user), "lead_organization_id", "organization", lead_id, pk=lead_id
    )
    consortium = consortium_services.create_consortium(user, region=region, lead_organization=lead, **fields)
    return Status(201, get_in_scope_or_404(_consortia(user), pk=consortium.pk))


@router.patch("/consortia/{slug}", response={200: ConsortiumOut, **ERRORS}, tags=["consortia"])
def update_consortium(request, slug: str, payload: ConsortiumPatch):
    user = request.auth
    consortium = get_in_scope_or_404(policy.consortia_for(user), slug=slug)
    policy.require(
        policy.can_manage_consortium(user, consortium), "Only the consortium's admins change its profile."
    )
    consortium_services.update_consortium(user, consortium, **patch_fields(payload, Consortium))
    return get_in_scope_or_404(_consortia(user), pk=consortium.pk)


# --- organizations --------------------------------------------------------------------------


@router.get("/organizations", response={200: Page[OrganizationOut], **ERRORS}, tags=["organizations"])
def list_organizations(request, filters: Query[OrganizationFilters]):
    organizations = policy.organizations_for(request.auth)
    q = filters.q.strip()
    if q:
        by_ror = Q()
        try:
            if ror_id := services.clean_ror_id(q):
                by_ror = Q(ror_id=ror_id)
        except ValidationError:
            pass  # not a ROR ID: search the name only
        organizations = organizations.filter(Q(name__icontains=q) | by_ror)
    if filters.country:
        organizations = organizations.filter(country=filters.country.strip().upper())
    if check_choice("tier", filters.tier, Organization.Tier.values):
        organizations = organizations.filter(tier=filters.tier)
    if check_choice("community_type", filters.community_type, Organization.CommunityType.values):
        organizations = organizations.filter(community_type=filters.community_type)
    if check_choice("organization_type", filters.organization_type, Organization.OrganizationType.values):
        organizations = organizations.filter(organization_type=filters.organization_type)
    return paginate(organizations.order_by("name", "pk"), filters)


@router.get(
    "/organizations/{int:organization_id}", response={200: OrganizationOut, **ERRORS}, tags=["organizations"]
)
def get_organization(request, organization_id: int):
    return get_in_scope_or_404(policy.organizations_for(request.auth), pk=organization_id)


@router.post("/organizations", response={201: OrganizationOut, **ERRORS}, tags=["organizations"])
def create_organization(request, payload: OrganizationIn):
    """For consortium teams and ORCID admins. A consortium team sees the new organization once it
    is a member: to add a new member in one step, POST /memberships with ``organization``."""
    user = request.auth
    policy.require(
        policy.can_manage_members_somewhere(user), "Only consortium teams and ORCID admins add organizations."
    )
    return Status(201, services.create_organization(user, **payload.dict()))


@router.patch(
    "/organizations/{int:organization_id}", response={200: OrganizationOut, **ERRORS}, tags=["organizations"]
)
def update_organization(request, organization_id: int, payload: OrganizationPatch):
    """The consortium team of a current membership, the member's own contacts, or ORCID admins."""
    user = request.auth
    organization = get_in_scope_or_404(policy.organizations_for(user), pk=organization_id)
    memberships = (
        policy.memberships_for(user)
        .filter(organization=organization, status__in=Membership.CURRENT_STATUSES)
        .select_related("consortium")
        .order_by("pk")
    )
    membership = next((m for m in memberships if policy.can_edit_organization(user, organization, m)), None)
    policy.require(
        membership is not None or policy.can_edit_any_organization(user),
        "You may not edit this organization.",
    )
    return services.update_organization(
        user, organization, membership=membership, **patch_fields(payload, Organization)
    )


# --- memberships ----------------------------------------------------------------------------


def _membership_detail(user, pk: int) -> Membership:
    membership = queries.member_detail(user, pk).first()
    if membership is None:
        raise Http404
    return membership


def _membership_to_edit(user, pk: int) -> Membership:
    membership = get_in_scope_or_404(policy.memberships_for(user).select_related("consortium"), pk=pk)
    policy.require(policy.can_edit_membership(user, membership), CONSORTIUM_TEAM_ONLY)
    return membership


@router.get("/memberships", response={200: Page[MembershipOut], **ERRORS}, tags=["memberships"])
def list_memberships(request, filters: Query[MembershipFilters]):
    """The member list of the web page (same filters and sorts), across the consortia in scope."""
    memberships = queries.member_list(
        request.auth,
        consortium_slug=filters.consortium,
        q=filters.q,
        status=check_choice("status", filters.status, [*Membership.Status.values, "current"]),
        tier=check_choice("tier", filters.tier, Organization.Tier.values),
        member_type=check_choice("member_type", filters.member_type, Membership.MemberType.values),
        community_type=check_choice(
            "community_type", filters.community_type, Organization.CommunityType.values
        ),
        country=filters.country,
        sort=check_choice("sort", filters.sort or "name", list(queries.MEMBER_SORTS)),
    )
    return paginate(memberships, filters)


@router.get(
    "/memberships/{int:membership_id}", response={200: MembershipDetailOut, **ERRORS}, tags=["memberships"]
)
def get_membership(request, membership_id: int):
    return _membership_detail(request.auth, membership_id)


@router.post("/memberships", response={201: MembershipDetailOut, **ERRORS}, tags=["memberships"])
def add_membership(request, payload: MembershipIn):
    """Add an existing organization (``organization_id``) or a new one (``organization``) to a
    consortium; ORCID is asked to confirm. Add the lead contacts before making it active."""
    user = request.auth
    consortium = get_referenced_or_400(
        policy.consortia_for(user), "consortium", "consortium", payload.consortium, slug=payload.consortium
    )
    policy.require(policy.can_manage_members(user, consortium), "Only the consortium's team adds members.")
    if (payload.organization_id is None) == (payload.organization is None):
        raise ValidationError(
            {"organization": "Give either organization_id or the fields of a new organization."}
        )
    fields = payload.dict(exclude={"consortium", "organization_id", "organization"})
    if payload.organization is not None:
        membership = services.add_member(user, consortium, payload.organization.dict(), **fields)
    else:
        organization = get_referenced_or_400(
            policy.organizations_for(user),
            "organization_id",
            "organization",
            payload.organization_id,
            pk=payload.organization_id,
        )
        membership = services.add_membership(user, consortium, organization, **fields)
    return Status(201, _membership_detail(user, membership.pk))


@router.patch(
    "/memberships/{int:membership_id}", response={200: MembershipDetailOut, **ERRORS}, tags=["memberships"]
)
def update_membership(request, membership_id: int, payload: MembershipPatch):
    """Status, member type, dates and notes. Ending a membership is POST …/end."""
    user = request.auth
    membership = _membership_to_edit(user, membership_id)
    fields = patch_fields(payload, Membership)
    if "status" in fields and fields["status"] not in Membership.Status.values:
        allowed = ", ".join(Membership.Status.values)
        raise ValidationError({"status": f"{fields['status']!r} is not one of: {allowed}."})
    services.update_membership(user, membership, **fields)
    return _membership_detail(user, membership.pk)


@router.post(
    "/memberships/{int:membership_id}/end",
    response={200: MembershipDetailOut, **ERRORS},
    tags=["memberships"],
)
def end_membership(request, membership_id: int, payload: MembershipEndIn):
    user = request.auth
    membership = _membership_to_edit(user, membership_id)
    services.end_membership(
        user, membership, status=payload.status, ended_date=payload.ended_date, reason=payload.reason
    )
    return _membership_detail(user, membership.pk)


# --- requests to ORCID ----------------------------------------------------------------------


def _membership_requests(user) -> QuerySet[MembershipRequest]:
    return policy.membership_requests_for(user).select_related(
        "membership__organization", "membership__consortium", "requested_by", "decided_by"
    )


@router.get(
    "/membership-requests", response={200: Page[MembershipRequestOut], **ERRORS}, tags=["membership requests"]
)
def list_membership_requests(request, filters: Query[MembershipRequestFilters]):
    requests = _membership_requests(request.auth)
    if check_choice("status", filters.status, MembershipRequest.Status.values):
        requests = requests.filter(status=filters.status)
    if check_choice("kind", filters.kind, MembershipRequest.Kind.values):
        requests = requests.filter(kind=filters.kind)
    if filters.consortium:
        requests = requests.filter(membership__consortium__slug=filters.consortium)
    q = filters.q.strip()
    if q:
        requests = requests.filter(membership__organization__name__icontains=q)
    return paginate(requests.order_by("-requested_at", "-pk"), filters)


@router.post(
    "/membership-requests/{int:request_id}/decision",
    response={200: MembershipRequestOut, **ERRORS},
    tags=["membership requests"],
)
def decide_membership_request(request, request_id: int, payload: DecisionIn):
    """ORCID confirms or declines a consortium's request to add or remove a member."""
    user = request.auth
    membership_request = get_in_scope_or_404(_membership_requests(user), pk=request_id)
    policy.require(
        policy.can_decide_requests(user, membership_request.membership.consortium),
        "Only ORCID decides requests to add or remove members.",
    )
    services.decide_request(user, membership_request, confirm=payload.confirm, note=payload.note)
    return get_in_scope_or_404(_membership_requests(user), pk=request_id)


# --- people ---------------------------------------------------------------------------------


def _details_with(person: Person, changes: dict) -> services.PersonDetails:
    """The person's details with ``changes`` laid over them (a PATCH sends only what changes)."""
    current = {field: getattr(person, field) for field in services.PERSON_FIELDS}
    return services.PersonDetails(**{**current, **changes})


@router.get("/people", response={200: Page[PersonOut], **ERRORS}, tags=["people"])
def list_people(request, filters: Query[PersonFilters]):
    return paginate(queries.people_search(request.auth, filters.q), filters)


@router.get("/people/{int:person_id}", response={200: PersonDetailOut, **ERRORS}, tags=["people"])
def get_person(request, person_id: int):
    user = request.auth
    roles = (
        policy.contacts_for(user)
        .select_related("membership__organization", "membership__consortium")
        .order_by("membership__organization__name", "role", "pk")
    )
    people = policy.people_for(user).prefetch_related(
        Prefetch("contacts", queryset=roles, to_attr="visible_roles")
    )
    return get_in_scope_or_404(people, pk=person_id)


@router.patch("/people/{int:person_id}", response={200: PersonOut, **ERRORS}, tags=["people"])
def update_person(request, person_id: int, payload: PersonPatch):
    """Whoever manages the contacts of a membership the person is a contact of."""
    user = request.auth
    person = get_in_scope_or_404(policy.people_for(user), pk=person_id)
    contacts = (
        policy.contacts_for(user)
        .filter(person=person)
        .select_related("membership__consortium", "membership__organization")
        .order_by("pk")
    )
    membership = next(
        (c.membership for c in contacts if policy.can_manage_contacts(user, c.membership)), None
    )
    policy.require(membership is not None, "You may not edit this person.")
    return services.update_person(
        user, person, _details_with(person, payload.dict(exclude_unset=True)), membership=membership
    )


# --- contacts -------------------------------------------------------------------------------


def _contacts(user) -> QuerySet[Contact]:
    return policy.contacts_for(user).select_related(
        "person", "membership__organization", "membership__consortium"
    )


@router.get("/contacts", response={200: Page[ContactOut], **ERRORS}, tags=["contacts"])
def list_contacts(request, filters: Query[ContactFilters]):
    contacts = _contacts(request.auth)
    if filters.membership:
        contacts = contacts.filter(membership_id=whole_number("membership", filters.membership, default=0))
    if check_choice("role", filters.role, Contact.Role.values):
        contacts = contacts.filter(role=filters.role)
    if filters.consortium:
        contacts = contacts.filter(membership__consortium__slug=filters.consortium)
    q = filters.q.strip()
    if q:
        contacts = contacts.filter(
            Q(person__given_names__icontains=q)
            | Q(person__family_name__icontains=q)
            | Q(person__email__iexact=q)
            | Q(membership__organization__name__icontains=q)
        )
    contacts = contacts.order_by("membership__organization__name", "role", "person__family_name", "pk")
    return paginate(contacts, filters)


@router.get("/contacts/{int:contact_id}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def get_contact(request, contact_id: int):
    return get_in_scope_or_404(_contacts(request.auth), pk=contact_id)


@router.post("/contacts", response={201: ContactOut, **ERRORS}, tags=["contacts"])
def add_contact(request, payload: ContactIn):
    """Put a person (found by e-mail or ORCID iD, or created) in a role for a membership."""
    user = request.auth
    membership = get_referenced_or_400(
        policy.memberships_for(user).select_related("consortium", "organization"),
        "membership_id",
        "membership",
        payload.membership_id,
        pk=payload.membership_id,
    )
    policy.require(policy.can_manage_contacts(user, membership), NOT_YOUR_CONTACTS)
    details = services.PersonDetails(**payload.person.dict())
    contact = services.add_contact(user, membership, details, payload.role)
    return Status(201, get_in_scope_or_404(_contacts(user), pk=contact.pk))


@router.patch("/contacts/{int:contact_id}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def change_contact(request, contact_id: int, payload: ContactPatch):
    """Change the role, correct the person's details, or put someone else in the role.

    Replacing the voting contact happens here, in one step, so the membership is never without one.
    """
    user = request.auth
    contact = get_in_scope_or_404(_contacts(user), pk=contact_id)
    policy.require(policy.can_manage_contacts(user, contact.membership), NOT_YOUR_CONTACTS)
    details = services.PersonDetails(**payload.person.dict()) if payload.person is not None else None
    services.change_contact(user, contact, details=details, role=payload.role)
    return get_in_scope_or_404(_contacts(user), pk=contact.pk)


@router.delete("/contacts/{int:contact_id}", response={204: None, **ERRORS}, tags=["contacts"])
def remove_contact(request, contact_id: int):
    user = request.auth
    contact = get_in_scope_or_404(_contacts(user), pk=contact_id)
    policy.require(policy.can_manage_contacts(user, contact.membership), NOT_YOUR_CONTACTS)
    services.remove_contact(user, contact)
    return Status(204, None)
