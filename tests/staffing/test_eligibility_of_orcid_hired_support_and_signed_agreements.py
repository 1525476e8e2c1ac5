"""Full discount when every rule is met; the smaller discount when ORCID hires the support staff
(the staffing rules are then ORCID's to meet); none without a signed agreement."""

from datetime import date, timedelta

from django.utils import timezone

from consortia.directory import consortium_services
from consortia.onboarding.models import ChecklistItem, Phase
from consortia.staffing import compliance
from consortia.staffing.compliance import Eligibility
from tests import factories


def _sign_and_complete(world, consortium, *, leave_open_phase=None):
    consortium_services.update_consortium(world.orcid_admin, consortium, agreement_date=date(2020, 1, 6))
    consortium.refresh_from_db()  # the service saved its own copy
    items = ChecklistItem.objects.filter(checklist__consortium=consortium, checklist__kind="consortium")
    if leave_open_phase:
        items = items.exclude(phase=leave_open_phase, owner="consortium")
    items.update(completed_at=timezone.now(), evidence_note="Done.")


def _hire_through_orcid(world, consortium):
    consortium_services.update_consortium(world.orcid_admin, consortium, support_model="orcid_hired")
    consortium.refresh_from_db()


def test_a_consortium_meeting_every_rule_gets_the_full_discount(world):
    _sign_and_complete(world, world.alpha)
    # In post for a week: not yet late with ORCID's training.
    factories.support_staff(world.alpha, "0.5", starts_on=timezone.localdate() - timedelta(days=7))

    result = compliance.assess_one(world.alpha)

    assert (result.eligibility, result.reasons) == (Eligibility.FULL, [])
    assert result.is_eligible


def test_orcid_hired_support_with_the_checklist_done_gets_the_smaller_discount(world):
    _hire_through_orcid(world, world.alpha)
    _sign_and_complete(world, world.alpha)

    result = compliance.assess_one(world.alpha)

    assert (result.eligibility, result.reasons) == (Eligibility.SMALLER, [])
    assert result.eligibility_label == "Smaller discount (ORCID-hired support)"


def test_orcid_hired_support_is_not_held_to_the_staffing_rules(world):
    _hire_through_orcid(world, world.alpha)
    _sign_and_complete(world, world.alpha)
    for _ in range(40):
        factories.membership(world.alpha, with_lead_contacts=False)
    factories.support_staff(
        world.alpha, "0.2", weekdays=(0,), role="technical_support", starts_on=date(2020, 1, 1)
    )

    result = compliance.assess_one(world.alpha)

    assert result.eligibility == Eligibility.SMALLER
    assert result.reasons == []


def test_orcid_hired_support_with_overdue_items_gets_no_discount(world):
    _hire_through_orcid(world, world.alpha)
    _sign_and_complete(world, world.alpha, leave_open_phase=Phase.POST_AGREEMENT)

    result = compliance.assess_one(world.alpha)

    assert result.eligibility == Eligibility.NONE
    assert result.reasons == ["5 post-agreement items overdue"]


def test_without_a_signed_agreement_there_is_no_discount(world):
    factories.support_staff(world.alpha, "1.0", starts_on=timezone.localdate())

    result = compliance.assess_one(world.alpha)

    assert world.alpha.agreement_date is None
    assert result.eligibility == Eligibility.NONE
    assert "No consortium agreement signed yet" in result.reasons


def test_before_the_agreement_date_the_agreement_is_not_signed_yet(world):
    _sign_and_complete(world, world.alpha)
    factories.support_staff(world.alpha, "1.0", starts_on=date(2019, 1, 1))

    assert (
        "No consortium agreement signed yet" in compliance.assess_one(world.alpha, date(2020, 1, 5)).reasons
    )
    assert (
        "No consortium agreement signed yet"
        not in compliance.assess_one(world.alpha, date(2020, 1, 6)).reasons
    )


def test_fees_not_paid_within_sixty_days_are_a_reason(world):
    _sign_and_complete(world, world.alpha, leave_open_phase=Phase.FEES)

    result = compliance.assess_one(world.alpha)

    assert "Fees overdue since 6 Mar 2020" in result.reasons
