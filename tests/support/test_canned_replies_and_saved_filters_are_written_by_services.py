"""Canned replies and saved filters are written through services with the policy's answer: a
desk's admin keeps its replies, only ORCID admins keep the replies for every desk, nobody changes
another desk's, and a saved filter is its user's alone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.support import services
from consortia.support.models import CannedReply, SavedFilter


def test_a_desk_admin_keeps_its_replies_but_not_the_shared_ones(world):
    desk = world.alpha.desk
    reply = services.save_canned_reply(world.alpha_admin, desk, title="Thanks", body="Thank you.")
    assert reply.desk == desk

    with pytest.raises(PermissionDenied):
        services.save_canned_reply(world.alpha_admin, desk, title="All", body="For all.", every_desk=True)
    shared = services.save_canned_reply(
        world.orcid_admin, desk, title="All", body="For all.", every_desk=True
    )
    assert shared.desk is None
    with pytest.raises(PermissionDenied):
        services.delete_canned_reply(world.alpha_admin, desk, shared)
    with pytest.raises(PermissionDenied):
        services.save_canned_reply(world.alpha_staff, desk, title="Mine", body="No.")
    with pytest.raises(ValidationError):
        services.delete_canned_reply(world.beta_admin, world.beta.desk, reply)
    assert CannedReply.objects.count() == 2


def test_a_saved_filter_is_its_users_and_the_same_name_replaces_it(world):
    first = services.save_filter(world.alpha_staff, "Mine", "?assignee=me")
    again = services.save_filter(world.alpha_staff, "Mine", "assignee=me&status=new")

    assert first.pk == again.pk and again.query == "assignee=me&status=new"
    with pytest.raises(PermissionDenied):
        services.delete_filter(world.alpha_admin, again)
    with pytest.raises(PermissionDenied):
        services.save_filter(world.alpha_member, "Members cannot", "status=open")
    assert SavedFilter.objects.count() == 1
