"""Directory pages. Each view: sign-in → fetch through the policy scope → check the action →
call a service → redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from consortia.accounts import policy
from consortia.audit.models import AuditEntry
from consortia.directory import queries, services
from consortia.directory.forms import (
    ContactForm,
    DecisionForm,
    EndMembershipForm,
    MembershipForm,
    NewMemberForm,
    OrganizationForm,
)
from consortia.directory.models import Contact, Membership, MembershipRequest, Organization, Region
from consortia.web import consortium_page, errors_shown_on, paginate


def _next_page(request, default: str) -> str:
    """Where a small POST form asked to go back to, if it is a page of this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _membership(request, pk):
    return get_object_or_404(
        policy.memberships_for(request.user).select_related("organization", "consortium"), pk=pk
    )


@login_required
def consortium_list(request):
    if request.user.is_member_contact:
        raise Http404
    consortia = queries.consortium_overview(request.user)
    region = request.GET.get("region", "")
    q = request.GET.get("q", "").strip()
    if region:
        consortia = consortia.filter(region__slug=region)
    if q:
        consortia = consortia.filter(Q(name__icontains=q) | Q(slug__icontains=q) | Q(country__iexact=q))
    context = {
        "regions": Region.objects.filter(consortia__in=policy.consortia_for(request.user)).distinct(),
        "region": region,
        "q": q,
        "pending_request_count": queries.pending_requests(request.user).count(),
        "flagged_change_count": queries.changes_for_orcid(request.user).count(),
        **paginate(request, consortia),
    }
    return render(request, "directory/consortium_list.html", context)


@login_required
def consortium_detail(request, slug):
    consortium = consortium_page(request.user, slug)
    members = Membership.objects.filter(consortium=consortium)
    counts = members.aggregate(
        active=Count("pk", filter=Q(status="active")),
        onboarding=Count("pk", filter=Q(status__in=["enquiry", "applying", "onboarding"])),
        ended=Count("pk", filter=Q(status__in=["lapsed", "left"])),
    )
    context = {
        "consortium": consortium,
        "counts": counts,
        "missing_orcid_count": queries.lead_contacts_without_verified_orcid(request.user, consortium).count(),
        "pending_requests": queries.pending_requests(request.user).filter(membership__consortium=consortium)[
            :10
        ],
        "flagged_changes": queries.changes_for_orcid(request.user).filter(consortium=consortium)[:10],
        "recent_activity": AuditEntry.objects.filter(consortium=consortium).select_related(
            "actor", "membership__organization"
        )[:12],
        "can_manage_members": policy.can_manage_members(request.user, consortium),
        "can_review": policy.can_review_changes(request.user, consortium),
    }
    return render(request, "directory/consortium_detail.html", context)


@login_required
def member_list(request, slug):
    consortium = consortium_page(request.user, slug)
    filters = {
        key: request.GET.get(key, "").strip()
        for key in ("q", "status", "tier", "member_type", "community_type", "country")
    }
    sort = request.GET.get("sort", "name")
    memberships = queries.member_list(request.user, consortium, sort=sort, **filters)
    context = {
        "consortium": consortium,
        "filters": filters,
        "sort": sort,
        "statuses": Membership.Status.choices,
        "tiers": Organization.Tier.choices,
        "member_types": Membership.MemberType.choices,
        "community_types": Organization.CommunityType.choices,
        "can_manage_members": policy.can_manage_members(request.user, consortium),
        **paginate(request, memberships),
    }
    return render(request, "directory/member_list.html", context)


