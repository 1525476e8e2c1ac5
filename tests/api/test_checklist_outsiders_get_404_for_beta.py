"""Beta's checklists and their items answer 404 to every outsider, and never show up in a list."""

import pytest

from consortia.onboarding.models import Checklist
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta(world):
    checklist = Checklist.objects.get(consortium=world.beta, kind="consortium")
    return {
        "checklist": checklist,
        "item": checklist.items.filter(owner="consortium").first(),
        "orcid_item": checklist.items.filter(owner="orcid").first(),
    }


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_betas_checklist_and_item_actions_are_404(api_for, world, beta, outsider):
    client = api_for(outsider)
    item, orcid_item = beta["item"], beta["orcid_item"]

    answers = [
        client.get(f"/checklists/{beta['checklist'].pk}"),
        client.post(f"/checklists/items/{item.pk}/complete", {"note": "Taken"}),
        client.post(f"/checklists/items/{orcid_item.pk}/complete", {"note": "Taken"}),
        client.post(f"/checklists/items/{item.pk}/reopen", {"reason": "Taken"}),
        client.post(f"/memberships/{world.beta_membership.pk}/checklist"),
    ]

    for answer in answers:
        assert answer.status_code == 404, (outsider, answer.content)
        assert answer.json() == {"detail": "Not found."}
    item.refresh_from_db()
    assert item.completed_at is None
    assert not Checklist.objects.filter(membership=world.beta_membership).exists()


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_betas_checklists_are_absent_from_the_list(api_for, beta, outsider):
    client = api_for(outsider)

    listed = client.get("/checklists", {"page_size": 200}).json()
    by_slug = client.get("/checklists", {"consortium": "beta"}).json()

    assert beta["checklist"].pk not in {row["id"] for row in listed["results"]}
    assert by_slug["count"] == 0
