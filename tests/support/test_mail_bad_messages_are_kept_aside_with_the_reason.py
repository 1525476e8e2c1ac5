# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""What cannot become a ticket is never lost: unreadable messages, messages without a sender or
without any content, bounces and failures to store are kept as failed mail with the reason and
the raw bytes; unknown senders on a holding desk and automatic replies are held for review."""

from unittest import mock

import pytest

from consortia.support import mail
from consortia.support.models import InboundMail, Ticket
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


@pytest.mark.parametrize(
    ("name", "state", "reason"),
    [
        ("missing_from.eml", "failed", "No sender: the From header is missing."),
        ("garbage.eml", "failed", "Not a readable e-mail message (no headers)."),
        ("empty_body.eml", "failed", "Empty: no text and no attachments."),
        ("bounce.eml", "failed", "A delivery failure report (bounce)."),
        ("auto_reply.eml", "held", "An automatic message (Auto-Submitted: auto-replied)."),
        (
            "unknown_sender.eml",
            "held",
            "Unknown sender someone@new-member.example: this desk holds their mail for review.",
        ),
    ],
)
def test_a_message_that_cannot_become_a_ticket_is_kept_with_the_reason(
    world, ana, desk, media, name, state, reason
):
    raw = load(name)

    result = mail.ingest(desk, raw)

    assert (result.outcome, result.reason) == (state, reason)
    kept = InboundMail.objects.get()
    assert (kept.desk, kept.state, kept.reason) == (desk, state, reason)
    assert bytes(kept.raw) == raw
    assert result.summary() == f"{state}: {reason}"
    assert not Ticket.objects.exists()


def test_the_sender_and_subject_of_a_kept_message_are_shown(world, desk):
    kept = mail.ingest(desk, load("unknown_sender.eml")).inbound

    assert (kept.sender, kept.subject, kept.message_id) == (
        "someone@new-member.example",
        "How do we join the consortium?",
        "<unknown.0014@new-member.example>",
    )


def test_an_error_while_storing_keeps_the_message_as_failed_and_writes_nothing(world, ana, desk, media):
    with mock.patch("consortia.support.services.refresh_sla", side_effect=RuntimeError("disk full")):
        result = mail.ingest(desk, load("plain_new.eml"))

    assert (result.outcome, result.reason) == ("failed", "Could not be stored (RuntimeError).")
    assert InboundMail.objects.get().state == "failed"
    assert not Ticket.objects.exists()  # nothing half-written


def test_mail_from_the_desks_own_address_is_not_answered(world, desk):
    raw = load("unknown_sender.eml").replace(b"someone@new-member.example", b"support@alpha.example")

    result = mail.ingest(desk, raw)

    assert (result.outcome, result.reason) == ("failed", "Sent from the desk's own address (a mail loop).")


def test_an_automatic_reply_from_a_requester_does_not_reopen_their_ticket(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    raw = load("auto_reply.eml").replace(
        b"Precedence: auto_reply", b"In-Reply-To: <CAplain.new.0001@mail.alpha-university.example>"
    )

    assert mail.ingest(desk, raw).outcome == "held"
    assert ticket.messages.count() == 1
