"""Tenancy: an outsider of each role gets 404 for beta's checklists, items, evidence files and
deadline feed, by GET and by POST, and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.accounts.tokens import create_token
from consortia.onboarding import services
from consortia.onboarding.models import Checklist, ChecklistItemEvent, ChecklistKind
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_urls(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    checklist = Checklist.objects.get(consortium=world.beta, kind=ChecklistKind.CONSORTIUM)
    member_checklist = services.start_checklist(
        None, services.default_template(ChecklistKind.MEMBERSHIP), membership=world.beta_membership
    )
    open_item, done_item = checklist.items.filter(owner="consortium")[:2]
    services.complete_item(
        world.beta_admin, done_item, file=SimpleUploadedFile("minutes.txt", b"beta's secret minutes")
    )
    event = ChecklistItemEvent.objects.get(item=done_item)
    return [
        reverse("onboarding:consortium_checklist", args=["beta"]),
        reverse("onboarding:checklist_detail", args=[checklist.pk]),
        reverse("onboarding:checklist_detail", args=[member_checklist.pk]),
        reverse("onboarding:member_checklist", args=[world.beta_membership.pk]),
        reverse("onboarding:item_complete", args=[open_item.pk]),
        reverse("onboarding:item_reopen", args=[done_item.pk]),
        reverse("onboarding:item_evidence", args=[done_item.pk]),
        reverse("onboarding:event_evidence", args=[event.pk]),
        reverse("onboarding:deadlines_ics", args=["beta"]),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_every_beta_checklist_page(world, client_for, beta_urls, outsider):
    client = client_for(outsider)
    events = ChecklistItemEvent.objects.count()
    for url in beta_urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"note": "Hijacked", "reason": "x"}).status_code == 404, url
    assert ChecklistItemEvent.objects.count() == events
    assert (
        not Checklist.objects.filter(membership=world.beta_membership)
        .exclude(items__completed_at__isnull=True)
        .exists()
    )


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_an_outsiders_token_gets_404_for_beta_feed(world, client, outsider):
    _, key = create_token(None, getattr(world, outsider))
    response = client.get(reverse("onboarding:deadlines_ics", args=["beta"]), {"token": key})
    assert response.status_code == 404


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_beta_checklists_are_absent_from_outsiders_list(world, client_for, beta_urls, outsider):
    page = client_for(outsider).get(reverse("onboarding:checklist_list")).content.decode()
    assert "Beta Consortium" not in page and "Beta Institut" not in page


def test_a_member_contact_sees_nothing_of_its_consortiums_own_checklist(world, client_for, beta_urls):
    client = client_for("beta_member")
    for url in beta_urls[:2] + beta_urls[4:]:
        assert client.get(url).status_code == 404, url
    # Its own member checklist is readable; the consortium's evidence is not.
    assert client.get(beta_urls[3]).status_code == 200
    assert client.get(beta_urls[6]).status_code == 404
