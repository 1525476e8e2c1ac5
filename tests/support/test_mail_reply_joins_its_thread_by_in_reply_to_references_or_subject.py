# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A reply joins its ticket's thread when In-Reply-To or References name one of the thread's
messages, or when the subject carries the ticket's reference ("[#12]") and the sender belongs
to the ticket; the quoted history below a reply is cut. A desk never joins another desk's ticket."""

import pytest

from consortia.support import mail, services
from consortia.support.models import Ticket, TicketMessage
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)

PARENT = "<CAplain.new.0001@mail.alpha-university.example>"


@pytest.fixture
def ticket(world, ana, desk, media):
    return mail.ingest(desk, load("plain_new.eml")).ticket


def test_a_reply_by_in_reply_to_joins_and_its_quoted_history_is_cut(ticket, desk):
    result = mail.ingest(desk, load("reply_in_reply_to.eml", parent=PARENT))

    assert (result.outcome, result.ticket) == ("joined", ticket)
    reply = ticket.messages.last()
    assert reply.body == "It works now, thank you!\n\nAna"
    assert (reply.in_reply_to, reply.from_agent) == (PARENT, False)
    assert Ticket.objects.count() == 1


def test_a_reply_naming_the_thread_only_in_references_joins(ticket, desk):
    result = mail.ingest(desk, load("reply_references_only.eml", parent=PARENT))

    assert (result.outcome, result.ticket) == ("joined", ticket)
    assert ticket.messages.count() == 2


def test_a_reply_with_only_the_reference_in_its_subject_joins(ticket, desk):
    result = mail.ingest(desk, load("reply_subject_token.eml", ticket=ticket.pk))

    assert (result.outcome, result.ticket) == ("joined", ticket)


def test_a_stranger_cannot_write_into_a_ticket_by_guessing_its_number(ticket, desk):
    raw = load("reply_subject_token.eml", ticket=ticket.pk).replace(
        b"ana.lima@alpha-university.example", b"guess@elsewhere.example"
    )

    result = mail.ingest(desk, raw)

    assert result.outcome == "held"
    assert ticket.messages.count() == 1


def test_a_reply_from_one_of_the_desks_agents_is_the_desks_answer(world, ticket, desk):
    raw = load("reply_in_reply_to.eml", parent=PARENT).replace(
        b"Ana Lima <ana.lima@alpha-university.example>", b"Sam Staff <staff@alpha.example>"
    )

    mail.ingest(desk, raw)

    ticket.refresh_from_db()
    assert ticket.messages.last().from_agent is True
    assert ticket.status == Ticket.Status.OPEN
    assert ticket.first_response_at is not None


def test_another_desks_ingestion_never_joins_this_desks_ticket(world, ticket, media):
    beta_desk = world.beta.desk
    beta_desk.unknown_senders = beta_desk.UnknownSenders.OPEN
    beta_desk.save(update_fields=["unknown_senders"])

    by_headers = mail.ingest(beta_desk, load("reply_in_reply_to.eml", parent=PARENT))
    by_subject = mail.ingest(beta_desk, load("reply_subject_token.eml", ticket=ticket.pk))

    assert by_headers.outcome == by_subject.outcome == "opened"
    assert by_headers.ticket.desk == by_subject.ticket.desk == beta_desk
    assert ticket.messages.count() == 1


def test_a_reply_to_a_closed_ticket_opens_a_new_one(world, ticket, desk):
    services.update_ticket(world.alpha_staff, ticket, status=Ticket.Status.CLOSED)

    result = mail.ingest(desk, load("reply_in_reply_to.eml", parent=PARENT))

    assert result.outcome == "opened" and result.ticket != ticket
    assert TicketMessage.objects.filter(ticket=ticket).count() == 1
