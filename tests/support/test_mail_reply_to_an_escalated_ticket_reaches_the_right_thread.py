# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""ORCID's reply on its side of an escalation is e-mailed to the consortium's agent (the
requester of ORCID's ticket); the agent's answer by e-mail joins ORCID's ticket — not the
member's ticket — whichever of the two related desks receives it, and even after ORCID moved
the ticket to its global desk. An unrelated desk never joins it."""

from email.utils import parseaddr

import pytest
from django.core import mail as outbox

from consortia.support import mail, services
from consortia.support.models import Desk, Ticket
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


@pytest.fixture
def escalation(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    return services.escalate(world.alpha_staff, ticket, "Sandbox client APP-123 refuses a registered URI.")


def orcid_asks(world, escalation):
    reply = services.add_reply(world.regional, escalation.orcid_ticket, "Which redirect URI exactly?")
    mail.send_ticket_message(reply.pk)
    return outbox.outbox[-1]


def agents_answer(world, parent: str) -> bytes:
    raw = load("reply_in_reply_to.eml", parent=parent)
    return raw.replace(b"Ana Lima <ana.lima@alpha-university.example>", b"Sam <staff@alpha.example>")


def test_orcids_reply_goes_to_the_consortium_agent(world, escalation):
    sent = orcid_asks(world, escalation)

    assert parseaddr(sent.to[0])[1] == "staff@alpha.example"
    assert f"[#{escalation.orcid_ticket.pk}]" in sent.subject


@pytest.mark.parametrize("receiving", ["orcid_desk", "consortium_desk"])
def test_the_agents_answer_joins_orcids_ticket_not_the_members(world, escalation, receiving):
    sent = orcid_asks(world, escalation)
    desk = escalation.orcid_ticket.desk if receiving == "orcid_desk" else escalation.ticket.desk

    result = mail.ingest(desk, agents_answer(world, sent.extra_headers["Message-ID"]))

    assert (result.outcome, result.ticket) == ("joined", escalation.orcid_ticket)
    answer = escalation.orcid_ticket.messages.last()
    assert answer.from_agent is False  # the consortium's agent is ORCID's requester here
    assert escalation.ticket.messages.count() == 1


def test_after_a_transfer_to_the_global_desk_the_regional_desks_mail_still_joins(world, escalation):
    sent = orcid_asks(world, escalation)
    regional = escalation.orcid_ticket.desk
    services.transfer(world.regional, escalation.orcid_ticket, to_global=True)

    result = mail.ingest(regional, agents_answer(world, sent.extra_headers["Message-ID"]))

    assert result.ticket == escalation.orcid_ticket
    assert Ticket.objects.get(pk=result.ticket.pk).desk.kind == Desk.Kind.ORCID_GLOBAL


def test_an_unrelated_desk_does_not_join_orcids_ticket(world, escalation):
    sent = orcid_asks(world, escalation)
    beta_desk = world.beta.desk

    result = mail.ingest(beta_desk, agents_answer(world, sent.extra_headers["Message-ID"]))

    assert result.outcome == "held"
    assert escalation.orcid_ticket.messages.count() == 2
