"""The integrations pipeline at scale: 30,000 integrations with their stage logs and badges, then
the board pages, the pipeline figures and the API.

    python -m bench.integrations [--integrations 30000] [--repeat 20] [--warmup 2] [--json]

Run it once on a database made by ``python -m bench.generate`` (300 consortia, 15,000
memberships); it writes integrations, so a second run on the same database exits 2.

1. Scale data, written as plain rows (``consortia.bulk.insert_rows``, not through the services:
   this is generated history, not users' writes): ``--integrations`` integrations spread over the
   memberships (one in ten on the bench consortium admin's consortium, so its board is the
   heaviest), each with its stage log from "planned" to its stage over up to three years (a stay
   of days to months per stage), on platforms of a small catalogue; the live ones passed an ORCID
   review and hold one to five badges.
2. **Timed** (best / median / max of ``--repeat`` after ``--warmup``, and the query count): ORCID's
   board over every consortium, the bench consortium's board, ``integrations.pipeline.pipeline``
   for everything, and ``GET /api/v1/pipeline``. Target: under 150 ms each, the same number of
   queries every time.
"""

import argparse
import json
import random
import sys
import time
from datetime import UTC, timedelta

from bench import setup_django

TARGET_MS = 150
SEED = 30_000
CHUNK = 5_000
PLATFORMS = ("DSpace", "Pure", "Symplectic Elements", "Converis", "OJS", "Figshare", "Janeway", "Dataverse")
SYSTEM_TYPES = ("repository", "cris", "cris", "cris", "publishing", "repository", "publishing", "repository")
# How many integrations end in each stage (planned ... retired), as weights.
STAGE_WEIGHTS = (12, 6, 6, 18, 6, 5, 4, 38, 5)

INTEGRATION_COLUMNS = (
    "membership", "name", "system_type", "platform", "api", "environment", "technical_contact",
    "target_sandbox_on", "target_live_on", "notes", "stage", "stage_changed_at", "created_at", "updated_at",
)  # fmt: skip
CHANGE_COLUMNS = ("integration", "from_stage", "to_stage", "reason", "actor", "at", "days_in_stage")
REVIEW_COLUMNS = (
    "integration",
    "kind",
    "badge",
    "outcome",
    "summary",
    "reviewer",
    "started_at",
    "completed_at",
)
AWARD_COLUMNS = ("integration", "badge", "awarded_on", "review")


def _platforms() -> list[int]:
    from consortia.integrations.models import Platform

    ids = []
    for name, system_type in zip(PLATFORMS, SYSTEM_TYPES, strict=True):
        platform, _ = Platform.objects.get_or_create(name=name, defaults={"system_type": system_type})
        ids.append(platform.pk)
    return ids


