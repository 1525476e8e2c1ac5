# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""The same Message-ID delivered twice (a mail server's retry, a maildir read again) is stored
once: the second delivery is a duplicate, also when both arrive at the same moment."""

from unittest import mock

from consortia.support import mail
from consortia.support.models import InboundMail, Ticket, TicketMessage
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


def test_a_redelivered_message_is_a_duplicate_of_the_stored_one(world, ana, desk, media):
    first = mail.ingest(desk, load("plain_new.eml"))
    again = mail.ingest(desk, load("duplicate_message_id.eml"))

    assert (first.outcome, again.outcome) == ("opened", "duplicate")
    assert again.ticket == first.ticket
    assert again.summary() == f"duplicate (on {first.ticket.reference})"
    assert (Ticket.objects.count(), TicketMessage.objects.count()) == (1, 1)
    assert not InboundMail.objects.exists()


def test_a_reply_delivered_twice_joins_once(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    reply = load("reply_in_reply_to.eml", parent="<CAplain.new.0001@mail.alpha-university.example>")

    assert [mail.ingest(desk, reply).outcome for _ in range(3)] == ["joined", "duplicate", "duplicate"]
    assert ticket.messages.count() == 2


def test_a_held_message_delivered_twice_is_held_once(world, desk):
    outcomes = [mail.ingest(desk, load("unknown_sender.eml")).outcome for _ in range(2)]

    assert outcomes == ["held", "duplicate"]
    assert InboundMail.objects.count() == 1


def test_two_deliveries_at_once_store_it_once_by_the_unique_message_id(world, ana, desk, media):
    first = mail.ingest(desk, load("plain_new.eml"))
    real_check = mail._known
    calls = []

    def checked_before_the_other_delivery_committed(*args, **kwargs):
        calls.append(args)
        return {} if len(calls) == 1 else real_check(*args, **kwargs)

    with mock.patch.object(mail, "_known", checked_before_the_other_delivery_committed):
        racing = mail.ingest(desk, load("duplicate_message_id.eml"))

    assert (racing.outcome, racing.ticket) == ("duplicate", first.ticket)
    assert (Ticket.objects.count(), TicketMessage.objects.count()) == (1, 1)
    assert not InboundMail.objects.exists()
