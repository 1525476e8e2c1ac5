"""On the page, ORCID's items are ORCID's: the consortium's team sees no Complete button for
them and is refused (403) if it posts anyway; ORCID regional staff complete them, not the
consortium's items."""

import pytest
from django.urls import reverse

from consortia.onboarding.models import Checklist, ChecklistItemEvent, ChecklistKind


@pytest.fixture
def items(world):
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    return checklist.items.filter(owner="orcid").first(), checklist.items.filter(owner="consortium").first()


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_consortium_team_sees_no_complete_button_for_orcid_items(world, client_for, items, name):
    orcid_item, consortium_item = items
    page = client_for(name).get(reverse("onboarding:consortium_checklist", args=["alpha"])).content.decode()
    assert reverse("onboarding:item_complete", args=[consortium_item.pk]) in page
    assert reverse("onboarding:item_complete", args=[orcid_item.pk]) not in page
    assert "ORCID&#x27;s to complete" in page or "ORCID's to complete" in page


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_consortium_team_gets_403_completing_an_orcid_item(world, client_for, items, name):
    orcid_item, _ = items
    client = client_for(name)
    url = reverse("onboarding:item_complete", args=[orcid_item.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"note": "We answered it ourselves"}).status_code == 403
    orcid_item.refresh_from_db()
    assert not orcid_item.is_complete
    assert not ChecklistItemEvent.objects.exists()


def test_regional_staff_complete_orcid_items_but_not_the_consortiums(world, client_for, items):
    orcid_item, consortium_item = items
    client = client_for("regional")
    page = client.get(reverse("onboarding:consortium_checklist", args=["alpha"])).content.decode()
    assert reverse("onboarding:item_complete", args=[orcid_item.pk]) in page
    assert reverse("onboarding:item_complete", args=[consortium_item.pk]) not in page
    response = client.post(
        reverse("onboarding:item_complete", args=[orcid_item.pk]), {"note": "Answered on the call"}
    )
    assert response.status_code == 302
    orcid_item.refresh_from_db()
    assert orcid_item.is_complete and orcid_item.completed_by == world.regional
    assert (
        client.post(reverse("onboarding:item_complete", args=[consortium_item.pk]), {"note": "x"}).status_code
        == 403
    )
