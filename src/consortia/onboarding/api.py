"""The onboarding REST endpoints: checklists, their items, and the templates ORCID keeps.

Checklists and items are read through ``onboarding.queries`` scopes, so another tenant's checklist
is 404; writes go through ``onboarding.services``, which check the owner rule (ORCID's items are
ORCID's to complete: 403) and raise ``ValidationError`` with the rule's message (400). Templates
are ORCID admins' alone, reading included.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from consortia.accounts import policy
from consortia.api_helpers import ERRORS, check_choice, get_in_scope_or_404, paginate, patch_fields, yes_no
from consortia.directory.schemas import Page
from consortia.onboarding import queries, services
from consortia.onboarding.forms import CompleteItemForm
from consortia.onboarding.models import (
    ChecklistItem,
    ChecklistItemEvent,
    ChecklistKind,
    ChecklistTemplate,
    TemplateItem,
)
from consortia.onboarding.schemas import (
    ChecklistDetailOut,
    ChecklistFilters,
    ChecklistItemOut,
    ChecklistOut,
    ChecklistTemplateDetailOut,
    ChecklistTemplateOut,
    ChecklistTemplatePatch,
    EvidenceIn,
    ReopenIn,
    TemplateItemIn,
    TemplateItemOut,
    TemplateItemPatch,
)

router = Router()

TEMPLATES_ARE_ORCIDS = "Only ORCID admins see and edit checklist templates."


# --- checklists -----------------------------------------------------------------------------


@router.get("/checklists", response={200: Page[ChecklistOut], **ERRORS}, tags=["checklists"])
def list_checklists(request, filters: Query[ChecklistFilters]):
    """Checklists in scope with their progress, those with the most overdue items first."""
    checklists = queries.checklist_list(
        request.auth,
        kind=check_choice("kind", filters.kind, ChecklistKind.values),
        q=filters.q.strip(),
    )
    if filters.consortium:
        checklists = checklists.filter(consortium__slug=filters.consortium)
    overdue = yes_no("overdue", filters.overdue)
    if overdue is not None:
        checklists = checklists.filter(overdue_count__gt=0) if overdue else checklists.filter(overdue_count=0)
    return paginate(checklists, filters)


@router.get(
    "/checklists/{int:checklist_id}", response={200: ChecklistDetailOut, **ERRORS}, tags=["checklists"]
)
def get_checklist(request, checklist_id: int):
    return queries.checklist_detail(request.auth, checklist_id)


def _items(user) -> QuerySet[ChecklistItem]:
    return (
        queries.checklist_items_for(user)
        .select_related("checklist__consortium", "checklist__membership", "completed_by")
        .prefetch_related(Prefetch("events", queryset=ChecklistItemEvent.objects.select_related("by")))
    )


@router.post(
    "/checklists/items/{int:item_id}/complete",
    response={200: ChecklistItemOut, **ERRORS},
    tags=["checklists"],
)
def complete_item(request, item_id: int, payload: EvidenceIn):
    """Mark an item done with evidence: a note or a link (or both). To attach a file, use
    ``/complete-with-file``. ORCID's items are ORCID's to complete; the consortium's, its team's."""
    user = request.auth
    item = get_in_scope_or_404(_items(user), pk=item_id)
    services.complete_item(user, item, note=payload.note, link=payload.link)
    return get_in_scope_or_404(_items(user), pk=item_id)


@router.post(
    "/checklists/items/{int:item_id}/complete-with-file",
    response={200: ChecklistItemOut, **ERRORS},
    tags=["checklists"],
)
def complete_item_with_file(request, item_id: int, evidence: Form[EvidenceIn], file: File[UploadedFile]):
    """The same as ``/complete``, as ``multipart/form-data`` with the evidence file in ``file``."""
    user = request.auth
    item = get_in_scope_or_404(_items(user), pk=item_id)
    # The page's form, so a file is held to the same size limit as on the page.
    form = CompleteItemForm({"note": evidence.note, "link": evidence.link}, {"file": file})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.complete_item(user, item, **form.cleaned_data)
    return get_in_scope_or_404(_items(user), pk=item_id)


@router.post(
    "/checklists/items/{int:item_id}/reopen", response={200: ChecklistItemOut, **ERRORS}, tags=["checklists"]
)
def reopen_item(request, item_id: int, payload: ReopenIn):
    """Undo a completion, saying why; the evidence stays in the item's history."""
    user = request.auth
    item = get_in_scope_or_404(_items(user), pk=item_id)
    services.reopen_item(user, item, reason=payload.reason)
    return get_in_scope_or_404(_items(user), pk=item_id)


