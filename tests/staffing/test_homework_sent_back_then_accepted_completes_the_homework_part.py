"""The homework cycle on the page: the consortium submits, ORCID sends it back with feedback, the
consortium submits again, ORCID accepts; readiness then shows the homework part done."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consortia.staffing.models import HomeworkSubmission
from consortia.staffing.training import readiness
from tests import factories


def test_submit_send_back_resubmit_accept(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = factories.support_staff(world.alpha)
    detail = reverse("staffing:staff_detail", args=[staff.pk])
    team, orcid = client_for("alpha_staff"), client_for("regional")

    response = team.post(
        reverse("staffing:homework_submit", args=[staff.pk]),
        {"file": SimpleUploadedFile("homework.txt", b"First try"), "note": "Our first go"},
    )
    assert response.status_code == 302
    first = HomeworkSubmission.objects.get()
    assert "awaiting ORCID's review" in team.get(detail).content.decode()

    review = reverse("staffing:homework_review", args=[first.pk])
    no_feedback = orcid.post(review, {"decision": "send_back", "feedback": ""})
    assert no_feedback.status_code == 200 and "This field is required." in no_feedback.content.decode()
    response = orcid.post(review, {"decision": "send_back", "feedback": "Add the consortium FAQ draft."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == HomeworkSubmission.Status.SENT_BACK
    page = team.get(detail).content.decode()
    assert "Add the consortium FAQ draft." in page and "Submit again" in page
    assert "homework sent back" in page

    response = team.post(
        reverse("staffing:homework_submit", args=[staff.pk]), {"link": "https://example.org/homework-v2"}
    )
    assert response.status_code == 302
    second = HomeworkSubmission.objects.latest("pk")
    response = orcid.post(
        reverse("staffing:homework_review", args=[second.pk]),
        {"decision": "accept", "feedback": "Well done: the FAQ is clear."},
    )
    assert response.status_code == 302

    staff.refresh_from_db()
    ready = readiness(staff, timezone.localdate())
    assert ready.homework_status == "accepted"
    assert not any("homework" in missing for missing in ready.missing)
    page = team.get(detail).content.decode()
    assert "<strong>accepted</strong> (done)" in page
    assert "Well done: the FAQ is clear." in page and "Add the consortium FAQ draft." in page
    assert "Submit again" not in page  # accepted: nothing more to submit


def test_a_second_submission_waits_for_the_review_of_the_first(world, client_for):
    staff = factories.support_staff(world.alpha)
    team = client_for("alpha_admin")
    url = reverse("staffing:homework_submit", args=[staff.pk])
    team.post(url, {"link": "https://example.org/homework"})
    response = team.post(url, {"link": "https://example.org/homework-again"})
    assert response.status_code == 200
    assert "The last submission is still awaiting ORCID&#x27;s review." in response.content.decode()
    assert HomeworkSubmission.objects.count() == 1


def test_homework_needs_a_link_or_a_file(world, client_for):
    staff = factories.support_staff(world.alpha)
    response = client_for("alpha_admin").post(
        reverse("staffing:homework_submit", args=[staff.pk]), {"note": "x"}
    )
    assert "Attach the homework as a file or give a link to it." in response.content.decode()
    assert not HomeworkSubmission.objects.exists()
