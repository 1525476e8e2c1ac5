"""ORCID's checklist items are ORCID's to complete: the consortium's team gets 403."""

import pytest

from consortia.onboarding.models import Checklist


@pytest.fixture
def orcid_item(world):
    checklist = Checklist.objects.get(consortium=world.alpha, kind="consortium")
    return checklist.items.filter(owner="orcid").order_by("position").first()


@pytest.mark.parametrize("name", ["alpha_staff", "alpha_admin"])
def test_orcid_items_cannot_be_completed_by_the_consortium_team(api_for, orcid_item, name):
    response = api_for(name).post(f"/checklists/items/{orcid_item.pk}/complete", {"note": "We did it"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Only ORCID staff can complete or reopen ORCID's items."}
    orcid_item.refresh_from_db()
    assert orcid_item.completed_at is None


def test_regional_orcid_staff_complete_orcid_items_of_their_region(api_for, orcid_item):
    response = api_for("regional").post(f"/checklists/items/{orcid_item.pk}/complete", {"note": "Call held"})

    assert response.status_code == 200
    assert response.json()["completed_by"] == "regional@orcid.example"


def test_the_consortium_team_cannot_reopen_an_orcid_item_either(api_for, world, orcid_item):
    api_for("regional").post(f"/checklists/items/{orcid_item.pk}/complete", {"note": "Call held"})

    response = api_for("alpha_staff").post(f"/checklists/items/{orcid_item.pk}/reopen", {"reason": "No"})

    assert response.status_code == 403
    orcid_item.refresh_from_db()
    assert orcid_item.completed_at is not None
