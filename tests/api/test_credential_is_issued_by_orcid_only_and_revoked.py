"""Only ORCID issues and revokes credentials; a credential lists with its redirect URIs and scopes,
and filters by environment and by whether it is active."""

import pytest

from consortia.integrations import services


@pytest.fixture
def integration(world):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Elements", system_type="cris"
    )
    services.move_stage(world.alpha_member, integration, "sandbox_requested")
    return integration


def issue(client, integration, client_id="APP-0000000000000100", **extra):
    body = {
        "environment": "sandbox",
        "client_id": client_id,
        "name": "Elements sandbox",
        "redirect_uris": ["https://elements.example.ac.nz/orcid", "http://localhost:8000/cb"],
        "scopes": ["/authenticate", "/activities/update"],
        **extra,
    }
    return client.post(f"/integrations/{integration.pk}/credentials", body)


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff", "alpha_member"])
def test_the_consortium_and_the_member_cannot_issue_credentials(api_for, world, integration, name):
    assert issue(api_for(name), integration).status_code == 403


def test_orcid_issues_and_revokes_and_the_member_sees_it(api_for, world, integration):
    issued = issue(api_for("regional"), integration)
    assert issued.status_code == 201, issued.json()
    body = issued.json()
    assert body["redirect_uris"] == ["https://elements.example.ac.nz/orcid", "http://localhost:8000/cb"]
    assert body["scopes"] == ["/authenticate", "/activities/update"]
    assert body["issued_by"] == world.regional.display_name and body["is_active"] is True

    assert (
        api_for("alpha_admin").post(f"/credentials/{body['id']}/revocation", {"reason": "x"}).status_code
        == 403
    )
    revoked = api_for("orcid_admin").post(f"/credentials/{body['id']}/revocation", {"reason": "Leaked"})
    assert revoked.status_code == 200
    assert revoked.json()["is_active"] is False and revoked.json()["revoke_reason"] == "Leaked"

    member = api_for("alpha_member")
    assert member.get("/credentials", {"active": "false"}).json()["count"] == 1
    assert member.get("/credentials", {"active": "true"}).json()["count"] == 0
    assert member.get("/credentials", {"environment": "production"}).json()["count"] == 0
    detail = member.get(f"/integrations/{integration.pk}").json()
    assert [c["client_id"] for c in detail["credentials"]] == ["APP-0000000000000100"]


def test_bad_credential_input_is_400_with_the_field_named(api_for, world, integration):
    orcid = api_for("orcid_admin")

    for extra, field in (
        ({"client_id": "12345"}, "client_id"),
        ({"environment": "staging"}, "environment"),
        ({"scopes": ["/everything"]}, "scopes"),
        ({"redirect_uris": ["http://example.org/cb"]}, "redirect_uris"),
        ({"colour": "blue"}, "colour"),
    ):
        response = issue(orcid, integration, **extra)
        assert response.status_code == 400, extra
        assert field in response.json()["fields"], response.json()
