"""Demo data for the support desk: a year of tickets on the three demo consortia's desks, so the
queues, ticket pages, issues registers and metrics show something real.

About 300 tickets from the demo members' contacts, opened in working hours (and some in the
evening or at weekends) over the last year: most answered within a working day, some late
(breaches), some waiting on the member, about one in ten escalated to ORCID and resolved there,
older ones resolved (most of them rated), recent ones still open. A few members wrote to ORCID
directly. Each register has a few entries; two consortia raised the same issue, which ORCID
merged.

Tickets are written through ``support.services`` as the demo users, on a demo clock: the services
read the time from ``timezone.now()``, which ``_clock`` sets to the moment each step happened, so
the status log, the thread and the SLA figures are those of a real year. The figures are then
refreshed against the real time. Random choices use a fixed seed: every seeding is the same.
"""

import random
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import Role, User
from consortia.directory.demo import DEMO_CONSORTIUM_SLUGS, ORCID_ADMIN_EMAIL
from consortia.directory.models import Consortium, Contact, Membership
from consortia.support import services
from consortia.support.models import CannedReply, RegisteredIssue, Ticket

SEED = 20261125
DAYS = 365
TICKETS_PER_CONSORTIUM = {"demo-aotearoa": 140, "demo-nordic-baltic": 110, "demo-brasil": 45}
DIRECT_TO_ORCID = 12

SUBJECTS = {
    Ticket.Category.ACCOUNT: [
        "Cannot sign in to the member portal",
        "Two ORCID records for the same researcher",
        "Please add a second technical contact to our account",
    ],
    Ticket.Category.INTEGRATION: [
        "Sandbox client rejects our redirect URI",
        "Token exchange returns invalid_grant",
        "How do we request the /read-limited scope?",
        "Webhook notifications stopped arriving",
        "Our DSpace plugin writes duplicate works",
    ],
    Ticket.Category.RECORD: [
        "Researcher cannot see works we added",
        "Affiliation shows the wrong department",
        "Employment dates are off by one year",
    ],
    Ticket.Category.MEMBERSHIP: [
        "Invoice sent to the wrong address",
        "Can we move to a premium membership next year?",
        "Purchase order number needed on the invoice",
    ],
    Ticket.Category.COLLECT_CONNECT: [
        "Review of our Pure integration for Collect & Connect",
        "Which badge does displaying iDs in the catalogue earn?",
    ],
    Ticket.Category.TRAINING: [
        "Slides from the onboarding webinar",
        "Outreach materials in our language",
        "Can you run a session for our library staff?",
    ],
    Ticket.Category.OTHER: ["Question about the annual members' meeting", "Change of our main contact"],
}
REPLIES = [
    "Thanks for getting in touch. Could you send the client ID and the exact error message?",
    "I have checked this with our records; the fix is described in the steps below.",
    "We have updated this on our side. Could you try again and let us know?",
    "Here is the link to the documentation that covers this case.",
]
MEMBER_FOLLOW_UPS = [
    "Thanks, here is the error we see.",
    "That worked, thank you!",
    "We tried again and it still fails.",
    "Attached is the screenshot you asked for.",
]
ESCALATION_SUMMARIES = [
    "Member's sandbox client rejects a redirect URI that matches the registered one exactly. "
    "Reproduced from our side; looks like an issue in the sandbox.",
    "Token exchange fails with invalid_grant for a production client issued last week.",
    "Researcher's works added through the member API do not appear on the public record.",
]
ORCID_RESOLUTIONS = [
    "The redirect URI was registered with a trailing slash; we corrected the client. It works now.",
    "A configuration error on the production client was fixed; the member can retry.",
    "An indexing delay on our side; the works are visible now.",
]
CANNED_REPLIES = [
    ("Acknowledgement", "Thank you for contacting the consortium support desk. We are looking into it."),
    ("Need the client ID", "Could you send us your client ID (APP-…) and the exact error message you see?"),
    (
        "Escalated to ORCID",
        "We have passed this to ORCID's support team and will update you as soon as we hear.",
    ),
]
REGISTER = [
    ("Sandbox redirect URIs with trailing slashes are rejected", "bug", "raised"),
    ("Member portal: export the list of integrations as CSV", "feature", "open"),
    ("Documentation of the /read-limited scope lacks an example", "documentation", "resolved"),
]