@router.post(
    "/memberships/{int:membership_id}/checklist",
    response={201: ChecklistDetailOut, **ERRORS},
    tags=["checklists"],
)
def start_member_checklist(request, membership_id: int):
    """Start a member's onboarding checklist from the default member template (the consortium's team).

    New members in enquiry, applying or onboarding get one automatically; this is for the others.
    """
    user = request.auth
    membership = get_in_scope_or_404(
        policy.memberships_for(user).select_related("consortium", "organization"), pk=membership_id
    )
    policy.require(
        policy.can_manage_members(user, membership.consortium),
        "Only the consortium's team starts a member's checklist.",
    )
    template = services.default_template(ChecklistKind.MEMBERSHIP)
    if template is None:
        raise ValidationError("There is no default member onboarding template: ORCID admins choose one.")
    checklist = services.start_checklist(user, template, membership=membership)
    return Status(201, queries.checklist_detail(user, checklist.pk))


# --- templates ------------------------------------------------------------------------------


def _templates(user) -> QuerySet[ChecklistTemplate]:
    policy.require(policy.can_edit_checklist_templates(user), TEMPLATES_ARE_ORCIDS)
    return ChecklistTemplate.objects.annotate(item_count=Count("items")).order_by("kind", "name", "pk")


def _template_detail(user, pk: int) -> ChecklistTemplate:
    return get_in_scope_or_404(
        _templates(user).prefetch_related(
            Prefetch("items", queryset=TemplateItem.objects.order_by("position"))
        ),
        pk=pk,
    )


def _template_item(user, pk: int) -> TemplateItem:
    policy.require(policy.can_edit_checklist_templates(user), TEMPLATES_ARE_ORCIDS)
    return get_in_scope_or_404(TemplateItem.objects.select_related("template"), pk=pk)


@router.get(
    "/checklist-templates",
    response={200: list[ChecklistTemplateOut], **ERRORS},
    tags=["checklist templates"],
)
def list_templates(request):
    """Every template (a handful: not paginated). Editing one changes checklists started afterwards."""
    return list(_templates(request.auth))


@router.get(
    "/checklist-templates/{int:template_id}",
    response={200: ChecklistTemplateDetailOut, **ERRORS},
    tags=["checklist templates"],
)
def get_template(request, template_id: int):
    return _template_detail(request.auth, template_id)


@router.patch(
    "/checklist-templates/{int:template_id}",
    response={200: ChecklistTemplateDetailOut, **ERRORS},
    tags=["checklist templates"],
)
def update_template(request, template_id: int, payload: ChecklistTemplatePatch):
    user = request.auth
    template = _template_detail(user, template_id)
    fields = patch_fields(payload, ChecklistTemplate)
    if fields.get("is_default") is None:
        fields.pop("is_default", None)
    services.update_template(user, template, **fields)
    return _template_detail(user, template_id)


@router.post(
    "/checklist-templates/{int:template_id}/items",
    response={201: TemplateItemOut, **ERRORS},
    tags=["checklist templates"],
)
def add_template_item(request, template_id: int, payload: TemplateItemIn):
    user = request.auth
    template = _template_detail(user, template_id)
    return Status(201, services.save_template_item(user, template, **payload.dict()))


@router.patch(
    "/checklist-templates/items/{int:item_id}",
    response={200: TemplateItemOut, **ERRORS},
    tags=["checklist templates"],
)
def update_template_item(request, item_id: int, payload: TemplateItemPatch):
    user = request.auth
    item = _template_item(user, item_id)
    return services.save_template_item(user, item.template, item, **patch_fields(payload, TemplateItem))


@router.delete(
    "/checklist-templates/items/{int:item_id}", response={204: None, **ERRORS}, tags=["checklist templates"]
)
def remove_template_item(request, item_id: int):
    user = request.auth
    services.remove_template_item(user, _template_item(user, item_id))
    return Status(204, None)
