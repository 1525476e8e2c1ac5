"""Billing at scale: every consortium's annual run, then receivables at 150,000 invoices.

    python -m bench.billing [--year 2026] [--history-years 7] [--repeat 20] [--warmup 2] [--json]

Run it once on a database made by ``python -m bench.generate`` (300 consortia, 15,000
memberships); it writes billing data, so a second run on the same database exits 2.

1. A fee schedule per consortium for ``--year`` through ``billing.services.save_fee_schedule``
   as the ORCID admin: basic and premium member fees in USD, a consortium lead fee, and the local
   models in turn (flat, tiered, lead-organization fee, externally funded, combined) in the
   consortium's currency, with or without tax.
2. **Timed**: ``billing.services.issue_run`` for all 300 schedules, one after the other, each in
   its own transaction as the page or ``consortia bill`` would (target: under 10 s in all).
3. History: the same for the ``--history-years`` years before (copied with
   ``services.copy_fee_schedule``), to reach about 150,000 invoices; each year's runs are timed
   too. Invoices of earlier years are then marked paid, all but 3 %, and this year's are given
   issue dates over the last five months so every ageing bucket has invoices. Both are queryset
   ``.update()``s of scale data, not payments through the service (the receivables query reads
   only the invoices' figures).
4. **Timed**: ``billing.queries.receivables`` (best / median of ``--repeat``, with its query
   count) for the largest consortium and for the bench consortium admin's, and the receivables
   page ``/consortia/<slug>/billing/receivables/`` through Django's test client (whole stack, no
   network). Target: under 150 ms, the same number of queries every time.
"""

import argparse
import datetime as dt
import json
import statistics
import sys
import time

from bench import setup_django

RUNS_TARGET_S = 10.0
RECEIVABLES_TARGET_MS = 150
LOCAL_MODELS = ("flat", "tiered", "lead_fee", "funded", "combined")
TAX_RATES = ("0", "15", "0", "20", "25", "0", "10")


def schedule_fields(index: int, consortium) -> dict:
    model = LOCAL_MODELS[index % len(LOCAL_MODELS)]
    return {
        "orcid_currency": "USD",
        "consortium_lead_fee": "2500",
        "local_currency": consortium.currency or "USD",
        "local_model": model,
        "local_flat_fee": "600",
        "lead_organization_fee": "9000" if model in ("lead_fee", "combined") else "0",
        "proration": "monthly" if index % 3 else "none",
        "payment_terms_days": 30,
        "tax_rate": TAX_RATES[index % len(TAX_RATES)],
    }


MEMBER_RATES = [("basic", "", "1100"), ("premium", "", "2200")]
LOCAL_BANDS = [("small", "300"), ("standard", "700"), ("large", "1200")]


def issue_year(admin, schedules) -> dict:
    """Issue every schedule's run, one after the other; the wall time of the whole year."""
    from django.db import connection

    from consortia.billing import services

    per_run, queries, invoices = [], [], 0

    # Counted with an execute wrapper: CaptureQueriesContext would format every bulk insert's
    # thousands of parameters into its log, which costs more than the insert.
    def count(execute, sql, params, many, context):
        queries[-1] += 1
        return execute(sql, params, many, context)

    started, started_cpu = time.perf_counter(), time.process_time()
    for schedule in schedules:
        progress = []
        queries.append(0)
        with connection.execute_wrapper(count):
            run_started = time.perf_counter()
            run = services.issue_run(
                admin, schedule, progress=lambda done, total, seen=progress: seen.append(done)
            )
            per_run.append(time.perf_counter() - run_started)
        invoices += run.invoices_issued
    return {
        "runs": len(schedules),
        "invoices": invoices,
        "total_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(time.process_time() - started_cpu, 2),
        "slowest_run_ms": round(max(per_run) * 1000, 1),
        "median_run_ms": round(statistics.median(per_run) * 1000, 1),
        "queries_per_run_min_max": [min(queries), max(queries)],
    }


