"""A run is all or nothing: stopped half-way (an error while building invoices, or while writing
their lines), it leaves no invoice, no run and an unchanged number sequence; the next run starts
at number 1 as if nothing had happened."""

from unittest import mock

import pytest

from consortia.billing import services
from consortia.billing.models import BillingRun, Invoice, InvoiceLine, InvoiceSequence
from tests import factories


class Stopped(Exception):
    pass


@pytest.fixture
def schedule(world):
    for _ in range(5):
        factories.membership(world.alpha)
    return factories.fee_schedule(world.alpha)  # 6 members, USD and NZD: 12 invoices


def stop_after(k):
    def progress(done, total):
        if done > k:
            raise Stopped(f"stopped after {k} of {total}")

    return progress


def assert_nothing_left(world):
    assert not Invoice.objects.exists()
    assert not InvoiceLine.objects.exists()
    assert not BillingRun.objects.exists()
    assert not InvoiceSequence.objects.filter(consortium=world.alpha, last_number__gt=0).exists()


@pytest.mark.parametrize("k", [0, 5, 11])
def test_a_run_stopped_while_building_invoices_leaves_nothing(world, schedule, k):
    with pytest.raises(Stopped):
        services.issue_run(world.orcid_admin, schedule, progress=stop_after(k))

    assert_nothing_left(world)


def test_a_run_stopped_while_writing_lines_leaves_nothing(world, schedule):
    insert_rows = services._insert_rows

    def fail_on_lines(model, *args, **kwargs):
        if model is InvoiceLine:
            raise Stopped("disk full")
        return insert_rows(model, *args, **kwargs)

    with mock.patch.object(services, "_insert_rows", side_effect=fail_on_lines), pytest.raises(Stopped):
        services.issue_run(world.orcid_admin, schedule)

    assert_nothing_left(world)


@pytest.mark.django_db(transaction=True)
def test_a_run_stopped_outside_any_test_transaction_commits_nothing(world, schedule):
    with pytest.raises(Stopped):
        services.issue_run(world.orcid_admin, schedule, progress=stop_after(6))

    assert_nothing_left(world)


def test_the_next_run_after_a_stopped_one_numbers_from_one(world, schedule):
    with pytest.raises(Stopped):
        services.issue_run(world.orcid_admin, schedule, progress=stop_after(3))

    run = services.issue_run(world.orcid_admin, schedule)

    assert run.kind == BillingRun.Kind.ANNUAL
    assert sorted(Invoice.objects.values_list("number", flat=True)) == list(range(1, 13))
