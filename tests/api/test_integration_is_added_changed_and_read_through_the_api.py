"""An integration is added, read, changed and listed through the API; its detail carries the
stage log, credentials, reviews and badges, and the list filters by every documented filter."""

from consortia.integrations import services
from consortia.integrations.models import Platform
from tests import factories


def test_an_integration_round_trips_through_the_api(api_for, world):
    pure = Platform.objects.create(name="Pure", vendor="Elsevier", system_type="cris")
    contact = world.alpha_membership.contacts.select_related("person").first().person
    client = api_for("alpha_admin")

    created = client.post(
        "/integrations",
        {
            "membership": world.alpha_membership.pk,
            "name": "Research portal",
            "system_type": "cris",
            "platform": pure.pk,
            "api": "member",
            "technical_contact": contact.pk,
            "target_sandbox_on": "2026-01-10",
            "target_live_on": "2026-06-30",
            "notes": "Phase one",
        },
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["stage"] == "planned"
    assert body["platform_name"] == "Pure" and body["technical_contact"] == contact.pk
    assert body["organization"] == "Alpha University" and body["consortium"] == "alpha"
    assert [(e["from_stage"], e["to_stage"]) for e in body["stage_log"]] == [("", "planned")]
    assert body["credentials"] == [] and body["reviews"] == [] and body["badges"] == []
    assert body["can_edit"] is True

    changed = client.patch(f"/integrations/{body['id']}", {"name": "Research portal 2", "platform": None})
    assert changed.status_code == 200, changed.json()
    assert changed.json()["name"] == "Research portal 2" and changed.json()["platform"] is None
    assert changed.json()["notes"] == "Phase one"

    read = api_for("alpha_member").get(f"/integrations/{body['id']}")
    assert read.status_code == 200 and read.json()["name"] == "Research portal 2"


def test_the_list_filters_by_consortium_member_stage_type_platform_api_and_text(api_for, world):
    ojs = Platform.objects.create(name="OJS", system_type="publishing")
    other = factories.membership(world.alpha, factories.organization("Kea Press", "NZ"))
    services.save_integration(world.alpha_admin, world.alpha_membership, name="Pure", system_type="cris")
    journal = services.save_integration(
        world.alpha_admin, other, name="Journals", system_type="publishing", platform=ojs, api="public"
    )
    services.move_stage(world.alpha_admin, journal, "sandbox_requested")
    services.save_integration(
        world.beta_admin, world.beta_membership, name="DSpace", system_type="repository"
    )
    client = api_for("orcid_admin")

    def names(**params):
        response = client.get("/integrations", params)
        assert response.status_code == 200, response.json()
        return sorted(row["name"] for row in response.json()["results"])

    assert names() == ["DSpace", "Journals", "Pure"]
    assert names(consortium="alpha") == ["Journals", "Pure"]
    assert names(membership=other.pk) == ["Journals"]
    assert names(stage="sandbox_requested") == ["Journals"]
    assert names(system_type="repository") == ["DSpace"]
    assert names(platform=ojs.pk) == ["Journals"]
    assert names(api="public") == ["Journals"]
    assert names(q="kea") == ["Journals"]
    assert names(q="ojs") == ["Journals"]
