"""GET /compliance runs the same number of queries whatever the number of consortia, members and staff."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def add_consortia(world, first, n):
    for i in range(first, first + n):
        consortium = factories.consortium(f"Consortium {i:02}", f"c{i:02}", world.apac)
        factories.membership(consortium)
        factories.membership(consortium, status="onboarding")
        factories.support_staff(consortium, "0.5")


def queries_for(client, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/compliance", {"page_size": 200, **params})
    assert response.status_code == 200
    return len(context), response.json()["count"]


def test_scorecard_query_count_does_not_grow_with_rows(api_for, world):
    factories.support_staff(world.alpha, "0.5")
    add_consortia(world, 0, 1)
    client = api_for("orcid_admin")
    client.get("/compliance")  # stamps the token's last use
    small = queries_for(client, {}), queries_for(client, {"date": "2024-01-01"})

    add_consortia(world, 1, 12)
    large = queries_for(client, {}), queries_for(client, {"date": "2024-01-01"})

    assert [count for count, _ in small] == [count for count, _ in large]
    assert [rows for _, rows in small] == [3, 3] and [rows for _, rows in large] == [15, 15]


def test_a_consortium_teams_scorecard_query_count_does_not_grow(api_for, world):
    factories.support_staff(world.alpha, "0.5")
    client = api_for("alpha_admin")
    client.get("/compliance")
    small = queries_for(client, {})

    for _ in range(10):
        factories.membership(world.alpha)
        factories.support_staff(world.alpha, "0.05")
    large = queries_for(client, {})

    assert small[0] == large[0] and small[1] == large[1] == 1
