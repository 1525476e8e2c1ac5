"""The platform catalogue is read by everyone signed in and kept by ORCID admins. Its counts cover
every consortium; the integrations it lists are only the reader's own scope, so a member sees
how many others are on the platform, never who they are."""

from consortia.integrations import services
from tests import factories


def test_orcid_admins_add_and_change_platforms(api_for, world):
    client = api_for("orcid_admin")

    created = client.post(
        "/platforms",
        {
            "name": "DSpace",
            "vendor": "LYRASIS",
            "system_type": "repository",
            "website": "https://dspace.org",
            "integration_status": "DSpace 7 supports the member API",
            "resources": ["https://wiki.lyrasis.org/orcid"],
        },
    )
    assert created.status_code == 201, created.json()
    platform = created.json()
    assert platform["resources"] == ["https://wiki.lyrasis.org/orcid"] and platform["integration_count"] == 0

    changed = client.patch(f"/platforms/{platform['id']}", {"vendor": None, "resources": []})
    assert changed.status_code == 200
    assert changed.json()["vendor"] == "" and changed.json()["resources"] == []
    assert api_for("alpha_member").patch(f"/platforms/{platform['id']}", {"vendor": "Me"}).status_code == 403

    duplicate = client.post("/platforms", {"name": "dspace"})
    assert duplicate.status_code == 400 and "name" in duplicate.json()["fields"]
    bad_type = client.post("/platforms", {"name": "Other", "system_type": "spaceship"})
    assert bad_type.status_code == 400 and "system_type" in bad_type.json()["fields"]


def test_members_see_counts_across_consortia_but_only_their_own_names(api_for, world):
    platform = services.save_platform(world.orcid_admin, name="Pure", system_type="cris")
    services.save_integration(
        world.alpha_admin, world.alpha_membership, name="Alpha Pure", system_type="cris", platform=platform
    )
    neighbour = factories.membership(world.alpha, factories.organization("Kiwi Institute", "NZ"))
    services.save_integration(
        world.alpha_admin, neighbour, name="Kiwi Pure", system_type="cris", platform=platform
    )
    services.save_integration(
        world.beta_admin, world.beta_membership, name="Beta Pure", system_type="cris", platform=platform
    )

    member = api_for("alpha_member").get(f"/platforms/{platform.pk}")
    assert member.status_code == 200
    assert member.json()["integration_count"] == 3
    assert [i["name"] for i in member.json()["integrations"]] == ["Alpha Pure"]
    assert "Kiwi" not in member.content.decode() and "Beta" not in member.content.decode()

    team = api_for("alpha_admin").get(f"/platforms/{platform.pk}").json()
    assert sorted(i["organization"] for i in team["integrations"]) == ["Alpha University", "Kiwi Institute"]
    assert len(api_for("orcid_admin").get(f"/platforms/{platform.pk}").json()["integrations"]) == 3

    listed = api_for("beta_member").get("/platforms", {"q": "pur"}).json()
    assert listed["count"] == 1 and listed["results"][0]["integration_count"] == 3
    assert listed["results"][0]["badge_counts"] == dict.fromkeys(
        ["authenticate", "collect", "display", "connect", "synchronize"], 0
    )
