"""ORCID's overview counts each member once, however many requests it has."""

from consortia.directory import queries, services
from tests import factories


def test_a_member_with_several_requests_is_counted_once(world):
    org = factories.organization("Twice Requested")
    membership = services.add_membership(world.alpha_admin, world.alpha, org, status="onboarding")
    services.end_membership(world.alpha_admin, membership, status="left", reason="Changed its mind")
    services.add_membership(world.alpha_admin, world.alpha, org, status="onboarding")
    alpha = queries.consortium_overview(world.orcid_admin).get(slug="alpha")
    assert alpha.active_members == 1
    assert alpha.onboarding_members == 1
    assert alpha.pending_requests == 2  # the second add, and the removal


def test_an_unknown_status_is_refused_with_a_message(world):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a membership status"):
        services.update_membership(world.alpha_admin, world.alpha_membership, status="dormant")
