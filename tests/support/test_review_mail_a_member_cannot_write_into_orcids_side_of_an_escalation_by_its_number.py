# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""ORCID's side of an escalation is a conversation between ORCID and the consortium's agents. Its
ticket carries the member's organization, but a contact of that organization who names its
number in a subject ("[#12]") does not join it, whichever related desk the mail reaches; the
consortium's agents still do."""

import pytest

from consortia.support import mail, services
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


@pytest.fixture
def escalation(world, ana, desk, media):
    ticket = mail.ingest(desk, load("plain_new.eml")).ticket
    return services.escalate(world.alpha_staff, ticket, "Sandbox client APP-123 refuses a registered URI.")


@pytest.mark.parametrize("receiving", ["orcid_desk", "consortium_desk"])
def test_the_members_contact_naming_orcids_ticket_does_not_join_it(world, escalation, receiving):
    desk = escalation.orcid_ticket.desk if receiving == "orcid_desk" else escalation.ticket.desk

    result = mail.ingest(desk, load("reply_subject_token.eml", ticket=escalation.orcid_ticket.pk))

    assert result.ticket != escalation.orcid_ticket
    assert escalation.orcid_ticket.messages.count() == 1


def test_another_agent_of_the_consortium_naming_orcids_ticket_joins_it_on_the_consortium_side(
    world, escalation
):
    raw = load("reply_subject_token.eml", ticket=escalation.orcid_ticket.pk).replace(
        b"Ana Lima <ana.lima@alpha-university.example>", b"Alpha Admin <admin@alpha.example>"
    )

    result = mail.ingest(escalation.orcid_ticket.desk, raw)

    assert (result.outcome, result.ticket) == ("joined", escalation.orcid_ticket)
    assert escalation.orcid_ticket.messages.last().from_agent is False
