"""Who may see and do what. Every page, API endpoint and CLI path asks here.

Two kinds of question:

* *scope*: ``consortia_for(user)`` and friends return the querysets a user may see at all.
  Views fetch objects through them, so another tenant's object is simply not found (404).
* *action*: ``can_*`` functions answer whether a user may do something to an object they can
  see; a "no" becomes 403 in a page and in the API.

Roles and their scope are described in DESIGN.md §1.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from consortia.accounts.models import CONSORTIUM_ROLES, Role
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
)


def _is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _consortium_filter(user, prefix: str = "") -> Q | None:
    """The filter on a consortium relation for staff roles; None means "everything"."""
    if user.role == Role.ORCID_ADMIN:
        return None
    if user.role == Role.ORCID_REGIONAL:
        return Q(**{f"{prefix}region_id": user.region_id})
    if user.role in CONSORTIUM_ROLES:
        return Q(**{f"{prefix}id": user.consortium_id})
    return Q(pk__in=[])


def consortia_for(user) -> QuerySet[Consortium]:
    consortia = Consortium.objects.all()
    if not _is_signed_in(user):
        return consortia.none()
    if user.role == Role.MEMBER_CONTACT:
        return consortia.filter(memberships__organization_id=user.organization_id).distinct()
    scope = _consortium_filter(user)
    return consortia if scope is None else consortia.filter(scope)


def memberships_for(user) -> QuerySet[Membership]:
    memberships = Membership.objects.all()
    if not _is_signed_in(user):
        return memberships.none()
    if user.role == Role.MEMBER_CONTACT:
        return memberships.filter(organization_id=user.organization_id)
    scope = _consortium_filter(user, "consortium__")
    return memberships if scope is None else memberships.filter(scope)


def organizations_for(user) -> QuerySet[Organization]:
    organizations = Organization.objects.all()
    if not _is_signed_in(user):
        return organizations.none()
    if user.role == Role.ORCID_ADMIN:
        return organizations
    if user.role == Role.MEMBER_CONTACT:
        return organizations.filter(pk=user.organization_id)
    # A lead organization belongs to its consortium's scope as well as its members.
    return organizations.filter(
        Q(pk__in=memberships_for(user).values("organization_id"))
        | Q(pk__in=consortia_for(user).values("lead_organization_id"))
    )


def _through_membership(user, queryset: QuerySet) -> QuerySet:
    """Scope rows that hang off a membership by joining to it, not by ``IN (all memberships)``,
    which makes SQLite probe every membership (bench/README.md)."""
    if not _is_signed_in(user):
        return queryset.none()
    if user.role == Role.MEMBER_CONTACT:
        return queryset.filter(membership__organization_id=user.organization_id)
    scope = _consortium_filter(user, "membership__consortium__")
    return queryset if scope is None else queryset.filter(scope)


def contacts_for(user) -> QuerySet[Contact]:
    return _through_membership(user, Contact.objects.all())


def people_for(user) -> QuerySet[Person]:
    """People are shared across tenants; a user sees those who are contacts in their scope, and
    staff roles also the support staff of the consortia in their scope."""
    people = Person.objects.all()
    if not _is_signed_in(user):
        return people.none()
    if user.role == Role.ORCID_ADMIN:
        return people
    visible = Q(pk__in=contacts_for(user).values("person_id")) | Q(
        pk__in=consortia_for(user).values("main_contact_id")
    )
    if user.role != Role.MEMBER_CONTACT:
        # Through the reverse relation, so this module needs no staffing import; a subquery, so a
        # person with several support roles is still one row.
        visible |= Q(
            pk__in=Person.objects.filter(support_roles__consortium__in=consortia_for(user)).values("pk")
        )
    return people.filter(visible)


def membership_requests_for(user) -> QuerySet[MembershipRequest]:
    return _through_membership(user, MembershipRequest.objects.all())


# --- actions -----------------------------------------------------------------------------


def can_manage_consortium(user, consortium: Consortium) -> bool:
    """Edit the consortium's own details."""
    if not _is_signed_in(user):
        return False
    return user.role == Role.ORCID_ADMIN or (
        user.role == Role.CONSORTIUM_ADMIN and user.consortium_id == consortium.pk
    )


