"""A member without an onboarding checklist (an active member, say) gets one from its page:
the consortium's team sees a "Start member onboarding checklist" button; others do not, and
are refused if they post."""

import pytest
from django.urls import reverse

from consortia.onboarding.models import Checklist

START = "Start member onboarding checklist"


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff", "orcid_admin"])
def test_the_consortium_team_starts_the_member_checklist(world, client_for, name):
    client = client_for(name)
    url = reverse("onboarding:member_checklist", args=[world.alpha_membership.pk])
    assert START in client.get(url).content.decode()
    response = client.post(url, follow=True)
    page = response.content.decode()
    assert "Started the member onboarding checklist" in page
    assert "Welcome resources sent" in page
    checklist = Checklist.objects.get(membership=world.alpha_membership)
    assert checklist.kind == "membership" and checklist.consortium == world.alpha
    # A second press does not start another.
    client.post(url)
    assert Checklist.objects.filter(membership=world.alpha_membership).count() == 1


@pytest.mark.parametrize("name", ["regional", "alpha_member"])
def test_others_in_scope_cannot_start_it(world, client_for, name):
    client = client_for(name)
    url = reverse("onboarding:member_checklist", args=[world.alpha_membership.pk])
    page = client.get(url).content.decode()
    assert START not in page and "has no member onboarding checklist" in page
    assert client.post(url).status_code == 403
    assert not Checklist.objects.filter(membership=world.alpha_membership).exists()
