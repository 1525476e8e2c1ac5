"""The integration, credential, review and platform lists run as many queries for 2 rows as for 12."""

import pytest

from consortia.integrations import services
from tests import factories


def build(world, n: int):
    platform = services.save_platform(world.orcid_admin, name="Pure", system_type="cris")
    for i in range(n):
        membership = factories.membership(world.alpha, factories.organization(f"Member {i:02}", "NZ"))
        contact = membership.contacts.first()
        integration = services.save_integration(
            world.alpha_admin, membership, name=f"System {i}", system_type="cris", platform=platform,
            technical_contact=contact.person if contact else None,
        )  # fmt: skip
        services.move_stage(world.alpha_admin, integration, "sandbox_requested")
        services.issue_credential(
            world.regional, integration, environment="sandbox", client_id=f"APP-{i:016d}", name=f"Client {i}"
        )
        services.move_stage(world.alpha_admin, integration, "in_development")
        services.start_review(world.alpha_admin, integration, "consortium", "collect")


@pytest.mark.parametrize("rows", [2, 12])
@pytest.mark.parametrize(
    "path, queries",
    [
        # Token, count, page (+ the badges prefetch for integrations).
        ("/integrations", 4),
        ("/credentials", 3),
        ("/reviews", 3),
        ("/platforms", 3),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    api_for, world, django_assert_num_queries, rows, path, queries
):
    build(world, rows)
    client = api_for("alpha_admin")
    assert client.get(path).status_code == 200

    with django_assert_num_queries(queries):
        response = client.get(path, {"page_size": 200})

    assert response.status_code == 200
    assert response.json()["count"] == (1 if path == "/platforms" else rows)
