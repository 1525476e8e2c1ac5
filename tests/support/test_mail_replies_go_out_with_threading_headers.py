# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""An agent's public reply is e-mailed to the requester from the desk's address, with our own
Message-ID stored on the message, In-Reply-To and References naming the thread's earlier
e-mails, "Re: <subject> [#id]" and the attachments; once only. The requester's answer to it
comes back into the same thread."""

from email import message_from_bytes, policy

from django.core import mail as outbox

from consortia.support import mail, services
from consortia.support.models import Ticket
from tests.support.mail_corpus import SENDER, ana, desk, load, media  # noqa: F401 (pytest fixtures)

FIRST = "<CAplain.new.0001@mail.alpha-university.example>"


def sent(index=-1):
    """The e-mail as it goes on the wire, read back as RFC 5322."""
    return message_from_bytes(outbox.outbox[index].message().as_bytes(), policy=policy.default)


def test_an_agents_reply_goes_to_the_requester_with_threading_headers(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    reply = services.add_reply(
        world.alpha_staff,
        ticket,
        "Please register the URI again without the trailing slash.",
        attachments=[services.NewAttachment("steps.pdf", b"%PDF-1.4 steps", "application/pdf")],
    )

    mail.send_ticket_message(reply.pk)

    reply.refresh_from_db()
    message = sent()
    assert message["From"].addresses[0].display_name == "Alpha Consortium support"
    assert message["From"].addresses[0].addr_spec == "support@alpha.example"
    assert message["To"].addresses[0].addr_spec == SENDER
    assert message["Subject"] == f"Re: Sandbox redirect URI refused [#{ticket.pk}]"
    assert reply.message_id and message["Message-ID"] == reply.message_id
    assert reply.message_id.endswith("@alpha.example>")
    assert message["In-Reply-To"] == FIRST
    assert message["References"] == FIRST
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Please register the URI again without the trailing slash.")
    assert f"/support/tickets/{ticket.pk}/" in body
    (attachment,) = message.iter_attachments()
    assert (attachment.get_filename(), attachment.get_content()) == ("steps.pdf", b"%PDF-1.4 steps")
    assert reply.emailed_at is not None


def test_a_reply_is_e_mailed_once(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    reply = services.add_reply(world.alpha_staff, ticket, "On it.")

    mail.send_ticket_message(reply.pk)
    mail.send_ticket_message(reply.pk)

    assert len(outbox.outbox) == 1


def test_notes_and_the_requesters_own_messages_are_not_e_mailed(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    note = services.add_note(world.alpha_staff, ticket, "Internal: check their client.")

    mail.send_ticket_message(note.pk)
    mail.send_ticket_message(ticket.messages.first().pk)

    assert outbox.outbox == []


def test_the_requesters_answer_to_our_e_mail_joins_the_thread_and_references_grow(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    first_reply = services.add_reply(world.alpha_staff, ticket, "Try again without the slash.")
    mail.send_ticket_message(first_reply.pk)
    ours = sent()["Message-ID"]

    answer = mail.ingest(desk, load("reply_in_reply_to.eml", parent=ours))
    second_reply = services.add_reply(world.alpha_staff, ticket, "Glad it works.", status="resolved")
    mail.send_ticket_message(second_reply.pk)

    assert (answer.outcome, answer.ticket) == ("joined", ticket)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED
    last = sent()
    assert last["In-Reply-To"] == "<CAreply.irt.0002@mail.alpha-university.example>"
    assert last["References"].split() == [FIRST, ours, "<CAreply.irt.0002@mail.alpha-university.example>"]


def test_a_desk_without_its_own_address_sends_from_the_sites(world, ana, desk, media, settings):
    settings.DEFAULT_FROM_EMAIL = "Consortia <help@consortia.example>"
    desk.email_address = ""
    desk.save(update_fields=["email_address"])
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    reply = services.add_reply(world.alpha_admin, ticket, "Hello.")

    mail.send_ticket_message(reply.pk)

    message = sent()
    assert str(message["From"]) == "Alpha Consortium support <help@consortia.example>"
    assert message["Message-ID"].endswith("@consortia.example>")
