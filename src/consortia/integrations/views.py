"""The integrations pages: a consortium's integrations, ORCID's across its consortia, a member's
own; an integration with its stage, credentials, reviews and badges; the review checklist; the
shared platform catalogue; the Collect & Connect requirements.

Another tenant's integration or review is 404 (fetched through ``policy.integrations_for``); a
visible action the user may not take (a consortium team issuing credentials, a member editing the
catalogue) is 403, raised by the service or by ``policy.require``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from consortia.accounts import policy
from consortia.accounts.models import Role
from consortia.integrations import queries, services
from consortia.integrations.forms import (
    CompleteReviewForm,
    CredentialForm,
    IntegrationForm,
    MembershipChooserForm,
    MoveForm,
    PlatformForm,
    RequirementForm,
    ResultForm,
    RevokeForm,
    StartReviewForm,
)
from consortia.integrations.models import (
    Badge,
    Credential,
    Integration,
    Platform,
    Review,
    ReviewRequirement,
    ReviewResult,
)
from consortia.web import attachment, consortium_page, errors_shown_on, paginate

# --- lists ------------------------------------------------------------------------------------


def _list(request, integrations, template: str, extra: dict):
    filters = queries.filters_from(request)
    rows = queries.filtered(queries.integration_rows(integrations), filters)
    context = {"filters": filters, **queries.filter_choices(), **extra, **paginate(request, rows)}
    return render(request, template, context)


@login_required
def consortium_integrations(request, slug):
    consortium = consortium_page(request.user, slug)
    integrations = policy.integrations_for(request.user).filter(membership__consortium=consortium)
    return _list(
        request,
        integrations,
        "integrations/integration_list.html",
        {
            "consortium": consortium,
            "can_add": policy.can_manage_integrations(request.user, consortium),
            "add_url_query": f"?consortium={consortium.slug}",
        },
    )


@login_required
def integration_import(request, slug):
    """A CSV of integrations for the consortium's members: checked row by row (every bad row
    listed with its line), and imported all or nothing when asked."""
    from consortia.integrations import imports

    consortium = imports.consortium_for_import(request.user, slug)
    context = {"consortium": consortium, "columns": imports.COLUMNS}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["upload_error"] = "Choose a CSV file to check or import."
        else:
            apply = request.POST.get("action") == "apply"
            result = imports.import_integrations(request.user, consortium, upload, apply=apply)
            context.update({"result": result, "filename": upload.name, "asked_to_apply": apply})
            if result.applied:
                messages.success(request, f"Imported {len(result.rows)} integrations from {upload.name}.")
    status = (
        400 if context.get("upload_error") or (context.get("result") and context["result"].errors) else 200
    )
    return render(request, "integrations/integration_import.html", context, status=status)


@login_required
def all_integrations(request):
    """Every consortium's integrations in ORCID's scope."""
    if not request.user.is_orcid:
        raise Http404
    return _list(
        request,
        policy.integrations_for(request.user),
        "integrations/integration_list.html",
        {"consortia": policy.consortia_for(request.user).order_by("name").values_list("slug", "name")},
    )


@login_required
def my_integrations(request):
    if request.user.role != Role.MEMBER_CONTACT:
        raise Http404
    return _list(
        request,
        policy.integrations_for(request.user),
        "integrations/integration_list.html",
        {"mine": True, "can_add": policy.memberships_for(request.user).exists()},
    )


# --- add and edit -----------------------------------------------------------------------------


def _integration(user, pk) -> Integration:
    return get_object_or_404(
        policy.integrations_for(user).select_related(
            "membership__organization", "membership__consortium", "platform", "technical_contact"
        ),
        pk=pk,
    )


def _save(request, membership, integration):
    initial = IntegrationForm.initial_for(integration) if integration else None
    form = IntegrationForm(request.POST or None, initial=initial, membership=membership)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            saved = services.save_integration(request.user, membership, integration, **form.cleaned_data)
            messages.success(request, f"“{saved.name}” saved.")
            return redirect("integrations:integration_detail", pk=saved.pk)
    return render(
        request,
        "integrations/integration_form.html",
        {"form": form, "membership": membership, "integration": integration},
    )


@login_required
def integration_add(request):
    """Add an integration to a member: first choose the member (unless there is only one), then
    the form, whose technical contacts are that member's."""
    user = request.user
    memberships = policy.memberships_for(user)
    if request.GET.get("consortium"):
        memberships = memberships.filter(consortium__slug=request.GET["consortium"])
    membership_id = request.GET.get("membership", "")
    if not membership_id and user.role == Role.MEMBER_CONTACT and memberships.count() == 1:
        membership_id = str(memberships.get().pk)
    if not membership_id.isdigit():
        chooser = MembershipChooserForm(request.GET or None, memberships=memberships)
        return render(request, "integrations/integration_choose_member.html", {"form": chooser})
    membership = get_object_or_404(
        memberships.select_related("organization", "consortium"), pk=int(membership_id)
    )
    policy.require(
        policy.can_add_integration(user, membership), "You cannot add integrations to this member."
    )
    return _save(request, membership, None)


