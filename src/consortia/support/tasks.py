"""The support desk's background work, run by ``consortia worker``: e-mailing public replies
and resolution notices, and the periodic SLA check."""

from django_tasks import task


@task()
def send_ticket_message(message_id: int) -> None:
    """E-mail one public message of a thread to the other side (support.mail)."""
    from consortia.support import mail

    mail.send_ticket_message(message_id)


@task()
def send_rating_request(ticket_id: int) -> None:
    """Ask the requester of a resolved ticket for a rating, by a signed one-click link."""
    from consortia.support import mail

    mail.send_rating_request(ticket_id)
