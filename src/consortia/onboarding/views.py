"""Onboarding pages: checklists, their items' completion with evidence, the deadline feed and
the templates ORCID keeps. Each view: sign-in → fetch through the policy scope → check the
action → call a service → redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from consortia import program
from consortia.accounts import policy
from consortia.accounts.tokens import calendar_token, create_calendar_token
from consortia.onboarding import queries, services
from consortia.onboarding.calendar import deadline_items, deadlines_calendar, due_rule_text
from consortia.onboarding.forms import (
    ChecklistFilterForm,
    CompleteItemForm,
    ReopenItemForm,
    TemplateForm,
    TemplateItemForm,
)
from consortia.onboarding.models import (
    Checklist,
    ChecklistItemEvent,
    ChecklistKind,
    ChecklistTemplate,
    Owner,
    Phase,
)
from consortia.web import attachment, consortium_page, errors_shown_on, paginate

TEMPLATE_EDITORS_ONLY = "Only ORCID admins edit checklist templates."


# --- helpers --------------------------------------------------------------------------------


def checklist_url(checklist: Checklist) -> str:
    if checklist.kind == ChecklistKind.MEMBERSHIP:
        return reverse("onboarding:member_checklist", args=[checklist.membership_id])
    return reverse("onboarding:consortium_checklist", args=[checklist.consortium.slug])


def _phase_headings(kind: str) -> dict[str, tuple[str, str]]:
    """Each phase's heading and what it means, in the words of the seed's appendix."""
    if kind == ChecklistKind.MEMBERSHIP:
        return {
            Phase.PRE_AGREEMENT: ("Before joining", "Steps due by the membership's joined date."),
            Phase.FEES: ("Fees", "Fees due after joining."),
            Phase.POST_AGREEMENT: ("After joining", "Steps due in the months after the joined date."),
        }
    months = program.POST_AGREEMENT_CRITERIA_MONTHS
    return {
        Phase.PRE_AGREEMENT: (
            "Before the agreement",
            "Criteria to meet before the consortium agreement can be finalized and the discount applied.",
        ),
        Phase.FEES: (
            "Fees",
            f"Fees for the consortium are due within {program.FEES_DUE_DAYS_AFTER_AGREEMENT} days "
            "of signing the agreement.",
        ),
        Phase.POST_AGREEMENT: (
            f"Within {apnumber(months)} months",
            f"Criteria to meet within {apnumber(months)} months of the agreement being signed.",
        ),
    }


def _checklist_context(request, checklist: Checklist) -> dict:
    """Items grouped by phase, each with what the viewer may do, and the summary figures."""
    today = timezone.localdate()
    consortium = checklist.consortium
    may_complete = {
        owner: policy.can_complete_checklist_item(request.user, owner, consortium) for owner in Owner.values
    }
    items = list(checklist.items.all())
    for item in items:
        item.overdue = item.is_overdue(today)
        item.may_act = may_complete[item.owner]
        item.due_text = due_rule_text(item, checklist.anchor_label)
        item.history = list(item.events.all())
    headings = _phase_headings(checklist.kind)
    phases = []
    for phase in Phase.values:
        phase_items = [item for item in items if item.phase == phase]
        if phase_items:
            heading, explanation = headings[phase]
            phases.append(
                {
                    "key": phase,
                    "heading": heading,
                    "explanation": explanation,
                    "items": phase_items,
                    "done": sum(item.is_complete for item in phase_items),
                }
            )
    open_items = [item for item in items if not item.is_complete]
    upcoming = sorted(
        (item for item in open_items if item.due_date and not item.overdue), key=lambda item: item.due_date
    )
    return {
        "checklist": checklist,
        "consortium": consortium,
        "membership": checklist.membership,
        "phases": phases,
        "figures": {
            "total": len(items),
            "done": len(items) - len(open_items),
            "open": len(open_items),
            "overdue": sum(item.overdue for item in items),
            "next_due": upcoming[0] if upcoming else None,
        },
        "today": today,
        "can_view_consortium": policy.can_view_consortium_pages(request.user, consortium),
        "may_complete_any": any(may_complete.values()),
        "feed_url": _feed_url(request, consortium),
        "new_calendar_address": _pop_new_calendar_address(request, consortium),
    }


def _feed_url(request, consortium) -> str:
    return request.build_absolute_uri(reverse("onboarding:deadlines_ics", args=[consortium.slug]))


NEW_CALENDAR_ADDRESS = "new_calendar_address"


def _pop_new_calendar_address(request, consortium) -> str | None:
    """The address just created for this consortium, shown once: only its token's hash is stored."""
    pending = request.session.get(NEW_CALENDAR_ADDRESS)
    if not pending or pending.get("slug") != consortium.slug:
        return None
    del request.session[NEW_CALENDAR_ADDRESS]
    return pending["url"]


def _render_checklist(request, checklist: Checklist):
    return render(request, "onboarding/checklist_detail.html", _checklist_context(request, checklist))


