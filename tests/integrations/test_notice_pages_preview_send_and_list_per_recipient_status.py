"""The notice pages: compose, preview the recipients, send (recorded and queued), the list of sent
notices with per-recipient counts and a notice's page with each recipient's status; other tenants
get 404 or 403."""

import pytest

from consortia.directory.models import Contact
from consortia.integrations import notices, services
from consortia.integrations.models import Announcement, Platform
from tests import factories


@pytest.fixture
def dspace(world):
    platform = Platform.objects.create(name="DSpace")
    person = factories.person("Tech", email="tech@alpha-university.example")
    Contact.objects.create(membership=world.alpha_membership, person=person, role=Contact.Role.TECHNICAL)
    services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Repository", system_type="repository",
        platform=platform, technical_contact=person,
    )  # fmt: skip
    return platform


def form(platform, action):
    return {
        "subject": "DSpace 8",
        "body": "Upgrade, please.",
        "audience": "platform",
        "platform": platform.pk,
        "action": action,
    }


def test_preview_lists_recipients_and_sends_nothing(world, client_for, dspace):
    response = client_for("alpha_admin").post(
        "/consortia/alpha/integrations/notices/new/", form(dspace, "preview")
    )
    assert response.status_code == 200
    assert b"tech@alpha-university.example" in response.content
    assert not Announcement.objects.exists()


def test_send_records_the_notice_and_its_page_shows_each_recipient(world, client_for, dspace):
    client = client_for("alpha_admin")
    response = client.post("/consortia/alpha/integrations/notices/new/", form(dspace, "send"))
    announcement = Announcement.objects.get()
    assert response.status_code == 302 and response.url == f"/integrations/notices/{announcement.pk}/"
    assert announcement.consortium == world.alpha and announcement.sent_by == world.alpha_admin
    page = client.get(response.url)
    assert b"tech@alpha-university.example" in page.content and b"Waiting" in page.content
    listing = client.get("/integrations/notices/")
    assert b"DSpace 8" in listing.content


def test_platform_audience_needs_a_platform(world, client_for, dspace):
    data = form(dspace, "preview")
    data["platform"] = ""
    response = client_for("alpha_admin").post("/consortia/alpha/integrations/notices/new/", data)
    assert b"Choose the platform" in response.content


@pytest.mark.parametrize("name", ["beta_admin", "beta_staff", "regional", "alpha_member"])
def test_outsiders_cannot_see_alphas_notice(world, client_for, dspace, name):
    announcement = notices.send_notice(
        world.alpha_admin, subject="S", body="B", audience="platform", platform=dspace, consortium=world.alpha
    )
    if name == "regional":  # alpha is in APAC: regional staff see it; beta's team does not
        assert client_for(name).get(f"/integrations/notices/{announcement.pk}/").status_code == 200
        return
    assert client_for(name).get(f"/integrations/notices/{announcement.pk}/").status_code == 404
    assert b">S<" not in client_for(name).get("/integrations/notices/").content


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff", "regional"])
def test_composing_for_another_consortium_is_404(world, client_for, name):
    assert client_for(name).get("/consortia/beta/integrations/notices/new/").status_code == 404


def test_a_member_contact_cannot_compose_for_their_own_consortium(world, client_for):
    assert client_for("alpha_member").get("/consortia/alpha/integrations/notices/new/").status_code == 403
    assert client_for("alpha_staff").get("/integrations/notices/new/").status_code == 403
