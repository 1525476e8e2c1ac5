"""Fee schedules are read by the consortium's team and ORCID in scope; written only by the
consortium admin or ORCID admins (403 for staff and regional staff); member contacts and other
tenants do not see them at all (404)."""

import pytest

from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA


@pytest.mark.parametrize("name", ["alpha_staff", "regional"])
def test_read_only_roles_see_the_schedule_but_get_403_on_writes(api_for, world, name):
    schedule = factories.fee_schedule(world.alpha)
    client = api_for(name)

    assert client.get(f"/fee-schedules/{schedule.pk}").status_code == 200
    assert client.patch(f"/fee-schedules/{schedule.pk}", {"tax_label": "GST"}).status_code == 403
    assert client.post("/fee-schedules", {"consortium": "alpha", "year": 2030}).status_code == 403
    adjustment = {"membership": world.alpha_membership.pk, "kind": "waiver", "reason": "Hardship"}
    assert client.post(f"/fee-schedules/{schedule.pk}/adjustments", adjustment).status_code == 403


def test_orcid_admins_write_any_consortiums_schedule(api_for, world):
    schedule = factories.fee_schedule(world.beta)

    response = api_for("orcid_admin").patch(f"/fee-schedules/{schedule.pk}", {"tax_label": "MwSt"})

    assert response.status_code == 200 and response.json()["tax_label"] == "MwSt"


def test_member_contacts_see_no_schedules(api_for, world):
    schedule = factories.fee_schedule(world.alpha)
    client = api_for("alpha_member")

    assert client.get("/fee-schedules").json()["count"] == 0
    assert client.get(f"/fee-schedules/{schedule.pk}").status_code == 404
    assert client.patch(f"/fee-schedules/{schedule.pk}", {"tax_label": "GST"}).status_code == 404


@pytest.mark.parametrize("name", OUTSIDERS_OF_BETA)
def test_outsiders_of_beta_get_404_for_its_schedule(api_for, world, name):
    schedule = factories.fee_schedule(world.beta)
    client = api_for(name)

    assert client.get(f"/fee-schedules/{schedule.pk}").status_code == 404
    assert client.patch(f"/fee-schedules/{schedule.pk}", {"tax_label": "x"}).status_code == 404
    assert client.post(f"/fee-schedules/{schedule.pk}/adjustments", {}).status_code in (400, 404)
    assert client.get("/fee-schedules", {"consortium": "beta"}).json()["count"] == 0
    # A consortium named in a body that the user cannot see is unknown: 400 naming the field.
    response = client.post("/fee-schedules", {"consortium": "beta", "year": 2030})
    assert response.status_code == 400 and "consortium" in response.json()["fields"]
