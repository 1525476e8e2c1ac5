"""A Tier 1 agent escalates a ticket to ORCID's regional desk with a summary: a linked ticket opens
on ORCID's desk with its own thread; the consortium's ticket waits on ORCID; ORCID can pass it to
the global desk or Tier 3, talk to the consortium's agent, and resolve it; the resolution comes
back to the consortium's ticket, which returns to the agent. Members never see ORCID's side."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia.accounts import policy
from consortia.support import services
from consortia.support.models import Desk, Escalation, Ticket, TicketMessage


@pytest.fixture
def ticket(world):
    return services.open_ticket(
        world.alpha_member,
        world.alpha.desk,
        subject="Sandbox redirect URI refused",
        body="Our URI is refused.",
    )


def test_escalation_opens_a_linked_ticket_on_the_regions_orcid_desk(world, ticket):
    escalation = services.escalate(world.alpha_staff, ticket, "Member's sandbox client rejects a valid URI.")

    orcid_ticket = escalation.orcid_ticket
    ticket.refresh_from_db()
    assert orcid_ticket.desk == Desk.objects.get(kind="orcid_regional", region=world.apac)
    assert (orcid_ticket.tier, orcid_ticket.origin, orcid_ticket.consortium) == (2, "escalation", world.alpha)
    assert orcid_ticket.messages.get().body == "Member's sandbox client rejects a valid URI."
    assert ticket.status == Ticket.Status.WAITING_ON_ORCID
    assert ticket.messages.count() == 1  # its own thread is untouched


def test_orcid_passes_it_on_talks_to_the_agent_and_resolves_it(world, ticket):
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")
    orcid_ticket = escalation.orcid_ticket

    services.transfer(world.regional, orcid_ticket, to_global=True, tier=3)
    services.add_reply(world.orcid_admin, orcid_ticket, "Which client ID?")
    services.reply_to_orcid(world.alpha_staff, escalation, "APP-123")
    services.resolve_escalation(world.orcid_admin, escalation, "Fixed on our side; try again.")

    orcid_ticket.refresh_from_db()
    ticket.refresh_from_db()
    escalation.refresh_from_db()
    assert (orcid_ticket.desk.kind, orcid_ticket.tier, orcid_ticket.status) == ("orcid_global", 3, "resolved")
    assert escalation.state == Escalation.State.RESOLVED
    assert ticket.status == Ticket.Status.OPEN
    note = ticket.messages.filter(kind=TicketMessage.Kind.NOTE).get()
    assert "Fixed on our side" in note.body
    assert [m.from_agent for m in orcid_ticket.messages.all()] == [False, True, False, True]


def test_members_and_the_consortium_team_never_see_orcids_side(world, ticket):
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")

    for name in ("alpha_member", "alpha_staff", "alpha_admin"):
        visible = policy.tickets_for(getattr(world, name))
        assert ticket in visible
        assert escalation.orcid_ticket not in visible
    assert escalation.orcid_ticket in policy.tickets_for(world.regional)


def test_only_the_desks_agents_escalate_and_only_once_at_a_time(world, ticket):
    for name in ("alpha_member", "beta_admin", "regional"):
        with pytest.raises(PermissionDenied):
            services.escalate(getattr(world, name), ticket, "Please look.")
    services.escalate(world.alpha_staff, ticket, "Please look.")
    with pytest.raises(ValidationError, match="already with ORCID"):
        services.escalate(world.alpha_admin, ticket, "Again")


def test_orcids_ticket_is_resolved_only_with_a_resolution_for_the_consortium(world, ticket):
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")

    with pytest.raises(ValidationError, match="with its resolution"):
        services.update_ticket(world.regional, escalation.orcid_ticket, status="resolved")
    with pytest.raises(PermissionDenied):
        services.resolve_escalation(world.alpha_staff, escalation, "Done by us")
