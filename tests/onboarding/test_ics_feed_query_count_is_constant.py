"""The .ics feed runs the same number of queries however many deadlines it lists."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.directory.consortium_services import update_consortium
from tests import factories


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("onboarding:deadlines_ics", args=["alpha"]))
    assert response.status_code == 200
    return len(captured)


def test_more_deadlines_cost_no_more_queries(world, client_for):
    client = client_for("alpha_admin")
    factories.membership(world.alpha, status="onboarding", joined_date=date(2031, 2, 1))
    few = _queries(client)  # no agreement date yet: only that member's deadlines

    update_consortium(world.orcid_admin, world.alpha, agreement_date=date(2031, 1, 31))
    for _ in range(3):
        factories.membership(world.alpha, status="onboarding", joined_date=date(2031, 2, 1))

    assert _queries(client) == few
