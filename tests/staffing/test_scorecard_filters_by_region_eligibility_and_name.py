"""The scorecard filters by region (ORCID admins), by eligibility and by name; the summary
tiles count the consortia the region and name filters leave."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.onboarding.models import ChecklistItem
from tests import factories


@pytest.fixture
def beta_is_compliant(world):
    today = timezone.localdate()
    world.beta.agreement_date = today - timedelta(days=30)
    world.beta.save()
    ChecklistItem.objects.filter(checklist__consortium=world.beta).update(completed_at=timezone.now())
    factories.support_staff(world.beta, "1.0", starts_on=today - timedelta(days=10))
    return world


def slugs(response):
    return [row.consortium.slug for row in response.context["page_obj"]]


def test_region_filter(beta_is_compliant, client_for):
    client = client_for("orcid_admin")

    assert slugs(client.get("/compliance/", {"region": "emea"})) == ["beta"]
    assert slugs(client.get("/compliance/", {"region": "apac"})) == ["alpha"]
    assert sorted(slugs(client.get("/compliance/", {"region": ""}))) == ["alpha", "beta"]


def test_region_filter_is_offered_to_orcid_admins_only(beta_is_compliant, client_for):
    assert 'name="region"' in client_for("orcid_admin").get("/compliance/").content.decode()
    assert 'name="region"' not in client_for("regional").get("/compliance/").content.decode()


def test_eligibility_filter(beta_is_compliant, client_for):
    client = client_for("orcid_admin")

    assert slugs(client.get("/compliance/", {"eligibility": "full"})) == ["beta"]
    assert slugs(client.get("/compliance/", {"eligibility": "none"})) == ["alpha"]
    assert slugs(client.get("/compliance/", {"eligibility": "smaller"})) == []


def test_orcid_hired_support_counts_as_smaller_discount(beta_is_compliant, client_for):
    beta = beta_is_compliant.beta
    beta.support_model = "orcid_hired"
    beta.save()

    response = client_for("orcid_admin").get("/compliance/", {"eligibility": "smaller"})

    assert slugs(response) == ["beta"]
    assert "Smaller discount (ORCID-hired support)" in response.content.decode()


def test_name_search(beta_is_compliant, client_for):
    client = client_for("orcid_admin")

    assert slugs(client.get("/compliance/", {"q": "alph"})) == ["alpha"]
    assert slugs(client.get("/compliance/", {"q": "BETA"})) == ["beta"]
    assert "No consortia match" in client.get("/compliance/", {"q": "zeta"}).content.decode()


def test_summary_tiles_count_each_eligibility(beta_is_compliant, client_for):
    response = client_for("orcid_admin").get("/compliance/", {"eligibility": "none"})

    # The tiles count before the eligibility filter, so they still show both.
    assert response.context["counts"] == {"full": 1, "smaller": 0, "none": 1}
    narrowed = client_for("orcid_admin").get("/compliance/", {"q": "beta"})
    assert narrowed.context["counts"] == {"full": 1, "smaller": 0, "none": 0}
