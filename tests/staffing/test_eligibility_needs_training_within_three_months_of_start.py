"""Staff in post three months without finishing ORCID's training count against compliance;
before then they are still learning."""

from datetime import date, datetime

from django.utils import timezone

from consortia.staffing import compliance, services
from consortia.staffing.models import HomeworkSubmission
from consortia.staffing.training import training_deadline
from tests import factories

STARTED = date(2024, 1, 15)


def _training_reasons(world, on):
    return [r for r in compliance.assess_one(world.alpha, on).reasons if "ORCID training" in r]


def test_training_not_complete_three_months_after_start_is_a_reason(world):
    staff = factories.support_staff(
        world.alpha, "1.0", starts_on=STARTED, person_=factories.person("Ana", "Ruiz")
    )

    assert training_deadline(staff) == date(2024, 4, 15)
    # Like a checklist item, training is overdue the day after its deadline, not on it.
    assert _training_reasons(world, date(2024, 4, 15)) == []
    assert _training_reasons(world, date(2024, 4, 16)) == [
        "Ana Ruiz: ORCID training not complete (webinars not attended: ORCID overview and outreach "
        "methods, Technical overview of ORCID's APIs and tools; homework not submitted; shadowing period "
        "not planned)"
    ]


def test_staff_trained_within_three_months_are_no_reason(world):
    staff = factories.support_staff(
        world.alpha,
        "1.0",
        starts_on=STARTED,
        shadowing_starts_on=date(2024, 1, 15),
        shadowing_ends_on=date(2024, 3, 1),
    )
    services.record_webinar(world.regional, staff, webinar="overview", attended_on=date(2024, 1, 20))
    services.record_webinar(world.regional, staff, webinar="technical", attended_on=date(2024, 1, 27))
    homework = services.submit_homework(world.alpha_admin, staff, link="https://alpha.example/homework")
    services.review_homework(world.regional, homework, accept=True, feedback="Thorough.")
    # Submitted and reviewed in February 2024 (the services stamp today).
    february = timezone.make_aware(datetime(2024, 2, 10, 12, 0))
    HomeworkSubmission.objects.filter(pk=homework.pk).update(submitted_at=february, reviewed_at=february)

    assert _training_reasons(world, date(2024, 4, 15)) == []
    assert _training_reasons(world, date(2024, 7, 1)) == []
