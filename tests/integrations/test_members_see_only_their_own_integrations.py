"""The access policy's scope: a member contact sees their own organization's integrations, a
consortium team its members', ORCID regional staff their region's, ORCID admins all."""

from consortia.accounts import policy
from consortia.integrations import services


def test_each_role_sees_its_own_integrations_only(world):
    alpha = services.save_integration(
        world.alpha_member, world.alpha_membership, name="OJS", system_type="publishing"
    )
    beta = services.save_integration(world.beta_admin, world.beta_membership, name="Pure", system_type="cris")

    def seen(name):
        return set(policy.integrations_for(getattr(world, name)))

    assert seen("alpha_member") == seen("alpha_staff") == seen("regional") == {alpha}
    assert seen("beta_member") == seen("beta_admin") == {beta}
    assert seen("orcid_admin") == {alpha, beta}
