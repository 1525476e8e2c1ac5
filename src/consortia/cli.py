"""The ``consortia`` command.

    consortia demo [--no-serve] [--port N]   seed demo data into the default database and serve it
    consortia serve [--host H] [--port N]    serve the web app and API (waitress)
    consortia migrate                         create or upgrade the database
    consortia users [--json]                  list users with role and tenant
    consortia token create EMAIL [--name N]   print a new API token for that user
    consortia import ...  /  export ...       members with their contacts (see --help of each)
    consortia compliance [--consortium SLUG] [--date YYYY-MM-DD] [--json]
                                              program compliance and discount eligibility, riskiest first
    consortia bill --consortium SLUG --year YYYY [--preview|--issue] [--user EMAIL]
                                              preview a year's billing run (the default), or issue it
                                              as EMAIL, who must manage the consortium's billing
    consortia remind [--dry-run] [--date YYYY-MM-DD] [--force]
                                              e-mail overdue onboarding items (once a day)
    consortia remind-invoices [--dry-run] [--date YYYY-MM-DD]
                                              e-mail the contacts of overdue invoices (reminder days)
    consortia ingest-mail --desk SLUG [--from PATH]
                                              e-mail into a support desk: one raw message on standard
                                              input, or a maildir or mbox file
    consortia sla-check [--desk SLUG] [--dry-run]
                                              refresh open tickets' SLA figures; warn of breaches to come
    consortia worker [--batch] [--max-tasks N] [--interval S]
                                              run background work: queues the daily reminders, then
                                              runs queued tasks (--batch: what is due now, then exit)
    consortia <django command> ...            any of Django's management commands

Every command exits non-zero with a one-line reason on bad input.
"""

import argparse
import json
import os
import signal
import sys
from datetime import date

USAGE_ERROR = 2


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.settings")
    import django

    django.setup()


