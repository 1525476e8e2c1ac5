"""ORCID admins add and edit platforms and Collect & Connect requirements through the pages (the
services' rules shown on the forms); the catalogue lists each platform's counts and badges."""

from consortia.integrations import services
from consortia.integrations.models import BadgeAward, Integration, Platform, Review, ReviewRequirement, Stage


def test_orcid_admin_adds_and_edits_a_platform(world, client_for):
    client = client_for("orcid_admin")
    response = client.post(
        "/platforms/add/",
        {
            "name": "DSpace",
            "vendor": "LYRASIS",
            "system_type": "repository",
            "website": "https://dspace.org",
            "resources": "https://wiki.lyrasis.org/orcid\nAsk the DSpace list",
        },
    )
    platform = Platform.objects.get()
    assert response["Location"] == f"/platforms/{platform.pk}/"
    page = client.get(f"/platforms/{platform.pk}/").content.decode()
    assert '<a href="https://wiki.lyrasis.org/orcid"' in page and "Ask the DSpace list" in page
    response = client.post("/platforms/add/", {"name": "dspace", "system_type": "repository"})
    assert "in the catalogue already" in response.content.decode()
    client.post(
        f"/platforms/{platform.pk}/edit/",
        {"name": "DSpace", "system_type": "repository", "integration_status": "DSpace 7+ authenticates iDs"},
    )
    platform.refresh_from_db()
    assert platform.integration_status == "DSpace 7+ authenticates iDs"


def test_the_catalogue_shows_counts_live_and_badges(world, client_for):
    platform = services.save_platform(world.orcid_admin, name="OJS")
    for name in ("Journal A", "Journal B"):
        services.save_integration(
            world.alpha_admin, world.alpha_membership, name=name, system_type="publishing", platform=platform
        )
    live = Integration.objects.get(name="Journal A")
    Integration.objects.filter(pk=live.pk).update(stage=Stage.LIVE)
    review = Review.objects.create(integration=live, kind="orcid", badge="authenticate", outcome="passed")
    BadgeAward.objects.create(integration=live, badge="authenticate", awarded_on="2026-02-01", review=review)
    page = client_for("beta_member").get("/platforms/").content.decode()
    row = page[page.index(">OJS<") :]
    assert '<td class="num">2</td>' in row and '<td class="num">1</td>' in row
    assert "Authenticate" in row


def test_orcid_admin_adds_edits_and_retires_requirements(world, client_for):
    client = client_for("orcid_admin")
    client.post(
        "/collect-and-connect/requirements/add/",
        {"badge": "display", "text": "Shows the iD icon beside the iD", "position": 9, "is_active": "on"},
    )
    requirement = ReviewRequirement.objects.get(text="Shows the iD icon beside the iD")
    page = client.get("/collect-and-connect/requirements/").content.decode()
    assert "Shows the iD icon beside the iD" in page
    client.post(
        f"/collect-and-connect/requirements/{requirement.pk}/edit/",
        {"badge": "display", "text": "Shows the iD icon", "position": 9, "is_active": "on"},
    )
    client.post(f"/collect-and-connect/requirements/{requirement.pk}/retire/")
    requirement.refresh_from_db()
    assert requirement.text == "Shows the iD icon" and not requirement.is_active
