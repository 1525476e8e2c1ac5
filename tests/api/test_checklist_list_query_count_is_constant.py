"""GET /checklists runs the same number of queries whatever the number of checklists."""

import pytest

from tests import factories

# One to find the bearer token and its user, one to count, one for the page of rows.
QUERIES_PER_LIST = 3


@pytest.mark.parametrize("members", [2, 20])
def test_checklist_list_query_count_does_not_grow_with_rows(
    api_for, world, django_assert_num_queries, members
):
    # Members still onboarding get their checklist automatically.
    for _ in range(members):
        factories.membership(world.alpha, status="onboarding")
    client = api_for("alpha_admin")
    assert client.get("/checklists").status_code == 200

    with django_assert_num_queries(QUERIES_PER_LIST):
        response = client.get("/checklists", {"page_size": 200})

    body = response.json()
    assert body["count"] == len(body["results"]) == members + 1
