"""Reopening a completed item from the page needs a reason; the item's history keeps both the
completion and the reopening."""

import pytest
from django.urls import reverse

from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistItemEvent, ChecklistKind


@pytest.fixture
def done_item(world):
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    item = checklist.items.filter(owner="consortium").first()
    return services.complete_item(world.alpha_admin, item, note="Call went out in March")


def test_the_page_offers_reopen_for_a_done_item(world, client_for, done_item):
    page = (
        client_for("alpha_staff")
        .get(reverse("onboarding:consortium_checklist", args=["alpha"]))
        .content.decode()
    )
    assert reverse("onboarding:item_reopen", args=[done_item.pk]) in page
    assert reverse("onboarding:item_complete", args=[done_item.pk]) not in page


def test_reopening_without_a_reason_is_refused(world, client_for, done_item):
    response = client_for("alpha_staff").post(
        reverse("onboarding:item_reopen", args=[done_item.pk]), {"reason": "   "}
    )
    assert response.status_code == 200
    assert "Say why the item is reopened." in response.content.decode()
    done_item.refresh_from_db()
    assert done_item.is_complete
    assert ChecklistItemEvent.objects.filter(action="reopened").count() == 0


def test_reopening_with_a_reason_opens_the_item_and_keeps_the_history(world, client_for, done_item):
    client = client_for("alpha_staff")
    response = client.post(
        reverse("onboarding:item_reopen", args=[done_item.pk]),
        {"reason": "The call went to the wrong list"},
        follow=True,
    )
    page = response.content.decode()
    assert f"Reopened “{done_item.title}”" in page
    assert "History (2)" in page and "The call went to the wrong list" in page
    done_item.refresh_from_db()
    assert not done_item.is_complete


def test_reopening_an_orcid_item_is_refused_to_the_consortium(world, client_for):
    checklist = Checklist.objects.get(consortium=world.alpha, kind=ChecklistKind.CONSORTIUM)
    item = services.complete_item(world.regional, checklist.items.filter(owner="orcid").first(), note="Done")
    response = client_for("alpha_admin").post(
        reverse("onboarding:item_reopen", args=[item.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.is_complete
