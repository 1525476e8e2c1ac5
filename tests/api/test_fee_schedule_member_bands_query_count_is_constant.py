"""A schedule's ``member_bands`` are prefetched: reading it costs the same queries for 1 member in
a band or 9."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from consortia.billing import services
from tests import factories


def test_the_member_bands_of_a_schedule_are_read_in_a_fixed_number_of_queries(api_for, world):
    schedule = services.save_fee_schedule(
        world.alpha_admin,
        world.alpha,
        2026,
        local_model="tiered",
        band_basis="own",
        local_bands=[("Band A", "1500.00"), ("Band B", "700.00")],
    )
    services.set_member_band(world.alpha_admin, schedule, world.alpha_membership, "Band A")
    client = api_for("alpha_admin")

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/fee-schedules/{schedule.pk}")
        assert response.status_code == 200
        return len(captured), len(response.json()["member_bands"])

    count()  # the token's first use is recorded once
    small, listed = count()
    for _ in range(8):
        membership = factories.membership(world.alpha, with_lead_contacts=False)
        services.set_member_band(world.alpha_admin, schedule, membership, "Band B")

    assert listed == 1
    assert count() == (small, 9)
