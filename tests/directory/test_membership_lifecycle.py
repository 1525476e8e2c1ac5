"""Memberships move enquiry → applying → onboarding → active → lapsed/left, and ORCID confirms
each addition and removal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from consortia.directory import services
from consortia.directory.models import MembershipRequest
from tests import factories


def test_adding_a_member_asks_orcid_to_confirm(world):
    org = factories.organization("New Member University")
    membership = services.add_membership(world.alpha_admin, world.alpha, org, status="onboarding")
    request = membership.requests.get()
    assert (request.kind, request.status) == ("add", "pending")
    assert request.requested_by == world.alpha_admin


def test_an_organization_cannot_join_the_same_consortium_twice(world):
    with pytest.raises(ValidationError, match="already a member"):
        services.add_membership(world.alpha_admin, world.alpha, world.alpha_membership.organization)


def test_a_new_member_cannot_start_active(world):
    with pytest.raises(ValidationError, match="then make it active"):
        services.add_membership(world.alpha_admin, world.alpha, factories.organization(), status="active")


def test_status_cannot_skip_backwards(world):
    with pytest.raises(ValidationError, match="cannot go from active to onboarding"):
        services.update_membership(world.alpha_admin, world.alpha_membership, status="onboarding")


def test_leaving_asks_orcid_to_confirm_the_removal(world):
    services.end_membership(
        world.alpha_admin, world.alpha_membership, status="left", reason="Merged with another"
    )
    world.alpha_membership.refresh_from_db()
    assert world.alpha_membership.status == "left"
    assert world.alpha_membership.requests.filter(kind="remove", status="pending").exists()


def test_ending_needs_a_reason(world):
    with pytest.raises(ValidationError, match="Say why"):
        services.end_membership(world.alpha_admin, world.alpha_membership, reason=" ")


def test_a_membership_cannot_end_before_it_started(world):
    world.alpha_membership.joined_date = datetime.date(2025, 1, 1)
    world.alpha_membership.save()
    with pytest.raises(ValidationError, match="before it started"):
        services.end_membership(
            world.alpha_admin, world.alpha_membership, ended_date=datetime.date(2024, 1, 1), reason="x"
        )


def test_a_lapsed_member_can_be_made_active_again(world):
    services.end_membership(world.alpha_admin, world.alpha_membership, status="lapsed", reason="Unpaid")
    services.update_membership(world.alpha_admin, world.alpha_membership, status="active")
    world.alpha_membership.refresh_from_db()
    assert world.alpha_membership.status == "active"


def test_orcid_confirms_a_pending_request_once(world):
    membership = services.add_membership(world.alpha_admin, world.alpha, factories.organization())
    request = membership.requests.get()
    services.decide_request(world.regional, request, confirm=True)
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.CONFIRMED and request.decided_by == world.regional
    with pytest.raises(ValidationError, match="already confirmed"):
        services.decide_request(world.regional, request, confirm=False, note="no")


def test_declining_needs_a_reason(world):
    membership = services.add_membership(world.alpha_admin, world.alpha, factories.organization())
    with pytest.raises(ValidationError, match="Say why"):
        services.decide_request(world.orcid_admin, membership.requests.get(), confirm=False)
