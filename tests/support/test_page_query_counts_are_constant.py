"""The queue, the desks overview and the ticket page run the same number of queries whatever the
number of tickets, messages, attachments, escalations and events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.support import services
from consortia.support.services import NewAttachment


def _tickets(world, count):
    tickets = []
    for n in range(count):
        ticket = services.open_ticket(
            world.alpha_member,
            world.alpha.desk,
            subject=f"Question {n}",
            body="Hello",
            attachments=[NewAttachment(f"file{n}.txt", b"x", "text/plain")],
        )
        services.update_ticket(world.alpha_staff, ticket, assignee=world.alpha_staff, priority="high")
        tickets.append(ticket)
        # A member writing to ORCID directly (by e-mail): on the consortium's second list.
        services.open_ticket(
            None,
            services.regional_desk(world.apac),
            subject=f"To ORCID {n}",
            body="Hello",
            requester_email=world.alpha_member.email,
            organization=world.alpha_member.organization,
        )
    services.open_ticket(world.beta_member, world.beta.desk, subject="Beta", body="Hello")
    return tickets


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


PAGES = {
    "alpha_staff": ["/support/desks/alpha/", "/support/desks/alpha/with-orcid/"],
    "regional": ["/support/desks/alpha/", "/support/desks/orcid-apac/", "/support/"],
    "orcid_admin": ["/support/desks/alpha/", "/support/"],
    "alpha_member": ["/support/my-tickets/"],
}


@pytest.mark.parametrize("name", PAGES)
def test_queue_and_overview_query_counts_do_not_grow(world, client_for, name):
    client = client_for(name)
    _tickets(world, 2)
    small = [_count(client, url) for url in PAGES[name]]
    _tickets(world, 12)
    assert [_count(client, url) for url in PAGES[name]] == small


def _busy_ticket(world, replies):
    ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject="Busy", body="Hello")
    for n in range(replies):
        services.add_reply(
            world.alpha_staff, ticket, f"Reply {n}", attachments=[NewAttachment("a.txt", b"a", "text/plain")]
        )
        services.add_note(world.alpha_staff, ticket, f"Note {n}")
        services.add_reply(world.alpha_member, ticket, f"Answer {n}")
    escalation = services.escalate(world.alpha_staff, ticket, "Please look.")
    for n in range(replies):
        services.add_reply(world.regional, escalation.orcid_ticket, f"ORCID {n}")
    return ticket


@pytest.mark.parametrize("name", ["alpha_staff", "alpha_member", "regional"])
def test_ticket_page_query_count_does_not_grow(world, client_for, name):
    client = client_for(name)
    small = _count(client, f"/support/tickets/{_busy_ticket(world, 1).pk}/")
    assert _count(client, f"/support/tickets/{_busy_ticket(world, 6).pk}/") == small