class _DemoClock:
    """``timezone.now()`` for the services while seeding: the moment each step happened."""

    def __init__(self):
        self.moment = timezone.now()

    def now(self):
        return self.moment


@contextmanager
def _clock():
    """The demo clock, and no e-mail: a year of history is not sent to the demo's addresses."""
    clock = _DemoClock()
    with (
        mock.patch.object(services.timezone, "now", clock.now),
        mock.patch.object(services.transaction, "on_commit", lambda callback, **kwargs: None),
    ):
        yield clock


def _working_moment(rng: random.Random, day: datetime, zone: ZoneInfo) -> datetime:
    """Mostly in working hours; sometimes in the evening."""
    hour = rng.choice([9, 10, 10, 11, 13, 14, 15, 16, 19])
    return datetime.combine(day.date(), time(hour, rng.randrange(60)), tzinfo=zone)


def _requesters(consortium: Consortium) -> list[tuple[Membership, Contact]]:
    contacts = (
        Contact.objects.filter(membership__consortium=consortium, person__email__isnull=False)
        .select_related("membership__organization", "person")
        .order_by("pk")
    )
    return [(contact.membership, contact) for contact in contacts]


def _agents(consortium: Consortium) -> list[User]:
    return list(User.objects.filter(consortium=consortium).order_by("pk"))


def _orcid_agent(consortium: Consortium) -> User:
    regional = User.objects.filter(role=Role.ORCID_REGIONAL, region=consortium.region).first()
    return regional or User.objects.get(email=ORCID_ADMIN_EMAIL)


def _seed_ticket(rng, clock, desk, agents, orcid_agent, membership, contact, opened, now) -> Ticket:
    category = rng.choice(list(SUBJECTS))
    clock.moment = opened
    ticket = services.open_ticket(
        None,
        desk,
        subject=rng.choice(SUBJECTS[category]),
        body="Kia ora / Hello,\n\nWe need help with this. Details below.\n\nThanks",
        requester=contact.person,
        organization=membership.organization,
        category=category,
        priority=rng.choices(list(Ticket.Priority.values), weights=[2, 12, 4, 1])[0],
        origin=rng.choice([Ticket.Origin.WEB, Ticket.Origin.EMAIL]),
        received_at=opened,
    )
    agent = rng.choice(agents)
    age = now - opened
    # The first answer: usually within hours, sometimes days late (a breach).
    delay = timedelta(hours=rng.choice([0.5, 1, 2, 3, 5, 20, 26, 70]))
    if age < delay:
        return ticket
    clock.moment = opened + delay
    services.update_ticket(agent, ticket, assignee=agent)
    services.add_reply(agent, ticket, rng.choice(REPLIES), status=Ticket.Status.WAITING_ON_REQUESTER)
    moment = opened + delay
    if rng.random() < 0.1 and age > timedelta(days=20):
        clock.moment = moment = moment + timedelta(hours=2)
        services.update_ticket(agent, ticket, status=Ticket.Status.OPEN)
        escalation = services.escalate(agent, ticket, rng.choice(ESCALATION_SUMMARIES))
        clock.moment = moment = moment + timedelta(days=rng.choice([1, 2, 4, 9]))
        services.add_reply(orcid_agent, escalation.orcid_ticket, "We are looking into it.")
        clock.moment = moment = moment + timedelta(days=rng.choice([1, 3, 6]))
        services.resolve_escalation(orcid_agent, escalation, rng.choice(ORCID_RESOLUTIONS))
        clock.moment = moment = moment + timedelta(hours=3)
        services.add_reply(agent, ticket, "ORCID has fixed this; please try again.")
    elif rng.random() < 0.5:
        clock.moment = moment = moment + timedelta(hours=rng.choice([4, 24, 50]))
        services.receive_reply(
            ticket,
            rng.choice(MEMBER_FOLLOW_UPS),
            author_email=contact.person.email,
            author_name=contact.person.full_name,
            received_at=moment,
        )
        clock.moment = moment = moment + timedelta(hours=rng.choice([1, 3, 30]))
        services.add_reply(agent, ticket, rng.choice(REPLIES), status=Ticket.Status.OPEN)
    if now - moment > timedelta(days=rng.choice([3, 8, 15])):
        clock.moment = moment = moment + timedelta(days=rng.choice([1, 2, 3]))
        services.update_ticket(agent, ticket, status=Ticket.Status.RESOLVED)
        if rng.random() < 0.6:
            clock.moment = moment + timedelta(hours=rng.choice([2, 20]))
            services.rate_ticket(
                services.rating_token(ticket),
                rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 8, 12])[0],
                rng.choice(["", "", "Quick and helpful, thanks.", "Took a while but solved."]),
            )
        if now - moment > timedelta(days=30):
            clock.moment = moment + timedelta(days=14)
            services.update_ticket(agent, ticket, status=Ticket.Status.CLOSED)
    return ticket


