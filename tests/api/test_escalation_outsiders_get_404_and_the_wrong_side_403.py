"""Another tenant's escalation is 404 for every role; each side of an escalation is refused the
other side's actions (403): the consortium's team does not transfer or resolve, ORCID does not
write as the consortium's agent, and a consortium's staff never reach ORCID's ticket."""

import pytest

from consortia.support import services
from consortia.support.models import Escalation


@pytest.fixture
def beta_escalation(world):
    ticket = services.open_ticket(world.beta_member, world.beta.desk, subject="Help", body="Bitte.")
    return services.escalate(world.beta_staff, ticket, "Please look.")


@pytest.fixture
def alpha_escalation(world):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please.")
    return services.escalate(world.alpha_staff, ticket, "Please look.")


@pytest.mark.parametrize("outsider", ["regional", "alpha_admin", "alpha_staff", "alpha_member"])
def test_outsiders_of_beta_get_404_for_its_escalation(api_for, beta_escalation, outsider):
    client = api_for(outsider)
    path = f"/escalations/{beta_escalation.pk}"

    answers = [
        client.get(path).status_code,
        client.post(f"{path}/replies", {"body": "Hi"}).status_code,
        client.post(f"{path}/transfer", {"to_global": True}).status_code,
        client.post(f"{path}/resolution", {"resolution": "Done"}).status_code,
        client.get(f"/tickets/{beta_escalation.orcid_ticket_id}").status_code,
    ]

    assert answers == [404] * 5
    assert client.get("/escalations").json()["count"] == 0
    assert Escalation.objects.get().state == "open"


def test_the_consortium_team_cannot_act_for_orcid(api_for, alpha_escalation):
    team = api_for("alpha_admin")
    path = f"/escalations/{alpha_escalation.pk}"

    assert team.post(f"{path}/transfer", {"to_global": True}).status_code == 403
    assert team.post(f"{path}/resolution", {"resolution": "Done"}).status_code == 403
    assert team.get(f"/tickets/{alpha_escalation.orcid_ticket_id}").status_code == 404


def test_orcid_regional_staff_do_not_write_as_the_consortiums_agent(api_for, alpha_escalation):
    response = api_for("regional").post(f"/escalations/{alpha_escalation.pk}/replies", {"body": "Hi"})

    assert response.status_code == 403


def test_a_member_contact_has_no_escalations(api_for, alpha_escalation):
    member = api_for("alpha_member")

    assert member.get(f"/escalations/{alpha_escalation.pk}").status_code == 404
    assert member.post(f"/escalations/{alpha_escalation.pk}/replies", {"body": "Hi"}).status_code == 404
