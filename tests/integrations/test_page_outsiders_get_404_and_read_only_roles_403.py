"""Tenancy of the integrations pages: an outsider of each role gets 404 for another tenant's
integration, review or consortium list; a visible action the user may not take is 403."""

import pytest

from consortia.integrations import services
from consortia.integrations.models import Integration, ReviewRequirement, Stage
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_integration(world):
    integration = services.save_integration(
        world.beta_admin, world.beta_membership, name="Beta CRIS", system_type="cris"
    )
    Integration.objects.filter(pk=integration.pk).update(stage=Stage.IN_DEVELOPMENT)
    return integration


@pytest.fixture
def beta_review(world, beta_integration):
    return services.start_review(world.beta_admin, beta_integration, "consortium", "authenticate")


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_on_its_integration_pages(
    world, client_for, beta_integration, beta_review, name
):
    client = client_for(name)
    pk = beta_integration.pk
    result = beta_review.results.first()
    for url in (
        f"/integrations/{pk}/",
        f"/integrations/{pk}/edit/",
        f"/reviews/{beta_review.pk}/",
        f"/reviews/{beta_review.pk}/results/{result.pk}/screenshot/",
        "/consortia/beta/integrations/",
        f"/integrations/add/?membership={world.beta_membership.pk}",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/integrations/{pk}/stage/",
        f"/integrations/{pk}/credentials/",
        f"/integrations/{pk}/reviews/",
        f"/reviews/{beta_review.pk}/complete/",
        f"/reviews/{beta_review.pk}/results/{result.pk}/",
    ):
        assert client.post(url, {"to_stage": "planned", "reason": "x"}).status_code == 404, url


def test_orcid_list_is_for_orcid_and_my_list_for_member_contacts(client_for):
    for name in ("alpha_admin", "alpha_staff", "alpha_member"):
        assert client_for(name).get("/integrations/").status_code == 404
    for name in ("orcid_admin", "regional", "alpha_admin", "alpha_staff"):
        assert client_for(name).get("/my-integrations/").status_code == 404
    assert client_for("alpha_member").get("/consortia/alpha/integrations/").status_code == 404


def test_the_consortium_team_cannot_issue_credentials_or_do_orcids_review(world, client_for):
    integration = services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Alpha CRIS", system_type="cris"
    )
    Integration.objects.filter(pk=integration.pk).update(stage=Stage.SANDBOX_REQUESTED)
    credential = {"environment": "sandbox", "client_id": "APP-ABCDEFGHIJKLMNOP", "name": "Alpha"}
    for name in ("alpha_admin", "alpha_staff", "alpha_member"):
        client = client_for(name)
        assert client.post(f"/integrations/{integration.pk}/credentials/", credential).status_code == 403
    assert (
        client_for("alpha_member")
        .post(f"/integrations/{integration.pk}/reviews/", {"kind": "consortium", "badge": "authenticate"})
        .status_code
        == 403
    )
    issued = services.issue_credential(world.regional, integration, **credential)
    assert (
        client_for("alpha_admin").post(f"/credentials/{issued.pk}/revoke/", {"reason": "x"}).status_code
        == 403
    )
    assert (
        client_for("beta_admin").post(f"/credentials/{issued.pk}/revoke/", {"reason": "x"}).status_code == 404
    )


@pytest.mark.parametrize("name", ["regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_only_orcid_admins_edit_the_catalogue_and_requirements(world, client_for, name):
    client = client_for(name)
    requirement = ReviewRequirement.objects.first()
    platform = services.save_platform(world.orcid_admin, name="DSpace")
    assert client.get("/platforms/").status_code == 200
    assert client.get(f"/platforms/{platform.pk}/").status_code == 200
    assert client.get("/collect-and-connect/requirements/").status_code == 200
    for url in (
        "/platforms/add/",
        f"/platforms/{platform.pk}/edit/",
        "/collect-and-connect/requirements/add/",
        f"/collect-and-connect/requirements/{requirement.pk}/edit/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/collect-and-connect/requirements/{requirement.pk}/retire/").status_code == 403
