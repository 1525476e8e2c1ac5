"""Webinar attendance, homework review and shadowing check-ins are ORCID's to record: the
consortium admin gets 403; regional ORCID staff of the consortium's region record them. The
consortium's team (staff included) submits homework."""

from datetime import date

import pytest
from django.urls import reverse

from consortia.staffing import services
from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, WebinarAttendance
from tests import factories


@pytest.fixture
def staff(world):
    return factories.support_staff(
        world.alpha, shadowing_starts_on=date(2024, 1, 1), shadowing_ends_on=date(2024, 3, 1)
    )


def test_consortium_admin_cannot_record_webinars_check_ins_or_review_homework(world, client_for, staff):
    submission = services.submit_homework(world.alpha_admin, staff, link="https://example.org/homework")
    client = client_for("alpha_admin")
    webinar = client.post(
        reverse("staffing:webinar_record", args=[staff.pk]),
        {"webinar": "overview", "attended_on": "2024-01-05"},
    )
    check_in = client.post(
        reverse("staffing:check_in_record", args=[staff.pk]), {"held_on": "2024-01-08", "notes": "Went well"}
    )
    review = client.post(
        reverse("staffing:homework_review", args=[submission.pk]), {"decision": "accept", "feedback": "Fine"}
    )
    assert (webinar.status_code, check_in.status_code, review.status_code) == (403, 403, 403)
    assert not WebinarAttendance.objects.exists() and not ShadowingCheckIn.objects.exists()
    submission.refresh_from_db()
    assert submission.status == HomeworkSubmission.Status.SUBMITTED


def test_consortium_admin_sees_no_training_forms(world, client_for, staff):
    page = client_for("alpha_admin").get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()
    assert "Record attendance" not in page and "Record check-in" not in page
    assert "Submit homework" in page


def test_regional_orcid_staff_of_the_region_record_training(world, client_for, staff):
    client = client_for("regional")
    page = client.get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()
    assert "Record attendance" in page and "Record check-in" in page
    response = client.post(
        reverse("staffing:webinar_record", args=[staff.pk]),
        {"webinar": "technical", "attended_on": "2024-01-05"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("staffing:check_in_record", args=[staff.pk]),
        {"held_on": "2024-01-08", "notes": "Planned the first consortium webinar."},
    )
    assert response.status_code == 302
    attendance = WebinarAttendance.objects.get()
    assert (attendance.webinar, attendance.recorded_by) == ("technical", world.regional)
    assert ShadowingCheckIn.objects.get().recorded_by == world.regional

    page = client.get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()
    assert "Planned the first consortium webinar." in page
    assert "1 of 9 weeks with a check-in" in page


def test_consortium_staff_submit_homework_but_record_no_training(world, client_for, staff):
    client = client_for("alpha_staff")
    response = client.post(
        reverse("staffing:homework_submit", args=[staff.pk]), {"link": "https://example.org/homework"}
    )
    assert response.status_code == 302
    assert HomeworkSubmission.objects.get().submitted_by == world.alpha_staff
    response = client.post(
        reverse("staffing:webinar_record", args=[staff.pk]),
        {"webinar": "overview", "attended_on": "2024-01-05"},
    )
    assert response.status_code == 403


def test_a_check_in_outside_the_shadowing_period_is_refused_at_its_field(world, client_for, staff):
    response = client_for("regional").post(
        reverse("staffing:check_in_record", args=[staff.pk]), {"held_on": "2024-05-01", "notes": "Late"}
    )
    assert response.status_code == 200
    assert "The shadowing period runs from 1 Jan 2024 to 1 Mar 2024." in response.content.decode()
    assert not ShadowingCheckIn.objects.exists()
