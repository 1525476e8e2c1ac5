# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A subject or a requester's name goes into the headers of the e-mails we send. A line break in
one (typed in a page or the API, or encoded in an incoming message's header) is stored as a
space: the reply still goes out, and no header of the sender's making is added to it."""

import base64

from django.core import mail as outbox

from consortia.support import mail, services
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)

INJECTED = "Hello\r\nBcc: evil@attacker.example"


def _answer_and_send(world, ticket):
    reply = services.add_reply(world.alpha_staff, ticket, "Here is the answer.")
    mail.send_ticket_message(reply.pk)
    return outbox.outbox[-1]


def test_a_subject_with_a_line_break_from_the_api_is_one_line_and_the_reply_goes_out(world, media):
    ticket = services.open_ticket(
        world.alpha_staff,
        world.alpha.desk,
        subject=INJECTED,
        body="Help.",
        requester_email="someone@member.example",
        requester_name="Some\nOne",
    )

    sent = _answer_and_send(world, ticket)

    assert ticket.subject == "Hello Bcc: evil@attacker.example"
    assert ticket.requester_name == "Some One"
    assert sent.subject == f"Re: Hello Bcc: evil@attacker.example [{ticket.reference}]"
    message = sent.message()
    assert message["Bcc"] is None and sent.bcc == []
    assert "\n" not in message["Subject"].replace("\n ", "")


def test_an_encoded_line_break_in_an_incoming_subject_and_name_is_one_line(world, ana, desk, media):
    encoded = base64.b64encode(INJECTED.encode()).decode()
    name = base64.b64encode(b"Ana\r\nBcc: evil@attacker.example").decode()
    raw = load("plain_new.eml").replace(
        b"Subject: Sandbox redirect URI refused", f"Subject: =?utf-8?b?{encoded}?=".encode()
    )
    raw = raw.replace(b"From: Ana Lima <", f"From: =?utf-8?b?{name}?= <".encode())

    ticket = mail.ingest(desk, raw).ticket
    sent = _answer_and_send(world, ticket)

    assert "\n" not in ticket.subject and "\r" not in ticket.subject
    assert "\n" not in ticket.requester_name and "\r" not in ticket.requester_name
    assert sent.message()["Bcc"] is None
