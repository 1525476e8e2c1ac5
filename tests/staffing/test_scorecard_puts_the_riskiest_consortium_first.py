"""The scorecard is sorted by risk unless told otherwise: a consortium short of FTE with a
weekday gap comes before one that meets every requirement."""

from datetime import timedelta

from django.utils import timezone

from consortia.onboarding.models import ChecklistItem
from tests import factories


def make_compliant(consortium):
    """Agreement signed a month ago, every checklist item done, a new full-time manager."""
    today = timezone.localdate()
    consortium.agreement_date = today - timedelta(days=30)
    consortium.save()
    ChecklistItem.objects.filter(checklist__consortium=consortium).update(completed_at=timezone.now())
    factories.support_staff(consortium, "1.0", starts_on=today - timedelta(days=10))


def make_understaffed(consortium, members=31):
    """``members`` members, 0.6 FTE covering Monday to Thursday only."""
    for _ in range(members - consortium.memberships.count()):
        factories.membership(consortium, with_lead_contacts=False)
    factories.support_staff(consortium, "0.6", weekdays=(0, 1, 2, 3))


def test_understaffed_consortium_with_a_weekday_gap_comes_first(world, client_for):
    # Alphabetically "Beta" would come second; by risk it comes first.
    make_compliant(world.alpha)
    make_understaffed(world.beta)

    response = client_for("orcid_admin").get("/compliance/")

    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    assert [row.consortium.slug for row in rows] == ["beta", "alpha"]
    assert rows[1].eligibility == "full" and rows[1].reasons == []
    assert response.context["sort"] == "risk"
    html = response.content.decode()
    assert html.index("Beta Consortium") < html.index("Alpha Consortium")
    assert 'aria-sort="descending"' in html


def test_reasons_are_listed_in_the_scorecard(world, client_for):
    make_understaffed(world.beta)

    html = client_for("orcid_admin").get("/compliance/").content.decode()

    assert "0.6 FTE for 31 members; needs 1.03" in html
    assert "Friday not covered" in html
    assert "Not eligible" in html
