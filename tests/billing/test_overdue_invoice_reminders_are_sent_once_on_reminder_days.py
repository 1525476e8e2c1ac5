"""Overdue invoices are reminded to their invoice contact on the day they become overdue and
every 14 days after, while a balance is open: once per invoice a day however often the run is
repeated, never for paid, credited, not yet due invoices or credit notes. The daily task sends
its day and queues the next one."""

import email
from datetime import time, timedelta
from email import policy as email_policy

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from consortia.billing import services, tasks
from consortia.billing.reminders import (
    REMINDER_INTERVAL_DAYS,
    is_reminder_day,
    plan_invoice_reminders,
    remind_overdue_invoices,
)
from tests import factories


@pytest.fixture
def invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    return services.issue_run(world.orcid_admin, schedule).invoices.get()


def test_reminder_days_are_the_first_overdue_day_and_every_fortnight_after(invoice):
    due = invoice.due_on
    days = [n for n in range(0, 60) if is_reminder_day(due, due + timedelta(days=n))]

    assert REMINDER_INTERVAL_DAYS == 14
    assert days == [1, 15, 29, 43, 57]


def test_an_overdue_invoice_is_reminded_to_its_invoice_contact(invoice, settings):
    settings.CONSORTIA_BASE_URL = "https://consortia.example.org/"
    day = invoice.due_on + timedelta(days=15)

    outcome = remind_overdue_invoices(day)

    assert outcome.messages_sent == 1
    (sent,) = mail.outbox
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=email_policy.default)
    assert parsed["To"].addresses[0].addr_spec == invoice.bill_to_email
    assert parsed["Subject"] == "Overdue: invoice INV-2026-00001 from Alpha Consortium Lead Organization"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert str(parsed["Message-ID"]).strip().endswith("@consortia.example.org>")
    text = parsed.get_body(("plain",)).get_content()
    assert "is 15 days overdue" in text
    assert "Amount due:    USD 1,500.00" in text
    assert f"Due date:      {invoice.due_on:%-d %B %Y}" in text
    assert "quoting the reference INV-2026-00001" in text


def test_running_a_day_twice_sends_once(invoice):
    day = invoice.due_on + timedelta(days=1)

    first = remind_overdue_invoices(day)
    second = remind_overdue_invoices(day)

    assert (first.messages_sent, second.messages_sent) == (1, 0)
    assert second.already_reminded == [invoice]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("days_after_due", [-5, 0, 2, 14])
def test_nothing_is_sent_on_other_days(invoice, days_after_due):
    outcome = remind_overdue_invoices(invoice.due_on + timedelta(days=days_after_due))

    assert outcome.messages_sent == 0 and mail.outbox == []


def test_paid_and_credited_invoices_and_credit_notes_are_not_reminded(world, invoice):
    services.record_payment(world.alpha_admin, invoice, amount="1500.00", received_on=invoice.issued_on)
    other = factories.membership(world.alpha)
    credited = services.issue_run(world.orcid_admin, invoice.schedule).invoices.get(membership=other)
    services.issue_credit_note(world.alpha_admin, credited, reason="Left before the year")

    outcome = remind_overdue_invoices(invoice.due_on + timedelta(days=1))

    assert outcome.messages_sent == 0 and mail.outbox == []


def test_a_partly_paid_invoice_is_reminded_of_its_balance(world, invoice):
    services.record_payment(world.alpha_admin, invoice, amount="1000.00", received_on=invoice.issued_on)

    remind_overdue_invoices(invoice.due_on + timedelta(days=1))

    (sent,) = mail.outbox
    assert "Amount due:    USD 500.00" in sent.body


def test_an_invoice_without_an_address_is_listed_not_sent(world):
    membership = factories.membership(world.alpha, with_lead_contacts=False)
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    invoice = services.issue_run(world.orcid_admin, schedule).invoices.get(membership=membership)

    outcome = remind_overdue_invoices(invoice.due_on + timedelta(days=1))

    assert outcome.without_address == [invoice]
    # Only world.alpha_membership's invoice has an address.
    (sent,) = mail.outbox
    addressed = schedule.invoices.get(membership=world.alpha_membership)
    assert sent.to[0].endswith(f"<{addressed.bill_to_email}>")


def test_a_dry_run_sends_and_records_nothing(invoice):
    day = invoice.due_on + timedelta(days=1)

    planned = remind_overdue_invoices(day, dry_run=True)

    assert [r.invoice for r in planned.reminders] == [invoice]
    assert mail.outbox == []
    assert plan_invoice_reminders(day).reminders[0].invoice == invoice


def test_the_daily_task_sends_its_day_and_queues_the_next_at_the_reminder_hour(invoice, settings):
    settings.CONSORTIA_REMINDER_HOUR = 7
    today = timezone.localdate()
    tasks.ensure_invoice_reminders_scheduled()
    assert tasks.pending_invoice_reminder_days() == [today.isoformat()]
    DBTaskResult.objects.all().delete()

    result = tasks.send_overdue_invoice_reminders.call(today.isoformat())

    assert result["day"] == today.isoformat() and "messages_sent" in result
    (queued,) = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=tasks.send_overdue_invoice_reminders.module_path
    )
    tomorrow = today + timedelta(days=1)
    assert queued.args_kwargs["args"] == [tomorrow.isoformat()]
    local = timezone.localtime(queued.run_after, timezone.get_default_timezone())
    assert (local.date(), local.time()) == (tomorrow, time(7))


def test_a_stale_day_sends_nothing_and_queues_today(invoice):
    today = timezone.localdate()

    result = tasks.send_overdue_invoice_reminders.call((today - timedelta(days=3)).isoformat())

    assert result["skipped"] == "stale" and mail.outbox == []
    assert tasks.pending_invoice_reminder_days() == [today.isoformat()]
