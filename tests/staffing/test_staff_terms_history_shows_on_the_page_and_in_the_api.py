"""The staff member's page and GET /staff/{id}/terms show the dated terms (valid from, role, FTE,
employment model, coverage), in a number of queries that does not grow with the history."""

from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.accounts.tokens import create_token
from tests import factories
from tests.conftest import OUTSIDERS_OF_BETA

WEEK = [[day, "09:00", "17:00"] for day in range(5)]


def _staff_with_terms(consortium, changes: int):
    staff = factories.support_staff(consortium, "0.5", starts_on=date(2024, 1, 1))
    for n in range(changes + 1):
        staff.terms.create(
            valid_from=date(2024, 1, 1) + timedelta(days=30 * n),
            role="community_manager" if n % 2 == 0 else "technical_support",
            fte=f"0.{n + 2}0",
            employment_model="direct_hire" if n == 0 else "contracted",
            coverage=WEEK if n == 0 else [[0, "10:00", "12:30"]],
        )
    return staff


def _api(world, name):
    _, key = create_token(world.orcid_admin, getattr(world, name))
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_the_page_lists_each_dated_change(world, client_for):
    staff = _staff_with_terms(world.alpha, 1)

    page = client_for("alpha_staff").get(reverse("staffing:staff_detail", args=[staff.pk])).content.decode()

    assert "Terms history" in page
    for text in ("1 Jan 2024", "30 Jan 2024", "31 Jan 2024", "Technical support", "0.30", "Contracted"):
        assert text in page
    assert "Mon 10:00–12:30" in page and "Fri 09:00–17:00" in page
    assert "current" in page


def test_the_page_query_count_does_not_grow_with_the_history(world, client_for, django_assert_num_queries):
    short = _staff_with_terms(world.alpha, 1)
    long = _staff_with_terms(world.alpha, 6)
    client = client_for("alpha_admin")
    client.get(reverse("staffing:staff_detail", args=[short.pk]))  # warm the session and caches

    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("staffing:staff_detail", args=[short.pk])).status_code == 200
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(reverse("staffing:staff_detail", args=[long.pk])).status_code == 200


def test_the_api_lists_the_terms_oldest_first(world):
    staff = _staff_with_terms(world.alpha, 1)

    response = _api(world, "alpha_staff").get(f"/api/v1/staff/{staff.pk}/terms")

    assert response.status_code == 200, response.content
    terms = response.json()["terms"]
    assert [(t["valid_from"], t["valid_until"], t["fte"]) for t in terms] == [
        ("2024-01-01", "2024-01-30", "0.20"),
        ("2024-01-31", None, "0.30"),
    ]
    assert terms[1]["coverage"] == [
        {"weekday": 0, "weekday_name": "Monday", "starts_at": "10:00:00", "ends_at": "12:30:00"}
    ]
    assert [t["is_in_force"] for t in terms] == [False, True]


def test_outsiders_get_404_for_the_terms(world):
    staff = _staff_with_terms(world.beta, 1)

    for outsider in OUTSIDERS_OF_BETA:
        assert _api(world, outsider).get(f"/api/v1/staff/{staff.pk}/terms").status_code == 404
