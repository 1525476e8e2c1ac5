"""Adding a member by its details reuses the organization already in the directory under that
ROR ID (a member of another consortium, say) instead of refusing a duplicate."""

from django.urls import reverse

from consortia.directory.models import Organization


def _details(org):
    return {"name": org.name, "ror_id": f"https://ror.org/{org.ror_id}", "country": org.country}


def test_the_add_member_page_reuses_an_organization_of_another_consortium(world, client_for):
    beta_org = world.beta_membership.organization
    form = {
        **_details(beta_org),
        "organization_type": "education",
        "tier": "standard",
        "community_type": "research_institute",
        "status": "onboarding",
        "member_type": "basic",
    }
    response = client_for("alpha_admin").post(reverse("directory:member_add", args=["alpha"]), form)
    assert response.status_code == 302
    assert world.alpha.memberships.filter(organization=beta_org).exists()
    assert Organization.objects.filter(ror_id=beta_org.ror_id).count() == 1
