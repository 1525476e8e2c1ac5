"""The navigation a signed-in user sees, by role."""

from django.urls import reverse

from consortia.accounts.models import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if user.role in (Role.ORCID_ADMIN, Role.ORCID_REGIONAL):
        items += [
            ("Consortia", reverse("directory:consortium_list")),
            ("Compliance", reverse("compliance:scorecard")),
            ("Checklists", reverse("onboarding:checklist_list")),
            ("Requests", reverse("directory:request_list")),
            ("Integrations", reverse("integrations:all_integrations")),
            ("Billing", reverse("billing:statement_list")),
            ("Support", reverse("support:overview")),
            ("Issues", reverse("support:register_all")),
            ("People", reverse("directory:people_search")),
        ]
    elif user.role in (Role.CONSORTIUM_ADMIN, Role.CONSORTIUM_STAFF) and user.consortium_id:
        slug = user.consortium.slug
        items += [
            ("Overview", reverse("directory:consortium_detail", args=[slug])),
            ("Members", reverse("directory:member_list", args=[slug])),
            ("Onboarding", reverse("onboarding:consortium_checklist", args=[slug])),
            ("Staff", reverse("staffing:staff_list", args=[slug])),
            ("Compliance", reverse("compliance:consortium_compliance", args=[slug])),
            ("Integrations", reverse("integrations:consortium_integrations", args=[slug])),
            ("Billing", reverse("billing:overview", args=[slug])),
            # The overview sends a consortium team to its own desk's queue (no query here).
            ("Support", reverse("support:overview")),
            ("Issues", reverse("support:register_list", args=[slug])),
            ("People", reverse("directory:people_search")),
        ]
    elif user.role == Role.MEMBER_CONTACT:
        items += [
            ("My organization", reverse("directory:my_organization")),
            ("Onboarding", reverse("onboarding:checklist_list")),
            ("Invoices", reverse("billing:my_invoices")),
            ("Integrations", reverse("integrations:my_integrations")),
            ("My tickets", reverse("support:my_tickets")),
        ]
    if user.role == Role.ORCID_ADMIN:
        items.append(("Admin", reverse("admin:index")))
    # The current item is the one whose address is the longest prefix of this page's.
    path = request.path
    matches = [url for _, url in items if path.startswith(url)]
    current = max(matches, key=len) if matches else None
    return {"nav_items": [(label, url, url == current) for label, url in items]}