@login_required
def integration_edit(request, pk):
    integration = _integration(request.user, pk)
    policy.require(
        policy.can_edit_integration(request.user, integration), "You cannot change this integration."
    )
    return _save(request, integration.membership, integration)


# --- the integration page ---------------------------------------------------------------------


def _start_review_kinds(user, integration) -> list[tuple[str, str]]:
    consortium = integration.membership.consortium
    kinds = []
    if policy.can_manage_integrations(user, consortium):
        kinds.append((Review.Kind.CONSORTIUM, Review.Kind.CONSORTIUM.label))
    if policy.can_act_for_orcid(user, consortium):
        kinds.append((Review.Kind.ORCID, Review.Kind.ORCID.label))
    return kinds


def _detail(request, integration, **forms):
    user = request.user
    consortium = integration.membership.consortium
    is_orcid = policy.can_act_for_orcid(user, consortium)
    kinds = _start_review_kinds(user, integration)
    context = {
        "integration": integration,
        "membership": integration.membership,
        "consortium": consortium,
        "can_edit": policy.can_edit_integration(user, integration),
        "is_staff_view": user.role != Role.MEMBER_CONTACT,
        "moves": queries.next_moves(user, integration),
        "stage_track": queries.stage_track(integration.stage),
        "move_form": forms.get("move_form") or MoveForm(),
        "stage_log": integration.stage_changes.select_related("actor").order_by("-at", "-pk"),
        "credentials": integration.credentials.select_related("issued_by", "revoked_by"),
        "can_issue": is_orcid,
        "credential_form": (forms.get("credential_form") or CredentialForm()) if is_orcid else None,
        "reviews": queries.reviews_with_findings(integration),
        "review_form": (forms.get("review_form") or StartReviewForm(kinds=kinds)) if kinds else None,
        "badges": integration.badges.select_related("review").order_by("awarded_on", "pk"),
    }
    return render(request, "integrations/integration_detail.html", context)


@login_required
def integration_detail(request, pk):
    return _detail(request, _integration(request.user, pk))


@login_required
@require_POST
def integration_move(request, pk):
    integration = _integration(request.user, pk)
    policy.require(
        policy.can_edit_integration(request.user, integration), "You cannot move this integration."
    )
    form = MoveForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            moved = services.move_stage(
                request.user, integration, form.cleaned_data["to_stage"], form.cleaned_data["reason"]
            )
            messages.success(request, f"Moved to {moved.get_stage_display().lower()}.")
            return redirect("integrations:integration_detail", pk=pk)
    return _detail(request, integration, move_form=form)


@login_required
@require_POST
def credential_issue(request, pk):
    integration = _integration(request.user, pk)
    policy.require(
        policy.can_act_for_orcid(request.user, integration.membership.consortium),
        "Only ORCID issues API credentials.",
    )
    form = CredentialForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            credential = services.issue_credential(request.user, integration, **form.cleaned_data)
            messages.success(
                request, f"{credential.get_environment_display()} client {credential.client_id} recorded."
            )
            return redirect("integrations:integration_detail", pk=pk)
    if "client_id" in form.errors:
        # Shown empty again: what was pasted there by mistake may be the client's secret.
        form.data = form.data.copy()
        form.data["client_id"] = ""
    return _detail(request, integration, credential_form=form)


