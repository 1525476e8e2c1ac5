"""`consortia remind-invoices` e-mails overdue invoices' contacts; --dry-run sends nothing."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.cli import main
from tests import factories


def _overdue_invoice(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    services.issue_run(world.orcid_admin, schedule)
    invoice = Invoice.objects.get(membership=world.alpha_membership)
    # Issued a while ago: update() on purpose, as an issued invoice is otherwise never changed.
    Invoice.objects.filter(pk=invoice.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    return invoice


def test_dry_run_lists_the_reminder_and_sends_nothing(world, capsys):
    invoice = _overdue_invoice(world)

    assert main(["remind-invoices", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "Would send" in out and invoice.reference in out
    assert mail.outbox == []


def test_without_dry_run_the_reminder_is_sent_once_a_day(world, capsys):
    _overdue_invoice(world)

    assert main(["remind-invoices"]) == 0
    assert main(["remind-invoices"]) == 0

    sent = [m for m in mail.outbox if "Overdue" in m.subject]
    assert len(sent) == 1
    assert "1 already reminded today" in capsys.readouterr().out


def test_a_bad_date_exits_2(world, capsys):
    assert main(["remind-invoices", "--date", "yesterday"]) == 2
    assert "consortia:" in capsys.readouterr().err
