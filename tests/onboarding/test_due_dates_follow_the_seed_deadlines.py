"""Due dates count from the agreement date: pre-agreement items by it, fees within 60 days,
the post-agreement criteria within three months (clamped to month ends, leap years included)."""

from datetime import date

import pytest

from consortia import program
from consortia.directory import consortium_services
from consortia.onboarding.models import Checklist, ChecklistKind, Phase


def _due_dates_by_phase(consortium) -> dict[str, set[date]]:
    checklist = Checklist.objects.get(consortium=consortium, kind=ChecklistKind.CONSORTIUM)
    dates: dict[str, set[date]] = {}
    for phase, due in checklist.items.values_list("phase", "due_date"):
        dates.setdefault(phase, set()).add(due)
    return dates


def _sign(world, agreement: date):
    consortium_services.update_consortium(world.orcid_admin, world.alpha, agreement_date=agreement)
    return _due_dates_by_phase(world.alpha)


@pytest.mark.parametrize(
    ("agreement", "three_months_later"),
    [
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 30), date(2024, 2, 29)),
        (date(2025, 3, 31), date(2025, 6, 30)),
        (date(2024, 10, 31), date(2025, 1, 31)),
        (date(2024, 6, 15), date(2024, 9, 15)),
    ],
)
def test_post_agreement_items_are_due_three_months_after_the_agreement_clamped_to_month_end(
    world, agreement, three_months_later
):
    assert program.POST_AGREEMENT_CRITERIA_MONTHS == 3  # the examples below assume the seed's rule

    assert _sign(world, agreement)[Phase.POST_AGREEMENT] == {three_months_later}


@pytest.mark.parametrize(
    ("agreement", "fees_due"),
    [
        (date(2024, 12, 31), date(2025, 3, 1)),
        (date(2023, 12, 31), date(2024, 2, 29)),
        (date(2025, 1, 1), date(2025, 3, 2)),
    ],
)
def test_fees_are_due_sixty_days_after_the_agreement(world, agreement, fees_due):
    assert program.FEES_DUE_DAYS_AFTER_AGREEMENT == 60

    assert _sign(world, agreement)[Phase.FEES] == {fees_due}


def test_pre_agreement_items_are_due_on_the_agreement_date(world):
    assert _sign(world, date(2024, 2, 29))[Phase.PRE_AGREEMENT] == {date(2024, 2, 29)}


def test_without_an_agreement_date_nothing_is_due_yet(world):
    dates = _due_dates_by_phase(world.alpha)

    assert world.alpha.agreement_date is None
    assert set().union(*dates.values()) == {None}
