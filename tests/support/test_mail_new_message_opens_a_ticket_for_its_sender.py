# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A new e-mail opens a ticket on the desk it was sent to, for the sender found among the
consortium's member contacts; an unknown sender opens one too on a desk that accepts them."""

from consortia.support import mail
from consortia.support.models import InboundMail, Ticket, TicketMessage
from tests.support.mail_corpus import SENDER, ana, desk, load, media  # noqa: F401 (pytest fixtures)


def test_a_new_message_opens_a_ticket_for_the_member_contact_who_sent_it(world, ana, desk, media):
    result = mail.ingest(desk, load("plain_new.eml"))

    assert result.outcome == "opened"
    ticket = result.ticket
    assert (ticket.desk, ticket.origin, ticket.status) == (desk, Ticket.Origin.EMAIL, Ticket.Status.NEW)
    assert (ticket.requester, ticket.requester_email, ticket.requester_name) == (ana, SENDER, "Ana Lima")
    assert ticket.organization == world.alpha_membership.organization
    assert ticket.consortium == world.alpha
    assert ticket.subject == "Sandbox redirect URI refused"
    message = ticket.messages.get()
    assert message.message_id == "<CAplain.new.0001@mail.alpha-university.example>"
    assert message.source == TicketMessage.Source.EMAIL and not message.from_agent
    assert message.body.startswith("Hello,\n\nOur sandbox client APP-123")
    assert ticket.first_response_due is not None  # the SLA clock runs from the start
    assert result.summary() == f"opened {ticket.reference}"


def test_an_unknown_sender_opens_a_ticket_on_a_desk_that_accepts_them(world, desk, media):
    desk.unknown_senders = desk.UnknownSenders.OPEN
    desk.save(update_fields=["unknown_senders"])

    result = mail.ingest(desk, load("unknown_sender.eml"))

    assert result.outcome == "opened"
    assert result.ticket.requester is None and result.ticket.organization is None
    assert result.ticket.requester_display == "Someone New <someone@new-member.example>"
    assert not InboundMail.objects.exists()
