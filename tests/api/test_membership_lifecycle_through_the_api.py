"""PATCH /memberships/{id} moves along the lifecycle; POST …/end ends it and asks ORCID."""

from consortia.directory.models import MembershipRequest


def test_ending_a_membership_asks_orcid_to_confirm_the_removal(api_for, world):
    response = api_for("alpha_admin").post(
        f"/memberships/{world.alpha_membership.pk}/end", {"reason": "Budget cut", "ended_date": "2025-12-31"}
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["ended_date"], body["end_reason"]) == ("left", "2025-12-31", "Budget cut")
    assert [(r["kind"], r["note"]) for r in body["pending_requests"]] == [("remove", "Budget cut")]


def test_a_lapsed_membership_is_not_sent_to_orcid(api_for, world):
    response = api_for("alpha_admin").post(
        f"/memberships/{world.alpha_membership.pk}/end", {"reason": "Unpaid invoice", "status": "lapsed"}
    )

    assert response.json()["status"] == "lapsed"
    assert not MembershipRequest.objects.filter(membership=world.alpha_membership).exists()


def test_ending_needs_a_reason(api_for, world):
    response = api_for("alpha_admin").post(f"/memberships/{world.alpha_membership.pk}/end", {"reason": " "})

    assert response.status_code == 400
    assert response.json()["fields"] == {"end_reason": ["Say why the membership ends."]}


def test_status_cannot_skip_the_lifecycle(api_for, world):
    response = api_for("alpha_admin").patch(
        f"/memberships/{world.alpha_membership.pk}", {"status": "enquiry"}
    )

    assert response.status_code == 400
    assert "cannot go from active to enquiry" in response.json()["detail"]


def test_leaving_goes_through_end_not_patch(api_for, world):
    response = api_for("alpha_admin").patch(f"/memberships/{world.alpha_membership.pk}", {"status": "left"})

    assert response.status_code == 400
    assert "End membership" in response.json()["detail"]


def test_patch_changes_only_the_fields_sent(api_for, world):
    membership = world.alpha_membership
    membership.notes = "Founding member"
    membership.save(update_fields=["notes"])

    response = api_for("alpha_staff").patch(f"/memberships/{membership.pk}", {"member_type": "premium"})

    assert response.status_code == 200
    assert (response.json()["member_type"], response.json()["notes"]) == ("premium", "Founding member")


def test_an_unknown_status_is_refused_with_the_allowed_ones(api_for, world):
    client = api_for("alpha_admin")
    path = f"/memberships/{world.alpha_membership.pk}"

    unknown = client.patch(path, {"status": "dormant"})
    missing = client.patch(path, {"status": None})

    assert unknown.status_code == missing.status_code == 400
    assert "enquiry, applying, onboarding, active, lapsed, left" in unknown.json()["fields"]["status"][0]
