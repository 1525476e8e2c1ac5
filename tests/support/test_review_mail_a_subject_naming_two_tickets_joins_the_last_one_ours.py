# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""We add the ticket's reference at the end of the subjects we send. A subject that already
named another ticket ("About [#5]") then carries two references: a reply that lost its threading
headers joins the ticket the last one names, not the one quoted."""

from consortia.support import mail, services
from tests.support.mail_corpus import ana, desk, load, media  # noqa: F401 (pytest fixtures)


def test_a_reply_naming_two_tickets_joins_the_ticket_named_last(world, ana, desk, media):
    earlier = mail.ingest(desk, load("plain_new.eml")).ticket
    later = services.open_ticket(
        world.alpha_member, desk, subject=f"Still about [#{earlier.pk}]", body="It is back."
    )
    subject = mail.reply_subject(later)
    raw = load("reply_subject_token.eml", ticket=0).replace(
        b"Re: Sandbox redirect URI refused [#0]", subject.encode()
    )
    raw = raw.replace(b"ana.lima@alpha-university.example", world.alpha_member.email.encode(), 1)

    result = mail.ingest(desk, raw)

    assert (result.outcome, result.ticket) == ("joined", later)
    assert earlier.messages.count() == 1
