"""Each column header of the scorecard sorts by it, and a "-" reverses the order; the active
header says so with aria-sort."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from consortia.onboarding.models import ChecklistItem
from tests import factories


@pytest.fixture
def three_consortia(world):
    """alpha (APAC): 31 members, 0.6 FTE, agreement long ago, nothing done: riskiest.
    beta (EMEA): 1 member, compliant. gamma (APAC): 5 members, 2 FTE, agreement long ago."""
    today = timezone.localdate()
    for _ in range(30):
        factories.membership(world.alpha, with_lead_contacts=False)
    world.alpha.agreement_date = date(2020, 1, 1)
    world.alpha.save()
    factories.support_staff(world.alpha, "0.6", weekdays=(0, 1, 2, 3))

    world.beta.agreement_date = today - timedelta(days=30)
    world.beta.save()
    ChecklistItem.objects.filter(checklist__consortium=world.beta).update(completed_at=timezone.now())
    factories.support_staff(world.beta, "1.0", starts_on=today - timedelta(days=10))

    gamma = factories.consortium("Gamma Consortium", "gamma", world.apac)
    for _ in range(5):
        factories.membership(gamma, with_lead_contacts=False)
    gamma.agreement_date = date(2021, 1, 1)
    gamma.save()
    # Gamma's ORCID items are done, its own post-agreement items are not.
    ChecklistItem.objects.filter(checklist__consortium=gamma, owner="orcid").update(
        completed_at=timezone.now()
    )
    ChecklistItem.objects.filter(checklist__consortium=gamma, phase="pre_agreement").update(
        completed_at=timezone.now()
    )
    factories.support_staff(gamma, "1.0", starts_on=today - timedelta(days=10))
    factories.support_staff(gamma, "1.0", starts_on=today - timedelta(days=10))
    return world


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("risk", ["alpha", "gamma", "beta"]),
        ("-risk", ["beta", "gamma", "alpha"]),
        ("name", ["alpha", "beta", "gamma"]),
        ("-name", ["gamma", "beta", "alpha"]),
        ("members", ["alpha", "gamma", "beta"]),
        ("-members", ["beta", "gamma", "alpha"]),
        # FTE in post less FTE required: alpha -0.43, beta +0.50, gamma +1.50.
        ("fte", ["alpha", "beta", "gamma"]),
        ("-fte", ["gamma", "beta", "alpha"]),
        ("region", ["alpha", "gamma", "beta"]),
        ("overdue", ["alpha", "gamma", "beta"]),
        ("-overdue", ["beta", "gamma", "alpha"]),
    ],
)
def test_each_sort_orders_the_rows(three_consortia, client_for, sort, order):
    response = client_for("orcid_admin").get("/compliance/", {"sort": sort})

    assert [row.consortium.slug for row in response.context["page_obj"]] == order


@pytest.mark.parametrize(
    ("sort", "label", "direction", "next_sort"),
    [
        ("name", "Consortium", "ascending", "-name"),
        ("-name", "Consortium", "descending", "name"),
        ("members", "Members", "descending", "-members"),
        ("region", "Region", "ascending", "-region"),
        ("risk", "Risk", "descending", "-risk"),
    ],
)
def test_active_header_has_aria_sort_and_links_to_the_reverse(
    three_consortia, client_for, sort, label, direction, next_sort
):
    response = client_for("orcid_admin").get("/compliance/", {"sort": sort, "q": "a"})

    headers = {h["label"]: h for h in response.context["headers"]}
    assert headers[label]["aria_sort"] == direction
    assert headers[label]["href"] == f"?q=a&sort={next_sort}"
    assert [h["label"] for h in response.context["headers"] if h["aria_sort"]] == [label]
    assert f'aria-sort="{direction}"' in response.content.decode()


def test_an_unknown_sort_falls_back_to_risk(three_consortia, client_for):
    response = client_for("orcid_admin").get("/compliance/", {"sort": "shoe-size"})

    assert response.context["sort"] == "risk"
    assert [row.consortium.slug for row in response.context["page_obj"]] == ["alpha", "gamma", "beta"]
