"""Support staff are added and changed by the consortium admin or ORCID, with terms that make sense:
at most one FTE per person across consortia, each weekday once, shadowing of one to two months."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.audit.models import AuditEntry
from consortia.directory.services import PersonDetails
from consortia.staffing import services
from consortia.staffing.services import Hours

ROSA = PersonDetails(given_names="Rosa", family_name="Tui", email="rosa@alpha.example")
WEEK = [Hours(day, time(9), time(17)) for day in range(5)]


def _add(actor, consortium, **terms):
    terms.setdefault("fte", "0.6")
    terms.setdefault("starts_on", date(2025, 1, 6))
    return services.add_staff(actor, consortium, ROSA, **terms)


@pytest.mark.parametrize("name", ["alpha_admin", "regional", "orcid_admin"])
def test_the_consortium_admin_and_orcid_add_staff(world, name):
    staff = _add(getattr(world, name), world.alpha, coverage=WEEK)

    assert (staff.fte, staff.person.email) == (Decimal("0.60"), "rosa@alpha.example")
    assert sorted(staff.coverage.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    entry = AuditEntry.objects.get(action="staff.added")
    assert (entry.actor, entry.consortium) == (getattr(world, name), world.alpha)


@pytest.mark.parametrize("name", ["alpha_staff", "alpha_member", "beta_admin"])
def test_others_cannot_add_staff(world, name):
    with pytest.raises(PermissionDenied):
        _add(getattr(world, name), world.alpha)


def test_one_person_gives_at_most_one_fte_across_consortia(world):
    _add(world.alpha_admin, world.alpha, fte="0.6")

    with pytest.raises(ValidationError, match="over 1 FTE"):
        _add(world.beta_admin, world.beta, fte="0.5")

    shared = _add(world.beta_admin, world.beta, fte="0.4", employment_model="shared_role")
    assert shared.person == world.alpha.support_staff.get().person


def test_a_role_that_ended_frees_the_persons_time(world):
    alpha_role = _add(world.alpha_admin, world.alpha, fte="1.0")
    services.end_staff(world.alpha_admin, alpha_role, ends_on=date(2025, 6, 30))

    beta_role = _add(world.beta_admin, world.beta, fte="1.0", starts_on=date(2025, 7, 1))

    assert beta_role.fte == Decimal("1.00")


@pytest.mark.parametrize(
    "coverage",
    [
        [Hours(0, time(9), time(12)), Hours(0, time(13), time(17))],
        [Hours(1, time(17), time(9))],
        [Hours(7, time(9), time(17))],
    ],
)
def test_coverage_gives_each_weekday_once_with_hours_that_end_after_they_start(world, coverage):
    with pytest.raises(ValidationError):
        _add(world.alpha_admin, world.alpha, coverage=coverage)


@pytest.mark.parametrize(
    ("starts", "ends", "ok"),
    [
        (date(2025, 1, 6), date(2025, 2, 6), True),
        (date(2025, 1, 6), date(2025, 3, 6), True),
        (date(2025, 1, 6), date(2025, 2, 5), False),
        (date(2025, 1, 6), date(2025, 3, 7), False),
        (date(2025, 1, 6), None, False),
    ],
)
def test_shadowing_lasts_one_to_two_months(world, starts, ends, ok):
    add = lambda: _add(world.alpha_admin, world.alpha, shadowing_starts_on=starts, shadowing_ends_on=ends)  # noqa: E731

    if ok:
        assert add().shadowing_ends_on == ends
    else:
        with pytest.raises(ValidationError):
            add()


def test_a_contracted_organization_must_be_named(world):
    with pytest.raises(ValidationError, match="contracted organization"):
        _add(world.alpha_admin, world.alpha, employment_model="contracted", employer="  ")


def test_changing_coverage_is_audited_from_and_to(world):
    staff = _add(world.alpha_admin, world.alpha, coverage=WEEK[:3])

    services.update_staff(world.alpha_admin, staff, coverage=WEEK)

    entry = AuditEntry.objects.get(action="staff.updated")
    assert entry.changes["coverage"] == {
        "from": "Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00",
        "to": "Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00, Thu 09:00–17:00, Fri 09:00–17:00",
    }
