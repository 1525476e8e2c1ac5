"""The schedule page on the consortium's own bands reads every member's band in one query: the same
number of queries for 2 members in bands or 14 (some in none, one no longer billed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.billing import services
from tests import factories

URL = "/consortia/alpha/billing/2026/"


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    assert "Members' bands" in response.content.decode()
    return len(captured)


def _add_members(world, schedule, count):
    for n in range(count):
        membership = factories.membership(world.alpha, with_lead_contacts=False)
        if n % 3:
            services.set_member_band(world.alpha_admin, schedule, membership, ("Band A", "Band B")[n % 2])


@pytest.mark.parametrize("name", ["alpha_admin", "alpha_staff"])
def test_the_own_bands_schedule_page_runs_the_same_queries_for_more_members(client_for, world, name):
    schedule = services.save_fee_schedule(
        world.alpha_admin,
        world.alpha,
        2026,
        local_model="tiered",
        band_basis="own",
        local_bands=[("Band A", "1500.00"), ("Band B", "700.00")],
    )
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band A")
    client = client_for(name)
    _add_members(world, schedule, 1)
    small = _queries(client)

    _add_members(world, schedule, 12)
    lapsed = factories.membership(world.alpha, status="lapsed", with_lead_contacts=False)
    services.set_member_band(world.alpha_admin, schedule, lapsed, "Band B")

    assert _queries(client) == small
