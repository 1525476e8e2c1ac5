"""GET /staff runs the same number of queries whatever the number of staff and their training."""

from datetime import date

import pytest

from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, WebinarAttendance
from tests import factories

# Token, count, page of rows, then one each for coverage, webinars, homework and check-ins.
QUERIES = 7


@pytest.mark.parametrize("people", [2, 15])
def test_staff_list_query_count_does_not_grow_with_rows(api_for, world, django_assert_num_queries, people):
    for _ in range(people):
        staff = factories.support_staff(
            world.alpha,
            "0.1",
            shadowing_starts_on=date(2020, 1, 6),
            shadowing_ends_on=date(2020, 2, 28),
        )
        WebinarAttendance.objects.create(staff=staff, webinar="overview", attended_on=date(2020, 1, 10))
        HomeworkSubmission.objects.create(staff=staff, link="https://alpha.example/hw")
        ShadowingCheckIn.objects.create(staff=staff, held_on=date(2020, 1, 13), notes="Fine")
    client = api_for("alpha_admin")
    assert client.get("/staff").status_code == 200

    with django_assert_num_queries(QUERIES):
        response = client.get("/staff", {"page_size": 200})

    body = response.json()
    assert body["count"] == len(body["results"]) == people
