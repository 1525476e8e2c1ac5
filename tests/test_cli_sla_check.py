"""`consortia sla-check` refreshes the SLA figures of open tickets desk by desk and warns of the
tickets about to breach — their assignee, else the desk's agents — once each; `--dry-run` stores
and sends nothing. The worker keeps a check queued every 15 minutes (support.tasks.check_slas)."""

from datetime import time, timedelta

import pytest
from django.core import mail as outbox
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from consortia.cli import main
from consortia.support import services, tasks
from consortia.support.models import Ticket

ALL_DAY = [(day, time(0), time(23, 59, 59)) for day in range(7)]


@pytest.fixture
def alpha_desk(world):
    """Alpha's desk open around the clock with a one-hour first response: a new ticket is about
    to breach (the warning window is two hours) whatever the hour the test runs."""
    desk = world.alpha.desk
    services.save_calendar(world.alpha_admin, desk, time_zone="UTC", country="", hours=ALL_DAY)
    services.save_sla_policy(
        world.alpha_admin, desk, first_response_minutes=60, next_response_minutes=60, resolution_minutes=600
    )
    return desk


def new_ticket(world, desk, subject="Sandbox redirect URI refused", **fields):
    return services.open_ticket(world.alpha_member, desk, subject=subject, body="Please help.", **fields)


def test_a_ticket_about_to_breach_is_warned_of_once(world, alpha_desk, capsys):
    ticket = new_ticket(world, alpha_desk)

    assert main(["sla-check"]) == 0
    assert main(["sla-check"]) == 0

    (warning,) = outbox.outbox
    assert sorted(warning.to) == ["admin@alpha.example", "staff@alpha.example"]
    assert warning.subject.startswith(
        f"SLA warning: #{ticket.pk} Sandbox redirect URI refused (first response due"
    )
    assert f"/support/tickets/{ticket.pk}/" in warning.body
    ticket.refresh_from_db()
    assert ticket.breach_warned_at is not None
    out = capsys.readouterr().out
    assert f"  alpha #{ticket.pk} due " in out and "→ admin@alpha.example, staff@alpha.example" in out
    assert "Warned of 1 ticket about to breach" in out
    assert "Warned of 0 tickets about to breach" in out


def test_the_assignee_alone_is_warned_of_their_ticket(world, alpha_desk):
    ticket = new_ticket(world, alpha_desk)
    services.update_ticket(world.alpha_admin, ticket, assignee=world.alpha_staff)

    assert main(["sla-check"]) == 0

    assert [m.to for m in outbox.outbox] == [["staff@alpha.example"]]


def test_the_figures_are_refreshed_and_breached_or_distant_tickets_are_not_warned(world, alpha_desk, capsys):
    late = new_ticket(world, alpha_desk, received_at=timezone.now() - timedelta(hours=3))
    Ticket.objects.filter(pk=late.pk).update(is_breached=False, first_response_breached=False)
    distant = services.open_ticket(world.beta_member, world.beta.desk, subject="Invoice", body="A question.")

    assert main(["sla-check"]) == 0

    late.refresh_from_db()
    assert late.is_breached and late.first_response_breached  # stored again by the check
    assert outbox.outbox == []
    assert "Refreshed the SLA figures of 2 open tickets on 2 desks; 1 breached" in capsys.readouterr().out
    assert Ticket.objects.get(pk=distant.pk).breach_warned_at is None


def test_a_dry_run_stores_and_sends_nothing(world, alpha_desk, capsys):
    ticket = new_ticket(world, alpha_desk)
    Ticket.objects.filter(pk=ticket.pk).update(sla_due=None)

    assert main(["sla-check", "--dry-run"]) == 0

    assert outbox.outbox == []
    ticket.refresh_from_db()
    assert (ticket.breach_warned_at, ticket.sla_due) == (None, None)
    assert "Would warn of 1 ticket about to breach" in capsys.readouterr().out


def test_one_desk_only_and_an_unknown_desk_exits_2(world, alpha_desk, capsys):
    new_ticket(world, alpha_desk)

    assert main(["sla-check", "--desk", "beta"]) == 0
    assert outbox.outbox == []
    assert main(["sla-check", "--desk", "nowhere"]) == 2

    assert capsys.readouterr().err == "consortia: no support desk with slug nowhere\n"


def test_orcids_desks_warn_the_regions_staff_or_orcid_admins(world):
    regional = services.regional_desk(world.apac)
    emea_desk = services.regional_desk(world.emea)

    assert tasks.desk_agents(regional) == ["regional@orcid.example"]
    assert tasks.desk_agents(emea_desk) == ["admin@orcid.example"]  # no EMEA staff: ORCID's admins
    assert tasks.desk_agents(services.global_desk()) == ["admin@orcid.example"]


def test_the_check_queues_the_next_one_in_15_minutes_and_the_worker_starts_one_chain(world):
    assert tasks.ensure_sla_checks_scheduled() is True
    assert tasks.ensure_sla_checks_scheduled() is False

    DBTaskResult.objects.all().delete()
    tasks.check_slas.call()
    tasks.check_slas.call()  # a second run finds the next one queued: still one chain

    (queued,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert queued.task_path == tasks.check_slas.module_path
    assert timedelta(minutes=14) < queued.run_after - timezone.now() <= timedelta(minutes=15)
