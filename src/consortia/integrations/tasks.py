"""Integrations' background work, run by ``consortia worker``: e-mailing a notice to the
technical contacts it was addressed to (``notices.send_notice`` queues it after commit)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task

from consortia.integrations.models import Announcement, AnnouncementRecipient

logger = logging.getLogger(__name__)


def _message(announcement: Announcement, recipient: AnnouncementRecipient, connection) -> EmailMessage:
    greeting = f"Dear {recipient.name}," if recipient.name else "Hello,"
    sender = announcement.sent_by
    footer = (
        "You receive this as the technical contact of an ORCID integration"
        f"{' on ' + announcement.platform.name if announcement.platform_id else ''}"
        f"{' (' + announcement.consortium.name + ')' if announcement.consortium_id else ''}."
    )
    body = f"{greeting}\n\n{announcement.body}\n\n--\n{footer}\n"
    reply_to = [sender.email] if sender is not None and sender.email else []
    return EmailMessage(
        subject=" ".join(announcement.subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        reply_to=reply_to,
        connection=connection,
    )


@task()
def send_announcement(announcement_id: int) -> dict:
    """E-mail every recipient of a notice not e-mailed yet, one message each, logging the time sent
    or the error per recipient. No policy check: the sender's was checked when it was queued.
    Running it again sends only what is missing; one failure does not stop the others, and the
    task fails at the end, naming how many, so the failure is seen."""
    announcement = Announcement.objects.select_related("sent_by", "platform", "consortium").get(
        pk=announcement_id
    )
    pending = list(announcement.recipients.filter(sent_at__isnull=True).order_by("email", "pk"))
    sent = failed = 0
    connection = get_connection()
    for recipient in pending:
        try:
            _message(announcement, recipient, connection).send()
        except Exception as error:  # noqa: BLE001 - logged per recipient, the others still go
            logger.exception("Could not e-mail notice %s to %s", announcement_id, recipient.email)
            recipient.error = f"{type(error).__name__}: {error}"[:300]
            recipient.save(update_fields=["error"])
            failed += 1
        else:
            recipient.sent_at, recipient.error = timezone.now(), ""
            recipient.save(update_fields=["sent_at", "error"])
            sent += 1
    if failed:
        raise RuntimeError(f"Could not e-mail notice {announcement_id} to {failed} recipient(s)")
    return {"announcement": announcement_id, "sent": sent}
