# ruff: noqa: F811 (the corpus's pytest fixtures are imported by name)
"""A person only another consortium knows is a stranger to this desk: their mail is held on a
desk that holds unknown senders, and their name and organization are not attached to a ticket."""

from consortia.directory.models import Contact, Person
from consortia.support import mail
from consortia.support.models import InboundMail, Ticket
from tests.support.mail_corpus import SENDER, desk, load, media  # noqa: F401 (pytest fixtures)


def test_mail_from_a_contact_of_another_consortium_is_held(world, desk, media):
    person = Person.objects.create(given_names="Ana", family_name="Lima", email=SENDER)
    Contact.objects.create(membership=world.beta_membership, person=person, role=Contact.Role.TECHNICAL)

    result = mail.ingest(desk, load("plain_new.eml"))

    assert result.outcome == InboundMail.State.HELD
    assert not Ticket.objects.exists()
