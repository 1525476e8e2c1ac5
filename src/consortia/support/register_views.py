"""The issues register: a consortium's register kept by its team, ORCID's answers, and ORCID's
view of every register in its scope where it merges the same issue raised by several consortia.

Member contacts have no register (404). Another tenant's register or entry is 404; a visible
action the user may not take (regional staff adding an entry, a consortium team answering for
ORCID) is 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from consortia.accounts import policy
from consortia.directory.models import Consortium, Membership
from consortia.support import services
from consortia.support.models import RegisteredIssue
from consortia.support.register_forms import AnswerForm, MergeForm, RegisteredIssueForm
from consortia.web import consortium_page, errors_shown_on, paginate

# The merge page lists at most this many candidates; a search narrows them.
MERGE_CANDIDATES_SHOWN = 30


def _count_of(through, column: str) -> Subquery:
    """How many rows of an M2M ``through`` table point at the issue, as a subquery (two joined
    counts would multiply each other)."""
    rows = (
        through.objects.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _register_rows(queryset: QuerySet) -> QuerySet:
    members = RegisteredIssue.members_affected.through
    tickets = RegisteredIssue.tickets.through
    merged = (
        RegisteredIssue.objects.filter(merged_into=OuterRef("pk"))
        .order_by()
        .values("merged_into")
        .annotate(n=Count("*"))
        .values("n")
    )
    return queryset.select_related("consortium", "merged_into__consortium").annotate(
        member_count=_count_of(members, "registeredissue_id"),
        ticket_count=_count_of(tickets, "registeredissue_id"),
        merged_count=Coalesce(Subquery(merged, output_field=IntegerField()), Value(0)),
    )


def _filters(request, keys) -> dict:
    return {key: request.GET.get(key, "").strip() for key in keys}


def _filtered(issues: QuerySet, filters: dict) -> QuerySet:
    if filters.get("status") in RegisteredIssue.Status.values:
        issues = issues.filter(status=filters["status"])
    if filters.get("category") in RegisteredIssue.Category.values:
        issues = issues.filter(category=filters["category"])
    if filters.get("consortium"):
        issues = issues.filter(consortium__slug=filters["consortium"])
    if filters.get("q"):
        q = filters["q"]
        issues = issues.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(orcid_reference__icontains=q)
        )
    return issues


def _choices() -> dict:
    return {"statuses": RegisteredIssue.Status.choices, "categories": RegisteredIssue.Category.choices}


# --- a consortium's register ----------------------------------------------------------------


@login_required
def register_list(request, slug):
    consortium = consortium_page(request.user, slug)
    filters = _filters(request, ("q", "status", "category"))
    issues = _filtered(
        _register_rows(policy.registered_issues_for(request.user).filter(consortium=consortium)), filters
    )
    context = {
        "consortium": consortium,
        "filters": filters,
        "can_manage": policy.can_manage_issues_register(request.user, consortium),
        **_choices(),
        **paginate(request, issues),
    }
    return render(request, "support/register_list.html", context)


def _issue(user, slug, pk) -> RegisteredIssue:
    return get_object_or_404(
        policy.registered_issues_for(user).select_related("consortium", "merged_into__consortium"),
        consortium__slug=slug,
        pk=pk,
    )


def _save(request, consortium: Consortium, issue: RegisteredIssue | None):
    policy.require(
        policy.can_manage_issues_register(request.user, consortium),
        "Only the consortium's team keeps its issues register.",
    )
    initial = RegisteredIssueForm.initial_for(issue) if issue is not None else None
    form = RegisteredIssueForm(
        request.POST or None, initial=initial, user=request.user, consortium=consortium
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            saved = services.save_registered_issue(
                request.user,
                consortium,
                issue,
                members_affected=data["members_affected"],
                tickets=data["tickets"],
                **{key: data[key] for key in services.REGISTER_FIELDS},
            )
            messages.success(request, f"“{saved.title}” saved in the issues register.")
            return redirect("support:register_detail", slug=consortium.slug, pk=saved.pk)
    return render(
        request, "support/register_form.html", {"consortium": consortium, "issue": issue, "form": form}
    )


@login_required
def register_add(request, slug):
    return _save(request, consortium_page(request.user, slug), None)


@login_required
def register_edit(request, slug, pk):
    issue = _issue(request.user, slug, pk)
    return _save(request, issue.consortium, issue)


@login_required
def register_detail(request, slug, pk):
    user = request.user
    issue = _issue(user, slug, pk)
    can_answer = policy.can_answer_registered_issues(user, issue.consortium)
    form = AnswerForm(
        request.POST or None,
        initial={
            "status": issue.status,
            "orcid_reference": issue.orcid_reference,
            "orcid_answer": issue.orcid_answer,
        },
    )
    if request.method == "POST":
        policy.require(can_answer, "Only ORCID answers registered issues.")
        if form.is_valid():
            with errors_shown_on(form):
                services.answer_registered_issue(user, issue, **form.cleaned_data)
                messages.success(request, "ORCID's answer saved.")
                return redirect("support:register_detail", slug=slug, pk=issue.pk)
    visible = policy.registered_issues_for(user)
    context = {
        "issue": issue,
        "consortium": issue.consortium,
        "members": Membership.objects.filter(registered_issues=issue)
        .select_related("organization")
        .order_by("organization__name"),
        "tickets": policy.tickets_for(user).filter(registered_issues=issue).order_by("pk"),
        "merged_issues": visible.filter(merged_into=issue).select_related("consortium").order_by("pk"),
        # The issue this one follows may be another consortium's, not to be shown to this team.
        "merged_into_visible": issue.merged_into_id is not None
        and visible.filter(pk=issue.merged_into_id).exists(),
        "can_manage": policy.can_manage_issues_register(user, issue.consortium),
        "can_answer": can_answer,
        "form": form,
    }
    return render(request, "support/register_detail.html", context)


# --- ORCID's view of every register ---------------------------------------------------------


def _require_orcid(user) -> None:
    if not user.is_orcid:
        raise Http404


@login_required
def register_all(request):
    """Every register in ORCID's scope, an issue and those merged into it shown together."""
    _require_orcid(request.user)
    filters = _filters(request, ("q", "status", "category", "consortium"))
    issues = _filtered(_register_rows(policy.registered_issues_for(request.user)), filters)
    issues = issues.annotate(group=Coalesce("merged_into_id", "pk")).order_by(
        "-group", F("merged_into_id").asc(nulls_first=True), "pk"
    )
    context = {
        "filters": filters,
        "consortia": policy.consortia_for(request.user).order_by("name").only("slug", "name"),
        **_choices(),
        **paginate(request, issues),
    }
    return render(request, "support/register_all.html", context)