def can_manage_members(user, consortium: Consortium) -> bool:
    """Add, edit and end memberships and their contacts; import members."""
    if not _is_signed_in(user):
        return False
    return user.role == Role.ORCID_ADMIN or (
        user.role in CONSORTIUM_ROLES and user.consortium_id == consortium.pk
    )


def can_manage_members_somewhere(user) -> bool:
    """Create organizations in the directory: anyone who adds members to some consortium."""
    return _is_signed_in(user) and (user.role == Role.ORCID_ADMIN or user.role in CONSORTIUM_ROLES)


def can_create_consortium(user) -> bool:
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def can_edit_any_organization(user) -> bool:
    """ORCID keeps the directory: it may correct any organization, member of a consortium or not."""
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def can_view_consortium_pages(user, consortium: Consortium) -> bool:
    """The consortium overview, member list and reports: staff roles in scope."""
    if not _is_signed_in(user) or user.role == Role.MEMBER_CONTACT:
        return False
    scope = _consortium_filter(user)
    if scope is None:
        return True
    if user.role == Role.ORCID_REGIONAL:
        return consortium.region_id == user.region_id
    return consortium.pk == user.consortium_id


def is_self_service(user, membership: Membership) -> bool:
    return (
        _is_signed_in(user)
        and user.role == Role.MEMBER_CONTACT
        and user.organization_id == membership.organization_id
    )


def can_edit_membership(user, membership: Membership) -> bool:
    """Status, member type, dates: the consortium's business, not the member's."""
    return can_manage_members(user, membership.consortium)


def can_edit_organization(user, organization: Organization, membership: Membership) -> bool:
    """Name, address, tier…: the consortium team, or the member itself through self-service."""
    return membership.organization_id == organization.pk and (
        can_manage_members(user, membership.consortium) or is_self_service(user, membership)
    )


def can_manage_contacts(user, membership: Membership) -> bool:
    if not membership.is_current and membership.status != Membership.Status.LAPSED:
        return False
    return can_manage_members(user, membership.consortium) or is_self_service(user, membership)


def can_decide_requests(user, consortium: Consortium) -> bool:
    """ORCID confirms or declines a consortium's requests to add or remove members."""
    if not _is_signed_in(user):
        return False
    return user.role == Role.ORCID_ADMIN or (
        user.role == Role.ORCID_REGIONAL and user.region_id == consortium.region_id
    )


def can_review_changes(user, consortium: Consortium) -> bool:
    """Acknowledge self-service changes flagged for ORCID."""
    return can_decide_requests(user, consortium)


def can_verify_orcid_ids(user, consortium: Consortium) -> bool:
    return can_view_consortium_pages(user, consortium)


def can_verify_person(user) -> bool:
    """Check a visible person's iD with ORCID: staff roles (the person is fetched in scope)."""
    return _is_signed_in(user) and user.is_staff_role


def can_import_members(user, consortium: Consortium) -> bool:
    return can_manage_members(user, consortium)


def can_use_django_admin(user) -> bool:
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def require(allowed: bool, reason: str = "You are not allowed to do that.") -> None:
    if not allowed:
        raise PermissionDenied(reason)


# --- onboarding, staffing and compliance ---------------------------------------------------


def scope_by_consortium(
    user, queryset: QuerySet, prefix: str = "consortium__", member_path: str | None = None
) -> QuerySet:
    """Scope any capability's rows that hang off a consortium (``prefix`` leads to it).

    Member contacts see rows of their own organization's memberships when ``member_path`` names
    the organization field (e.g. ``"membership__organization_id"``), and nothing otherwise.
    """
    if not _is_signed_in(user):
        return queryset.none()
    if user.role == Role.MEMBER_CONTACT:
        if member_path is None:
            return queryset.none()
        return queryset.filter(**{member_path: user.organization_id})
    scope = _consortium_filter(user, prefix)
    return queryset if scope is None else queryset.filter(scope)


