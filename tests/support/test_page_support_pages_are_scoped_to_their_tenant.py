"""Every support page is fetched through the access policy: an outsider of each role gets 404 for
another tenant's desk, ticket or attachment; a role that may see but not act gets 403."""

import pytest

from consortia.support import services
from consortia.support.services import NewAttachment
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.fixture
def beta_ticket(world):
    ticket = services.open_ticket(
        world.beta_member,
        world.beta.desk,
        subject="Beta question",
        body="Hello",
        attachments=[NewAttachment("log.txt", b"beta log", "text/plain")],
    )
    return ticket


def _pages(world, ticket):
    attachment = ticket.messages.get().attachments.get()
    return [
        "/support/desks/beta/",
        "/support/desks/beta/with-orcid/",
        "/support/desks/beta/settings/",
        "/support/desks/beta/canned-replies/",
        "/support/desks/beta/new/",
        f"/support/tickets/{ticket.pk}/",
        f"/support/attachments/{attachment.pk}/",
    ]


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_each_role_get_404_on_another_tenants_pages(world, client_for, beta_ticket, name):
    client = client_for(name)
    for url in _pages(world, beta_ticket):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_cannot_act_on_another_tenants_ticket(world, client_for, beta_ticket, name):
    client = client_for(name)
    pk = beta_ticket.pk
    for url, data in [
        (f"/support/tickets/{pk}/reply/", {"body": "Hi"}),
        (f"/support/tickets/{pk}/note/", {"body": "Hi"}),
        (f"/support/tickets/{pk}/update/", {"status": "resolved"}),
        (f"/support/tickets/{pk}/escalate/", {"summary": "Hi", "tier": 2}),
        ("/support/desks/beta/bulk/", {"ticket": [pk], "action": "assign_me"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    beta_ticket.refresh_from_db()
    assert beta_ticket.status == "new"
    assert beta_ticket.messages.count() == 1


def test_regional_staff_oversee_a_consortium_desk_but_do_not_work_it(world, client_for):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Q", body="Hello")
    client = client_for("regional")
    assert client.get("/support/desks/alpha/").status_code == 200
    assert client.get(f"/support/tickets/{ticket.pk}/").status_code == 200
    for url, data in [
        (f"/support/tickets/{ticket.pk}/reply/", {"body": "Hi"}),
        (f"/support/tickets/{ticket.pk}/note/", {"body": "Hi"}),
        (f"/support/tickets/{ticket.pk}/update/", {"status": "resolved", "priority": "normal"}),
        (f"/support/tickets/{ticket.pk}/escalate/", {"summary": "Hi", "tier": 2}),
        ("/support/desks/alpha/bulk/", {"ticket": [ticket.pk], "action": "assign_me"}),
        ("/support/desks/alpha/settings/", {}),
        ("/support/desks/alpha/canned-replies/new/", {"title": "T", "body": "B"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert ticket.messages.count() == 1


def test_consortium_staff_work_the_desk_but_only_its_admin_changes_its_settings(world, client_for):
    client = client_for("alpha_staff")
    assert client.get("/support/desks/alpha/canned-replies/").status_code == 200
    assert client.get("/support/desks/alpha/settings/").status_code == 403
    assert client.get("/support/desks/alpha/canned-replies/new/").status_code == 403
    assert client_for("alpha_admin").get("/support/desks/alpha/settings/").status_code == 200


def test_members_have_no_queue_and_agents_no_my_tickets(world, client_for):
    member = client_for("alpha_member")
    assert member.get("/support/desks/alpha/").status_code == 404
    assert member.get("/support/").status_code == 302
    assert client_for("alpha_staff").get("/support/my-tickets/").status_code == 404
    assert client_for("alpha_staff").get("/support/new/").status_code == 404


def test_a_member_sees_only_their_organizations_tickets(world, client_for, beta_ticket):
    mine = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Mine", body="Hello")
    page = client_for("alpha_member").get("/support/my-tickets/").content.decode()
    assert "Mine" in page and f"/support/tickets/{mine.pk}/" in page
    assert "Beta question" not in page


def test_signed_out_visitors_are_sent_to_sign_in(world, client, beta_ticket):
    for url in ("/support/", "/support/desks/beta/", f"/support/tickets/{beta_ticket.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
