"""The scorecard runs the same number of queries for 2 consortia as for 12, each with staff,
coverage, training records and its onboarding checklist, today and on a past date."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consortia.onboarding.models import ChecklistItem, ChecklistItemEvent
from consortia.staffing.models import HomeworkSubmission, ShadowingCheckIn, WebinarAttendance
from tests import factories


def staff_consortium(consortium):
    consortium.agreement_date = date(2024, 1, 15)
    consortium.save()
    for _ in range(3):
        factories.membership(consortium, with_lead_contacts=False)
    for fte, weekdays in (("0.6", (0, 1, 2)), ("0.4", (3, 4))):
        staff = factories.support_staff(
            consortium,
            fte,
            weekdays=weekdays,
            starts_on=date(2024, 2, 1),
            shadowing_starts_on=date(2024, 2, 1),
            shadowing_ends_on=date(2024, 3, 31),
        )
        WebinarAttendance.objects.create(staff=staff, webinar="overview", attended_on=date(2024, 2, 10))
        HomeworkSubmission.objects.create(
            staff=staff, note="Done", reviewed_at=timezone.now(), status="accepted"
        )
        ShadowingCheckIn.objects.create(staff=staff, held_on=date(2024, 2, 8), notes="First week")
    item = ChecklistItem.objects.filter(checklist__consortium=consortium).first()
    ChecklistItemEvent.objects.create(
        item=item, action=ChecklistItemEvent.Action.COMPLETED, at=timezone.make_aware(datetime(2024, 2, 1))
    )


def add_consortia(world, n):
    for i in range(n):
        staff_consortium(factories.consortium(f"Extra {i:02}", f"extra-{i:02}", world.apac))


def count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/compliance/", params)
    assert response.status_code == 200
    return len(queries), len(response.context["page_obj"])


@pytest.mark.parametrize("days_ago", [None, 30])
def test_scorecard_queries_do_not_grow_with_consortia(world, client_for, days_ago):
    params = {} if days_ago is None else {"date": str(timezone.localdate() - timedelta(days=days_ago))}
    staff_consortium(world.alpha)
    staff_consortium(world.beta)
    client = client_for("orcid_admin")
    client.get("/compliance/", params)

    small, small_rows = count_queries(client, params)
    add_consortia(world, 10)
    large, large_rows = count_queries(client, params)

    assert (small_rows, large_rows) == (2, 12)
    assert small == large