def can_act_for_orcid(user, consortium: Consortium) -> bool:
    """ORCID's side of the program for a consortium: ORCID admins, and regional staff of its region."""
    return can_decide_requests(user, consortium)


def can_complete_checklist_item(user, owner: str, consortium: Consortium) -> bool:
    """ORCID's items are ORCID's to complete; the consortium's are its team's (and ORCID admins')."""
    if owner == "orcid":
        return can_act_for_orcid(user, consortium)
    return can_manage_members(user, consortium)


def can_edit_checklist_templates(user) -> bool:
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def can_manage_staff(user, consortium: Consortium) -> bool:
    """Add, change and end support staff: the consortium admin, or ORCID (ORCID-hired staff)."""
    if not _is_signed_in(user):
        return False
    return can_act_for_orcid(user, consortium) or (
        user.role == Role.CONSORTIUM_ADMIN and user.consortium_id == consortium.pk
    )


def can_submit_homework(user, consortium: Consortium) -> bool:
    return can_manage_members(user, consortium)


def can_record_training(user, consortium: Consortium) -> bool:
    """Webinar attendance, homework review and shadowing check-ins are ORCID's to record."""
    return can_act_for_orcid(user, consortium)


def can_view_scorecard(user) -> bool:
    """The scorecard of every consortium in scope: ORCID's roles."""
    return _is_signed_in(user) and user.role in (Role.ORCID_ADMIN, Role.ORCID_REGIONAL)


def can_use_staffing_calculator(user) -> bool:
    """The calculator answers a general question: every ORCID and consortium staff role."""
    return _is_signed_in(user) and user.is_staff_role


def can_view_compliance(user, consortium: Consortium) -> bool:
    """A consortium's compliance: ORCID in scope, and the consortium's own team."""
    return can_view_consortium_pages(user, consortium)


# --- billing -------------------------------------------------------------------------------


def can_manage_billing(user, consortium: Consortium) -> bool:
    """Fee schedules, billing runs, credit notes and payments: the consortium admin, or ORCID admins."""
    if not _is_signed_in(user):
        return False
    return user.role == Role.ORCID_ADMIN or (
        user.role == Role.CONSORTIUM_ADMIN and user.consortium_id == consortium.pk
    )


def can_view_billing(user, consortium: Consortium) -> bool:
    """A consortium's billing pages: its team (staff read-only) and ORCID in scope."""
    return can_view_consortium_pages(user, consortium)


def invoices_scope(user, queryset: QuerySet) -> QuerySet:
    """Invoices (or rows hanging off a membership's invoices): members see only their own."""
    return scope_by_consortium(user, queryset, "consortium__", member_path="membership__organization_id")


def payments_scope(user, queryset: QuerySet) -> QuerySet:
    """Payments, by their invoice's consortium; members see only their own organization's."""
    return scope_by_consortium(
        user, queryset, "invoice__consortium__", member_path="membership__organization_id"
    )


def can_view_remittance_statements(user) -> bool:
    """The statements list: ORCID sees every consortium in scope, a consortium team its own."""
    return _is_signed_in(user) and user.is_staff_role


# --- support desk --------------------------------------------------------------------------


def desks_for(user) -> QuerySet:
    """The desks whose queues a user works or oversees: a consortium team its own desk; ORCID
    regional staff their region's desk, the global desk and the desks of their region's consortia;
    ORCID admins every desk. Member contacts have no queue."""
    from consortia.support.models import Desk

    desks = Desk.objects.all()
    if not _is_signed_in(user) or user.role == Role.MEMBER_CONTACT:
        return desks.none()
    if user.role == Role.ORCID_ADMIN:
        return desks
    if user.role == Role.ORCID_REGIONAL:
        return desks.filter(
            Q(region_id=user.region_id)
            | Q(kind=Desk.Kind.ORCID_GLOBAL)
            | Q(consortium__region_id=user.region_id)
        )
    return desks.filter(consortium_id=user.consortium_id)


