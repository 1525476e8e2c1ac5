"""GET /checklists/{id}: every item with its owner, phase, due date, evidence and history."""

from datetime import timedelta

from django.utils import timezone

from consortia.directory.consortium_services import update_consortium
from consortia.onboarding import services
from consortia.onboarding.models import Checklist


def test_detail_lists_items_in_order_with_evidence_and_events(api_for, world):
    agreed = timezone.localdate() - timedelta(days=1)
    update_consortium(world.orcid_admin, world.alpha, agreement_date=agreed)
    checklist = Checklist.objects.get(consortium=world.alpha, kind="consortium")
    first = checklist.items.order_by("position").first()
    services.complete_item(
        world.alpha_staff, first, note="Lead is Alpha Lead", link="https://alpha.example/lead"
    )
    services.reopen_item(world.alpha_admin, first, reason="Lead changed")
    services.complete_item(world.alpha_admin, first, note="Lead is Alpha Two")

    response = api_for("alpha_staff").get(f"/checklists/{checklist.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["consortium"] == "alpha" and body["anchor_label"] == "agreement date"
    assert [item["position"] for item in body["items"]] == sorted(item["position"] for item in body["items"])
    assert body["item_count"] == len(body["items"]) and body["done_count"] == 1
    item = body["items"][0]
    assert item["id"] == first.pk
    assert item["owner"] == "consortium" and item["phase"] == "pre_agreement"
    assert item["due_date"] == agreed.isoformat()
    assert item["is_overdue"] is False
    assert item["completed_by"] == "admin@alpha.example"
    assert item["evidence_note"] == "Lead is Alpha Two" and item["has_evidence_file"] is False
    assert [(e["action"], e["by"]) for e in item["events"]] == [
        ("completed", "staff@alpha.example"),
        ("reopened", "admin@alpha.example"),
        ("completed", "admin@alpha.example"),
    ]
    assert item["events"][0]["link"] == "https://alpha.example/lead"
    assert item["events"][1]["reason"] == "Lead changed"
    second = body["items"][1]
    assert second["is_overdue"] is True and second["completed_at"] is None
    assert body["overdue_count"] == sum(i["is_overdue"] for i in body["items"])


def test_detail_runs_a_fixed_number_of_queries(api_for, world, django_assert_num_queries):
    checklist = Checklist.objects.get(consortium=world.alpha, kind="consortium")
    for item in checklist.items.all()[:5]:
        services.complete_item(world.alpha_admin, item, note="Done")
    client = api_for("alpha_admin")
    client.get(f"/checklists/{checklist.pk}")

    # Token, checklist, items, events.
    with django_assert_num_queries(4):
        assert client.get(f"/checklists/{checklist.pk}").status_code == 200
