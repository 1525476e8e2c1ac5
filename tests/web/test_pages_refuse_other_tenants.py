"""Tenancy: no page shows or changes another tenant's data. An outsider of each role gets 404
for every object of consortium beta, by GET and by POST, and nothing is written."""

import pytest
from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.directory import services
from consortia.directory.services import PersonDetails
from tests.conftest import OUTSIDERS_OF_BETA


def beta_urls(world):
    membership = world.beta_membership
    contact = membership.contacts.first()
    request = services.add_membership(
        world.beta_admin,
        world.beta,
        services.create_organization(world.beta_admin, name="Beta Newcomer", country="DE"),
    ).requests.get()
    voting = membership.contacts.get(role="voting")
    services.change_contact(
        world.beta_member, voting, details=PersonDetails(given_names="X", email="x@beta.example")
    )
    flagged = AuditEntry.objects.get(needs_orcid_review=True)
    return [
        reverse("directory:consortium_detail", args=["beta"]),
        reverse("directory:member_list", args=["beta"]),
        reverse("directory:member_add", args=["beta"]),
        reverse("directory:lead_contacts", args=["beta"]),
        reverse("directory:member_detail", args=[membership.pk]),
        reverse("directory:member_edit", args=[membership.pk]),
        reverse("directory:organization_edit", args=[membership.pk]),
        reverse("directory:member_end", args=[membership.pk]),
        reverse("directory:contact_add", args=[membership.pk]),
        reverse("directory:contact_edit", args=[contact.pk]),
        reverse("directory:contact_remove", args=[contact.pk]),
        reverse("directory:request_decide", args=[request.pk]),
        reverse("directory:change_acknowledge", args=[flagged.pk]),
        reverse("directory:person_verify_orcid", args=[contact.person_id]),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_every_beta_page(world, client_for, outsider):
    client = client_for(outsider)
    for url in beta_urls(world):
        assert client.get(url).status_code in (404, 405), url
        before = AuditEntry.objects.count()
        assert (
            client.post(url, {"name": "Hijacked", "reason": "x", "decision": "confirm"}).status_code == 404
        ), url
        assert AuditEntry.objects.count() == before, url


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_beta_members_are_absent_from_outsiders_lists(world, client_for, outsider):
    client = client_for(outsider)
    for url in (
        reverse("directory:people_search"),
        reverse("directory:consortium_list"),
        reverse("directory:request_list"),
    ):
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404)
        assert b"Beta Institut" not in response.content
        assert world.beta_membership.contacts.first().person.email.encode() not in response.content


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get(reverse("directory:member_detail", args=[world.alpha_membership.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
