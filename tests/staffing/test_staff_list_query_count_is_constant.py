"""The staff list runs the same number of queries for 1 and for 5 staff members, each with
coverage, webinars, homework, check-ins and a shared role elsewhere."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, WebinarAttendance
from tests import factories


def add_trained_staff(world, n):
    for _ in range(n):
        person = factories.person("Shared")
        staff = factories.support_staff(
            world.alpha,
            "0.2",
            person_=person,
            shadowing_starts_on=date(2024, 1, 1),
            shadowing_ends_on=date(2024, 3, 1),
        )
        factories.support_staff(world.beta, "0.2", person_=person)
        WebinarAttendance.objects.create(staff=staff, webinar="overview", attended_on=date(2024, 1, 5))
        HomeworkSubmission.objects.create(staff=staff, link="https://example.org/h", status="accepted")
        ShadowingCheckIn.objects.create(staff=staff, held_on=date(2024, 1, 8), notes="Fine")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_query_count_is_the_same_for_one_and_five_staff(world, client_for, django_assert_num_queries):
    client = client_for("alpha_admin")
    url = reverse("staffing:staff_list", args=["alpha"])
    add_trained_staff(world, 1)
    one, _ = count_queries(client, url)
    add_trained_staff(world, 4)
    with django_assert_num_queries(one):
        response = client.get(url)
    assert response.content.decode().count("also serves 1 other consortium") == 5
