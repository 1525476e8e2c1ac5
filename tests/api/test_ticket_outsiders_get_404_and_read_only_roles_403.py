"""Another tenant's ticket is as missing as a typo for every role (404 on each endpoint); a role that
sees a ticket but does not work its desk (a member contact, ORCID regional staff on a consortium's
desk) is refused the desk's actions (403)."""

import pytest

from consortia.accounts.models import Role
from consortia.support import services
from consortia.support.models import Ticket
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_ticket(world):
    return services.open_ticket(world.beta_member, world.beta.desk, subject="Help", body="Please help.")


@pytest.fixture
def alpha_ticket(world):
    return services.open_ticket(world.alpha_member, world.alpha.desk, subject="Help", body="Please help.")


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_ticket(api_for, world, beta_ticket, outsider):
    client = api_for(outsider)
    path = f"/tickets/{beta_ticket.pk}"

    answers = [
        client.get(path).status_code,
        client.patch(path, {"priority": "high"}).status_code,
        client.post(f"{path}/replies", {"body": "Hello"}).status_code,
        client.post(f"{path}/notes", {"body": "Hello"}).status_code,
        client.post(f"{path}/escalations", {"summary": "Look"}).status_code,
        client.get(f"{path}/attachments/1").status_code,
    ]

    assert answers == [404] * 6
    assert beta_ticket.pk not in [t["id"] for t in client.get("/tickets").json()["results"]]
    beta_ticket.refresh_from_db()
    assert (beta_ticket.priority, beta_ticket.messages.count()) == ("normal", 1)


@pytest.mark.parametrize("outsider", OUTSIDERS_OF_BETA)
def test_outsiders_cannot_name_beta_in_a_bulk_change(api_for, beta_ticket, outsider):
    response = api_for(outsider).post(
        "/tickets/bulk", {"ids": [beta_ticket.pk], "changes": {"priority": "high"}}
    )

    assert response.status_code == 400
    assert "ids" in response.json()["fields"]


@pytest.mark.parametrize("outsider", ["alpha_member", "alpha_staff", "regional"])
def test_outsiders_cannot_open_a_ticket_on_betas_desk(api_for, outsider):
    response = api_for(outsider).post("/tickets", {"desk": "beta", "subject": "Hi", "body": "Hello"})

    assert response.status_code == 400
    assert "desk" in response.json()["fields"]


def test_a_member_contact_cannot_work_their_own_ticket(api_for, world, alpha_ticket):
    member = api_for("alpha_member")
    path = f"/tickets/{alpha_ticket.pk}"

    assert member.get(path).status_code == 200
    assert member.get(path).json()["can_work"] is False
    assert member.patch(path, {"status": "closed"}).status_code == 403
    assert member.post(f"{path}/notes", {"body": "Hmm"}).status_code == 403
    assert member.post(f"{path}/escalations", {"summary": "Look"}).status_code == 403
    assert member.post(f"{path}/replies", {"body": "And?", "status": "resolved"}).status_code == 403
    assert (
        member.post("/tickets/bulk", {"ids": [alpha_ticket.pk], "changes": {"status": "closed"}}).status_code
        == 403
    )
    alpha_ticket.refresh_from_db()
    assert alpha_ticket.status == Ticket.Status.NEW


def test_orcid_regional_staff_oversee_a_consortium_desk_read_only(api_for, world, alpha_ticket):
    regional = api_for("regional")
    path = f"/tickets/{alpha_ticket.pk}"

    assert regional.get(path).status_code == 200
    assert regional.patch(path, {"priority": "high"}).status_code == 403
    assert regional.post(f"{path}/replies", {"body": "Hello"}).status_code == 403
    assert regional.post(f"{path}/notes", {"body": "Hello"}).status_code == 403
    assert regional.post(f"{path}/escalations", {"summary": "Look"}).status_code == 403
    assert regional.post("/tickets", {"desk": "alpha", "subject": "Hi", "body": "Hello"}).status_code == 403


def test_another_members_contact_does_not_see_the_ticket(api_for, world, alpha_ticket):
    other = factories.membership(world.alpha, factories.organization("Other University", "NZ"))
    world.alpha_other_member = factories.user(
        "someone@other.example", Role.MEMBER_CONTACT, organization=other.organization
    )

    assert api_for("alpha_other_member").get(f"/tickets/{alpha_ticket.pk}").status_code == 404
