"""Importing a consortium's integrations from a CSV file, all of it or none of it.

The columns: ``organization`` (the name or ROR ID of a current member of the consortium),
``name``, ``system_type`` (its value or label: ``cris``, ``Repository`` …), ``platform`` (a name
in the catalogue, optional), ``api`` (public or member, default member), ``environment``,
``technical_contact_email`` (one of that member's contacts, optional), ``target_sandbox_on`` and
``target_live_on`` (YYYY-MM-DD) and ``notes``. Every integration starts planned.

Every row is checked before anything is written and every bad one is reported with its line (the
header is line 1) and the reason. ``import_integrations`` with ``apply`` checks again inside one
transaction and saves each row through ``services.save_integration``; one refusal leaves the
database as it was. The same function serves the API and a page.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from consortia.accounts import policy
from consortia.directory.imports import parse_choice, parse_date
from consortia.directory.models import Consortium, Contact, Membership
from consortia.integrations import services
from consortia.integrations.models import Integration, Platform, SystemType
from consortia.lib.ror_id import InvalidRorId, normalize_ror_id

COLUMNS = (
    "organization",
    "name",
    "system_type",
    "platform",
    "api",
    "environment",
    "technical_contact_email",
    "target_sandbox_on",
    "target_live_on",
    "notes",
)
REQUIRED_COLUMNS = ("organization", "name", "system_type")
MAX_FILE_BYTES = 5 * 1024 * 1024
NOT_YOUR_IMPORT = "Only the consortium's team and ORCID import its integrations."


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    column: str
    message: str

    def __str__(self):
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.column}: {self.message}" if self.column else f"{where}{self.message}"


@dataclass
class PlannedRow:
    line: int
    membership: Membership
    fields: dict
    integration: Integration | None = None  # once saved

    @property
    def name(self) -> str:
        return self.fields["name"]


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    applied: bool = False

    @property
    def refusal(self) -> str:
        count = len(self.errors)
        return f"The file has {count} error{'s' if count != 1 else ''}; nothing was imported."


class _Refused(Exception):
    """Raised inside the transaction so that it rolls back; carries the result."""

    def __init__(self, result: ImportResult):
        self.result = result


# --- reading the file -------------------------------------------------------------------------


def _column_name(header) -> str:
    return "_".join(str(header or "").replace("\ufeff", "").strip().lower().replace("-", " ").split())


def read_rows(fileobj) -> list[tuple[int, dict]]:
    """The rows of a CSV upload with their line numbers; ValidationError saying what is wrong."""
    data = fileobj.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The file is not UTF-8 text: save it as “CSV UTF-8” and upload it again."
        ) from None
    if not text.strip():
        raise ValidationError("The file is empty.")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(
        (",", ";", "\t"), key=lambda d: sum(_column_name(c) in COLUMNS for c in header_line.split(d))
    )
    try:
        records = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise ValidationError(f"The CSV file cannot be read: {exc}.") from None
    records = [(line, cells) for line, cells in records if any(cell.strip() for cell in cells)]
    if not records:
        raise ValidationError("The file is empty.")
    (first, header), rest = records[0], records[1:]
    columns = [_column_name(cell) for cell in header]
    unknown = [name for name in columns if name and name not in COLUMNS]
    if unknown:
        raise ValidationError(
            f"Line {first}: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}. "
            f"The columns are: {', '.join(COLUMNS)}."
        )
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    if repeated:
        raise ValidationError(f"Line {first}: the column {', '.join(repeated)} appears more than once.")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ValidationError(f"Line {first}: the file has no {', '.join(missing)} column.")
    rows = []
    for line, cells in rest:
        cells = list(cells) + [""] * (len(columns) - len(cells))
        rows.append((line, {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}))
    if not rows:
        raise ValidationError("The file has a header row but no integrations.")
    return rows


# --- checking every row -----------------------------------------------------------------------


class _Checker:
    """What the consortium holds, read once, to check every row against."""

    def __init__(self, actor, consortium: Consortium):
        self.actor = actor
        memberships = list(
            Membership.objects.filter(consortium=consortium, status__in=Membership.CURRENT_STATUSES)
            .select_related("organization", "consortium")
            .order_by("pk")
        )
        self.by_name, self.by_ror = {}, {}
        for membership in memberships:
            self.by_name.setdefault(membership.organization.name.casefold(), []).append(membership)
            if membership.organization.ror_id:
                self.by_ror[membership.organization.ror_id.lower()] = membership
        self.platforms = {p.name.casefold(): p for p in Platform.objects.all()}
        self.contacts = {}
        for contact in Contact.objects.filter(membership__in=memberships).select_related("person"):
            if contact.person.email:
                self.contacts[(contact.membership_id, contact.person.email.casefold())] = contact.person
        self.existing = {
            (membership_id, name.casefold())
            for membership_id, name in Integration.objects.filter(membership__in=memberships).values_list(
                "membership_id", "name"
            )
        }
        self.seen = {}
        self.limits = {name: Integration._meta.get_field(name).max_length for name in ("name", "environment")}

    def membership(self, value: str) -> Membership:
        try:
            ror = normalize_ror_id(value)
        except InvalidRorId:
            ror = None
        if ror is not None:
            found = self.by_ror.get(ror)
            if found is None:
                raise ValidationError(f"No current member of this consortium has the ROR ID {ror}.")
            return found
        found = self.by_name.get(value.casefold(), [])
        if not found:
            raise ValidationError(
                f"“{value}” is not a current member of this consortium (give its name or ROR ID)."
            )
        if len(found) > 1:
            raise ValidationError(f"More than one member is called “{value}”: give its ROR ID instead.")
        return found[0]

    def check(self, line: int, values: dict, problems: list) -> PlannedRow | None:
        def refuse(column, message):
            problems.append(RowProblem(line, column, message))

        fields, membership = {}, None
        organization = values.get("organization", "")
        if not organization:
            refuse("organization", "Give the member's name or ROR ID.")
        else:
            try:
                membership = self.membership(organization)
            except ValidationError as error:
                refuse("organization", " ".join(error.messages))
        if membership is not None and not policy.can_add_integration(self.actor, membership):
            refuse("organization", f"You cannot add integrations to {membership.organization.name}.")
        name = values.get("name", "")
        if not name:
            refuse("name", "Give the integration's name.")
        elif len(name) > self.limits["name"]:
            refuse("name", f"At most {self.limits['name']} characters.")
        fields["name"] = name
        for column, choices, what, default in (
            ("system_type", SystemType, "a system type", None),
            ("api", Integration.Api, "public or member", Integration.Api.MEMBER),
        ):
            value = values.get(column, "")
            if not value and default is None:
                refuse(column, "Give the system type.")
            elif not value:
                fields[column] = default
            else:
                try:
                    fields[column] = parse_choice(value, choices, what)
                except ValidationError as error:
                    refuse(column, " ".join(error.messages))
        platform = values.get("platform", "")
        if platform:
            fields["platform"] = self.platforms.get(platform.casefold())
            if fields["platform"] is None:
                refuse("platform", f"“{platform}” is not in the platform catalogue.")
        environment = values.get("environment", "")
        if len(environment) > self.limits["environment"]:
            refuse("environment", f"At most {self.limits['environment']} characters.")
        fields["environment"] = environment
        email = values.get("technical_contact_email", "")
        if email and membership is not None:
            fields["technical_contact"] = self.contacts.get((membership.pk, email.casefold()))
            if fields["technical_contact"] is None:
                refuse(
                    "technical_contact_email",
                    f"{email} is not a contact of {membership.organization.name}.",
                )
        dates: dict[str, date] = {}
        for column in ("target_sandbox_on", "target_live_on"):
            if values.get(column):
                try:
                    dates[column] = fields[column] = parse_date(values[column])
                except ValidationError as error:
                    refuse(column, " ".join(error.messages))
        if len(dates) == 2 and dates["target_live_on"] < dates["target_sandbox_on"]:
            refuse("target_live_on", "The live date cannot come before the sandbox date.")
        fields["notes"] = values.get("notes", "")
        if membership is not None and name:
            key = (membership.pk, name.casefold())
            if key in self.existing:
                refuse("name", f"{membership.organization.name} has an integration called “{name}” already.")
            elif key in self.seen:
                refuse(
                    "name", f"Line {self.seen[key]} adds “{name}” to {membership.organization.name} already."
                )
            else:
                self.seen[key] = line
        if membership is None or any(p.line == line for p in problems):
            return None
        return PlannedRow(line, membership, fields)


def plan_integration_import(actor, consortium: Consortium, rows: list[tuple[int, dict]]) -> ImportResult:
    """Check every row; writes nothing."""
    policy.require(policy.can_manage_integrations(actor, consortium), NOT_YOUR_IMPORT)
    checker, result = _Checker(actor, consortium), ImportResult()
    for line, values in rows:
        planned = checker.check(line, values, result.errors)
        if planned is not None:
            result.rows.append(planned)
    return result


def apply_integration_import(actor, consortium: Consortium, rows: list[tuple[int, dict]]) -> ImportResult:
    """Check again and save every row in one transaction; with any error, save nothing and return
    the result listing the errors."""
    try:
        with transaction.atomic():
            result = plan_integration_import(actor, consortium, rows)
            if result.errors:
                raise _Refused(result)
            for row in result.rows:
                try:
                    row.integration = services.save_integration(actor, row.membership, **row.fields)
                except (ValidationError, PermissionDenied) as error:
                    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                    result.errors.append(RowProblem(row.line, "", " ".join(messages)))
                    raise _Refused(result) from error
    except _Refused as refused:
        for row in refused.result.rows:
            row.integration = None
        return refused.result
    result.applied = True
    return result


def import_integrations(actor, consortium: Consortium, fileobj, *, apply: bool = False) -> ImportResult:
    """Read the upload and check it (``apply`` False) or import it; an unreadable file is a result
    with one error and no line."""
    policy.require(policy.can_manage_integrations(actor, consortium), NOT_YOUR_IMPORT)
    try:
        rows = read_rows(fileobj)
    except ValidationError as error:
        return ImportResult(errors=[RowProblem(None, "", " ".join(error.messages))])
    if apply:
        return apply_integration_import(actor, consortium, rows)
    return plan_integration_import(actor, consortium, rows)


def consortium_for_import(user, slug: str) -> Consortium:
    """The consortium to import into: 404 outside the user's scope, 403 if they may not import."""
    consortium = policy.consortia_for(user).filter(slug=slug).first()
    if consortium is None:
        raise Http404("No such consortium.")
    policy.require(policy.can_manage_integrations(user, consortium), NOT_YOUR_IMPORT)
    return consortium


def result_body(result: ImportResult) -> dict:
    return {
        "applied": result.applied,
        "errors": [vars(problem) for problem in result.errors],
        "rows": [
            {
                "line": row.line,
                "organization": row.membership.organization.name,
                "name": row.name,
                "integration": row.integration.pk if row.integration else None,
            }
            for row in result.rows
        ],
    }
