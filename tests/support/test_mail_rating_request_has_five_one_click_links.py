# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""When a ticket is resolved its requester gets an e-mail with five one-click rating links
(signed, working without signing in), once; not for ORCID's side of an escalation."""

import re
from email import message_from_bytes, policy

from django.core import mail as outbox
from django.urls import reverse

from consortia.support import mail, services
from tests.support.mail_corpus import SENDER, ana, desk, load, media  # noqa: F401 (pytest fixtures)


def test_the_requester_of_a_resolved_ticket_gets_five_rating_links(world, ana, desk, media, settings):
    settings.CONSORTIA_BASE_URL = "https://consortia.example"
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    services.add_reply(world.alpha_staff, ticket, "Fixed.", status="resolved")

    mail.send_rating_request(ticket.pk)

    (sent,) = outbox.outbox
    message = message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == SENDER
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["In-Reply-To"] == "<CAplain.new.0001@mail.alpha-university.example>"
    text = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https://consortia\.example(/\S+)\?score=(\d)", text)
    assert [score for _, score in links] == ["1", "2", "3", "4", "5"]
    for page, _ in links:
        token = page.removeprefix("/support/rate/").rstrip("/")
        assert page == reverse("support:rate", args=[token])
        assert services.ticket_for_rating(token) == ticket
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f'href="https://consortia.example{links[4][0]}?score=5"' in html


def test_an_open_a_rated_or_an_escalation_ticket_gets_no_request(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    mail.send_rating_request(ticket.pk)  # still open
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")
    services.resolve_escalation(world.regional, escalation, "Done.")
    mail.send_rating_request(escalation.orcid_ticket.pk)
    services.add_reply(world.alpha_staff, ticket, "Fixed.", status="resolved")
    services.rate_ticket(services.rating_token(ticket), 5)
    mail.send_rating_request(ticket.pk)

    assert [m for m in outbox.outbox if "How did we do" in m.subject] == []