def _item_in_scope(request, pk):
    return get_object_or_404(
        queries.checklist_items_for(request.user).select_related(
            "checklist__consortium", "checklist__membership__organization"
        ),
        pk=pk,
    )


def _require_may_complete(user, item) -> None:
    allowed = policy.can_complete_checklist_item(user, item.owner, item.checklist.consortium)
    if item.owner == Owner.ORCID:
        policy.require(allowed, "Only ORCID staff can complete or reopen ORCID's items.")
    policy.require(allowed, "Only the consortium's team can complete or reopen its items.")


# --- checklists -----------------------------------------------------------------------------


@login_required
def checklist_list(request):
    filters = ChecklistFilterForm(request.GET)
    checklists = queries.checklist_list(request.user, **filters.filters())
    context = {
        "filter_form": filters,
        "filters": filters.filters(),
        "kinds": ChecklistKind.choices,
        "show_consortium": not (request.user.consortium_id or request.user.is_member_contact),
        "can_edit_templates": policy.can_edit_checklist_templates(request.user),
        **paginate(request, checklists),
    }
    return render(request, "onboarding/checklist_list.html", context)


@login_required
def consortium_checklist(request, slug):
    consortium = consortium_page(request.user, slug)
    pk = (
        Checklist.objects.filter(consortium=consortium, kind=ChecklistKind.CONSORTIUM)
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return render(request, "onboarding/checklist_missing.html", {"consortium": consortium})
    return _render_checklist(request, queries.checklist_detail(request.user, pk))


@login_required
def checklist_detail(request, pk):
    checklist = queries.checklist_detail(request.user, pk)
    if checklist.kind == ChecklistKind.CONSORTIUM:
        return redirect("onboarding:consortium_checklist", slug=checklist.consortium.slug)
    return _render_checklist(request, checklist)


@login_required
def member_checklist(request, pk):
    membership = get_object_or_404(
        policy.memberships_for(request.user).select_related("organization", "consortium"), pk=pk
    )
    checklist_pk = (
        queries.checklists_for(request.user)
        .filter(membership=membership, kind=ChecklistKind.MEMBERSHIP)
        .values_list("pk", flat=True)
        .first()
    )
    if checklist_pk is not None:
        if request.method == "POST":
            messages.info(request, f"{membership.organization.name} already has an onboarding checklist.")
            return redirect("onboarding:member_checklist", pk=membership.pk)
        return _render_checklist(request, queries.checklist_detail(request.user, checklist_pk))

    can_start = policy.can_manage_members(request.user, membership.consortium)
    template = services.default_template(ChecklistKind.MEMBERSHIP)
    if request.method == "POST":
        policy.require(can_start, "Only the consortium's team starts member onboarding checklists.")
        if template is None:
            messages.error(request, "There is no default member onboarding template. Ask ORCID to set one.")
        else:
            try:
                services.start_checklist(request.user, template, membership=membership)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, f"Started the member onboarding checklist of {membership.organization}."
                )
        return redirect("onboarding:member_checklist", pk=membership.pk)
    context = {
        "membership": membership,
        "consortium": membership.consortium,
        "can_start": can_start and template is not None,
        "template": template,
        "can_view_consortium": policy.can_view_consortium_pages(request.user, membership.consortium),
    }
    return render(request, "onboarding/member_checklist_missing.html", context)


# --- items ----------------------------------------------------------------------------------


def _item_to_act_on(request, pk):
    """An item in scope (404 otherwise) whose owner the user completes and reopens items for (403)."""
    item = _item_in_scope(request, pk)
    _require_may_complete(request.user, item)
    return item


def _back_to_item(request, item, message: str, level=messages.SUCCESS):
    messages.add_message(request, level, message)
    return redirect(f"{checklist_url(item.checklist)}#item-{item.pk}")


def _render_item_form(request, template_name: str, item, form):
    context = {"item": item, "checklist": item.checklist, "form": form, "back": checklist_url(item.checklist)}
    return render(request, template_name, context)


@login_required
def item_complete(request, pk):
    item = _item_to_act_on(request, pk)
    if item.is_complete:
        return _back_to_item(request, item, f"“{item.title}” is already complete.", messages.INFO)
    form = CompleteItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            services.complete_item(
                request.user, item, note=data["note"], link=data["link"], file=data["file"]
            )
            return _back_to_item(request, item, f"Completed “{item.title}”.")
    return _render_item_form(request, "onboarding/item_complete.html", item, form)


@login_required
def item_reopen(request, pk):
    item = _item_to_act_on(request, pk)
    if not item.is_complete:
        return _back_to_item(request, item, f"“{item.title}” is open already.", messages.INFO)
    form = ReopenItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.reopen_item(request.user, item, reason=form.cleaned_data["reason"])
            return _back_to_item(request, item, f"Reopened “{item.title}”.")
    return _render_item_form(request, "onboarding/item_reopen.html", item, form)


@login_required
def item_evidence(request, pk):
    return attachment(_item_in_scope(request, pk).evidence_file)


