"""Storing a file is not part of the database transaction. A write the service refuses after
(or while) storing attachments — an oversized second attachment, a bad status for the reply —
leaves no file in storage with no row pointing at it."""

import pytest
from django.core.exceptions import ValidationError

from consortia.support import services
from consortia.support.models import Attachment
from consortia.support.services import MAX_ATTACHMENT_BYTES, NewAttachment

SMALL = NewAttachment("small.txt", b"a small file", "text/plain")
HUGE = NewAttachment("huge.bin", b"x" * (MAX_ATTACHMENT_BYTES + 1), "application/octet-stream")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def ticket(world, media):
    return services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Hello")


def _stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


@pytest.mark.parametrize("write", ["reply", "note", "new ticket"])
def test_an_oversized_second_attachment_leaves_the_first_one_unstored(world, media, ticket, write):
    with pytest.raises(ValidationError):
        if write == "reply":
            services.add_reply(world.alpha_staff, ticket, "See the files.", attachments=[SMALL, HUGE])
        elif write == "note":
            services.add_note(world.alpha_staff, ticket, "See the files.", attachments=[SMALL, HUGE])
        else:
            services.open_ticket(
                world.alpha_member, world.alpha.desk, subject="Files", body="Here", attachments=[SMALL, HUGE]
            )

    assert _stored_files(media) == []
    assert not Attachment.objects.exists()


def test_a_reply_refused_for_its_status_after_its_files_were_stored_removes_them(world, media, ticket):
    with pytest.raises(ValidationError):
        services.add_reply(world.alpha_staff, ticket, "See the file.", attachments=[SMALL], status="bogus")

    assert _stored_files(media) == []
    assert ticket.messages.count() == 1


def test_a_write_that_succeeds_keeps_its_files(world, media, ticket):
    services.add_reply(world.alpha_staff, ticket, "See the file.", attachments=[SMALL])

    assert [path.read_bytes() for path in _stored_files(media)] == [SMALL.content]
