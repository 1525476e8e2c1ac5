"""GET /issues-register runs the same number of queries whatever the number of entries and links."""

import pytest

from consortia.support import services
from tests import factories

# Token, count, then the page of rows with consortium, author and link counts.
QUERIES = 3


@pytest.mark.parametrize("issues", [2, 12])
def test_register_list_query_count_does_not_grow_with_rows(api_for, world, django_assert_num_queries, issues):
    for n in range(issues):
        membership = factories.membership(world.alpha, factories.organization(f"Member {n:02}", "NZ"))
        ticket = services.open_ticket(world.alpha_member, world.alpha.desk, subject=f"Question {n}", body="x")
        services.save_registered_issue(
            world.alpha_admin,
            world.alpha,
            title=f"Issue {n}",
            description="It breaks.",
            category="bug",
            members_affected=[membership, world.alpha_membership],
            tickets=[ticket],
        )
    client = api_for("regional")
    assert client.get("/issues-register").status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.get("/issues-register", {"page_size": 200})

    body = response.json()
    assert body["count"] == len(body["results"]) == issues
    assert {(i["members_affected_count"], i["ticket_count"]) for i in body["results"]} == {(2, 1)}
