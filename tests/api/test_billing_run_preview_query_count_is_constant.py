"""POST /billing-runs/preview runs the same number of queries whatever the number of members."""

import pytest

from tests import factories

# Token, consortium, schedule, the plan (rates, bands, adjustments, live invoices, members),
# and the invoice sequence for the expected references.
QUERIES = 10


@pytest.mark.parametrize("members", [2, 20])
def test_preview_query_count_does_not_grow_with_members(api_for, world, django_assert_num_queries, members):
    factories.fee_schedule(world.alpha, local_currency="NZD")
    for _ in range(members):
        factories.membership(world.alpha, with_lead_contacts=False)
    client = api_for("alpha_admin")
    body = {"consortium": "alpha", "year": 2026}
    assert client.post("/billing-runs/preview", body).status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.post("/billing-runs/preview", body)

    assert response.json()["members"] == members + 1
