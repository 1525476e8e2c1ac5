"""GET /invoices runs the same number of queries whatever the number of invoices."""

import pytest

from consortia.billing import services
from tests import factories

# Token, count, page of rows (consortium, member and credited invoice joined).
QUERIES = 3


@pytest.mark.parametrize("members", [2, 20])
def test_invoice_list_query_count_does_not_grow_with_rows(api_for, world, django_assert_num_queries, members):
    for _ in range(members):
        factories.membership(world.alpha, with_lead_contacts=False)
    services.issue_run(world.orcid_admin, factories.fee_schedule(world.alpha, local_currency="NZD"))
    client = api_for("alpha_admin")
    assert client.get("/invoices").status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.get("/invoices", {"page_size": 200})

    assert response.json()["count"] == 2 * (members + 1)