@login_required
@require_POST
def credential_revoke(request, pk):
    credential = get_object_or_404(
        Credential.objects.filter(integration__in=policy.integrations_for(request.user)), pk=pk
    )
    integration = _integration(request.user, credential.integration_id)
    policy.require(
        policy.can_act_for_orcid(request.user, integration.membership.consortium),
        "Only ORCID revokes API credentials.",
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason for revoking the credential.")
    else:
        try:
            services.revoke_credential(request.user, credential, form.cleaned_data["reason"])
            messages.success(request, f"{credential.client_id} revoked.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("integrations:integration_detail", pk=integration.pk)


# --- reviews ----------------------------------------------------------------------------------


@login_required
@require_POST
def review_start(request, pk):
    integration = _integration(request.user, pk)
    kinds = _start_review_kinds(request.user, integration)
    policy.require(bool(kinds), "You cannot review this integration.")
    form = StartReviewForm(request.POST, kinds=kinds)
    if form.is_valid():
        with errors_shown_on(form):
            review = services.start_review(request.user, integration, **form.cleaned_data)
            messages.success(
                request, f"{review.get_kind_display()} for {review.get_badge_display()} started."
            )
            return redirect("integrations:review_detail", pk=review.pk)
    return _detail(request, integration, review_form=form)


def _review(user, pk) -> Review:
    return get_object_or_404(
        Review.objects.filter(integration__in=policy.integrations_for(user)).select_related(
            "integration__membership__organization", "integration__membership__consortium", "reviewer"
        ),
        pk=pk,
    )


def _may_review(user, review) -> bool:
    consortium = review.integration.membership.consortium
    if review.kind == Review.Kind.ORCID:
        return policy.can_act_for_orcid(user, consortium)
    return policy.can_manage_integrations(user, consortium)


def _review_page(request, review, failed_form=None, failed_pk=None, complete_form=None):
    can_review = _may_review(request.user, review) and review.outcome == Review.Outcome.IN_PROGRESS
    groups = []
    for label, results in queries.results_by_badge(review):
        rows = []
        for result in results:
            form = None
            if can_review:
                if result.pk == failed_pk:
                    form = failed_form
                else:
                    form = ResultForm(
                        prefix=f"r{result.pk}",
                        initial={"verdict": result.verdict, "finding": result.finding},
                    )
            rows.append((result, form))
        groups.append((label, rows))
    context = {
        "review": review,
        "integration": review.integration,
        "groups": groups,
        "can_review": can_review,
        "complete_form": complete_form or CompleteReviewForm(),
        "badges_covered": [Badge(b).label for b in Badge.up_to(review.badge)],
    }
    return render(request, "integrations/review_detail.html", context)


@login_required
def review_detail(request, pk):
    return _review_page(request, _review(request.user, pk))


@login_required
@require_POST
def review_result(request, pk, result_pk):
    review = _review(request.user, pk)
    result = get_object_or_404(review.results.all(), pk=result_pk)
    policy.require(_may_review(request.user, review), "You cannot record this review's results.")
    form = ResultForm(request.POST, request.FILES, prefix=f"r{result.pk}")
    if form.is_valid():
        with errors_shown_on(form):
            services.record_result(
                request.user,
                review,
                result.requirement_id,
                verdict=form.cleaned_data["verdict"],
                finding=form.cleaned_data["finding"],
                screenshot=form.cleaned_data["screenshot"],
            )
            messages.success(request, "Result saved.")
            return redirect(f"{review_url(review)}#result-{result.pk}")
    return _review_page(request, review, failed_form=form, failed_pk=result.pk)


def review_url(review) -> str:
    return reverse("integrations:review_detail", args=[review.pk])


@login_required
@require_POST
def review_complete(request, pk):
    review = _review(request.user, pk)
    policy.require(_may_review(request.user, review), "You cannot complete this review.")
    form = CompleteReviewForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            done = services.complete_review(request.user, review, form.cleaned_data["summary"])
            messages.success(request, f"Review complete: {done.get_outcome_display().lower()}.")
            return redirect("integrations:integration_detail", pk=review.integration_id)
    return _review_page(request, review, complete_form=form)


@login_required
def review_screenshot(request, pk, result_pk):
    review = _review(request.user, pk)
    result = get_object_or_404(ReviewResult.objects.filter(review=review), pk=result_pk)
    return attachment(result.screenshot)


# --- the platform catalogue -------------------------------------------------------------------


@login_required
def platform_list(request):
    search = request.GET.get("q", "").strip()
    pagination = paginate(request, queries.platform_rows(search))
    page = pagination["page_obj"]
    badges = queries.badges_by_platform(p.pk for p in page)
    rows = [(platform, badges.get(platform.pk, [])) for platform in page]
    context = {
        "rows": rows,
        "search": search,
        "can_edit": policy.can_edit_platforms(request.user),
        **pagination,
    }
    return render(request, "integrations/platform_list.html", context)


@login_required
def platform_detail(request, pk):
    user = request.user
    platform = get_object_or_404(queries.platform_rows(), pk=pk)
    # Names only of integrations in the user's scope; the rest of the catalogue's use is counted.
    visible = list(
        queries.integration_rows(policy.integrations_for(user).filter(platform=platform)).order_by(
            "membership__consortium__name", "membership__organization__name", "name"
        )
    )
    context = {
        "platform": platform,
        "stage_counts": queries.platform_stage_counts(platform),
        "badges": queries.badges_by_platform([platform.pk]).get(platform.pk, []),
        "visible": visible,
        "others": platform.integration_count - len(visible),
        "is_member": user.role == Role.MEMBER_CONTACT,
        "can_edit": policy.can_edit_platforms(user),
    }
    return render(request, "integrations/platform_detail.html", context)


def _save_platform(request, platform):
    policy.require(policy.can_edit_platforms(request.user), "ORCID admins keep the platform catalogue.")
    initial = PlatformForm.initial_for(platform) if platform else None
    form = PlatformForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            saved = services.save_platform(request.user, platform, **form.cleaned_data)
            messages.success(request, f"{saved.name} saved in the catalogue.")
            return redirect("integrations:platform_detail", pk=saved.pk)
    return render(request, "integrations/platform_form.html", {"form": form, "platform": platform})


@login_required
def platform_add(request):
    return _save_platform(request, None)


@login_required
def platform_edit(request, pk):
    return _save_platform(request, get_object_or_404(Platform, pk=pk))


# --- Collect & Connect requirements -----------------------------------------------------------


@login_required
def requirement_list(request):
    requirements = list(ReviewRequirement.objects.all())
    groups = [(label, [r for r in requirements if r.badge == value]) for value, label in Badge.choices]
    context = {"groups": groups, "can_edit": policy.can_edit_platforms(request.user)}
    return render(request, "integrations/requirement_list.html", context)


def _save_requirement(request, requirement):
    policy.require(
        policy.can_edit_platforms(request.user), "ORCID admins keep the Collect & Connect requirements."
    )
    initial = RequirementForm.initial_for(requirement) if requirement else None
    form = RequirementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.save_requirement(request.user, requirement, **form.cleaned_data)
            messages.success(request, "Requirement saved.")
            return redirect("integrations:requirement_list")
    return render(request, "integrations/requirement_form.html", {"form": form, "requirement": requirement})


@login_required
def requirement_add(request):
    return _save_requirement(request, None)


@login_required
def requirement_edit(request, pk):
    return _save_requirement(request, get_object_or_404(ReviewRequirement, pk=pk))


@login_required
@require_POST
def requirement_retire(request, pk):
    requirement = get_object_or_404(ReviewRequirement, pk=pk)
    services.save_requirement(request.user, requirement, is_active=not requirement.is_active)
    messages.success(
        request,
        "Requirement back in use." if requirement.is_active else "Requirement retired; past reviews keep it.",
    )
    return redirect("integrations:requirement_list")


urlpatterns = [
    path("consortia/<slug:slug>/integrations/", consortium_integrations, name="consortium_integrations"),
    path("consortia/<slug:slug>/integrations/import/", integration_import, name="integration_import"),
    path("integrations/", all_integrations, name="all_integrations"),
    path("my-integrations/", my_integrations, name="my_integrations"),
    path("integrations/add/", integration_add, name="integration_add"),
    path("integrations/<int:pk>/", integration_detail, name="integration_detail"),
    path("integrations/<int:pk>/edit/", integration_edit, name="integration_edit"),
    path("integrations/<int:pk>/stage/", integration_move, name="integration_move"),
    path("integrations/<int:pk>/credentials/", credential_issue, name="credential_issue"),
    path("credentials/<int:pk>/revoke/", credential_revoke, name="credential_revoke"),
    path("integrations/<int:pk>/reviews/", review_start, name="review_start"),
    path("reviews/<int:pk>/", review_detail, name="review_detail"),
    path("reviews/<int:pk>/results/<int:result_pk>/", review_result, name="review_result"),
    path("reviews/<int:pk>/results/<int:result_pk>/screenshot/", review_screenshot, name="review_screenshot"),
    path("reviews/<int:pk>/complete/", review_complete, name="review_complete"),
    path("platforms/", platform_list, name="platform_list"),
    path("platforms/add/", platform_add, name="platform_add"),
    path("platforms/<int:pk>/", platform_detail, name="platform_detail"),
    path("platforms/<int:pk>/edit/", platform_edit, name="platform_edit"),
    path("collect-and-connect/requirements/", requirement_list, name="requirement_list"),
    path("collect-and-connect/requirements/add/", requirement_add, name="requirement_add"),
    path("collect-and-connect/requirements/<int:pk>/edit/", requirement_edit, name="requirement_edit"),
    path("collect-and-connect/requirements/<int:pk>/retire/", requirement_retire, name="requirement_retire"),
]
