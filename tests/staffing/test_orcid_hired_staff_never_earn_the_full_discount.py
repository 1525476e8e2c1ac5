"""Staff ORCID hires are ORCID's support: they earn the smaller discount, never the full one,
whatever the consortium's support model says."""

from datetime import UTC, date, datetime
from decimal import Decimal

from consortia.directory.models import Consortium
from consortia.onboarding.models import ChecklistItem
from consortia.staffing import compliance
from tests import factories


def _signed_and_checklist_done(consortium):
    consortium.agreement_date = date(2020, 1, 1)
    consortium.save()
    ChecklistItem.objects.filter(checklist__consortium=consortium).update(
        completed_at=datetime(2020, 1, 1, tzinfo=UTC)
    )


def test_a_direct_hire_consortium_staffed_only_by_orcid_hires_gets_the_smaller_discount(world):
    world.alpha.support_model = Consortium.SupportModel.DIRECT_HIRE
    _signed_and_checklist_done(world.alpha)
    factories.support_staff(world.alpha, "0.5", employment_model="orcid_hired")

    result = compliance.assess_one(world.alpha)

    assert result.is_orcid_hired
    assert result.eligibility == compliance.Eligibility.SMALLER


def test_orcid_hired_fte_does_not_count_towards_the_consortiums_own(world):
    _signed_and_checklist_done(world.alpha)
    factories.support_staff(world.alpha, "0.3", employment_model="direct_hire")
    factories.support_staff(world.alpha, "0.5", employment_model="orcid_hired")

    result = compliance.assess_one(world.alpha)

    assert result.total_fte == Decimal("0.30")
    assert "0.3 FTE for 1 members; needs 0.50" in result.reasons
    assert result.eligibility == compliance.Eligibility.NONE
    assert any("ORCID-hired staff is ORCID's support" in advice for advice in result.advice)
