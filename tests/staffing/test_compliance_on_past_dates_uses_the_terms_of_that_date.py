"""A change of FTE or coverage takes effect on a date: compliance before it reads the old terms,
so editing today never rewrites the past. A correction can be made from the start."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from consortia.directory.services import PersonDetails
from consortia.staffing import compliance, services
from consortia.staffing.services import Hours

STARTED = date(2026, 1, 5)
MON_TO_FRI = [Hours(day, time(9), time(17)) for day in range(5)]
MONDAY_ONLY = [Hours(0, time(9), time(13))]


def _add(world):
    return services.add_staff(
        world.alpha_admin,
        world.alpha,
        PersonDetails("Aroha", "Ngata", email="aroha@alpha.example"),
        fte="1.0",
        starts_on=STARTED,
        coverage=MON_TO_FRI,
    )


def test_a_cut_in_fte_and_coverage_counts_only_from_when_it_takes_effect(world):
    staff = _add(world)

    services.update_staff(
        world.alpha_admin, staff, fte="0.2", coverage=MONDAY_ONLY, effective_on=date(2026, 6, 1)
    )

    before = compliance.assess_one(world.alpha, date(2026, 3, 2))
    after = compliance.assess_one(world.alpha, date(2026, 7, 1))
    assert (before.total_fte, before.uncovered_weekdays) == (Decimal("1.00"), [])
    assert after.total_fte == Decimal("0.20")
    assert after.uncovered_weekdays == ["Tuesday", "Wednesday", "Thursday", "Friday"]
    assert compliance.assess_one(world.alpha).total_fte == Decimal("0.20")


def test_a_correction_from_the_start_date_rewrites_the_whole_period(world):
    staff = _add(world)

    services.update_staff(world.alpha_admin, staff, fte="0.8", effective_on=STARTED)

    assert compliance.assess_one(world.alpha, date(2026, 3, 2)).total_fte == Decimal("0.80")
    assert staff.terms.count() == 1


def test_a_change_cannot_take_effect_before_the_person_started(world):
    staff = _add(world)

    with pytest.raises(ValidationError) as refused:
        services.update_staff(world.alpha_admin, staff, fte="0.5", effective_on=date(2025, 12, 1))

    assert "effective_on" in refused.value.message_dict
    staff.refresh_from_db()
    assert staff.fte == Decimal("1.00")


def test_changes_that_are_not_terms_record_no_new_terms(world):
    staff = _add(world)

    services.update_staff(world.alpha_admin, staff, employer="Rangahau Trust")

    assert staff.terms.count() == 1
