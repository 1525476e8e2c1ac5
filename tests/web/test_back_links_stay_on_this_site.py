"""Small POST forms return to the page they came from, never to another site."""

from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.directory import services
from consortia.directory.services import PersonDetails


def _flagged_change(world):
    voting = world.alpha_membership.contacts.get(role="voting")
    services.change_contact(
        world.alpha_member, voting, details=PersonDetails(given_names="N", email="n@x.example")
    )
    return AuditEntry.objects.get(needs_orcid_review=True)


def test_a_local_next_page_is_followed(world, client_for):
    entry = _flagged_change(world)
    back = reverse("directory:consortium_detail", args=["alpha"])
    response = client_for("regional").post(
        reverse("directory:change_acknowledge", args=[entry.pk]), {"next": back}
    )
    assert response["Location"] == back


def test_a_next_page_on_another_site_is_ignored(world, client_for):
    entry = _flagged_change(world)
    response = client_for("regional").post(
        reverse("directory:change_acknowledge", args=[entry.pk]), {"next": "https://evil.example/phish"}
    )
    assert response["Location"] == reverse("directory:request_list")