def tickets_for(user) -> QuerySet:
    """Tickets a user may see.

    - ORCID admins: all. ORCID regional staff: their region's and the global desk's tickets, and the
      tickets of their region's consortia.
    - A consortium team: its desk's tickets, and what its members asked ORCID directly (tagged with
      the consortium), but never ORCID's side of an escalation (they follow it from their ticket).
    - A member contact: their organization's tickets, never an escalation's ORCID-side ticket.
    """
    from consortia.support.models import Desk, Ticket

    tickets = Ticket.objects.all()
    if not _is_signed_in(user):
        return tickets.none()
    direct = ~Q(origin=Ticket.Origin.ESCALATION)
    if user.role == Role.ORCID_ADMIN:
        return tickets
    if user.role == Role.ORCID_REGIONAL:
        return tickets.filter(
            Q(desk__region_id=user.region_id)
            | Q(desk__kind=Desk.Kind.ORCID_GLOBAL)
            | Q(consortium__region_id=user.region_id)
        )
    if user.role in CONSORTIUM_ROLES:
        return tickets.filter(
            Q(desk__consortium_id=user.consortium_id) | (Q(consortium_id=user.consortium_id) & direct)
        )
    if user.role == Role.MEMBER_CONTACT:
        return tickets.filter(direct, organization_id=user.organization_id)
    return tickets.none()


def can_work_desk(user, desk) -> bool:
    """Answer, note, assign and change the desk's tickets: a consortium's admin and staff on its
    desk; ORCID regional staff on their region's desk and on the global desk; ORCID admins anywhere."""
    if not _is_signed_in(user):
        return False
    if user.role == Role.ORCID_ADMIN:
        return True
    if desk.kind == "consortium":
        return user.role in CONSORTIUM_ROLES and user.consortium_id == desk.consortium_id
    if user.role != Role.ORCID_REGIONAL:
        return False
    return desk.kind == "orcid_global" or desk.region_id == user.region_id


def can_see_internal_notes(user, ticket) -> bool:
    """Internal notes belong to the desk's organization: those who work the desk, and ORCID
    admins and regional staff overseeing a consortium desk in their region. Never a member, and
    never a consortium team on a ticket of ORCID's desk."""
    if not _is_signed_in(user) or user.role == Role.MEMBER_CONTACT:
        return False
    if can_work_desk(user, ticket.desk):
        return True
    return (
        user.role == Role.ORCID_REGIONAL
        and ticket.desk.kind == "consortium"
        and (ticket.consortium is not None and ticket.consortium.region_id == user.region_id)
    )


def can_open_ticket(user, desk) -> bool:
    """A member contact opens tickets on the desks of their organization's consortia; an agent on
    a desk they work (on a member's behalf)."""
    if not _is_signed_in(user):
        return False
    if user.role == Role.MEMBER_CONTACT:
        return (
            desk.kind == "consortium"
            and Membership.objects.filter(
                organization_id=user.organization_id, consortium_id=desk.consortium_id
            ).exists()
        )
    return can_work_desk(user, desk)


def can_manage_desk(user, desk) -> bool:
    """A desk's settings (calendar, SLA targets, unknown senders, canned replies): a consortium's
    admin for its desk, ORCID admins for every desk."""
    if not _is_signed_in(user):
        return False
    if user.role == Role.ORCID_ADMIN:
        return True
    return (
        desk.kind == "consortium"
        and user.role == Role.CONSORTIUM_ADMIN
        and user.consortium_id == desk.consortium_id
    )


def registered_issues_for(user) -> QuerySet:
    """Issues registers: a consortium team its own; ORCID every consortium's in scope."""
    from consortia.support.models import RegisteredIssue

    if _is_signed_in(user) and user.role == Role.MEMBER_CONTACT:
        return RegisteredIssue.objects.none()
    return scope_by_consortium(user, RegisteredIssue.objects.all())


