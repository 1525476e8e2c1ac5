# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A message's text can be huge (a pasted log, a runaway signature loop). The thread shows its
first ``MAX_BODY_CHARS`` characters with a note, and the whole text is attached as message.txt;
a text too large even for an attachment is cut and the note says so. The ticket still opens."""

from consortia.support import mail
from consortia.support.services import MAX_ATTACHMENT_BYTES
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


def _message_with_text(text: str) -> bytes:
    head, _, _ = load("plain_new.eml").partition(b"\n\n")
    return head + b"\n\n" + text.encode()


def test_a_long_text_is_cut_in_the_thread_and_attached_whole(world, ana, desk, media):
    line = "2025-03-03 10:15:00 ERROR redirect_uri mismatch for APP-123\n"
    text = line * (mail.MAX_BODY_CHARS // len(line) * 3)

    result = mail.ingest(desk, _message_with_text(text))

    assert result.outcome == "opened"
    message = result.ticket.messages.get()
    assert len(message.body) < mail.MAX_BODY_CHARS + 500
    assert message.body.startswith(line) and "attached as message.txt" in message.body
    attachment = message.attachments.get()
    assert attachment.filename == "message.txt"
    assert attachment.file.read().decode() == text.strip()


def test_a_text_too_large_to_attach_is_cut_and_the_note_says_so(world, ana, desk, media):
    text = "x" * (MAX_ATTACHMENT_BYTES + 10)

    result = mail.ingest(desk, _message_with_text(text))

    message = result.ticket.messages.get()
    assert len(message.body) < mail.MAX_BODY_CHARS + 500
    assert "was not kept" in message.body
    assert not message.attachments.exists()
