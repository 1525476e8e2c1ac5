"""The program demo shows a compliant consortium, one short of FTE with a weekday gap, and one
mid-onboarding with overdue items; it writes through the services and can run twice."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from consortia.accounts.models import User
from consortia.audit.models import AuditEntry
from consortia.directory import demo
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)
from consortia.onboarding.models import ChecklistItem, ChecklistItemEvent, ChecklistKind
from consortia.staffing import compliance
from consortia.staffing.compliance import Eligibility
from consortia.staffing.demo import seed_program_demo
from consortia.staffing.models import (
    HomeworkSubmission,
    ShadowingCheckIn,
    SupportStaff,
    WebinarAttendance,
)
from consortia.support.models import Calendar, Desk

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
# Every table the demos write to, in an order they can be emptied in (a consortium takes its
# checklists and support staff with it).
DEMO_MODELS = (
    Desk,  # each demo consortium's and region's support desk (support's signals); before their owners
    Calendar,
    AuditEntry,
    MembershipRequest,
    Contact,
    User,
    Membership,
    Consortium,
    Person,
    Organization,
    Region,
)
COUNTED = (
    *DEMO_MODELS,
    ChecklistItemEvent,
    SupportStaff,
    WebinarAttendance,
    HomeworkSubmission,
    ShadowingCheckIn,
)


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seeding takes a few seconds, so the tests that only read the demo share one seeding."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in DEMO_MODELS}
        demo.seed_demo()
        seed_program_demo()
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        for model in DEMO_MODELS:
            model.objects.exclude(pk__in=before[model]).delete()


@pytest.fixture
def assessed(seeded, db):
    consortia = Consortium.objects.filter(slug__in=demo.DEMO_CONSORTIUM_SLUGS)
    return {result.consortium.slug: result for result in compliance.assess(consortia)}


class TestTheProgramDemo:
    def test_aotearoa_is_compliant_with_trained_staff_covering_every_weekday(self, assessed):
        aotearoa = assessed[demo.NATIONAL_SLUG]

        assert (aotearoa.eligibility, aotearoa.reasons) == (Eligibility.FULL, [])
        assert aotearoa.total_fte >= aotearoa.required_fte
        assert aotearoa.uncovered_weekdays == []
        assert len(aotearoa.staff) == 2
        assert all(standing.readiness.is_ready for standing in aotearoa.staff)

    def test_nordic_baltic_is_short_of_fte_and_nobody_covers_fridays(self, assessed):
        nordic = assessed[demo.REGIONAL_SLUG]

        assert nordic.eligibility == Eligibility.NONE
        assert nordic.total_fte < nordic.required_fte
        assert nordic.reasons == [
            f"{nordic.total_fte.normalize():f} FTE for {nordic.members} members; needs {nordic.required_fte}",
            "Friday not covered",
        ]

    def test_brasil_is_mid_onboarding_with_overdue_items_and_a_new_manager_in_shadowing(self, assessed):
        brasil = assessed[demo.ONBOARDING_SLUG]
        today = timezone.localdate()

        assert brasil.eligibility == Eligibility.NONE
        assert any(reason.endswith("post-agreement items overdue") for reason in brasil.reasons)
        assert "No consortium agreement signed yet" not in brasil.reasons
        assert not any(reason.startswith("Fees overdue") for reason in brasil.reasons)
        (standing,) = brasil.staff
        assert standing.staff.employment_model == SupportStaff.EmploymentModel.ORCID_HIRED
        assert standing.staff.shadowing_starts_on <= today <= standing.staff.shadowing_ends_on
        assert "homework sent back" in standing.readiness.missing
        assert 0 < standing.readiness.shadowing.weeks_with_check_in < standing.readiness.shadowing.weeks

    def test_some_member_checklists_are_in_progress(self, assessed):
        items = ChecklistItem.objects.filter(checklist__kind=ChecklistKind.MEMBERSHIP)
        in_progress = {
            checklist
            for checklist in items.filter(completed_at__isnull=False).values_list("checklist", flat=True)
            if items.filter(checklist=checklist, completed_at__isnull=True).exists()
        }

        assert len(in_progress) >= 2

    def test_every_completed_item_has_evidence_and_an_event_of_the_same_time_in_the_past(self, assessed):
        done = ChecklistItem.objects.filter(completed_at__isnull=False).select_related("completed_by")
        events = {e.item_id: e for e in ChecklistItemEvent.objects.all()}

        assert done.count() > 100
        assert [i.pk for i in done if not (i.evidence_note or i.evidence_link or i.evidence_file)] == []
        assert [i.pk for i in done if events[i.pk].at != i.completed_at] == []
        assert max(i.completed_at for i in done) <= timezone.now()
        assert {i.completed_by.role for i in done} >= {"orcid_admin", "orcid_regional", "consortium_admin"}

    def test_the_demo_users_did_the_writes(self, assessed):
        actions = (
            "checklist.item_completed",
            "staff.added",
            "training.homework_reviewed",
            "training.check_in",
        )
        entries = AuditEntry.objects.filter(action__in=actions)

        assert set(entries.values_list("action", flat=True)) == set(actions)
        assert not entries.filter(actor=None).exists()
        assert entries.filter(actor__email=demo.REGIONAL_STAFF_EMAIL).exists()
        assert entries.filter(actor__email=demo.CONSORTIUM_ADMIN_EMAIL).exists()

    def test_seeding_twice_changes_nothing(self, assessed):
        before = _counts()

        demo.seed_demo()
        seed_program_demo()

        assert _counts() == before
        again = compliance.assess(Consortium.objects.filter(slug__in=demo.DEMO_CONSORTIUM_SLUGS))
        assert {r.consortium.slug: r.reasons for r in again} == {s: r.reasons for s, r in assessed.items()}


def test_without_the_directory_demo_the_program_demo_does_nothing(world):
    seed_program_demo()

    assert not SupportStaff.objects.exists()
    assert not ChecklistItem.objects.filter(completed_at__isnull=False).exists()
