"""The support desk at scale: 1,000,000 tickets and 4,000,000 messages, then one desk-year's queue
and metrics.

    python -m bench.support [--tickets 1000000] [--years 4] [--repeat 20] [--warmup 2] [--json]

Run it once on a database made by ``python -m bench.generate`` (300 consortia, 15,000
memberships); it writes tickets, so a second run on the same database exits 2.

1. A desk for every consortium (``support.services.desk_for_consortium``, as the signal does for a
   consortium made through the services; ``bench.generate`` bulk-creates them) and ORCID's desks.
2. Scale data, written as plain rows (``consortia.bulk.insert_rows``, not through the services:
   this is generated history, not users' writes): ``--tickets`` tickets over ``--years`` years,
   ~4 messages each, and their status logs (created, first answer, resolution). One desk in ten
   tickets is the bench consortium admin's, so its desk-year is the heaviest (~25,000 tickets);
   the rest spread over the other desks and ORCID's. SLA figures are set as the services would
   store them (a fixed-seed mix of fast answers, breaches and open tickets); 10 % of the resolved
   tickets have a rating, 4 % an escalation.
3. **Timed** (best / median / max of ``--repeat`` after ``--warmup``, and the query count): the
   desk's queue page, ``support.metrics.desk_metrics`` for the last 12 months, the metrics page
   and ``GET /api/v1/desk-metrics`` for the same desk-year, and the ORCID admin's ``/support/``
   overview. Target: under 200 ms each, the same number of queries every time.
"""

import argparse
import json
import random
import sys
import time
from datetime import UTC, timedelta

from bench import setup_django

TARGET_MS = 200
MESSAGES_PER_TICKET = 4
SEED = 4_000_000
CHUNK = 20_000
CATEGORIES = ("account", "integration", "record", "membership", "collect_connect", "training", "other")
PRIORITIES = ("low", "normal", "normal", "normal", "high", "urgent")
SUBJECTS = (
    "Sandbox client rejects our redirect URI",
    "Token exchange returns invalid_grant",
    "Researcher cannot see works we added",
    "Invoice sent to the wrong address",
    "Review of our integration for Collect & Connect",
    "Slides from the onboarding webinar",
)
HOUR = 3600


def _desks():
    from consortia.directory.models import Consortium, Region
    from consortia.support import services

    desks = [services.desk_for_consortium(c) for c in Consortium.objects.order_by("pk")]
    orcid = [services.regional_desk(r) for r in Region.objects.order_by("pk")] + [services.global_desk()]
    return desks, orcid


def _ticket_rows(rng, count, desks, heavy, organizations, now, years):
    """(ticket row, number of messages, created, first answer, resolved) per ticket."""
    from django.db import connection

    adapt = connection.ops.adapt_datetimefield_value
    span = int(years * 365 * 86400)
    for _ in range(count):
        desk = heavy if rng.random() < 0.1 else rng.choice(desks)
        consortium_id = desk.consortium_id
        organization_id = rng.choice(organizations.get(consortium_id) or [None])
        created = now - timedelta(seconds=rng.randrange(span))
        age = (now - created).total_seconds()
        answer_after = rng.choice([0.5, 1, 2, 4, 6, 10, 30]) * HOUR
        answered = age > answer_after
        resolve_after = answer_after + rng.choice([2, 8, 30, 60, 200]) * HOUR
        resolved = age > resolve_after + 3 * 86400
        first_response_at = created + timedelta(seconds=answer_after) if answered else None
        resolved_at = created + timedelta(seconds=resolve_after) if resolved else None
        first_seconds = int(min(answer_after, 8 * HOUR * 1.5)) if answered else None
        resolution_seconds = int(resolve_after / 3) if resolved else None
        first_breached = answer_after > 8 * HOUR
        resolution_breached = resolved and resolve_after / 3 > 56 * HOUR
        if resolved:
            status = "closed" if age > 40 * 86400 else "resolved"
        else:
            status = rng.choice(["new", "open", "open", "waiting_on_requester", "waiting_on_orcid"])
        sla_due = None if resolved else created + timedelta(hours=rng.choice([8, 30, 60, 120]))
        last = resolved_at or first_response_at or created
        row = (
            desk.pk, consortium_id, organization_id, None, f"member{rng.randrange(10**6)}@example.org",
            "Member contact", rng.choice(SUBJECTS), 1 if desk.consortium_id else 2, rng.choice(CATEGORIES),
            rng.choice(PRIORITIES), status, "email" if rng.random() < 0.6 else "web", None,
            adapt(created), adapt(last), adapt(last), adapt(first_response_at), first_seconds,
            adapt(created + timedelta(hours=8)) if not answered else None, None, adapt(resolved_at),
            resolution_seconds, adapt(sla_due) if not resolved else None, first_breached, False,
            bool(resolution_breached), bool(first_breached or resolution_breached), adapt(sla_due), None,
        )  # fmt: skip
        yield row, created, first_response_at, resolved_at, status


