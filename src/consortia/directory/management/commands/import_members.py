"""``import_members --consortium SLUG --user EMAIL [--apply] FILE``: a dry run unless --apply.

The user is checked against the access policy exactly as the import page checks them. Every error
is printed as ``line N: column: reason``; any error, or a bad argument, ends the command with a
one-line reason and a non-zero exit status.
"""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from tqdm import tqdm

from consortia.accounts.models import User
from consortia.directory.imports import (
    MemberImportRefused,
    apply_member_import,
    consortium_for_import,
    plan_member_import,
    read_member_file,
)


def user_by_email(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise CommandError(f"No active user has the e-mail address {email}.")
    return user


def consortium_for(check, user: User, slug: str):
    try:
        return check(user, slug)
    except Http404:
        raise CommandError(f"{user.email} has no consortium {slug!r} in their scope.") from None
    except PermissionDenied as refused:
        raise CommandError(f"{user.email}: {refused}") from None


class Command(BaseCommand):
    help = "Check a CSV/XLSX members file against the directory, and import it with --apply."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file, one row per contact")
        parser.add_argument("--consortium", required=True, help="The consortium's slug")
        parser.add_argument("--user", required=True, help="E-mail of the user the import is done as")
        parser.add_argument("--apply", action="store_true", help="Import the file (the default is a dry run)")

    def handle(self, *args, **options):
        user = user_by_email(options["user"])
        consortium = consortium_for(consortium_for_import, user, options["consortium"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        with path.open("rb") as fileobj:
            try:
                rows = read_member_file(fileobj, path.name)
            except ValidationError as error:
                raise CommandError(f"{path.name}: {' '.join(error.messages)}") from None
        if not options["apply"]:
            plan = plan_member_import(user, consortium, rows)
            self.report(plan)
            if plan.errors:
                raise CommandError(self.refusal(plan, path))
            self.stdout.write(f"Dry run: nothing was saved. Run again with --apply to import {path.name}.")
            return
        stream = options.get("stderr") or sys.stderr
        with tqdm(desc="Importing members", unit="member", file=stream) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            try:
                plan = apply_member_import(user, consortium, rows, progress=progress)
            except MemberImportRefused as refused:
                bar.close()
                self.report(refused.plan)
                raise CommandError(self.refusal(refused.plan, path)) from None
        self.report(plan)
        self.stdout.write(self.style.SUCCESS(f"Imported {path.name} into {consortium.name}."))

    def report(self, plan):
        for problem in plan.warnings:
            self.stderr.write(f"warning: {problem}", self.style.WARNING)
        for problem in plan.errors:
            self.stderr.write(str(problem), self.style.ERROR)
        self.stdout.write(plan.summary())

    @staticmethod
    def refusal(plan, path) -> str:
        count = len(plan.errors)
        return f"{path.name} has {count} error{'s' if count != 1 else ''}; nothing was imported."