@login_required
def member_add(request, slug):
    consortium = consortium_page(request.user, slug)
    policy.require(policy.can_manage_members(request.user, consortium))
    form = NewMemberForm(
        request.POST or None, initial={"country": consortium.country, "status": "onboarding"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            membership = services.add_member(
                request.user,
                consortium,
                {key: data[key] for key in OrganizationForm.base_fields},
                status=data["status"],
                member_type=data["member_type"],
                request_note=data["request_note"],
            )
            messages.success(
                request, f"{membership.organization.name} was added. ORCID has been asked to confirm it."
            )
            return redirect("directory:member_detail", pk=membership.pk)
    return render(request, "directory/member_add.html", {"consortium": consortium, "form": form})


@login_required
def member_detail(request, pk):
    membership = get_object_or_404(queries.member_detail(request.user, pk))
    user = request.user
    contacts = list(membership.contacts.all())
    context = {
        "membership": membership,
        "organization": membership.organization,
        "consortium": membership.consortium,
        "contacts": contacts,
        "missing_roles": _missing_lead_roles(membership, contacts),
        "requests": list(membership.requests.all()),
        "history": queries.membership_history(membership),
        "can_edit_membership": policy.can_edit_membership(user, membership),
        "can_edit_organization": policy.can_edit_organization(user, membership.organization, membership),
        "can_manage_contacts": policy.can_manage_contacts(user, membership),
        "can_decide": policy.can_decide_requests(user, membership.consortium),
        "is_self_service": policy.is_self_service(user, membership),
        "can_view_consortium": policy.can_view_consortium_pages(user, membership.consortium),
    }
    return render(request, "directory/member_detail.html", context)


def _missing_lead_roles(membership, contacts):
    held = {contact.role for contact in contacts}
    return [Contact.Role(role).label for role in ("main_relationship", "voting") if role not in held]


@login_required
def member_edit(request, pk):
    membership = _membership(request, pk)
    policy.require(policy.can_edit_membership(request.user, membership))
    initial = {key: getattr(membership, key) for key in MembershipForm.base_fields}
    form = MembershipForm(request.POST or None, initial=initial, membership=membership)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.update_membership(request.user, membership, **form.cleaned_data)
            messages.success(request, "Membership saved.")
            return redirect("directory:member_detail", pk=membership.pk)
    return render(request, "directory/member_edit.html", {"membership": membership, "form": form})


@login_required
def organization_edit(request, pk):
    membership = _membership(request, pk)
    organization = membership.organization
    policy.require(policy.can_edit_organization(request.user, organization, membership))
    form = OrganizationForm.for_organization(organization, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.update_organization(
                request.user, organization, membership=membership, **form.cleaned_data
            )
            messages.success(request, f"{organization.name} saved.")
            return redirect("directory:member_detail", pk=membership.pk)
    return render(request, "directory/organization_edit.html", {"membership": membership, "form": form})


@login_required
def member_end(request, pk):
    membership = _membership(request, pk)
    policy.require(policy.can_edit_membership(request.user, membership))
    form = EndMembershipForm(request.POST or None, initial={"ended_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            services.end_membership(
                request.user,
                membership,
                status=data["status"],
                ended_date=data["ended_date"],
                reason=data["reason"],
            )
            messages.success(request, f"The membership of {membership.organization.name} has ended.")
            return redirect("directory:member_detail", pk=membership.pk)
    return render(request, "directory/member_end.html", {"membership": membership, "form": form})


@login_required
def contact_add(request, pk):
    membership = _membership(request, pk)
    policy.require(policy.can_manage_contacts(request.user, membership))
    form = ContactForm(request.POST or None, initial={"role": request.GET.get("role", "")})
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            contact = services.add_contact(
                request.user, membership, form.person_details(), form.cleaned_data["role"]
            )
            messages.success(
                request, f"{contact.person.full_name} added as {contact.get_role_display().lower()}."
            )
            return redirect("directory:member_detail", pk=membership.pk)
    return render(
        request, "directory/contact_form.html", {"membership": membership, "form": form, "contact": None}
    )


def _contact(request, pk):
    contact = get_object_or_404(
        policy.contacts_for(request.user).select_related(
            "person", "membership__organization", "membership__consortium"
        ),
        pk=pk,
    )
    policy.require(policy.can_manage_contacts(request.user, contact.membership))
    return contact


@login_required
def contact_edit(request, pk):
    contact = _contact(request, pk)
    form = ContactForm.for_contact(contact, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.change_contact(
                request.user, contact, details=form.person_details(), role=form.cleaned_data["role"]
            )
            messages.success(request, "Contact saved.")
            return redirect("directory:member_detail", pk=contact.membership_id)
    context = {"membership": contact.membership, "form": form, "contact": contact}
    return render(request, "directory/contact_form.html", context)


@login_required
def contact_remove(request, pk):
    contact = _contact(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.remove_contact(request.user, contact)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, f"{contact.person.full_name} is no longer {contact.get_role_display().lower()}."
            )
            return redirect("directory:member_detail", pk=contact.membership_id)
    return render(request, "directory/contact_remove.html", {"contact": contact, "error": error})


@login_required
def people_search(request):
    if request.user.is_member_contact:
        return redirect("directory:my_organization")
    q = request.GET.get("q", "").strip()
    people = queries.people_search(request.user, q)
    context = {"q": q, **paginate(request, people)}
    page_people = list(context["page_obj"].object_list)
    context["contacts_by_person"] = queries.current_contacts_of(request.user, page_people)
    context["people"] = page_people
    return render(request, "directory/people_search.html", context)


@login_required
@require_POST
def person_verify_orcid(request, pk):
    from consortia.directory.verification import verify_orcid_ids

    person = get_object_or_404(policy.people_for(request.user), pk=pk)
    policy.require(policy.can_verify_person(request.user))
    [result] = verify_orcid_ids(request.user, [person])
    (messages.success if result.ok else messages.error)(request, result.message)
    return redirect(_next_page(request, "directory:people_search"))


@login_required
def lead_contacts(request, slug):
    consortium = consortium_page(request.user, slug)
    contacts = queries.lead_contacts_without_verified_orcid(request.user, consortium)
    if request.method == "POST":
        from consortia.directory.verification import verify_orcid_ids

        policy.require(policy.can_verify_orcid_ids(request.user, consortium))
        people = list({c.person_id: c.person for c in contacts if c.person.orcid_id}.values())
        results = verify_orcid_ids(request.user, people)
        verified = sum(1 for r in results if r.ok)
        messages.success(request, f"Checked {len(results)} iD(s) with ORCID: {verified} verified.")
        for result in results:
            if not result.ok:
                messages.error(request, result.message)
        return redirect("directory:lead_contacts", slug=consortium.slug)
    context = {"consortium": consortium, **paginate(request, contacts, per_page=50)}
    context["checkable"] = contacts.filter(person__orcid_id__isnull=False).count()
    return render(request, "directory/lead_contacts.html", context)


@login_required
def request_list(request):
    if request.user.is_member_contact:
        raise Http404
    status = request.GET.get("status", "pending")
    requests = policy.membership_requests_for(request.user).select_related(
        "membership__organization", "membership__consortium", "requested_by", "decided_by"
    )
    if status in MembershipRequest.Status.values:
        requests = requests.filter(status=status)
    requests = requests.order_by("-requested_at")
    context = {
        "status": status,
        "statuses": MembershipRequest.Status.choices,
        "flagged_changes": queries.changes_for_orcid(request.user)[:50],
        "can_decide_any": request.user.is_orcid,
        **paginate(request, requests),
    }
    return render(request, "directory/request_list.html", context)


@login_required
def request_decide(request, pk):
    membership_request = get_object_or_404(
        policy.membership_requests_for(request.user).select_related(
            "membership__organization", "membership__consortium"
        ),
        pk=pk,
    )
    policy.require(
        policy.can_decide_requests(request.user, membership_request.membership.consortium),
        "Only ORCID confirms or declines membership requests.",
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.decide_request(
                request.user,
                membership_request,
                confirm=form.cleaned_data["decision"] == "confirm",
                note=form.cleaned_data["note"],
            )
            messages.success(request, "Decision recorded.")
            return redirect("directory:request_list")
    return render(
        request, "directory/request_decide.html", {"membership_request": membership_request, "form": form}
    )


@login_required
@require_POST
def change_acknowledge(request, pk):
    entry = get_object_or_404(queries.changes_for_orcid(request.user), pk=pk)
    policy.require(policy.can_review_changes(request.user, entry.consortium))
    services.acknowledge_change(request.user, entry)
    messages.success(request, "Change acknowledged.")
    return redirect(_next_page(request, "directory:request_list"))


@login_required
def my_organization(request):
    """A member contact's self-service: their organization's current membership."""
    if not request.user.is_member_contact:
        return redirect("home")
    memberships = list(
        policy.memberships_for(request.user)
        .select_related("consortium", "organization")
        .order_by("-joined_date")
    )
    current = [m for m in memberships if m.is_current] or memberships
    if len(current) == 1:
        return redirect("directory:member_detail", pk=current[0].pk)
    return render(request, "directory/my_organization.html", {"memberships": current})
