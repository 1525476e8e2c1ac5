"""An uploaded evidence file does not outlive a completion that failed and rolled back."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.onboarding import services
from consortia.onboarding.models import ChecklistItem


def test_a_failed_completion_leaves_no_file_behind(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = ChecklistItem.objects.filter(checklist__consortium=world.alpha, owner="consortium").first()
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")

    with (
        mock.patch("consortia.onboarding.services.audit.record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        services.complete_item(world.alpha_admin, item, file=upload)

    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
    item.refresh_from_db()
    assert not item.is_complete


def test_a_successful_completion_keeps_its_file(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = ChecklistItem.objects.filter(checklist__consortium=world.alpha, owner="consortium").first()
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")

    item = services.complete_item(world.alpha_admin, item, file=upload)

    assert (tmp_path / item.evidence_file.name).read_bytes() == b"%PDF-1.4 minutes"