def _fail(message: str) -> int:
    print(f"consortia: {message}", file=sys.stderr)
    return USAGE_ERROR


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _serve(host: str, port: int) -> int:
    from waitress import serve

    from consortia.wsgi import application

    print(f"Serving Consortia at http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    serve(application, host=host, port=port, threads=8, clear_untrusted_proxy_headers=True, _quiet=True)
    return 0


def cmd_demo(args) -> int:
    from django.conf import settings

    from consortia.directory.demo import DemoDataConflict, seed_demo

    print(f"Database: {settings.DATABASES['default']['NAME']}", flush=True)
    _migrate()
    from consortia.billing.demo import seed_billing_demo
    from consortia.integrations.demo import seed_integrations_demo
    from consortia.staffing.demo import seed_program_demo
    from consortia.support.demo import seed_support_demo

    try:
        sign_ins = seed_demo()
    except DemoDataConflict as exc:
        return _fail(str(exc))
    seed_program_demo()
    seed_billing_demo()
    tickets = seed_support_demo()
    if tickets:
        print(f"Support demo: {tickets} tickets over the last year", flush=True)
    seed_integrations_demo()
    print("\nDemo sign-ins (password is the same for each):")
    width = max(len(s.role) for s in sign_ins)
    for sign_in in sign_ins:
        print(f"  {sign_in.role:<{width}}  {sign_in.email:<38} {sign_in.password}")
    if args.no_serve:
        return 0
    print()
    return _serve("127.0.0.1", args.port)


def cmd_serve(args) -> int:
    return _serve(args.host, args.port)


def cmd_migrate(args) -> int:
    _migrate(verbosity=1)
    return 0


def cmd_users(args) -> int:
    from consortia.accounts.models import User

    users = User.objects.select_related("region", "consortium", "organization").order_by("role", "email")
    rows = [
        {
            "email": user.email,
            "name": user.get_full_name(),
            "role": user.role,
            "tenant": user.tenant_label,
            "active": user.is_active,
        }
        for user in users
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['email']:<40} {row['role']:<18} {row['tenant']}")
    return 0


def cmd_token(args) -> int:
    from consortia.accounts.models import User
    from consortia.accounts.tokens import create_token

    user = User.objects.filter(email__iexact=args.email, is_active=True).first()
    if user is None:
        return _fail(f"no active user with e-mail {args.email}")
    _, key = create_token(None, user, args.name)
    print(key)
    return 0


def _parse_day(text: str | None, *, allow_future: bool = False) -> date:
    """A --date value, or today; raises ValueError with the one-line reason."""
    from django.utils import timezone

    today = timezone.localdate()
    if text is None:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--date must be a date as YYYY-MM-DD, not {text!r}") from None
    if day > today and not allow_future:
        raise ValueError(f"--date {day.isoformat()} is in the future")
    return day


def compliance_row(compliance) -> dict:
    """One consortium's compliance exactly as the API gives it (``staffing.schemas.ComplianceOut``)."""
    from consortia.staffing.schemas import ComplianceOut

    return ComplianceOut.from_orm(compliance).model_dump(mode="json")


def cmd_compliance(args) -> int:
    from consortia.directory.models import Consortium
    from consortia.staffing.compliance import scorecard

    try:
        on = _parse_day(args.date)
    except ValueError as exc:
        return _fail(str(exc))
    # An operator's tool, like `users`: every consortium, unscoped.
    consortia = Consortium.objects.all()
    if args.consortium:
        consortia = consortia.filter(slug=args.consortium)
        if not consortia.exists():
            return _fail(f"no consortium with slug {args.consortium}")
    rows = scorecard(consortia, on)
    if args.json:
        print(json.dumps([compliance_row(c) for c in rows], indent=2))
        return 0
    print(f"Program compliance on {on.isoformat()}: {len(rows)} consortia, riskiest first")
    width = max((len(c.consortium.slug) for c in rows), default=0)
    for c in rows:
        fte = f"{c.total_fte.normalize():f}/{c.required_fte} FTE"
        members = _plural(c.members, "member")
        print(f"{c.consortium.slug:<{width}}  {members:>12}  {fte:<14}  {c.eligibility_label}")
        for reason in c.reasons:
            print(f"    - {reason}")
        for advice in c.advice:
            print(f"    advice: {advice}")
    return 0


def _billing_actor(args, consortium):
    """The --user, allowed to see (preview) or manage (issue) the consortium's billing; raises
    ValueError with the one-line reason. Issuing always has a named actor: it is recorded on the
    run and in the audit log, so there is no anonymous "system" issue; a preview without --user
    reads as an operator, like ``compliance``."""
    from consortia.accounts import policy
    from consortia.accounts.models import User

    if not args.user:
        if args.issue:
            raise ValueError(f"--issue needs --user EMAIL, someone who manages {consortium.slug}'s billing")
        return None
    user = User.objects.filter(email__iexact=args.user, is_active=True).first()
    if user is None:
        raise ValueError(f"no active user with e-mail {args.user}")
    if args.issue and not policy.can_manage_billing(user, consortium):
        raise ValueError(f"{user.email} may not issue {consortium.slug}'s invoices")
    if not args.issue and not policy.can_view_billing(user, consortium):
        raise ValueError(f"{user.email} may not see {consortium.slug}'s billing")
    return user


def _print_plan(schedule, body: dict) -> None:
    consortium = schedule.consortium
    print(f"Billing run preview for {consortium.name} ({consortium.slug}) {schedule.year}: nothing is issued")
    organization = None
    for invoice in body["invoices"]:
        if invoice["organization"] != organization:
            organization = invoice["organization"]
            print(organization)
        reference = invoice["expected_reference"] or (
            "already invoiced" if invoice["already_invoiced"] else "nothing to pay"
        )
        print(f"  {reference:<16}  {invoice['currency']}  {invoice['total']:>12}")
    count = body["invoices_to_issue"]
    print(f"To issue: {_plural(count, 'invoice')} for {_plural(body['members'], 'member')}")
    for total in body["totals"]:
        print(f"  {total['currency']}  {total['amount']:>12}")
    for note in body.get("notes", []):
        print(f"Note: {note}")
    if body["problems"]:
        print("Problems (nothing can be issued until they are fixed):")
        for problem in body["problems"]:
            print(f"  - {problem}")


def _issue(user, schedule) -> int:
    from django.core.exceptions import ValidationError
    from django.db.models import Sum
    from tqdm import tqdm

    from consortia.billing import services
    from consortia.billing.schemas import money_text

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="invoice", desc="Issuing", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        run = services.issue_run(user, schedule, progress=progress)
    except ValidationError as exc:
        return _fail(f"cannot issue {schedule.consortium.slug} {schedule.year}: {'; '.join(exc.messages)}")
    finally:
        if bar is not None:
            bar.close()
    where = f"{schedule.consortium.slug} {schedule.year}"
    if run.invoices_issued == 0:
        earlier = schedule.invoices.exclude(billing_run=run).exists()
        reason = "the run was already issued" if earlier else "no member has anything to pay"
        print(f"0 new invoices: {reason} ({where})")
        return 0
    issued = _plural(run.invoices_issued, "new invoice")
    print(f"Issued {issued} for {where} ({run.get_kind_display().lower()})")
    totals = run.invoices.order_by("currency").values("currency").annotate(total=Sum("total"))
    for row in totals:
        print(f"  {row['currency']}  {money_text(row['total'], row['currency']):>12}")
    return 0


def cmd_bill(args) -> int:
    from consortia.billing import services
    from consortia.billing.api import plan_body
    from consortia.billing.models import FeeSchedule
    from consortia.directory.models import Consortium

    if not (args.year.isdigit() and len(args.year) == 4):
        return _fail(f"--year must be a year as YYYY, not {args.year!r}")
    consortium = Consortium.objects.filter(slug=args.consortium).first()
    if consortium is None:
        return _fail(f"no consortium with slug {args.consortium}")
    try:
        user = _billing_actor(args, consortium)
    except ValueError as exc:
        return _fail(str(exc))
    schedule = (
        FeeSchedule.objects.select_related("consortium").filter(consortium=consortium, year=args.year).first()
    )
    if schedule is None:
        return _fail(f"{consortium.slug} has no fee schedule for {args.year}")
    if args.issue:
        return _issue(user, schedule)
    _print_plan(schedule, plan_body(schedule, services.plan_run(schedule)))
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _print_reminder(reminder) -> None:
    print(f"{reminder.recipient.email}: {_plural(reminder.item_count, 'overdue item')}")
    for group in reminder.groups:
        print(f"    {group.consortium.name}: {group.checklist.name}  {group.url}")
        for item in group.items:
            overdue = _plural(reminder.days_overdue(item), "day")
            print(f"      - {item.title} (due {item.due_date.isoformat()}, {overdue} overdue)")


def cmd_remind(args) -> int:
    from consortia.onboarding.reminders import plan_reminders, send_reminders

    try:
        day = _parse_day(args.date, allow_future=args.dry_run)
    except ValueError as exc:
        return _fail(str(exc))
    if args.dry_run:
        reminders = plan_reminders(day)
        print(f"Reminders for {day.isoformat()} (dry run: nothing is sent): {len(reminders)} message(s)")
        for reminder in reminders:
            _print_reminder(reminder)
        return 0
    outcome = send_reminders(day, force=args.force)
    if outcome.already_sent:
        print(f"Reminders for {day.isoformat()} were already sent (--force sends them again)")
        return 0
    print(f"Sent {outcome.messages_sent} reminder(s) for {day.isoformat()}")
    for reminder in outcome.reminders:
        print(f"  {reminder.recipient.email}: {reminder.item_count} item(s)")
    return 0


def cmd_remind_invoices(args) -> int:
    from consortia.billing.reminders import remind_overdue_invoices

    try:
        day = _parse_day(args.date, allow_future=args.dry_run)
    except ValueError as exc:
        return _fail(str(exc))
    outcome = remind_overdue_invoices(day, dry_run=args.dry_run)
    verb = "Would send" if args.dry_run else "Sent"
    print(f"{verb} {len(outcome.reminders)} overdue invoice reminder(s) for {day.isoformat()}")
    for reminder in outcome.reminders:
        invoice = reminder.invoice
        print(
            f"  {invoice.reference}  {invoice.bill_to_name}  {invoice.currency} {invoice.balance}  "
            f"{reminder.days_overdue} days overdue  → {invoice.bill_to_email}"
        )
    for invoice in outcome.without_address:
        print(f"  {invoice.reference}  {invoice.bill_to_name}: no invoice e-mail address, not reminded")
    if outcome.already_reminded:
        print(f"  {len(outcome.already_reminded)} already reminded today")
    return 0


def _mail_source(path_text: str):
    """(count, raw messages) of a maildir, an mbox file or a single message file; raises
    ValueError with the one-line reason."""
    import mailbox
    from pathlib import Path

    path = Path(path_text)
    if path.is_dir():
        if not all((path / sub).is_dir() for sub in ("cur", "new")):
            raise ValueError(f"{path_text} is a directory but not a maildir (no cur/ and new/)")
        box = mailbox.Maildir(path, factory=None, create=False)
    elif path.is_file():
        with path.open("rb") as handle:
            is_mbox = handle.read(5) == b"From "
        if not is_mbox:
            return 1, iter([path.read_bytes()])
        box = mailbox.mbox(path, factory=None, create=False)
    else:
        raise ValueError(f"no such maildir or mbox file: {path_text}")
    keys = list(box.iterkeys())
    return len(keys), (box.get_bytes(key) for key in keys)


def cmd_ingest_mail(args) -> int:
    from collections import Counter

    from tqdm import tqdm

    from consortia.support import mail

    desk = mail.desk_for_ingest(args.desk)
    if desk is None:
        return _fail(f"no support desk with slug {args.desk}")
    if args.source:
        try:
            count, messages = _mail_source(args.source)
        except (ValueError, OSError) as exc:
            return _fail(str(exc))
    else:
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            return _fail("no message on standard input")
        count, messages = 1, iter([raw])
    outcomes = Counter()
    # Kept-aside messages are stored with their reason (held mail), so they still exit 0.
    with tqdm(total=count, unit="message", desc="Ingesting", file=sys.stderr, disable=count < 2) as bar:
        for number, raw in enumerate(messages, start=1):
            result = mail.ingest(desk, raw)
            outcomes[result.outcome] += 1
            bar.write(f"{number}: {result.summary()}", file=sys.stdout)
            bar.update()
    kinds = ("opened", "joined", "duplicate", "held", "failed")
    print(f"{_plural(count, 'message')} for {desk.slug}: " + ", ".join(f"{outcomes[k]} {k}" for k in kinds))
    return 0


def cmd_sla_check(args) -> int:
    from consortia.support.models import Desk
    from consortia.support.tasks import sla_check

    if args.desk and not Desk.objects.filter(slug=args.desk).exists():
        return _fail(f"no support desk with slug {args.desk}")
    outcome = sla_check(desk_slug=args.desk, dry_run=args.dry_run)
    verb = "Would warn" if args.dry_run else "Warned"
    print(
        f"Refreshed the SLA figures of {_plural(outcome.refreshed, 'open ticket')} on "
        f"{_plural(outcome.desks, 'desk')}{' (dry run: nothing stored or sent)' if args.dry_run else ''}; "
        f"{outcome.breached} breached"
    )
    print(f"{verb} of {_plural(len(outcome.warnings), 'ticket')} about to breach")
    for warning in outcome.warnings:
        ticket = warning.ticket
        who = ", ".join(warning.recipients) or "nobody (the desk has no agents)"
        print(f"  {ticket.desk.slug} {ticket.reference} due {ticket.sla_due:%Y-%m-%d %H:%M %Z}  → {who}")
    return 0


def cmd_worker(args) -> int:
    from django.core.management import call_command

    from consortia.billing.tasks import ensure_invoice_reminders_scheduled
    from consortia.onboarding.tasks import ensure_reminders_scheduled, reminder_time
    from consortia.support.tasks import SLA_CHECK_EVERY, ensure_sla_checks_scheduled

    day = ensure_reminders_scheduled()
    print(f"Overdue reminders queued for {reminder_time(day):%Y-%m-%d %H:%M %Z}", flush=True)
    day = ensure_invoice_reminders_scheduled()
    print(f"Overdue invoice reminders queued for {day.isoformat()}", flush=True)
    ensure_sla_checks_scheduled()
    print(f"SLA checks queued every {SLA_CHECK_EVERY.seconds // 60} minutes", flush=True)
    options = ["--no-reload", "--interval", str(args.interval)]
    if args.batch:
        options += ["--batch", "--no-startup-delay"]
    if args.max_tasks:
        options += ["--max-tasks", str(args.max_tasks)]
    # db_worker installs its own signal handlers for a graceful stop; give ours back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", *options, verbosity=args.verbosity)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError("must be zero or more seconds")
    return value


def _call_management(name: str, argv: list[str]) -> int:
    from django.core.management import CommandError, call_command

    try:
        call_command(name, *argv)
    except CommandError as exc:
        return _fail(str(exc))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="consortia", description="Run an ORCID consortium program.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="seed demo data and serve it")
    demo.add_argument("--no-serve", action="store_true", help="seed only, do not start the server")
    demo.add_argument("--port", type=int, default=8000)
    demo.set_defaults(func=cmd_demo)

    serve = commands.add_parser("serve", help="serve the web app and API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    migrate = commands.add_parser("migrate", help="create or upgrade the database")
    migrate.set_defaults(func=cmd_migrate)

    users = commands.add_parser("users", help="list users with role and tenant")
    users.add_argument("--json", action="store_true")
    users.set_defaults(func=cmd_users)

    token = commands.add_parser("token", help="API tokens")
    token_commands = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    create = token_commands.add_parser("create", help="print a new API token for a user")
    create.add_argument("email")
    create.add_argument("--name", default="Command-line token")
    create.set_defaults(func=cmd_token)

    compliance = commands.add_parser(
        "compliance", help="program compliance of every consortium, riskiest first"
    )
    compliance.add_argument("--consortium", metavar="SLUG", help="only this consortium")
    compliance.add_argument("--date", metavar="YYYY-MM-DD", help="as on this past date (default today)")
    compliance.add_argument("--json", action="store_true")
    compliance.set_defaults(func=cmd_compliance)

    bill = commands.add_parser("bill", help="preview or issue a consortium's billing run for a year")
    bill.add_argument("--consortium", metavar="SLUG", required=True)
    bill.add_argument("--year", metavar="YYYY", required=True)
    mode = bill.add_mutually_exclusive_group()
    mode.add_argument("--preview", action="store_true", help="print the plan; issue nothing (the default)")
    mode.add_argument("--issue", action="store_true", help="issue what no invoice covers yet (idempotent)")
    bill.add_argument("--user", metavar="EMAIL", help="act as this user (needed for --issue)")
    bill.set_defaults(func=cmd_bill)

    remind = commands.add_parser("remind", help="e-mail overdue onboarding items (once a day)")
    remind.add_argument(
        "--dry-run", action="store_true", help="print who would get what; send and save nothing"
    )
    remind.add_argument("--date", metavar="YYYY-MM-DD", help="the reminder day (default today)")
    remind.add_argument("--force", action="store_true", help="send even if the day's reminders went out")
    remind.set_defaults(func=cmd_remind)

    remind_invoices = commands.add_parser(
        "remind-invoices", help="e-mail the contacts of overdue invoices (on their reminder days)"
    )
    remind_invoices.add_argument(
        "--dry-run", action="store_true", help="print what would be sent; send nothing"
    )
    remind_invoices.add_argument("--date", metavar="YYYY-MM-DD", help="the reminder day (default today)")
    remind_invoices.set_defaults(func=cmd_remind_invoices)

    ingest_mail = commands.add_parser(
        "ingest-mail", help="e-mail into a support desk: a raw message on stdin, or a maildir/mbox"
    )
    ingest_mail.add_argument("--desk", metavar="SLUG", required=True, help="the desk the mail was sent to")
    ingest_mail.add_argument(
        "--from",
        dest="source",
        metavar="PATH",
        help="a maildir or an mbox file (read only; the same message twice is stored once)",
    )
    ingest_mail.set_defaults(func=cmd_ingest_mail)

    sla_check = commands.add_parser(
        "sla-check", help="refresh open tickets' SLA figures and warn of breaches to come (once each)"
    )
    sla_check.add_argument("--desk", metavar="SLUG", help="only this desk")
    sla_check.add_argument("--dry-run", action="store_true", help="print what would be done; store nothing")
    sla_check.set_defaults(func=cmd_sla_check)

    worker = commands.add_parser("worker", help="run background work (the daily reminders)")
    worker.add_argument("--batch", action="store_true", help="run the tasks that are due now, then exit")
    worker.add_argument("--max-tasks", type=_positive_int, metavar="N", help="exit after N tasks")
    worker.add_argument(
        "--interval",
        type=_seconds,
        default=1.0,
        metavar="S",
        help="seconds between polls when idle (default 1)",
    )
    worker.add_argument("--verbosity", type=int, choices=[0, 1, 2, 3], default=1)
    worker.set_defaults(func=cmd_worker)

    for name, target, help_text in (
        ("import", "import_members", "import members and contacts from CSV or XLSX (dry run unless --apply)"),
        ("export", "export_members", "export members and contacts as CSV or XLSX"),
    ):
        sub = commands.add_parser(name, help=help_text, add_help=False)
        sub.set_defaults(func=lambda args, target=target: _call_management(target, args.rest))
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices)
    if argv and argv[0] not in known and not argv[0].startswith("-"):
        # Anything else is one of Django's management commands.
        _setup_django()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["consortia", *argv])
        return 0
    if argv and argv[0] in ("import", "export"):
        args = argparse.Namespace(
            func=parser._subparsers._group_actions[0].choices[argv[0]].get_default("func"), rest=argv[1:]
        )
    else:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return USAGE_ERROR
    _setup_django()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
