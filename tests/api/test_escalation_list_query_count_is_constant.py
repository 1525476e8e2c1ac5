"""GET /escalations runs the same number of queries whatever the number of escalations."""

import pytest

from consortia.support import services

# Token, count, then the page of rows with both tickets, ORCID's desk and who escalated joined.
QUERIES = 3


@pytest.mark.parametrize("escalations", [2, 12])
@pytest.mark.parametrize("reader", ["alpha_staff", "regional"])
def test_escalation_list_query_count_does_not_grow_with_rows(
    api_for, world, django_assert_num_queries, escalations, reader
):
    for n in range(escalations):
        ticket = services.open_ticket(
            world.alpha_member, world.alpha.desk, subject=f"Question {n}", body="Help."
        )
        services.escalate(world.alpha_staff, ticket, f"Summary {n}")
    client = api_for(reader)
    assert client.get("/escalations").status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.get("/escalations", {"page_size": 200, "state": "open"})

    body = response.json()
    assert body["count"] == len(body["results"]) == escalations
