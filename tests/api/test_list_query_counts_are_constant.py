"""Every list runs the same number of queries whatever its length (no query per row)."""

import pytest

from consortia.directory.models import MembershipRequest
from tests import factories

# One to find the bearer token and its user, one to count, one for the page of rows.
QUERIES_PER_LIST = 3


def add_alpha_members(world, n):
    for i in range(n):
        membership = factories.membership(world.alpha, factories.organization(f"Member {i:02}", "NZ"))
        MembershipRequest.objects.create(membership=membership, kind=MembershipRequest.Kind.ADD)


@pytest.mark.parametrize("members", [2, 20])
@pytest.mark.parametrize(
    "path, params, rows",
    [
        # Each added member brings an organization, two lead contacts and an "add" request;
        # the world already has Alpha University (two contacts) and alpha's lead organization.
        ("/memberships", {"consortium": "alpha"}, lambda n: n + 1),
        ("/people", {}, lambda n: 2 * n + 2),
        ("/contacts", {"consortium": "alpha"}, lambda n: 2 * n + 2),
        ("/organizations", {}, lambda n: n + 2),
        ("/membership-requests", {}, lambda n: n),
        ("/consortia", {}, lambda n: 1),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    api_for, world, django_assert_num_queries, members, path, params, rows
):
    add_alpha_members(world, members)
    client = api_for("alpha_admin")
    # The first call stamps the token's last use; later calls within a minute only read.
    assert client.get(path, params).status_code == 200

    with django_assert_num_queries(QUERIES_PER_LIST):
        response = client.get(path, {**params, "page_size": 200})

    body = response.json()
    assert body["count"] == len(body["results"]) == rows(members)
