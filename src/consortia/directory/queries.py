"""Read paths of the directory: scoped, annotated querysets with a fixed number of queries."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower

from consortia import program
from consortia.accounts import policy
from consortia.audit.models import AuditEntry
from consortia.directory.models import Consortium, Contact, Membership, MembershipRequest, Person

MEMBER_SORTS = {
    "name": "organization__name",
    "-name": "-organization__name",
    "country": "organization__country",
    "-country": "-organization__country",
    "status": "status",
    "-status": "-status",
    "joined": "joined_date",
    "-joined": "-joined_date",
    "tier": "organization__tier",
    "-tier": "-organization__tier",
}


def consortium_overview(user) -> QuerySet[Consortium]:
    """Consortia with their member counts by status, for ORCID's overview.

    Each count is its own subquery: counting two joined relations in one GROUP BY would multiply
    a member by its number of requests.
    """

    def count_of(queryset):
        return Coalesce(Subquery(queryset.values("consortium").annotate(n=Count("pk")).values("n")), 0)

    members = Membership.objects.filter(consortium=OuterRef("pk"))
    joining = [s for s in Membership.CURRENT_STATUSES if s != Membership.Status.ACTIVE]
    pending = (
        MembershipRequest.objects.filter(
            membership__consortium=OuterRef("pk"), status=MembershipRequest.Status.PENDING
        )
        .values("membership__consortium")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        policy.consortia_for(user)
        .select_related("region", "lead_organization")
        .annotate(
            active_members=count_of(members.filter(status=Membership.Status.ACTIVE)),
            onboarding_members=count_of(members.filter(status__in=joining)),
            pending_requests=Coalesce(Subquery(pending), 0),
        )
        .order_by("name")
    )


def with_member_figures(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    """Contact count and pending-request flag per membership, as subqueries.

    A ``Count("contacts")`` would GROUP BY the whole join before the page is cut, which costs
    100+ ms at 15,000 memberships (bench/README.md); a correlated subquery costs the page only.
    """
    contact_count = (
        Contact.objects.filter(membership=OuterRef("pk"))
        .order_by()
        .values("membership")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return memberships.annotate(
        contact_count=Coalesce(Subquery(contact_count, output_field=IntegerField()), 0),
        has_pending_request=Exists(
            MembershipRequest.objects.filter(
                membership=OuterRef("pk"), status=MembershipRequest.Status.PENDING
            )
        ),
    )


def member_list(
    user,
    consortium: Consortium | None = None,
    *,
    consortium_slug="",
    q="",
    status="",
    tier="",
    member_type="",
    community_type="",
    country="",
    sort="name",
) -> QuerySet[Membership]:
    """The member list of the page and the API: one consortium's, or all in the user's scope."""
    memberships = policy.memberships_for(user).select_related("organization", "consortium")
    if consortium is not None:
        memberships = memberships.filter(consortium=consortium)
    if consortium_slug:
        memberships = memberships.filter(consortium__slug=consortium_slug)
    memberships = with_member_figures(memberships)
    q = q.strip()
    if q:
        memberships = memberships.filter(
            Q(organization__name__icontains=q)
            | Q(organization__ror_id__iexact=q.lower())
            | Q(organization__city__icontains=q)
        )
    if status == "current":
        memberships = memberships.filter(status__in=Membership.CURRENT_STATUSES)
    elif status:
        memberships = memberships.filter(status=status)
    if tier:
        memberships = memberships.filter(organization__tier=tier)
    if member_type:
        memberships = memberships.filter(member_type=member_type)
    if community_type:
        memberships = memberships.filter(organization__community_type=community_type)
    if country:
        memberships = memberships.filter(organization__country=country.strip().upper())
    return memberships.order_by(MEMBER_SORTS.get(sort, "organization__name"), "pk")


def member_detail(user, pk) -> QuerySet[Membership]:
    return (
        policy.memberships_for(user)
        .filter(pk=pk)
        .select_related("organization", "consortium", "consortium__region")
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.select_related("person").order_by("role", "person__family_name"),
            ),
            Prefetch(
                "requests", queryset=MembershipRequest.objects.select_related("requested_by", "decided_by")
            ),
        )
    )


def membership_history(membership: Membership, limit: int = 50):
    return AuditEntry.objects.filter(membership=membership).select_related("actor")[:limit]


def people_search(user, q="") -> QuerySet[Person]:
    people = policy.people_for(user)
    q = q.strip()
    if q:
        terms = Q()
        for word in q.split():
            terms &= Q(given_names__icontains=word) | Q(family_name__icontains=word)
        people = people.filter(
            terms | Q(email__iexact=q) | Q(orcid_id__iexact=q.upper().removeprefix("HTTPS://ORCID.ORG/"))
        )
    # Ordering on Lower() keeps PostgreSQL from walking the name index through every row; it
    # uses the trigram indexes to find the matches and sorts the few it finds.
    return people.order_by(Lower("family_name"), Lower("given_names"), "pk")


def lead_contacts_without_verified_orcid(user, consortium: Consortium) -> QuerySet[Contact]:
    """Seed: "Ensure all consortium member lead contacts have ORCID iDs"."""
    return (
        policy.contacts_for(user)
        .filter(
            membership__consortium=consortium,
            membership__status__in=Membership.CURRENT_STATUSES,
            role__in=program.LEAD_CONTACT_ROLES,
        )
        .filter(Q(person__orcid_id__isnull=True) | Q(person__orcid_verified_at__isnull=True))
        .select_related("person", "membership__organization")
        .order_by("membership__organization__name", "role")
    )


def pending_requests(user) -> QuerySet[MembershipRequest]:
    return (
        policy.membership_requests_for(user)
        .filter(status=MembershipRequest.Status.PENDING)
        .select_related("membership__organization", "membership__consortium", "requested_by")
        .order_by("requested_at")
    )


def changes_for_orcid(user) -> QuerySet[AuditEntry]:
    """Self-service changes ORCID has not acknowledged yet, in the user's scope."""
    return (
        AuditEntry.objects.filter(
            needs_orcid_review=True, reviewed_at__isnull=True, consortium__in=policy.consortia_for(user)
        )
        .select_related("actor", "consortium", "membership__organization")
        .order_by("at")
    )


def current_contacts_of(user, people) -> dict[int, list[Contact]]:
    """The contact roles of a page of people, in the user's scope, in one query."""
    contacts = (
        policy.contacts_for(user)
        .filter(person__in=people)
        .select_related("membership__organization", "membership__consortium")
        .order_by("membership__organization__name")
    )
    grouped: dict[int, list[Contact]] = {}
    for contact in contacts:
        grouped.setdefault(contact.person_id, []).append(contact)
    return grouped
