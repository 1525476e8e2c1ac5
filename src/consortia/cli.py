"""The ``consortia`` command.

    consortia demo [--no-serve] [--port N]   seed demo data into the default database and serve it
    consortia serve [--host H] [--port N]    serve the web app and API (waitress)
    consortia migrate                         create or upgrade the database
    consortia users [--json]                  list users with role and tenant
    consortia token create EMAIL [--name N]   print a new API token for that user
    consortia import ...  /  export ...       members with their contacts (see --help of each)
    consortia <django command> ...            any of Django's management commands

Every command exits non-zero with a one-line reason on bad input.
"""

import argparse
import json
import os
import sys

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
    try:
        sign_ins = seed_demo()
    except DemoDataConflict as exc:
        return _fail(str(exc))
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
