"""ORCID records and revokes API credentials on the integration page; the form has no secret field
and the page says why; a member sees the credentials but never the form."""

from consortia.integrations import services
from consortia.integrations.models import Credential, Integration, Stage


def _asking_for_sandbox(world):
    integration = services.save_integration(
        world.alpha_member, world.alpha_membership, name="Repository", system_type="repository"
    )
    services.move_stage(world.alpha_member, integration, Stage.SANDBOX_REQUESTED)
    return integration


def test_orcid_issues_a_sandbox_credential_and_the_stage_moves_on(world, client_for):
    integration = _asking_for_sandbox(world)
    client = client_for("regional")
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    assert "Issue a credential" in page
    assert "ORCID gives the secret to the member directly; it is never stored here" in page
    assert "secret" not in page.lower().replace("the secret to the member", "")
    response = client.post(
        f"/integrations/{integration.pk}/credentials/",
        {
            "environment": "sandbox",
            "client_id": "app-0000000000000001",
            "name": "Repository sandbox",
            "redirect_uris": "https://repo.example.org/orcid\nhttp://localhost:8080/cb",
            "scopes": ["/authenticate", "/activities/update"],
        },
    )
    assert response.status_code == 302
    assert Integration.objects.get(pk=integration.pk).stage == Stage.SANDBOX_ISSUED
    page = client.get(f"/integrations/{integration.pk}/").content.decode()
    assert "APP-0000000000000001" in page
    assert "https://repo.example.org/orcid" in page
    assert world.regional.display_name in page


def test_a_bad_client_id_is_refused_on_the_form_without_showing_it_again(world, client_for):
    """What is pasted into the client ID field by mistake may be the secret: never echoed back."""
    integration = _asking_for_sandbox(world)
    response = client_for("orcid_admin").post(
        f"/integrations/{integration.pk}/credentials/",
        {"environment": "sandbox", "client_id": "s3cr3t-pasted-by-mistake", "name": "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not an ORCID client ID" in html
    assert "s3cr3t-pasted-by-mistake" not in html
    assert not Credential.objects.exists()


def test_orcid_revokes_a_credential_with_a_reason(world, client_for):
    integration = _asking_for_sandbox(world)
    credential = services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-0000000000000002", name="Sbx"
    )
    client = client_for("orcid_admin")
    client.post(f"/credentials/{credential.pk}/revoke/", {"reason": "Leaked in a public repository"})
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    assert "Leaked in a public repository" in client.get(f"/integrations/{integration.pk}/").content.decode()


def test_a_member_sees_their_credentials_but_never_a_credential_form(world, client_for):
    integration = _asking_for_sandbox(world)
    services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-0000000000000003", name="Sbx"
    )
    page = client_for("alpha_member").get(f"/integrations/{integration.pk}/").content.decode()
    assert "APP-0000000000000003" in page
    assert "Issue a credential" not in page
    assert 'name="client_id"' not in page
    assert "/revoke/" not in page
