"""``export_members --consortium SLUG --user EMAIL [--format csv|xlsx] [--output PATH]``.

The user is checked against the access policy exactly as the export link checks them. CSV goes to
standard output unless --output is given; XLSX, being binary, needs --output.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consortia.directory.exports import EXPORT_FORMATS, consortium_for_export, export_members
from consortia.directory.management.commands.import_members import consortium_for, user_by_email


class Command(BaseCommand):
    help = "Export a consortium's current members and their contacts as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--consortium", required=True, help="The consortium's slug")
        parser.add_argument("--user", required=True, help="E-mail of the user the export is done as")
        parser.add_argument("--format", choices=sorted(EXPORT_FORMATS), help="csv (the default) or xlsx")
        parser.add_argument("--output", help="The file to write (CSV goes to standard output without it)")

    def handle(self, *args, **options):
        output = Path(options["output"]) if options["output"] else None
        fmt = options["format"] or (output.suffix.lower().lstrip(".") if output else "csv")
        if fmt not in EXPORT_FORMATS:
            raise CommandError(f"Cannot tell the format of {output.name}: give --format csv or xlsx.")
        if fmt == "xlsx" and output is None:
            raise CommandError("An XLSX export is binary: give --output FILE.xlsx.")
        if output is not None and not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write {output.name} in.")
        user = user_by_email(options["user"])
        consortium = consortium_for(consortium_for_export, user, options["consortium"])
        data = export_members(user, consortium, fmt)
        if output is None:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
            return
        output.write_bytes(data)
        self.stderr.write(f"Wrote {output} ({len(data)} bytes).")
