"""Homework files are limited to 10 MB, with an error that says so and suggests a link."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.staffing.forms import HOMEWORK_MAX_UPLOAD_BYTES
from consortia.staffing.models import HomeworkSubmission
from tests import factories


def test_a_file_over_10_mb_is_refused_with_a_clear_error(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = factories.support_staff(world.alpha)
    too_big = SimpleUploadedFile("homework.pdf", b"x" * (HOMEWORK_MAX_UPLOAD_BYTES + 1))
    response = client_for("alpha_admin").post(
        reverse("staffing:homework_submit", args=[staff.pk]), {"file": too_big}
    )
    assert response.status_code == 200
    assert "homework files can be at most 10 MB" in response.content.decode()
    assert not HomeworkSubmission.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_file_of_exactly_10_mb_is_accepted(world, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = factories.support_staff(world.alpha)
    upload = SimpleUploadedFile("homework.pdf", b"x" * HOMEWORK_MAX_UPLOAD_BYTES)
    response = client_for("alpha_admin").post(
        reverse("staffing:homework_submit", args=[staff.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert HomeworkSubmission.objects.get().file.size == HOMEWORK_MAX_UPLOAD_BYTES
