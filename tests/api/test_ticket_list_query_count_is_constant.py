"""GET /tickets runs the same number of queries whatever the number of tickets, assignees and
organizations on the page, SLA figures included."""

import pytest

from consortia.support import services
from tests import factories

# Token, count, then the page of rows with desk, consortium, organization and assignee joined.
QUERIES = 3


@pytest.mark.parametrize("tickets", [2, 12])
def test_ticket_list_query_count_does_not_grow_with_rows(api_for, world, django_assert_num_queries, tickets):
    for n in range(tickets):
        membership = factories.membership(world.alpha, factories.organization(f"Member {n:02}", "NZ"))
        ticket = services.open_ticket(
            world.alpha_admin,
            world.alpha.desk,
            subject=f"Question {n}",
            body="Help.",
            organization=membership.organization,
            requester_email=f"contact{n}@member.example",
        )
        services.update_ticket(
            world.alpha_admin, ticket, assignee=world.alpha_staff if n % 2 else world.alpha_admin
        )
    client = api_for("alpha_admin")
    assert client.get("/tickets").status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.get("/tickets", {"page_size": 200, "status": "open", "sort": "priority"})

    body = response.json()
    assert body["count"] == len(body["results"]) == tickets
    assert all(t["organization_name"] and t["assignee_name"] and t["sla"]["due"] for t in body["results"])
