"""Beta's integration, its credentials and reviews are 404 for an outsider of every role, as if
they did not exist; ORCID's actions (credentials, final review, the catalogue) are 403 for the
roles that can see the integration but may not do them."""

import pytest

from consortia.integrations import services
from consortia.integrations.models import Stage
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_integration(world):
    integration = services.save_integration(
        world.beta_admin, world.beta_membership, name="DSpace", system_type="repository"
    )
    services.move_stage(world.beta_member, integration, Stage.SANDBOX_REQUESTED)
    credential = services.issue_credential(
        world.orcid_admin, integration, environment="sandbox", client_id="APP-0000000000000001", name="DSpace"
    )
    services.move_stage(world.beta_member, integration, Stage.IN_DEVELOPMENT)
    review = services.start_review(world.beta_admin, integration, "consortium", "authenticate")
    return integration, credential, review


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_betas_integration(api_for, world, beta_integration, outsider):
    integration, credential, review = beta_integration
    requirement = review.results.first().requirement_id
    client = api_for(outsider)

    assert client.get(f"/integrations/{integration.pk}").status_code == 404
    assert client.patch(f"/integrations/{integration.pk}", {"name": "Mine"}).status_code == 404
    assert (
        client.post(f"/integrations/{integration.pk}/stage", {"stage": "consortium_review"}).status_code
        == 404
    )
    assert (
        client.post(
            f"/integrations/{integration.pk}/reviews", {"kind": "orcid", "badge": "authenticate"}
        ).status_code
        == 404
    )  # noqa: E501
    assert client.post(f"/credentials/{credential.pk}/revocation", {"reason": "x"}).status_code == 404
    assert client.get(f"/reviews/{review.pk}").status_code == 404
    put = client.client.put(
        f"/api/v1/reviews/{review.pk}/results/{requirement}",
        '{"verdict": "pass"}',
        content_type="application/json",
        **client.headers,
    )
    assert put.status_code == 404
    assert client.post(f"/reviews/{review.pk}/completion", {}).status_code == 404
    for path in ("/integrations", "/credentials", "/reviews"):
        assert client.get(path).json()["count"] == 0, path
    assert client.get("/integrations", {"consortium": "beta"}).json()["count"] == 0


def test_an_outsiders_new_integration_for_beta_names_the_membership_400(api_for, world):
    response = api_for("alpha_admin").post(
        "/integrations", {"membership": world.beta_membership.pk, "name": "Mine", "system_type": "cris"}
    )

    assert response.status_code == 400
    assert "membership" in response.json()["fields"]


@pytest.mark.parametrize("name", ["beta_admin", "beta_staff", "beta_member"])
def test_who_sees_it_but_is_not_orcid_gets_403_for_credentials(api_for, world, beta_integration, name):
    integration, credential, _ = beta_integration
    client = api_for(name)

    issued = client.post(
        f"/integrations/{integration.pk}/credentials",
        {"environment": "sandbox", "client_id": "APP-0000000000000002", "name": "More"},
    )
    assert issued.status_code == 403
    assert client.post(f"/credentials/{credential.pk}/revocation", {"reason": "Lost"}).status_code == 403
    assert (
        client.post(
            f"/integrations/{integration.pk}/reviews", {"kind": "orcid", "badge": "authenticate"}
        ).status_code
        == 403
    )


def test_a_member_contact_reads_its_reviews_but_cannot_record_or_complete_them(
    api_for, world, beta_integration
):
    _, _, review = beta_integration
    requirement = review.results.first().requirement_id
    client = api_for("beta_member")

    assert client.get(f"/reviews/{review.pk}").status_code == 200
    put = client.client.put(
        f"/api/v1/reviews/{review.pk}/results/{requirement}",
        '{"verdict": "pass"}',
        content_type="application/json",
        **client.headers,
    )
    assert put.status_code == 403
    assert client.post(f"/reviews/{review.pk}/completion", {}).status_code == 403


@pytest.mark.parametrize("name", ["regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_only_orcid_admins_write_the_catalogue_and_requirements(api_for, world, name):
    client = api_for(name)

    assert client.post("/platforms", {"name": "Converis"}).status_code == 403
    requirement = {"badge": "authenticate", "text": "Uses OAuth"}
    assert client.post("/review-requirements", requirement).status_code == 403
