"""Two runs of the same schedule started at the same moment, each on its own database connection,
issue every member's invoice exactly once, numbered 1..N with no gap and no repeat; runs of other
years and consortia going on at the same time keep their own sequences. PostgreSQL only: SQLite
serialises writers for the whole database, so there is no row locking to test there."""

import threading

import pytest
from django.db import connection, connections

from consortia.billing import services
from consortia.billing.models import BillingRun, Invoice
from tests import factories

MEMBERS = 30


def skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"concurrent runs need PostgreSQL's row locks; this database is {connection.vendor} "
            "(set DATABASE_URL to a PostgreSQL database to run it)"
        )


def run_at_once(actor, schedules) -> list[BaseException]:
    """Issue each schedule's run in its own thread, all released together; return the errors."""
    barrier = threading.Barrier(len(schedules))
    errors: list[BaseException] = []

    def issue(schedule):
        try:
            barrier.wait(timeout=30)
            services.issue_run(actor, schedule)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(schedule,)) for schedule in schedules]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a run never finished"
    return errors


def assert_gapless(consortium, year, expected):
    invoices = Invoice.objects.filter(consortium=consortium, year=year)
    numbers = sorted(invoices.values_list("number", flat=True))
    assert numbers == list(range(1, expected + 1))
    billed = list(invoices.values_list("membership", "currency"))
    assert len(billed) == len(set(billed))  # nobody billed twice in a currency


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_one_schedule_at_once_issue_each_invoice_once_without_gaps(world):
    skip_unless_postgresql()
    for _ in range(MEMBERS - 1):
        factories.membership(world.alpha)
    schedule = factories.fee_schedule(world.alpha)  # USD and NZD for each member

    errors = run_at_once(world.orcid_admin, [schedule, schedule])

    assert errors == []
    assert_gapless(world.alpha, 2026, 2 * MEMBERS)
    assert set(Invoice.objects.values_list("membership", flat=True)) == set(
        world.alpha.memberships.values_list("pk", flat=True)
    )
    runs = sorted(BillingRun.objects.values_list("kind", "invoices_issued"))
    assert runs == [("annual", 2 * MEMBERS), ("supplementary", 0)]


@pytest.mark.django_db(transaction=True)
def test_runs_of_other_years_and_consortia_at_once_keep_their_own_sequences(world):
    skip_unless_postgresql()
    for _ in range(MEMBERS - 1):
        factories.membership(world.alpha)
        factories.membership(world.beta)
    schedules = [
        factories.fee_schedule(world.alpha),
        factories.fee_schedule(world.alpha, year=2027),
        factories.fee_schedule(world.beta),
        factories.fee_schedule(world.beta),  # the same schedule twice, beside the others
    ]

    errors = run_at_once(world.orcid_admin, schedules)

    assert errors == []
    for consortium, year in ((world.alpha, 2026), (world.alpha, 2027), (world.beta, 2026)):
        assert_gapless(consortium, year, 2 * MEMBERS)


@pytest.mark.django_db(transaction=True)
def test_credit_notes_issued_during_a_run_leave_both_series_gapless(world):
    skip_unless_postgresql()
    for _ in range(MEMBERS - 1):
        factories.membership(world.alpha)
    first_year = factories.fee_schedule(world.alpha)
    services.issue_run(world.orcid_admin, first_year)
    factories.membership(world.alpha)  # a supplementary invoice pair to issue
    to_credit = list(Invoice.objects.filter(schedule=first_year).order_by("number")[:5])

    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def credit():
        try:
            barrier.wait(timeout=30)
            for invoice in to_credit:
                services.issue_credit_note(world.orcid_admin, invoice, reason="Billed in error")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=credit)
    thread.start()
    try:
        barrier.wait(timeout=30)
        services.issue_run(world.orcid_admin, first_year)
    finally:
        thread.join(timeout=120)

    assert errors == []
    # 60 invoices, 5 credit notes, the new member's 2, and the credited ones again if the run
    # came after them: whatever the order, one sequence without gaps or repeats.
    total = Invoice.objects.filter(consortium=world.alpha, year=2026).count()
    assert 2 * MEMBERS + 5 + 2 <= total <= 2 * MEMBERS + 5 + 2 + 5
    for kind in (Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE):
        numbers = Invoice.objects.filter(consortium=world.alpha, year=2026, kind=kind).values_list(
            "number", flat=True
        )
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
