"""Through the pages: the consortium agent escalates, writes to ORCID; ORCID passes the ticket on
and resolves it with a resolution; the consortium ticket shows it and is back with the agent."""

from consortia.support import services
from consortia.support.models import Escalation, Ticket


def test_escalate_talk_transfer_and_resolve(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Sandbox URI", body="Refused")
    agent = client_for("alpha_staff")
    response = agent.post(
        f"/support/tickets/{ticket.pk}/escalate/", {"summary": "Valid URI refused", "tier": "2"}
    )
    assert response.status_code == 302
    escalation = Escalation.objects.get(ticket=ticket)
    ticket.refresh_from_db()
    assert ticket.status == "waiting_on_orcid"

    agent.post(f"/support/escalations/{escalation.pk}/reply/", {"body": "Client APP-123"})
    assert escalation.orcid_ticket.messages.filter(body="Client APP-123").exists()

    orcid = client_for("regional")
    page = orcid.get(f"/support/tickets/{escalation.orcid_ticket.pk}/").content.decode()
    assert "Resolve the escalation" in page and "Pass it on" in page
    response = orcid.post(f"/support/tickets/{escalation.orcid_ticket.pk}/transfer/", {"tier": "3"})
    assert response.status_code == 302
    response = orcid.post(f"/support/escalations/{escalation.pk}/resolve/", {"resolution": "Fixed upstream"})
    assert response.status_code == 302

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
    page = agent.get(f"/support/tickets/{ticket.pk}/").content.decode()
    assert "ORCID's resolution" in page and "Fixed upstream" in page


def test_an_empty_summary_is_shown_on_the_form(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Q", body="Hello")
    response = client_for("alpha_staff").post(
        f"/support/tickets/{ticket.pk}/escalate/", {"summary": " ", "tier": "2"}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Escalation.objects.exists()


def test_the_consortium_team_cannot_resolve_orcids_side(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Q", body="Hello")
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")
    response = client_for("alpha_admin").post(
        f"/support/escalations/{escalation.pk}/resolve/", {"resolution": "x"}
    )
    assert response.status_code == 404
    escalation.refresh_from_db()
    assert escalation.state == "open"
