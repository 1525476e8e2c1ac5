"""POST /membership-requests/{id}/decision: ORCID (admin, or regional staff of the region) decides."""

import pytest

from consortia.directory.models import MembershipRequest


@pytest.fixture
def requests(world):
    return {
        "alpha": MembershipRequest.objects.create(
            membership=world.alpha_membership, kind=MembershipRequest.Kind.ADD
        ),
        "beta": MembershipRequest.objects.create(
            membership=world.beta_membership, kind=MembershipRequest.Kind.ADD
        ),
    }


def test_regional_staff_confirm_a_request_of_their_region(api_for, world, requests):
    response = api_for("regional").post(
        f"/membership-requests/{requests['alpha'].pk}/decision", {"confirm": True}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "confirmed"
    assert response.json()["decided_by"] == world.regional.display_name


def test_regional_staff_get_404_for_a_request_of_another_region(api_for, requests):
    response = api_for("regional").post(
        f"/membership-requests/{requests['beta'].pk}/decision", {"confirm": True}
    )

    assert response.status_code == 404
    requests["beta"].refresh_from_db()
    assert requests["beta"].status == "pending"


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_the_consortium_team_cannot_decide_its_own_requests(api_for, requests, name):
    response = api_for(name).post(f"/membership-requests/{requests['alpha'].pk}/decision", {"confirm": True})

    assert response.status_code == 403
    assert "Only ORCID" in response.json()["detail"]


def test_declining_needs_a_reason(api_for, requests):
    response = api_for("orcid_admin").post(
        f"/membership-requests/{requests['beta'].pk}/decision", {"confirm": False}
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"decision_note": ["Say why the request is declined."]}


def test_a_request_is_decided_once(api_for, requests):
    client = api_for("orcid_admin")
    path = f"/membership-requests/{requests['alpha'].pk}/decision"
    client.post(path, {"confirm": False, "note": "Not eligible"})

    again = client.post(path, {"confirm": True})

    assert again.status_code == 400
    assert "already declined" in again.json()["detail"]


def test_requests_are_listed_by_status(api_for, requests):
    client = api_for("orcid_admin")
    client.post(f"/membership-requests/{requests['alpha'].pk}/decision", {"confirm": True})

    pending = client.get("/membership-requests", {"status": "pending"}).json()
    confirmed = client.get("/membership-requests", {"status": "confirmed"}).json()

    assert [r["id"] for r in pending["results"]] == [requests["beta"].pk]
    assert [(r["id"], r["consortium"]) for r in confirmed["results"]] == [(requests["alpha"].pk, "alpha")]