@login_required
def register_merge(request, pk):
    user = request.user
    _require_orcid(user)
    issue = get_object_or_404(policy.registered_issues_for(user).select_related("consortium"), pk=pk)
    policy.require(policy.can_answer_registered_issues(user, issue.consortium), "Only ORCID merges issues.")
    candidates = (
        policy.registered_issues_for(user)
        .filter(merged_into__isnull=True)
        .exclude(pk=issue.pk)
        .select_related("consortium")
        .order_by("-updated_at", "-pk")
    )
    q = request.GET.get("q", "").strip()
    shown = candidates
    if q:
        shown = shown.filter(
            Q(title__icontains=q) | Q(consortium__name__icontains=q) | Q(orcid_reference__icontains=q)
        )
    form = MergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        with errors_shown_on(form):
            services.merge_registered_issues(user, issue, into)
            messages.success(request, f"“{issue.title}” now follows “{into.title}”.")
            return redirect("support:register_all")
    context = {
        "issue": issue,
        "q": q,
        "form": form,
        "candidates": list(shown[:MERGE_CANDIDATES_SHOWN]),
        "more": shown.count() > MERGE_CANDIDATES_SHOWN,
        "already_merged": RegisteredIssue.objects.filter(merged_into=issue).count(),
    }
    return render(request, "support/register_merge.html", context)


urlpatterns = [
    path("consortia/<slug:slug>/issues-register/", register_list, name="register_list"),
    path("consortia/<slug:slug>/issues-register/new/", register_add, name="register_add"),
    path("consortia/<slug:slug>/issues-register/<int:pk>/", register_detail, name="register_detail"),
    path("consortia/<slug:slug>/issues-register/<int:pk>/edit/", register_edit, name="register_edit"),
    path("support/issues-register/", register_all, name="register_all"),
    path("support/issues-register/<int:pk>/merge/", register_merge, name="register_merge"),
]