def age_invoices(year: int, today: dt.date) -> dict:
    """Earlier years issued on 15 January and paid (all but 3 %); this year's issued over the
    last 150 days, 40 % paid."""
    from django.db.models import F

    from consortia.billing.models import Invoice

    def chunks(ids, size=5_000):
        for start in range(0, len(ids), size):
            yield ids[start : start + size]

    for earlier_year in (
        Invoice.objects.filter(year__lt=year).order_by().values_list("year", flat=True).distinct()
    ):
        issued_on = dt.date(earlier_year, 1, 15)
        Invoice.objects.filter(year=earlier_year).update(
            issued_on=issued_on, due_on=issued_on + dt.timedelta(days=30)
        )
    earlier = list(
        Invoice.objects.filter(year__lt=year, kind="invoice").order_by("pk").values_list("pk", flat=True)
    )
    paid_earlier = [pk for i, pk in enumerate(earlier) if i % 33]
    for ids in chunks(paid_earlier):
        Invoice.objects.filter(pk__in=ids).update(amount_paid=F("total"))
    current = list(Invoice.objects.filter(year=year).order_by("pk").values_list("pk", flat=True))
    for offset in range(6):  # issued 0, 30, ... 150 days ago
        issued_on = today - dt.timedelta(days=30 * offset)
        for ids in chunks(current[offset::6]):
            Invoice.objects.filter(pk__in=ids).update(
                issued_on=issued_on, due_on=issued_on + dt.timedelta(days=30)
            )
    paid_now = [pk for i, pk in enumerate(current) if i % 5 in (0, 1)]
    for ids in chunks(paid_now):
        Invoice.objects.filter(pk__in=ids).update(amount_paid=F("total"))
    return {"earlier_unpaid": len(earlier) - len(paid_earlier), "current_paid": len(paid_now)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2026, help="the year to bill (default 2026)")
    parser.add_argument(
        "--history-years", type=int, default=7, help="earlier years billed for the receivables (default 7)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="measured receivables runs (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs first (default 2)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from bench.generate import USER_EMAILS
    from bench.scorecard import _time
    from consortia.accounts.models import User
    from consortia.billing import queries, services
    from consortia.billing.models import FeeSchedule, Invoice, InvoiceLine
    from consortia.directory.models import Consortium

    consortia = list(Consortium.objects.order_by("pk"))
    if not consortia:
        print("bench.billing: no consortia here; run `python -m bench.generate` first", file=sys.stderr)
        return 2
    if FeeSchedule.objects.exists():
        print("bench.billing: this database is billed already; generate a fresh one", file=sys.stderr)
        return 2
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    admin = User.objects.get(email=USER_EMAILS["orcid_admin"])
    say = (lambda *a: None) if args.json else (lambda text: print(text, flush=True))

    started = time.perf_counter()
    schedules = [
        services.save_fee_schedule(
            admin,
            consortium,
            args.year,
            member_rates=MEMBER_RATES,
            local_bands=LOCAL_BANDS,
            **schedule_fields(index, consortium),
        )
        for index, consortium in enumerate(consortia)
    ]
    schedules_s = round(time.perf_counter() - started, 2)
    say(f"{connection.vendor}: {len(schedules)} schedules for {args.year} in {schedules_s} s")

    results = {"database": connection.vendor, "schedules_s": schedules_s}
    results["runs"] = {str(args.year): issue_year(admin, schedules)}
    say(f"  runs {args.year}: {results['runs'][str(args.year)]}")
    for year in range(args.year - 1, args.year - 1 - args.history_years, -1):
        earlier = [services.copy_fee_schedule(admin, schedule, year) for schedule in schedules]
        results["runs"][str(year)] = issue_year(admin, earlier)
        say(f"  runs {year}: {results['runs'][str(year)]}")

    today = timezone.localdate()
    results["aged"] = age_invoices(args.year, today)
    results["invoices"] = Invoice.objects.count()
    results["invoice_lines"] = InvoiceLine.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    say(f"  {results['invoices']:,} invoices, {results['invoice_lines']:,} lines; {results['aged']}")

    largest = (
        Consortium.objects.annotate(n=Count("invoices")).order_by("-n", "pk").values_list("pk", "n").first()
    )
    biggest = Consortium.objects.get(pk=largest[0])
    bench_admin = User.objects.get(email=USER_EMAILS["consortium_admin"])
    own = bench_admin.consortium
    cases = {}
    for label, consortium in ((f"largest ({largest[1]:,} invoices)", biggest), ("bench admin's", own)):
        count = Invoice.objects.filter(consortium=consortium).count()
        cases[f"receivables() {label}"] = _time(
            lambda c=consortium: queries.receivables(c, today), args.repeat, args.warmup
        )
        cases[f"receivables() {label}"]["invoices"] = count

    def page(user, consortium):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(f"/consortia/{consortium.slug}/billing/receivables/")
            if response.status_code != 200:
                raise SystemExit(f"bench.billing: the receivables page answered {response.status_code}")

        return get

    cases["GET receivables page (ORCID admin, largest)"] = _time(
        page(admin, biggest), args.repeat, args.warmup
    )
    cases["GET receivables page (consortium admin)"] = _time(page(bench_admin, own), args.repeat, args.warmup)
    for result in cases.values():
        result["meets_target"] = result["median_ms"] < RECEIVABLES_TARGET_MS and len(result["queries"]) == 1
    results["receivables"] = cases
    this_year = results["runs"][str(args.year)]
    this_year["meets_target"] = this_year["total_s"] < RUNS_TARGET_S

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    verdict = "ok" if this_year["meets_target"] else "MISSED"
    print(
        f"{args.year}: {this_year['runs']} runs, {this_year['invoices']:,} invoices "
        f"in {this_year['total_s']} s "
        f"(CPU {this_year['cpu_s']} s; target {RUNS_TARGET_S:.0f} s) {verdict}"
    )
    print(f"{'case':<52} {'best ms':>8} {'median ms':>10} {'max ms':>8} {'queries':>8}  target")
    for name, r in cases.items():
        queries_seen = "/".join(map(str, r["queries"]))
        verdict = "ok" if r["meets_target"] else "MISSED"
        times = f"{r['best_ms']:>8.1f} {r['median_ms']:>10.1f} {r['max_ms']:>8.1f}"
        print(f"{name:<52} {times} {queries_seen:>8}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
