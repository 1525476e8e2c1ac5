"""/checklist-templates: ORCID admins read and edit the templates; every other role gets 403."""

import pytest

from consortia.onboarding.models import ChecklistTemplate, TemplateItem


@pytest.fixture
def template(db):
    return ChecklistTemplate.objects.get(slug="consortium-onboarding")


def test_orcid_admins_list_and_read_templates(api_for, template):
    client = api_for("orcid_admin")

    listed = client.get("/checklist-templates")
    detail = client.get(f"/checklist-templates/{template.pk}")

    assert listed.status_code == 200
    assert {row["slug"] for row in listed.json()} >= {"consortium-onboarding"}
    body = detail.json()
    assert body["kind"] == "consortium" and body["is_default"] is True
    assert body["item_count"] == len(body["items"]) == template.items.count()
    fees = next(item for item in body["items"] if item["phase"] == "fees")
    assert fees["due_rule"] == "within 60 days"


def test_orcid_admins_add_change_and_remove_items(api_for, template):
    client = api_for("orcid_admin")
    count = template.items.count()

    added = client.post(
        f"/checklist-templates/{template.pk}/items",
        {
            "title": "Sign the data processing agreement",
            "owner": "consortium",
            "phase": "post_agreement",
            "due_months": 1,
        },
    )
    assert added.status_code == 201, added.content
    item_id = added.json()["id"]
    assert added.json()["position"] == count + 1

    changed = client.patch(f"/checklist-templates/items/{item_id}", {"owner": "orcid", "guidance": None})
    assert changed.status_code == 200
    assert changed.json()["owner"] == "orcid" and changed.json()["guidance"] == ""

    removed = client.delete(f"/checklist-templates/items/{item_id}")
    assert removed.status_code == 204
    assert not TemplateItem.objects.filter(pk=item_id).exists()


def test_a_bad_owner_is_400_naming_the_field(api_for, template):
    response = api_for("orcid_admin").post(
        f"/checklist-templates/{template.pk}/items", {"title": "Something", "owner": "member"}
    )

    assert response.status_code == 400
    assert "owner" in response.json()["fields"]


def test_orcid_admins_rename_a_template(api_for, template):
    response = api_for("orcid_admin").patch(
        f"/checklist-templates/{template.pk}", {"name": "Consortium onboarding (2025)"}
    )

    assert response.status_code == 200
    template.refresh_from_db()
    assert template.name == "Consortium onboarding (2025)" and template.is_default


@pytest.mark.parametrize("name", ["regional", "alpha_admin", "alpha_staff", "alpha_member", "beta_admin"])
def test_every_other_role_gets_403(api_for, template, name):
    client = api_for(name)
    item = template.items.first()

    answers = [
        client.get("/checklist-templates"),
        client.get(f"/checklist-templates/{template.pk}"),
        client.patch(f"/checklist-templates/{template.pk}", {"name": "Taken"}),
        client.post(f"/checklist-templates/{template.pk}/items", {"title": "Taken"}),
        client.patch(f"/checklist-templates/items/{item.pk}", {"title": "Taken"}),
        client.delete(f"/checklist-templates/items/{item.pk}"),
    ]

    assert [answer.status_code for answer in answers] == [403] * len(answers)
    template.refresh_from_db()
    assert template.name != "Taken" and TemplateItem.objects.filter(pk=item.pk, title=item.title).exists()
