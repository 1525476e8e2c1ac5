"""Adding a member by its details through the API reuses the organization already in the directory
under that ROR ID, even as a member of another consortium."""

from consortia.directory.models import Organization


def _details(org):
    return {"name": org.name, "ror_id": f"https://ror.org/{org.ror_id}", "country": org.country}


def test_the_api_reuses_an_organization_of_another_consortium(world, api_for):
    beta_org = world.beta_membership.organization
    response = api_for("alpha_admin").post(
        "/memberships", {"consortium": "alpha", "organization": _details(beta_org), "status": "onboarding"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["organization"]["id"] == beta_org.pk
    assert Organization.objects.filter(ror_id=beta_org.ror_id).count() == 1
