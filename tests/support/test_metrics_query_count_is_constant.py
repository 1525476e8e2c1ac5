"""Desk metrics, the metrics page and ORCID's overview run the same number of queries whatever
the number of tickets, ratings and escalations."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consortia.support import metrics, services
from consortia.support.models import Desk, SatisfactionRating, Ticket

START, END = date(2025, 1, 1), date(2025, 12, 31)


def add_tickets(world, count, offset=0):
    desk = world.alpha.desk
    for n in range(count):
        ticket = services.open_ticket(world.alpha_member, desk, subject=f"Q{n}", body="Help.")
        if n % 3 == 0:
            services.escalate(world.alpha_staff, ticket, "Please look.")
        created = timezone.now().replace(year=2025, month=1 + (n + offset) % 12, day=10) - timedelta(hours=n)
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=created, first_response_seconds=60 * (n + 1), resolution_seconds=600 * (n + 1)
        )
        SatisfactionRating.objects.create(ticket=ticket, score=1 + n % 5)


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_desk_metrics_runs_two_queries_at_any_size(world, django_assert_num_queries):
    desk = Desk.objects.select_related("calendar").get(pk=world.alpha.desk.pk)
    add_tickets(world, 2)
    with django_assert_num_queries(2):
        metrics.desk_metrics(desk, START, END)
    add_tickets(world, 25, offset=5)
    with django_assert_num_queries(2):
        figures = metrics.desk_metrics(desk, START, END)
    assert figures.total == 27 and figures.escalated == 10 and figures.satisfaction_count == 27


def test_metrics_page_and_overview_query_counts_do_not_grow(world, client_for):
    team, orcid = client_for("alpha_admin"), client_for("orcid_admin")
    page = f"/support/desks/{world.alpha.desk.slug}/metrics/?from=2025-01-01&to=2025-12-31"
    overview = "/support/metrics/?from=2025-01-01&to=2025-12-31"
    add_tickets(world, 2)
    small = (count_queries(lambda: team.get(page)), count_queries(lambda: orcid.get(overview)))
    add_tickets(world, 20, offset=3)
    large = (count_queries(lambda: team.get(page)), count_queries(lambda: orcid.get(overview)))
    assert small == large
    assert team.get(page).status_code == 200
