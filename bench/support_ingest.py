"""E-mail ingestion speed: messages per second through ``support.mail.ingest``.

    python -m bench.support_ingest [--messages 2000] [--members 50] [--json]

Runs on a fresh SQLite database in a temporary folder (migrated first; its own media folder),
so it needs no other bench data and leaves nothing behind. One consortium desk, ``--members``
member organizations with a known contact each, and ``--messages`` raw RFC 5322 messages made
beforehand (not timed), a fixed-seed mix of what a desk receives:

- 45 % new requests from known contacts (plain text, some with a quoted-printable UTF-8 body),
- 30 % replies threaded by In-Reply-To/References to an earlier message of the run,
- 8 % new requests with a PDF attachment (40 KB), 7 % HTML-only messages,
- 5 % unknown senders (held for review on this desk), 5 % redeliveries of an earlier Message-ID.

**Timed**: ``ingest`` for every message, one after the other, each in its own transaction as the
``consortia ingest-mail`` pipe would. Target: at least 200 messages per second.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

TARGET_PER_SECOND = 200
SEED = 200
SUBJECTS = (
    "Sandbox client rejects our redirect URI",
    "Member portal sign-in fails",
    "Affiliation missing on a record",
    "Invoice amount in euros",
    "Webinar registration for two staff",
    "Collect & Connect badge question",
    "Token expired after an hour",
)
PDF = b"%PDF-1.4\n" + b"0" * 40_000 + b"\n%%EOF\n"


def make_world(members: int):
    from consortia.directory.models import Consortium, Contact, Membership, Organization, Person, Region

    region = Region.objects.create(name="Asia Pacific", slug="apac")
    lead = Organization.objects.create(name="Bench Lead", country="NZ")
    consortium = Consortium.objects.create(
        name="Bench Consortium",
        slug="bench",
        region=region,
        lead_organization=lead,
        country="NZ",
        currency="NZD",
        time_zone="Pacific/Auckland",
        status="active",
    )
    senders = []
    for n in range(members):
        organization = Organization.objects.create(name=f"Member University {n}", country="NZ")
        membership = Membership.objects.create(
            consortium=consortium, organization=organization, status="active"
        )
        person = Person.objects.create(
            given_names="Contact", family_name=f"N{n}", email=f"contact{n}@member{n}.example"
        )
        Contact.objects.create(membership=membership, person=person, role=Contact.Role.TECHNICAL)
        senders.append((person.full_name, person.email))
    desk = consortium.desk
    desk.email_address = "support@bench.example"
    desk.unknown_senders = desk.UnknownSenders.HOLD
    desk.save(update_fields=["email_address", "unknown_senders"])
    return desk, senders


def make_messages(count: int, senders) -> list[bytes]:
    rng = random.Random(SEED)
    sent: list[tuple[str, str, tuple]] = []  # (message id, subject, sender)
    raws: list[bytes] = []
    for n in range(count):
        roll = rng.random()
        message = EmailMessage()
        sender = rng.choice(senders)
        subject = f"{rng.choice(SUBJECTS)} ({n})"
        message_id = make_msgid(f"bench{n}", domain="member.example")
        if roll < 0.05 and raws:
            raws.append(rng.choice(raws))  # a redelivery
            continue
        if roll < 0.35 and sent:
            parent_id, parent_subject, sender = rng.choice(sent)
            subject = f"Re: {parent_subject}"
            message["In-Reply-To"] = parent_id
            message["References"] = parent_id
        elif roll < 0.40:
            sender = ("Someone New", f"someone{n}@new-member.example")
        message["From"] = f"{sender[0]} <{sender[1]}>"
        message["To"] = "Bench support <support@bench.example>"
        message["Subject"] = subject
        message["Date"] = format_datetime(__import__("datetime").datetime.now().astimezone())
        message["Message-ID"] = message_id
        text = (
            f"Hello,\n\nWe have a question about {subject.lower()}: it fails since Monday – "
            f"error code {rng.randrange(1000, 9999)}.\n\nThanks,\n{sender[0]}\n"
        )
        if rng.random() < 0.3:
            text += "\nOn Mon, 3 Mar 2025, Support wrote:\n> Could you send the client ID?\n> Thanks\n"
        if 0.40 <= roll < 0.47:
            message.set_content(
                f"<html><body><p>{text.replace(chr(10), '<br>')}</p></body></html>", subtype="html"
            )
        else:
            message.set_content(text)
        if 0.47 <= roll < 0.55:
            message.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"report-{n}.pdf")
        raws.append(message.as_bytes())
        if roll >= 0.35:
            sent.append((message_id, subject, sender))
    return raws


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp(prefix="bench-ingest-")
    os.environ["CONSORTIA_DATA_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)
    from bench import setup_django

    setup_django()
    from collections import Counter

    from django.conf import settings
    from django.core.management import call_command

    from consortia.support import mail

    settings.MEDIA_ROOT = os.path.join(folder, "media")
    call_command("migrate", interactive=False, verbosity=0)
    desk, senders = make_world(args.members)
    desk = mail.desk_for_ingest(desk.slug)  # as `consortia ingest-mail` does
    raws = make_messages(args.messages, senders)

    outcomes = Counter()
    started, cpu = time.perf_counter(), time.process_time()
    for raw in raws:
        outcomes[mail.ingest(desk, raw).outcome] += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu

    rate = len(raws) / elapsed
    result = {
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "messages": len(raws),
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "messages_per_second": round(rate, 1),
        "target": TARGET_PER_SECOND,
        "outcomes": dict(outcomes),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"Ingested {len(raws)} messages in {elapsed:.2f} s on {result['database']}: "
            f"{rate:.0f} messages/s (target {TARGET_PER_SECOND}; {cpu:.2f} s of CPU)"
        )
        print("  " + ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())))
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())
