"""Advice is shown apart from the requirements and does not change eligibility; the page
explains the support model: with ORCID-hired support the smaller discount applies and the
staffing rules are ORCID's."""

from datetime import timedelta

from django.utils import timezone

from consortia.onboarding.models import ChecklistItem
from tests import factories


def compliant(consortium):
    today = timezone.localdate()
    consortium.agreement_date = today - timedelta(days=30)
    consortium.save()
    ChecklistItem.objects.filter(checklist__consortium=consortium).update(completed_at=timezone.now())


def test_advice_is_a_separate_recommendation(world, client_for):
    compliant(world.beta)
    # A full-time community manager and nobody on technical support: advice, not a reason.
    factories.support_staff(world.beta, "1.0", starts_on=timezone.localdate() - timedelta(days=10))

    response = client_for("beta_admin").get("/consortia/beta/compliance/")

    result = response.context["result"]
    assert result.eligibility == "full" and result.reasons == []
    assert result.advice
    html = response.content.decode()
    assert "recommendations, not requirements" in html
    advice_at = html.index('class="advice"')
    assert html.index("About a quarter of the role is technical") > advice_at
    assert html.index("Full consortium discount") < advice_at
    assert "Meets every requirement" in html


def test_orcid_hired_support_gets_the_smaller_discount_and_orcid_meets_the_staffing_rules(world, client_for):
    compliant(world.beta)
    world.beta.support_model = "orcid_hired"
    world.beta.save()

    response = client_for("orcid_admin").get("/consortia/beta/compliance/")

    assert response.context["result"].eligibility == "smaller"
    html = response.content.decode()
    assert "Smaller discount (ORCID-hired support)" in html
    assert "staffing rules" in html and "ORCID's to meet" in html
    # No staff in post, yet no staffing reason: that is ORCID's to fix.
    assert response.context["result"].reasons == []
    assert "No community manager in post" not in html


def test_own_staff_explains_the_full_discount_rules(world, client_for):
    html = client_for("beta_staff").get("/consortia/beta/compliance/").content.decode()

    assert "full consortium discount" in html
    assert "smaller discount" in html