TICKET_COLUMNS = (
    "desk", "consortium", "organization", "requester", "requester_email", "requester_name", "subject", "tier",
    "category", "priority", "status", "origin", "assignee", "created_at", "updated_at", "last_message_at",
    "first_response_at", "first_response_seconds", "first_response_due", "next_response_due", "resolved_at",
    "resolution_seconds", "resolution_due", "first_response_breached", "next_response_breached",
    "resolution_breached", "is_breached", "sla_due", "breach_warned_at",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "ticket", "kind", "source", "from_agent", "author", "author_name", "author_email", "body", "message_id",
    "in_reply_to", "created_at", "emailed_at",
)  # fmt: skip
EVENT_COLUMNS = ("ticket", "kind", "from_value", "to_value", "actor", "at")


def generate(count: int, years: int, say) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.generate import USER_EMAILS
    from consortia.accounts.models import User
    from consortia.bulk import insert_rows
    from consortia.directory.models import Membership
    from consortia.support.models import Escalation, SatisfactionRating, Ticket, TicketEvent, TicketMessage

    rng = random.Random(SEED)
    adapt = connection.ops.adapt_datetimefield_value
    desks, orcid_desks = _desks()
    bench_admin = User.objects.get(email=USER_EMAILS["consortium_admin"])
    heavy = next(d for d in desks if d.consortium_id == bench_admin.consortium_id)
    organizations: dict[int, list[int]] = {}
    for consortium_id, organization_id in Membership.objects.values_list("consortium_id", "organization_id"):
        organizations.setdefault(consortium_id, []).append(organization_id)
    now = timezone.now().astimezone(UTC)
    written = {"tickets": 0, "messages": 0, "events": 0, "ratings": 0, "escalations": 0}
    started = time.perf_counter()
    rows = _ticket_rows(rng, count, desks + orcid_desks, heavy, organizations, now, years)
    message_number = 0
    while written["tickets"] < count:
        batch = [next(rows) for _ in range(min(CHUNK, count - written["tickets"]))]
        with transaction.atomic():
            ids = [
                pk for (pk,) in insert_rows(Ticket, TICKET_COLUMNS, [b[0] for b in batch], returning=("id",))
            ]
            messages, events, ratings, escalated = [], [], [], []
            for pk, (_, created, answered, resolved, status) in zip(ids, batch, strict=True):
                events.append((pk, "created", "", "new", None, adapt(created)))
                moments = [(created, False)]
                if answered:
                    moments.append((answered, True))
                    events.append((pk, "status", "new", "open", None, adapt(answered)))
                    moments.append((answered + timedelta(hours=3), False))
                    moments.append((answered + timedelta(hours=5), True))
                if resolved:
                    events.append((pk, "status", "open", status, None, adapt(resolved)))
                    if rng.random() < 0.1:
                        ratings.append((pk, rng.choice([3, 4, 4, 5, 5, 5, 2]), "", adapt(resolved)))
                if rng.random() < 0.04:
                    escalated.append(pk)
                for at, by_desk in moments[:MESSAGES_PER_TICKET]:
                    message_number += 1
                    messages.append(
                        (
                            pk, "reply", "email", by_desk, None, "Agent" if by_desk else "Member contact",
                            "agent@desk.example" if by_desk else "member@example.org",
                            "Thanks for your message. " * 8, f"<bench-{message_number}@consortia.example>",
                            "", adapt(at), adapt(at) if by_desk else None,
                        )
                    )  # fmt: skip
            insert_rows(TicketMessage, MESSAGE_COLUMNS, messages)
            insert_rows(TicketEvent, EVENT_COLUMNS, events)
            insert_rows(SatisfactionRating, ("ticket", "score", "comment", "rated_at"), ratings)
            # An escalation links the ticket to a ticket on ORCID's desk: take the next ticket of
            # the batch that is on an ORCID desk as its counterpart (scale data, not a story).
            orcid_ids = [pk for pk, b in zip(ids, batch, strict=True) if b[0][1] is None]
            pairs = list(zip(escalated, orcid_ids, strict=False))
            insert_rows(
                Escalation,
                ("ticket", "orcid_ticket", "summary", "escalated_by", "escalated_at", "state", "resolution",
                 "resolved_at"),
                [(t, o, "Escalated", None, adapt(now), "resolved", "Done", adapt(now)) for t, o in pairs],
            )  # fmt: skip
        written["tickets"] += len(batch)
        written["messages"] += len(messages)
        written["events"] += len(events)
        written["ratings"] += len(ratings)
        written["escalations"] += len(pairs)
        elapsed = time.perf_counter() - started
        say(f"  {written['tickets']:,} tickets, {written['messages']:,} messages ({elapsed:.0f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    written["seconds"] = round(time.perf_counter() - started, 1)
    written["heavy_desk"] = heavy.slug
    return written


def measure(heavy_slug: str, repeat: int, warmup: int) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from bench.generate import USER_EMAILS
    from bench.scorecard import _time
    from consortia.accounts.models import User
    from consortia.accounts.tokens import create_token
    from consortia.support import metrics
    from consortia.support.models import Desk, Ticket

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    desk = Desk.objects.get(slug=heavy_slug)
    admin = User.objects.get(email=USER_EMAILS["consortium_admin"])
    orcid_admin = User.objects.get(email=USER_EMAILS["orcid_admin"])
    today = timezone.localdate()
    start = today - timedelta(days=365)
    year = Ticket.objects.filter(desk=desk, created_at__date__gte=start).count()

    def page(user, url, headers=None):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url, headers=headers or {})
            if response.status_code != 200:
                raise SystemExit(f"bench.support: {url} answered {response.status_code}")

        return get

    _, key = create_token(admin, admin, "bench.support")
    cases = {
        f"queue page, open tickets ({heavy_slug})": page(admin, f"/support/desks/{desk.slug}/"),
        "queue page, all statuses by last activity": page(
            admin, f"/support/desks/{desk.slug}/?status=all&sort=activity"
        ),
        f"desk_metrics() one desk-year ({year:,} tickets)": lambda: metrics.desk_metrics(desk, start, today),
        "metrics page, last 12 months": page(admin, f"/support/desks/{desk.slug}/metrics/"),
        "GET /api/v1/desk-metrics": page(
            admin, f"/api/v1/desk-metrics?desk={desk.slug}", {"Authorization": f"Bearer {key}"}
        ),
        "ORCID admin /support/ overview": page(orcid_admin, "/support/"),
    }
    results = {}
    for name, call in cases.items():
        result = _time(call, repeat, warmup)
        result["meets_target"] = result["median_ms"] < TARGET_MS and len(result["queries"]) == 1
        results[name] = result
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--measure-only", metavar="DESK", help="skip generating; measure this desk")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    from consortia.directory.models import Consortium
    from consortia.support.models import Ticket

    say = (lambda *a: None) if args.json else (lambda text: print(text, flush=True))
    results = {"database": connection.vendor}
    heavy = args.measure_only
    if heavy is None:
        if not Consortium.objects.exists():
            print("bench.support: no consortia here; run `python -m bench.generate` first", file=sys.stderr)
            return 2
        if Ticket.objects.exists():
            print("bench.support: this database has tickets already; generate a fresh one", file=sys.stderr)
            return 2
        results["generated"] = generate(args.tickets, args.years, say)
        heavy = results["generated"]["heavy_desk"]
    results["cases"] = measure(heavy, args.repeat, args.warmup)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    print(f"{'case':<56} {'best ms':>8} {'median ms':>10} {'max ms':>8} {'queries':>8}  target")
    for name, r in results["cases"].items():
        queries_seen = "/".join(map(str, r["queries"]))
        verdict = "ok" if r["meets_target"] else "MISSED"
        times = f"{r['best_ms']:>8.1f} {r['median_ms']:>10.1f} {r['max_ms']:>8.1f}"
        print(f"{name:<56} {times} {queries_seen:>8}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