def generate(count: int, say) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.generate import USER_EMAILS
    from consortia.accounts.models import User
    from consortia.bulk import insert_rows
    from consortia.directory.models import Membership
    from consortia.integrations.models import Badge, BadgeAward, Integration, Review, Stage, StageChange

    rng = random.Random(SEED)
    adapt = connection.ops.adapt_datetimefield_value
    adapt_date = connection.ops.adapt_datefield_value
    platforms = _platforms()
    admin = User.objects.get(email=USER_EMAILS["consortium_admin"])
    orcid_admin = User.objects.get(email=USER_EMAILS["orcid_admin"])
    memberships = list(Membership.objects.values_list("pk", "consortium_id"))
    heavy = [pk for pk, consortium_id in memberships if consortium_id == admin.consortium_id]
    everyone = [pk for pk, _ in memberships]
    stages = Stage.values
    now = timezone.now().astimezone(UTC)
    written = {"integrations": 0, "stage_changes": 0, "badges": 0}
    started = time.perf_counter()
    while written["integrations"] < count:
        size = min(CHUNK, count - written["integrations"])
        plans = []
        for n in range(size):
            final = rng.choices(stages, weights=STAGE_WEIGHTS)[0]
            steps = (
                stages[: stages.index(final) + 1] if final != Stage.RETIRED else [*stages[:8], Stage.RETIRED]
            )
            if final == Stage.RETIRED:
                steps = steps[: rng.randrange(1, 9)] + [Stage.RETIRED]
            stays = [timedelta(days=rng.choice([1, 3, 7, 14, 30, 45, 90, 120])) for _ in steps[1:]]
            created = now - sum(stays, timedelta()) - timedelta(days=rng.randrange(1, 200))
            moments = [created]
            for stay in stays:
                moments.append(moments[-1] + stay)
            index = written["integrations"] + n
            platform = rng.randrange(len(platforms) + 1)
            row = (
                rng.choice(heavy) if rng.random() < 0.1 else rng.choice(everyone),
                f"{PLATFORMS[platform - 1] if platform else 'In-house'} integration {index}",
                SYSTEM_TYPES[platform - 1] if platform else "other",
                platforms[platform - 1] if platform else None,
                "member" if rng.random() < 0.8 else "public", "", None, None, None, "",
                steps[-1], adapt(moments[-1]), adapt(created), adapt(moments[-1]),
            )  # fmt: skip
            plans.append((row, steps, moments))
        with transaction.atomic():
            ids = [
                pk
                for (pk,) in insert_rows(
                    Integration, INTEGRATION_COLUMNS, [p[0] for p in plans], returning=("id",)
                )
            ]
            changes, reviews, badged = [], [], []
            for pk, (_, steps, moments) in zip(ids, plans, strict=True):
                previous = ""
                for position, (stage, at) in enumerate(zip(steps, moments, strict=True)):
                    reason = "No longer used" if stage == Stage.RETIRED else ""
                    ended = moments[position + 1] if position + 1 < len(moments) else None
                    stay = (ended - at).days if ended else None
                    changes.append((pk, previous, stage, reason, None, adapt(at), stay))
                    previous = stage
                if steps[-1] == Stage.LIVE and rng.random() < 0.7:
                    badge = rng.choice(Badge.values)
                    awarded = moments[stages.index(Stage.ORCID_TESTING)] + timedelta(days=1)
                    reviews.append(
                        (pk, "orcid", badge, "passed", "", orcid_admin.pk, adapt(awarded), adapt(awarded))
                    )
                    badged.append((pk, badge, awarded.date()))
            insert_rows(StageChange, CHANGE_COLUMNS, changes)
            review_ids = [pk for (pk,) in insert_rows(Review, REVIEW_COLUMNS, reviews, returning=("id",))]
            awards = [
                (pk, each, adapt_date(on), review)
                for (pk, badge, on), review in zip(badged, review_ids, strict=True)
                for each in Badge.up_to(badge)
            ]
            insert_rows(BadgeAward, AWARD_COLUMNS, awards)
        written["integrations"] += size
        written["stage_changes"] += len(changes)
        written["badges"] += len(awards)
        say(f"  {written['integrations']:,} integrations, {written['stage_changes']:,} stage changes")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    written["seconds"] = round(time.perf_counter() - started, 1)
    return written


def measure(repeat: int, warmup: int) -> dict:
    from django.conf import settings
    from django.test import Client

    from bench.generate import USER_EMAILS
    from bench.scorecard import _time
    from consortia.accounts.models import User
    from consortia.accounts.tokens import create_token
    from consortia.integrations import pipeline
    from consortia.integrations.models import Integration

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    admin = User.objects.get(email=USER_EMAILS["consortium_admin"])
    orcid_admin = User.objects.get(email=USER_EMAILS["orcid_admin"])
    slug = admin.consortium.slug
    total = Integration.objects.count()
    own = Integration.objects.filter(membership__consortium=admin.consortium).count()

    def page(user, url, headers=None):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url, headers=headers or {})
            if response.status_code != 200:
                raise SystemExit(f"bench.integrations: {url} answered {response.status_code}")

        return get

    _, key = create_token(orcid_admin, orcid_admin, "bench.integrations")
    auth = {"Authorization": f"Bearer {key}"}
    scope = pipeline.scoped(orcid_admin)
    cases = {
        f"ORCID board /integrations/board/ ({total:,})": page(orcid_admin, "/integrations/board/"),
        "ORCID board, stuck 30 days, retired shown": page(
            orcid_admin, "/integrations/board/?stuck_days=30&retired=1"
        ),
        f"consortium board {slug} ({own:,})": page(admin, f"/consortia/{slug}/integrations/board/"),
        f"pipeline() every consortium ({total:,})": lambda: pipeline.pipeline(scope),
        "GET /api/v1/pipeline (ORCID, all)": page(orcid_admin, "/api/v1/pipeline", auth),
        f"GET /api/v1/pipeline?consortium={slug}": page(
            orcid_admin, f"/api/v1/pipeline?consortium={slug}", auth
        ),
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
    parser.add_argument("--integrations", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--measure-only", action="store_true", help="skip generating")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    from consortia.directory.models import Consortium
    from consortia.integrations.models import Integration

    say = (lambda *a: None) if args.json else (lambda text: print(text, flush=True))
    results = {"database": connection.vendor}
    if not args.measure_only:
        if not Consortium.objects.exists():
            print(
                "bench.integrations: no consortia here; run `python -m bench.generate` first", file=sys.stderr
            )
            return 2
        if Integration.objects.exists():
            print(
                "bench.integrations: this database has integrations already; generate a fresh one",
                file=sys.stderr,
            )
            return 2
        results["generated"] = generate(args.integrations, say)
        say(f"  written: {results['generated']}")
    results["cases"] = measure(args.repeat, args.warmup)
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
