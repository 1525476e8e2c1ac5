"""A corpus of tricky e-mails, written by hand, for the support desk's ingestion tests.

Every message comes from Ana Lima of Alpha University (a contact of alpha's member) unless its
name says otherwise; ``{{PARENT}}`` and ``{{TICKET}}`` are filled in by ``load`` with the
Message-ID a reply answers and the ticket number its subject names.
"""

from pathlib import Path

import pytest

from consortia.directory.models import Contact, Person

CORPUS = Path(__file__).parent
SENDER = "ana.lima@alpha-university.example"


def load(name: str, *, parent: str = "", ticket: int | None = None) -> bytes:
    raw = (CORPUS / name).read_bytes()
    if parent:
        raw = raw.replace(b"{{PARENT}}", parent.encode())
    if ticket is not None:
        raw = raw.replace(b"{{TICKET}}", str(ticket).encode())
    return raw


@pytest.fixture
def ana(world):
    """The sender of the corpus: a technical contact of alpha's member organization."""
    person = Person.objects.create(given_names="Ana", family_name="Lima", email=SENDER)
    Contact.objects.create(membership=world.alpha_membership, person=person, role=Contact.Role.TECHNICAL)
    return person


@pytest.fixture
def desk(world):
    """Alpha's desk, at its own address, holding mail from unknown senders for review."""
    desk = world.alpha.desk
    desk.email_address = "support@alpha.example"
    desk.unknown_senders = desk.UnknownSenders.HOLD
    desk.save(update_fields=["email_address", "unknown_senders"])
    return desk


@pytest.fixture(autouse=False)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