@login_required
def event_evidence(request, pk):
    events = policy.scope_by_consortium(
        request.user,
        ChecklistItemEvent.objects.all(),
        "item__checklist__consortium__",
        member_path="item__checklist__membership__organization_id",
    )
    return attachment(get_object_or_404(events, pk=pk).file)


# --- the deadline feed ----------------------------------------------------------------------


@login_required
@require_POST
def calendar_address_create(request, slug):
    """A calendar token for the signed-in user that only reads this consortium's feed."""
    consortium = consortium_page(request.user, slug)
    _, key = create_calendar_token(request.user, request.user, consortium)
    request.session[NEW_CALENDAR_ADDRESS] = {
        "slug": consortium.slug,
        "url": f"{_feed_url(request, consortium)}?token={key}",
    }
    messages.success(request, "Calendar address created. Copy it now: it will not be shown again.")
    return redirect("onboarding:consortium_checklist", slug=consortium.slug)


def deadlines_ics(request, slug):
    """The consortium's open deadlines for calendar apps.

    Calendar apps cannot sign in, so a calendar token in ``?token=`` stands for the session. It
    only opens the feed of the consortium it was made for, and only while its user may still view
    that consortium. API tokens are refused here: calendar providers store and log the address.
    A bad token, an API token and a consortium out of scope all answer 404, like any other
    tenant's page.
    """
    key = request.GET.get("token", "").strip()
    if key:
        token = calendar_token(key)
        if token is None or token.consortium.slug != slug:
            raise Http404
        user = token.user
    elif request.user.is_authenticated:
        user = request.user
    else:
        return redirect_to_login(request.get_full_path())
    consortium = consortium_page(user, slug)
    body = deadlines_calendar(
        consortium,
        deadline_items(consortium),
        host=request.get_host().split(":")[0],
        checklist_url=lambda checklist: request.build_absolute_uri(checklist_url(checklist)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{consortium.slug}-deadlines.ics"'
    # The address may carry a token: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


# --- templates (ORCID admins) ---------------------------------------------------------------


@login_required
def template_list(request):
    policy.require(policy.can_edit_checklist_templates(request.user), TEMPLATE_EDITORS_ONLY)
    templates = ChecklistTemplate.objects.annotate(
        item_count=Count("items", distinct=True), checklist_count=Count("checklists", distinct=True)
    ).order_by("kind", "name")
    return render(request, "onboarding/template_list.html", {"templates": templates})


def _template_for_editor(request, pk):
    policy.require(policy.can_edit_checklist_templates(request.user), TEMPLATE_EDITORS_ONLY)
    return get_object_or_404(ChecklistTemplate, pk=pk)


def _render_template_detail(request, template, template_form=None, item_form=None):
    anchor_label = "joined date" if template.kind == ChecklistKind.MEMBERSHIP else "agreement date"
    items = list(template.items.order_by("position"))
    for item in items:
        item.due_text = due_rule_text(item, anchor_label)
    context = {
        "template": template,
        "items": items,
        "template_form": template_form or TemplateForm.for_template(template),
        "item_form": item_form or TemplateItemForm(template=template),
        "checklist_count": template.checklists.count(),
        "anchor_label": anchor_label,
    }
    return render(request, "onboarding/template_detail.html", context)


@login_required
def template_detail(request, pk):
    template = _template_for_editor(request, pk)
    if request.method != "POST":
        return _render_template_detail(request, template)
    form = TemplateForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            services.update_template(request.user, template, **form.cleaned_data)
            messages.success(request, f"Saved the template “{template.name}”.")
            return redirect("onboarding:template_detail", pk=template.pk)
    template.refresh_from_db()
    return _render_template_detail(request, template, template_form=form)


@login_required
@require_POST
def template_item_add(request, pk):
    template = _template_for_editor(request, pk)
    form = TemplateItemForm(request.POST, template=template)
    if form.is_valid():
        with errors_shown_on(form):
            item = services.save_template_item(request.user, template, **form.service_fields())
            messages.success(request, f"Added “{item.title}” to the template.")
            return redirect("onboarding:template_detail", pk=template.pk)
    return _render_template_detail(request, template, item_form=form)


def _template_item(request, pk, item_pk):
    template = _template_for_editor(request, pk)
    return get_object_or_404(template.items.select_related("template"), pk=item_pk)


@login_required
def template_item_edit(request, pk, item_pk):
    item = _template_item(request, pk, item_pk)
    form = TemplateItemForm.for_item(item, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            services.save_template_item(request.user, item.template, item, **form.service_fields())
            messages.success(request, f"Saved “{item.title}”.")
            return redirect("onboarding:template_detail", pk=item.template_id)
    return render(request, "onboarding/template_item_edit.html", {"item": item, "form": form})


@login_required
def template_item_remove(request, pk, item_pk):
    item = _template_item(request, pk, item_pk)
    if request.method == "POST":
        title = item.title
        services.remove_template_item(request.user, item)
        messages.success(request, f"Removed “{title}” from the template.")
        return redirect("onboarding:template_detail", pk=pk)
    return render(request, "onboarding/template_item_remove.html", {"item": item})
