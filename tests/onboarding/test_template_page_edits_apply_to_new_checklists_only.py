"""An ORCID admin edits a checklist template from its page: the template's name, adding,
changing and removing items. Checklists started afterwards follow; those under way do not."""

import pytest
from django.urls import reverse

from consortia.onboarding.models import Checklist, ChecklistKind, ChecklistTemplate
from tests import factories


@pytest.fixture
def template(db):
    return ChecklistTemplate.objects.get(kind=ChecklistKind.CONSORTIUM, is_default=True)


def test_the_pages_list_templates_and_say_edits_apply_afterwards(world, client_for, template):
    client = client_for("orcid_admin")
    listing = client.get(reverse("onboarding:template_list")).content.decode()
    assert template.name in listing and "Member onboarding checklist" in listing
    page = client.get(reverse("onboarding:template_detail", args=[template.pk])).content.decode()
    assert "Edits apply to checklists started afterwards" in page
    assert "Launch event" in page


def test_template_edits_change_new_checklists_but_not_existing_ones(world, client_for, template):
    client = client_for("orcid_admin")
    launch = template.items.get(title="Launch event")
    funding = template.items.get(title="Determine how the consortium will be funded")
    alpha_titles = list(
        Checklist.objects.get(consortium=world.alpha, kind="consortium").items.values_list("title", flat=True)
    )

    added = client.post(
        reverse("onboarding:template_item_add", args=[template.pk]),
        {
            "title": "Publish the consortium FAQ",
            "owner": "consortium",
            "phase": "post_agreement",
            "due_months": "2",
            "due_days": "0",
            "guidance": "With the regional ORCID team.",
        },
    )
    assert added.status_code == 302
    edited = client.post(
        reverse("onboarding:template_item_edit", args=[template.pk, launch.pk]),
        {
            "title": "Launch event, online or in person",
            "owner": "consortium",
            "phase": "pre_agreement",
            "due_months": "0",
            "due_days": "0",
            "position": str(launch.position),
        },
    )
    assert edited.status_code == 302
    assert (
        client.get(reverse("onboarding:template_item_remove", args=[template.pk, funding.pk])).status_code
        == 200
    )
    removed = client.post(reverse("onboarding:template_item_remove", args=[template.pk, funding.pk]))
    assert removed.status_code == 302
    renamed = client.post(
        reverse("onboarding:template_detail", args=[template.pk]),
        {"name": "Consortium onboarding (2031)", "description": "Edited", "is_default": "on"},
    )
    assert renamed.status_code == 302

    gamma = factories.consortium("Gamma Consortium", "gamma", world.apac)
    new = Checklist.objects.get(consortium=gamma, kind="consortium")
    new_titles = list(new.items.values_list("title", flat=True))
    assert new.name == "Consortium onboarding (2031)"
    assert "Publish the consortium FAQ" in new_titles
    assert "Launch event, online or in person" in new_titles and "Launch event" not in new_titles
    assert "Determine how the consortium will be funded" not in new_titles
    assert new.items.get(title="Publish the consortium FAQ").due_months == 2

    existing = Checklist.objects.get(consortium=world.alpha, kind="consortium")
    assert list(existing.items.values_list("title", flat=True)) == alpha_titles


def test_a_taken_position_is_refused_with_a_clear_message(world, client_for, template):
    client = client_for("orcid_admin")
    first, second = template.items.order_by("position")[:2]
    response = client.post(
        reverse("onboarding:template_item_edit", args=[template.pk, second.pk]),
        {
            "title": second.title,
            "owner": second.owner,
            "phase": second.phase,
            "due_months": "0",
            "due_days": "0",
            "position": str(first.position),
        },
    )
    assert response.status_code == 200
    assert f"Position {first.position} is taken by" in response.content.decode()


def test_an_item_without_a_title_is_refused_on_the_page(world, client_for, template):
    count = template.items.count()
    response = client_for("orcid_admin").post(
        reverse("onboarding:template_item_add", args=[template.pk]),
        {"title": "", "owner": "consortium", "phase": "fees", "due_months": "0", "due_days": "0"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert template.items.count() == count
