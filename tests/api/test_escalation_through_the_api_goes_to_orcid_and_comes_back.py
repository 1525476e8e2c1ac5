"""The consortium's agent escalates a ticket over the API; ORCID sees it in its list, passes it to
the global desk and Tier 3, talks with the agent, and resolves it; the consortium's ticket comes
back open with ORCID's resolution, and the consortium's side sees ORCID's public replies only."""

import pytest

from consortia.support import services
from consortia.support.models import Escalation, Ticket


@pytest.fixture
def ticket(world):
    return services.open_ticket(
        world.alpha_member, world.alpha.desk, subject="Redirect URI refused", body="Help."
    )


def escalate(api_for, ticket, **extra):
    response = api_for("alpha_staff").post(
        f"/tickets/{ticket.pk}/escalations", {"summary": "Client APP-1 refuses a valid URI.", **extra}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_escalating_opens_orcids_side_and_the_ticket_waits_on_orcid(api_for, world, ticket):
    escalation = escalate(api_for, ticket)

    assert (escalation["state"], escalation["tier"], escalation["orcid_desk"]) == ("open", 2, "orcid-apac")
    assert (escalation["ticket"], escalation["consortium"]) == (ticket.pk, "alpha")
    assert escalation["orcid_ticket"] is None  # the consortium's team never gets ORCID's ticket
    assert escalation["replies"][0]["body"] == "Client APP-1 refuses a valid URI."
    assert api_for("alpha_staff").get(f"/tickets/{ticket.pk}").json()["status"] == "waiting_on_orcid"
    listed = api_for("regional").get("/escalations").json()["results"]
    assert [(e["id"], e["orcid_ticket"]) for e in listed] == [
        (escalation["id"], Escalation.objects.get().orcid_ticket_id)
    ]


def test_orcid_passes_it_on_talks_with_the_agent_and_resolves_it(api_for, world, ticket):
    escalation_id = escalate(api_for, ticket, tier=2)["id"]
    orcid_ticket = Escalation.objects.get().orcid_ticket
    regional, agent = api_for("regional"), api_for("alpha_staff")

    transferred = regional.post(f"/escalations/{escalation_id}/transfer", {"to_global": True, "tier": 3})
    question = regional.post(f"/tickets/{orcid_ticket.pk}/replies", {"body": "Which client ID exactly?"})
    note = regional.post(f"/tickets/{orcid_ticket.pk}/notes", {"body": "Looks like the known bug."})
    answer = agent.post(f"/escalations/{escalation_id}/replies", {"body": "APP-123"})
    resolved = api_for("orcid_admin").post(
        f"/escalations/{escalation_id}/resolution", {"resolution": "Fixed."}
    )

    assert [r.status_code for r in (transferred, question, note, answer, resolved)] == [
        200,
        201,
        201,
        201,
        200,
    ]
    assert (transferred.json()["orcid_desk"], transferred.json()["tier"]) == ("orcid-global", 3)
    assert answer.json()["from_orcid"] is False
    seen_by_agent = agent.get(f"/escalations/{escalation_id}").json()
    assert (seen_by_agent["state"], seen_by_agent["resolution"]) == ("resolved", "Fixed.")
    assert [r["body"] for r in seen_by_agent["replies"]] == [
        "Client APP-1 refuses a valid URI.",
        "Which client ID exactly?",
        "APP-123",
        "Fixed.",
    ]
    assert [r["from_orcid"] for r in seen_by_agent["replies"]] == [False, True, False, True]
    assert Ticket.objects.get(pk=ticket.pk).status == "open"
    assert agent.get("/escalations", {"state": "resolved"}).json()["count"] == 1


def test_the_list_filters_by_state_consortium_desk_and_text(api_for, world, ticket):
    escalate(api_for, ticket)
    regional = api_for("regional")

    assert regional.get("/escalations", {"state": "resolved"}).json()["count"] == 0
    assert regional.get("/escalations", {"consortium": "alpha", "desk": "orcid-apac"}).json()["count"] == 1
    assert regional.get("/escalations", {"q": "APP-1"}).json()["count"] == 1
    assert regional.get("/escalations", {"q": "nothing like it"}).json()["count"] == 0
    assert "state" in regional.get("/escalations", {"state": "closed"}).json()["fields"]


def test_bad_escalation_input_is_400_with_the_field(api_for, ticket):
    agent = api_for("alpha_staff")

    assert "summary" in agent.post(f"/tickets/{ticket.pk}/escalations", {"summary": " "}).json()["fields"]
    assert (
        "tier"
        in agent.post(f"/tickets/{ticket.pk}/escalations", {"summary": "x", "tier": 4}).json()["fields"]
    )
    assert (
        "tier"
        in agent.post(f"/tickets/{ticket.pk}/escalations", {"summary": "x", "tier": "two"}).json()["fields"]
    )
    assert not Escalation.objects.exists()
    escalation_id = escalate(api_for, ticket)["id"]
    response = api_for("regional").post(f"/escalations/{escalation_id}/resolution", {"resolution": ""})
    assert response.status_code == 400
    assert "resolution" in response.json()["fields"]