def support_demo_exists() -> bool:
    return Ticket.objects.filter(desk__consortium__slug__in=DEMO_CONSORTIUM_SLUGS).exists()


@transaction.atomic
def seed_support_demo() -> int:
    """Seed the support demo after the directory demo; returns how many tickets were written."""
    consortia = list(Consortium.objects.filter(slug__in=DEMO_CONSORTIUM_SLUGS).select_related("region"))
    if len(consortia) != len(DEMO_CONSORTIUM_SLUGS) or support_demo_exists():
        return 0
    rng = random.Random(SEED)
    now = timezone.now()
    orcid_admin = User.objects.get(email=ORCID_ADMIN_EMAIL)
    written = 0
    with _clock() as clock:
        for consortium in sorted(consortia, key=lambda c: c.slug):
            desk = services.desk_for_consortium(consortium)
            desk.email_address = f"support@{consortium.slug}.example"
            desk.save(update_fields=["email_address"])
            zone = ZoneInfo(desk.calendar.time_zone)
            agents, requesters = _agents(consortium), _requesters(consortium)
            if not agents or not requesters:
                continue
            orcid_agent = _orcid_agent(consortium)
            for title, body in CANNED_REPLIES:
                CannedReply.objects.create(desk=desk, title=title, body=body)
            count = TICKETS_PER_CONSORTIUM.get(consortium.slug, 50)
            days = sorted(rng.randrange(DAYS) for _ in range(count))
            for days_ago in reversed(days):
                day = now - timedelta(days=days_ago)
                if day.astimezone(zone).weekday() >= 5 and rng.random() < 0.8:
                    day -= timedelta(days=2)
                opened = min(_working_moment(rng, day.astimezone(zone), zone), now - timedelta(minutes=30))
                membership, contact = rng.choice(requesters)
                _seed_ticket(rng, clock, desk, agents, orcid_agent, membership, contact, opened, now)
                written += 1
            # A few members wrote to ORCID directly: ORCID's desk, tagged with the consortium.
            for _ in range(DIRECT_TO_ORCID // len(consortia)):
                membership, contact = rng.choice(requesters)
                clock.moment = now - timedelta(days=rng.randrange(5, 200))
                services.open_ticket(
                    None,
                    services.regional_desk(consortium.region),
                    subject="Question sent straight to ORCID",
                    body="Hello ORCID, we have a question about our record.",
                    requester=contact.person,
                    organization=membership.organization,
                    category=Ticket.Category.RECORD,
                    origin=Ticket.Origin.EMAIL,
                    received_at=clock.moment,
                )
                written += 1
            admin = next((a for a in agents if a.role == Role.CONSORTIUM_ADMIN), agents[0])
            tickets = list(desk.tickets.filter(category=Ticket.Category.INTEGRATION).order_by("pk")[:3])
            for title, category, status in REGISTER:
                clock.moment = now - timedelta(days=rng.randrange(10, 120))
                services.save_registered_issue(
                    admin,
                    consortium,
                    title=title,
                    description=f"{title}. Reported by members of {consortium.name}.",
                    category=category,
                    status=status,
                    members_affected=[m for m, _ in requesters[:2]],
                    tickets=tickets[:2],
                )
        # Two consortia raised the same sandbox issue: ORCID merged them and answered once.
        same = list(RegisteredIssue.objects.filter(title=REGISTER[0][0]).order_by("pk")[:2])
        if len(same) == 2:
            services.answer_registered_issue(
                orcid_admin,
                same[0],
                status=RegisteredIssue.Status.IN_PROGRESS,
                orcid_reference="ORCID-SUP-4821",
                orcid_answer="Confirmed; a fix to the sandbox's URI matching is scheduled.",
            )
            services.merge_registered_issues(orcid_admin, same[1], same[0])
    # The figures as of now (the clock ran at each step's time).
    for ticket in Ticket.objects.filter(status__in=Ticket.OPEN_STATUSES).select_related("desk"):
        services.refresh_sla(ticket)
    return written
