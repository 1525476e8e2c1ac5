"""GET /checklists: the checklists in scope with their progress, filtered by consortium, kind,
overdue and ?q=."""

from datetime import timedelta

from django.utils import timezone

from consortia.directory.consortium_services import update_consortium
from consortia.onboarding.models import Checklist


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_each_checklist_carries_its_consortium_member_anchor_and_counts(api_for, world):
    agreed = timezone.localdate() - timedelta(days=1)
    update_consortium(world.orcid_admin, world.alpha, agreement_date=agreed)
    checklist = Checklist.objects.get(consortium=world.alpha, kind="consortium")

    [row] = rows(api_for("alpha_admin").get("/checklists"))

    assert row["id"] == checklist.pk
    assert row["kind"] == "consortium" and row["consortium"] == "alpha"
    assert row["membership_id"] is None and row["organization"] is None
    assert row["anchor_date"] == agreed.isoformat()
    assert row["item_count"] == checklist.items.count()
    assert row["done_count"] == 0
    # Pre-agreement items fall due on the agreement date itself, which has passed.
    assert row["overdue_count"] == checklist.items.filter(phase="pre_agreement").count()


def test_filters_narrow_the_list(api_for, world):
    update_consortium(world.orcid_admin, world.beta, agreement_date=timezone.localdate() - timedelta(days=1))
    api_for("alpha_admin").post(f"/memberships/{world.alpha_membership.pk}/checklist")
    client = api_for("orcid_admin")

    def names(params):
        return sorted((row["consortium"], row["kind"]) for row in rows(client.get("/checklists", params)))

    assert names({}) == [("alpha", "consortium"), ("alpha", "membership"), ("beta", "consortium")]
    assert names({"consortium": "beta"}) == [("beta", "consortium")]
    assert names({"kind": "membership"}) == [("alpha", "membership")]
    assert names({"overdue": "true"}) == [("beta", "consortium")]
    assert names({"overdue": "false"}) == [("alpha", "consortium"), ("alpha", "membership")]
    assert names({"q": "alpha univ"}) == [("alpha", "membership")]
    assert names({"q": "Beta Consortium"}) == [("beta", "consortium")]
    assert names({"q": "Gamma"}) == []


def test_member_checklist_names_its_organization(api_for, world):
    api_for("alpha_admin").post(f"/memberships/{world.alpha_membership.pk}/checklist")

    [row] = rows(api_for("alpha_member").get("/checklists"))

    assert row["membership_id"] == world.alpha_membership.pk
    assert row["organization"] == "Alpha University"


def test_a_bad_kind_or_overdue_filter_is_400_naming_it(api_for, world):
    client = api_for("orcid_admin")

    kind = client.get("/checklists", {"kind": "member"})
    overdue = client.get("/checklists", {"overdue": "maybe"})

    assert kind.status_code == overdue.status_code == 400
    assert "kind" in kind.json()["fields"]
    assert overdue.json()["fields"] == {"overdue": ["overdue must be true or false, not 'maybe'."]}
