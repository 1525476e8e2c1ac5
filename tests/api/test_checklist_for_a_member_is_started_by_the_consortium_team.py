"""POST /memberships/{id}/checklist starts a member's onboarding checklist: once, by the consortium's team."""

from consortia.onboarding.models import Checklist


def test_the_consortium_team_starts_a_member_checklist(api_for, world):
    response = api_for("alpha_staff").post(f"/memberships/{world.alpha_membership.pk}/checklist")

    assert response.status_code == 201, response.content
    body = response.json()
    checklist = Checklist.objects.get(membership=world.alpha_membership)
    assert body["id"] == checklist.pk
    assert body["kind"] == "membership" and body["anchor_label"] == "joined date"
    assert len(body["items"]) == body["item_count"] == checklist.items.count() > 0


def test_a_second_checklist_for_the_same_member_is_400(api_for, world):
    client = api_for("alpha_admin")
    client.post(f"/memberships/{world.alpha_membership.pk}/checklist")

    again = client.post(f"/memberships/{world.alpha_membership.pk}/checklist")

    assert again.status_code == 400
    assert "already has an onboarding checklist" in again.json()["detail"]
    assert Checklist.objects.filter(membership=world.alpha_membership).count() == 1


def test_a_member_contact_cannot_start_their_own_checklist(api_for, world):
    response = api_for("alpha_member").post(f"/memberships/{world.alpha_membership.pk}/checklist")

    assert response.status_code == 403
    assert not Checklist.objects.filter(membership=world.alpha_membership).exists()
