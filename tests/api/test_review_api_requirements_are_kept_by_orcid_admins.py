"""The Collect & Connect requirements are read by everyone and written by ORCID admins; a retired
one is left out of new reviews."""

from consortia.integrations.models import ReviewRequirement


def test_orcid_admins_add_change_and_retire_requirements(api_for, world):
    client = api_for("orcid_admin")
    seeded = ReviewRequirement.objects.filter(badge="display").count()

    created = client.post(
        "/review-requirements", {"badge": "display", "text": "Shows the iD icon", "position": 99}
    )
    assert created.status_code == 201, created.json()
    requirement = created.json()["id"]
    listed = (
        api_for("alpha_member").get("/review-requirements", {"badge": "display", "page_size": 200}).json()
    )
    assert listed["count"] == seeded + 1 and listed["results"][-1]["id"] == requirement

    retired = client.patch(f"/review-requirements/{requirement}", {"is_active": False})
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    assert api_for("alpha_admin").get("/review-requirements", {"active": "false"}).json()["count"] == 1
    assert (
        api_for("alpha_admin").patch(f"/review-requirements/{requirement}", {"text": "x"}).status_code == 403
    )

    bad = client.post("/review-requirements", {"badge": "shine", "text": "x"})
    assert bad.status_code == 400 and "badge" in bad.json()["fields"]
    blank = client.post("/review-requirements", {"badge": "display", "text": " "})
    assert blank.status_code == 400 and "text" in blank.json()["fields"]
