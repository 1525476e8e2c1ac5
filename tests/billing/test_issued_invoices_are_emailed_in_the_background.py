"""Issuing a run queues the e-mailing of its invoices once the run is committed; the worker's
task then sends each invoice with its PDF to the invoice contact."""

from django.core import mail
from django_tasks_db.models import DBTaskResult

from consortia.billing import services
from consortia.billing.models import Invoice
from consortia.billing.tasks import send_invoices_of_run
from tests import factories


def test_issuing_queues_the_e_mails_after_commit(world, django_capture_on_commit_callbacks):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")

    with django_capture_on_commit_callbacks(execute=True):
        run = services.issue_run(world.orcid_admin, schedule)

    queued = DBTaskResult.objects.filter(task_path=send_invoices_of_run.module_path)
    assert [row.args_kwargs["args"] for row in queued].count([run.pk]) == 1


def test_the_task_sends_each_invoice_once(world):
    schedule = factories.fee_schedule(world.alpha, local_currency="USD")
    run = services.issue_run(world.orcid_admin, schedule)

    send_invoices_of_run.call(run.pk)
    send_invoices_of_run.call(run.pk)

    invoice = Invoice.objects.get(membership=world.alpha_membership)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == f"{invoice.reference}.pdf"
    assert invoice.emailed_at is not None