def can_manage_issues_register(user, consortium: Consortium) -> bool:
    """Add and update a consortium's register entries: its admin and staff (and ORCID admins)."""
    return can_manage_members(user, consortium)


def can_answer_registered_issues(user, consortium: Consortium) -> bool:
    """ORCID's reference, answer and status, and merging the same issue across consortia."""
    return can_act_for_orcid(user, consortium)


def can_keep_canned_replies_for_every_desk(user) -> bool:
    """Canned replies offered on every desk (``desk`` empty): ORCID admins."""
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def desk_agent_candidates(desk) -> QuerySet:
    """The active users who work a desk (its assignee choices), in one query: ORCID admins, and a
    consortium's admin and staff on its desk or ORCID regional staff on their region's (any region's
    for the global desk). Agrees with ``can_work_desk``."""
    from consortia.accounts.models import User

    who = Q(role=Role.ORCID_ADMIN)
    if desk.kind == "consortium":
        who |= Q(role__in=CONSORTIUM_ROLES, consortium_id=desk.consortium_id)
    elif desk.kind == "orcid_regional":
        who |= Q(role=Role.ORCID_REGIONAL, region_id=desk.region_id)
    else:
        who |= Q(role=Role.ORCID_REGIONAL)
    return User.objects.filter(who, is_active=True)


def can_read_message(user, message) -> bool:
    """A message of a thread (and its attachments): a public reply for whoever sees the ticket, a
    note only for those who see internal notes; and ORCID's public conversation on an escalation
    for the consortium's agents, who follow it from their own ticket."""
    from consortia.support.models import Escalation

    ticket = message.ticket
    if tickets_for(user).filter(pk=ticket.pk).exists():
        return message.is_public or can_see_internal_notes(user, ticket)
    if not message.is_public or ticket.origin != "escalation":
        return False
    source = (
        Escalation.objects.select_related("ticket__desk", "ticket__consortium")
        .filter(orcid_ticket=ticket)
        .first()
    )
    return (
        source is not None
        and tickets_for(user).filter(pk=source.ticket_id).exists()
        and can_see_internal_notes(user, source.ticket)
    )


# --- member integrations -------------------------------------------------------------------


def integrations_for(user) -> QuerySet:
    """Integrations in scope: ORCID's by region, a consortium team's members', a member contact's
    own organization's."""
    from consortia.integrations.models import Integration

    return scope_by_consortium(
        user, Integration.objects.all(), "membership__consortium__", member_path="membership__organization_id"
    )


def can_manage_integrations(user, consortium: Consortium) -> bool:
    """Add and change any member's integrations, review them (initial review), move stages that
    are not ORCID's: the consortium's team and ORCID in scope."""
    return can_manage_members(user, consortium) or can_act_for_orcid(user, consortium)


def can_edit_integration(user, integration) -> bool:
    """An integration's details: the consortium's team, ORCID in scope, and the member's own
    contacts (self-service)."""
    membership = integration.membership
    return can_manage_integrations(user, membership.consortium) or is_self_service(user, membership)


def can_add_integration(user, membership: Membership) -> bool:
    return can_manage_integrations(user, membership.consortium) or is_self_service(user, membership)


def can_edit_platforms(user) -> bool:
    """The shared platform catalogue and the Collect & Connect requirements: ORCID admins."""
    return _is_signed_in(user) and user.role == Role.ORCID_ADMIN


def can_send_integration_notices(user, consortium: Consortium | None) -> bool:
    """Notices to technical contacts: a consortium's team for its members; ORCID in scope (ORCID
    admins and regional staff may address every consortium in scope with ``consortium`` None)."""
    if not _is_signed_in(user):
        return False
    if consortium is None:
        return user.role in (Role.ORCID_ADMIN, Role.ORCID_REGIONAL)
    return can_manage_integrations(user, consortium)
