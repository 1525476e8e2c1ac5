"""Only ORCID admins edit checklist templates; every other role gets 403 and nothing changes."""

import pytest
from django.urls import reverse

from consortia.onboarding.models import ChecklistKind, ChecklistTemplate, TemplateItem


@pytest.mark.parametrize("name", ["regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_non_admins_are_refused_every_template_page(world, client_for, name):
    template = ChecklistTemplate.objects.get(kind=ChecklistKind.CONSORTIUM, is_default=True)
    item = template.items.first()
    client = client_for(name)
    before = list(TemplateItem.objects.values_list("pk", "title", "position"))
    item_fields = {
        "title": "Hijacked",
        "owner": "consortium",
        "phase": "fees",
        "due_months": 0,
        "due_days": 0,
    }
    assert client.get(reverse("onboarding:template_list")).status_code == 403
    for url in (
        reverse("onboarding:template_detail", args=[template.pk]),
        reverse("onboarding:template_item_edit", args=[template.pk, item.pk]),
        reverse("onboarding:template_item_remove", args=[template.pk, item.pk]),
    ):
        assert client.get(url).status_code == 403, url
    for url in (
        reverse("onboarding:template_detail", args=[template.pk]),
        reverse("onboarding:template_item_add", args=[template.pk]),
        reverse("onboarding:template_item_edit", args=[template.pk, item.pk]),
        reverse("onboarding:template_item_remove", args=[template.pk, item.pk]),
    ):
        assert client.post(url, {"name": "Hijacked", **item_fields, "position": 1}).status_code == 403, url
    assert list(TemplateItem.objects.values_list("pk", "title", "position")) == before
    template.refresh_from_db()
    assert template.name != "Hijacked"


def test_the_checklist_list_links_templates_for_orcid_admins_only(world, client_for):
    url = reverse("onboarding:template_list")
    assert url in client_for("orcid_admin").get(reverse("onboarding:checklist_list")).content.decode()
    assert url not in client_for("alpha_admin").get(reverse("onboarding:checklist_list")).content.decode()
