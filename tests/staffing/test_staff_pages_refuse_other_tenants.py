"""Tenancy: an outsider of each role gets 404 for beta's staff pages, its homework file and every
training action on beta's staff, by GET and by POST, and nothing is written."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.audit.models import AuditEntry
from consortia.staffing import services
from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, WebinarAttendance
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_staff_row(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = factories.support_staff(
        world.beta, shadowing_starts_on=date(2024, 1, 1), shadowing_ends_on=date(2024, 3, 1)
    )
    submission = services.submit_homework(
        world.beta_staff, staff, file=SimpleUploadedFile("homework.pdf", b"%PDF-1.4 beta homework")
    )
    return staff, submission


def beta_pages(staff, submission):
    return [
        reverse("staffing:staff_list", args=["beta"]),
        reverse("staffing:staff_add", args=["beta"]),
        reverse("staffing:staff_detail", args=[staff.pk]),
        reverse("staffing:staff_edit", args=[staff.pk]),
        reverse("staffing:staff_end", args=[staff.pk]),
        reverse("staffing:homework_file", args=[submission.pk]),
    ]


def beta_actions(staff, submission):
    return [
        (
            reverse("staffing:webinar_record", args=[staff.pk]),
            {"webinar": "overview", "attended_on": "2024-01-05"},
        ),
        (reverse("staffing:homework_submit", args=[staff.pk]), {"link": "https://example.org/hijack"}),
        (
            reverse("staffing:check_in_record", args=[staff.pk]),
            {"held_on": "2024-01-08", "notes": "Hijacked"},
        ),
        (
            reverse("staffing:homework_review", args=[submission.pk]),
            {"decision": "accept", "feedback": "Hijacked"},
        ),
    ]


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_betas_staff_pages(world, client_for, beta_staff_row, outsider):
    client = client_for(outsider)
    for url in beta_pages(*beta_staff_row):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"fte": "0.1", "ends_on": "2024-01-01"}).status_code == 404, url


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_get_404_for_training_actions_and_nothing_is_written(
    world, client_for, beta_staff_row, outsider
):
    client = client_for(outsider)
    before = AuditEntry.objects.count()
    for url, data in beta_actions(*beta_staff_row):
        assert client.post(url, data).status_code == 404, url
    assert AuditEntry.objects.count() == before
    assert not WebinarAttendance.objects.exists() and not ShadowingCheckIn.objects.exists()
    assert HomeworkSubmission.objects.get().status == "submitted"


def test_beta_staff_are_absent_from_alphas_list(world, client_for, beta_staff_row):
    staff, _ = beta_staff_row
    page = client_for("alpha_admin").get(reverse("staffing:staff_list", args=["alpha"])).content.decode()
    assert staff.person.full_name not in page


def test_the_homework_file_downloads_for_those_who_see_the_staff_row(world, client_for, beta_staff_row):
    _, submission = beta_staff_row
    for name in ("beta_admin", "beta_staff", "orcid_admin"):
        response = client_for(name).get(reverse("staffing:homework_file", args=[submission.pk]))
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == b"%PDF-1.4 beta homework"
        assert "attachment" in response["Content-Disposition"]
    assert (
        client_for("beta_member").get(reverse("staffing:homework_file", args=[submission.pk])).status_code
        == 404
    )
