"""Time the directory's busiest read paths against the data of ``bench.generate``.

    python -m bench.run [--repeat 30] [--warmup 3] [--json] [--only TEXT]

Each case is a GET through Django's test client (the whole middleware, view, template or API
stack, without a network), signed in as the consortium admin or the ORCID admin. The time is
``time.perf_counter`` around ``client.get``; the queries are counted with
``CaptureQueriesContext`` on every repetition and must not vary.
"""

import argparse
import json
import statistics
import sys
import time

from bench import setup_django
from bench.generate import MEMBER_QUERY, SEARCH_SURNAME, USER_EMAILS

TARGET_MEDIAN_MS = 50
TARGET_P95_MS = 150


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 100 * len(ordered)) // 100))
    return ordered[min(rank, len(ordered)) - 1]


def build_cases():
    """(name, who, url, headers) for every case, from what the generator left in the database."""
    from django.db.models import Count, Q

    from consortia.accounts.models import User
    from consortia.accounts.tokens import create_token
    from consortia.directory.models import Membership

    users = {role: User.objects.filter(email=email).first() for role, email in USER_EMAILS.items()}
    if users["consortium_admin"] is None or users["orcid_admin"] is None:
        raise SystemExit(
            "bench.run: no benchmark users here; run `python -m bench.generate` on an empty database first"
        )
    consortium = users["consortium_admin"].consortium
    # The member page with the most to show: an active member with contacts, requests and history.
    member = (
        Membership.objects.filter(consortium=consortium, status="active")
        .annotate(
            history=Count("audit_entries", distinct=True),
            contact_total=Count("contacts", distinct=True),
            request_total=Count("requests", distinct=True),
        )
        .filter(~Q(contact_total=0))
        .order_by("-history", "-request_total", "-contact_total", "pk")
        .first()
    )
    token, key = create_token(users["orcid_admin"], users["orcid_admin"], "bench.run")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    slug = consortium.slug
    cases = [
        ("member list", "consortium_admin", f"/consortia/{slug}/members/", {}),
        (
            f"member list ?q={MEMBER_QUERY}",
            "consortium_admin",
            f"/consortia/{slug}/members/?q={MEMBER_QUERY}",
            {},
        ),
        (
            "member list ?status=active&sort=-joined",
            "consortium_admin",
            f"/consortia/{slug}/members/?status=active&sort=-joined",
            {},
        ),
        ("member list ?page=2", "consortium_admin", f"/consortia/{slug}/members/?page=2", {}),
        ("member detail", "consortium_admin", f"/members/{member.pk}/", {}),
        (
            f"people ?q={SEARCH_SURNAME} (consortium admin)",
            "consortium_admin",
            f"/people/?q={SEARCH_SURNAME}",
            {},
        ),
        (f"people ?q={SEARCH_SURNAME} (ORCID admin, all)", "orcid_admin", f"/people/?q={SEARCH_SURNAME}", {}),
        ("API memberships ?consortium=<slug>", "api", f"/api/v1/memberships?consortium={slug}", bearer),
        ("API memberships ?page=50", "api", "/api/v1/memberships?page=50", bearer),
    ]
    context = {
        "consortium": slug,
        "consortium_members": consortium.memberships.count(),
        "member_id": member.pk,
        "member": str(member.organization),
    }
    return users, token, cases, context


def measure(client, url: str, headers: dict, repeat: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise SystemExit(f"bench.run: GET {url} answered {response.status_code}, not 200")
    timings, query_counts = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"bench.run: GET {url} answered {response.status_code}, not 200")
        query_counts.append(len(captured.captured_queries))
    return {
        "url": url,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "min_ms": round(min(timings), 1),
        "max_ms": round(max(timings), 1),
        "queries": query_counts[0],
        "queries_stable": len(set(query_counts)) == 1,
        "query_counts": sorted(set(query_counts)),
        "bytes": len(response.content),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="measured requests per case (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured requests first (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from consortia.accounts.tokens import revoke_token

    # The test client sends Host: testserver.
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    users, token, cases, context = build_cases()
    clients = {"api": Client()}
    for role in ("consortium_admin", "orcid_admin"):
        clients[role] = Client()
        clients[role].force_login(users[role])

    results = []
    try:
        for name, who, url, headers in cases:
            if args.only and args.only.lower() not in name.lower():
                continue
            result = {
                "case": name,
                "as": who,
                **measure(clients[who], url, headers, args.repeat, args.warmup),
            }
            result["meets_target"] = (
                result["median_ms"] < TARGET_MEDIAN_MS and result["p95_ms"] < TARGET_P95_MS
            )
            results.append(result)
            if not args.json:
                print(f"  {name}: {result['median_ms']} ms", file=sys.stderr, flush=True)
    finally:
        revoke_token(users["orcid_admin"], token)

    report = {
        "database": connection.vendor,
        "repeat": args.repeat,
        "warmup": args.warmup,
        "target": {"median_ms": TARGET_MEDIAN_MS, "p95_ms": TARGET_P95_MS},
        **context,
        "results": results,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"\n{connection.vendor}: {args.repeat} requests per case after {args.warmup} warm-ups; "
            f"consortium {context['consortium']} ({context['consortium_members']} members), "
            f"member {context['member_id']}"
        )
        width = max(len(r["case"]) for r in results) if results else 10
        print(f"{'case':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'queries':>7}  target")
        for r in results:
            queries = (
                str(r["queries"]) if r["queries_stable"] else "/".join(map(str, r["query_counts"])) + " (!)"
            )
            verdict = "ok" if r["meets_target"] else "MISSED"
            print(
                f"{r['case']:<{width}}  {r['median_ms']:>9.1f}  {r['p95_ms']:>7.1f}  {queries:>7}  {verdict}"
            )
    unstable = [r["case"] for r in results if not r["queries_stable"]]
    if unstable:
        print(
            f"bench.run: the query count varied between repetitions in: {', '.join(unstable)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
