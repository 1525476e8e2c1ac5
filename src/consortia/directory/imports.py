"""Importing members and their contacts from a CSV or XLSX file.

The file has one row per contact, the organization's columns repeated on each of its rows; a
row whose contact columns are empty only declares the member. Three steps:

* ``read_member_file`` turns the upload into rows with their line numbers (or says why it cannot);
* ``plan_member_import`` checks every row against the directory and against the other rows,
  writes nothing, and returns the errors and what would be created, changed or left alone;
* ``apply_member_import`` plans again inside one transaction and, if nothing is wrong, carries
  the plan out through the directory's service verbs: all of it or none of it.

Matching, so that importing the same file twice changes nothing: an organization on its ROR ID,
then on its exact name (ignoring case); the membership is the organization's current one in the
consortium; a person on e-mail or ORCID iD, and a contact without either on their name among the
member's contacts in that role. An empty cell leaves the recorded value as it is, and a person's
recorded details are completed, never overwritten, because people are shared across consortia.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404

from consortia import program
from consortia.accounts import policy
from consortia.directory import services
from consortia.directory.models import Consortium, Contact, Membership, Organization, Person
from consortia.directory.services import PERSON_FIELDS, PersonDetails

ORGANIZATION_COLUMNS = (
    "organization_name",
    "ror_id",
    "country",
    "city",
    "organization_type",
    "tier",
    "community_type",
)
MEMBERSHIP_COLUMNS = ("member_type", "status", "joined_date")
CONTACT_COLUMNS = ("contact_role", "given_names", "family_name", "email", "orcid_id", "phone", "job_title")
COLUMNS = (*ORGANIZATION_COLUMNS, *MEMBERSHIP_COLUMNS, *CONTACT_COLUMNS)
REQUIRED_COLUMNS = ("organization_name",)
FILE_TYPES = (".csv", ".xlsx")
# Ten thousand members with a dozen contacts each fit well within this.
MAX_FILE_BYTES = 20 * 1024 * 1024

# The organization columns of the file under the field names the services use.
ORGANIZATION_FIELD_COLUMNS = {
    "name": "organization_name",
    "ror_id": "ror_id",
    "country": "country",
    "city": "city",
    "organization_type": "organization_type",
    "tier": "tier",
    "community_type": "community_type",
}
# Spreadsheets run a cell starting with one of these as a formula; exports put a ' before them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SINGLE_HOLDER_ROLES = (*program.EXACTLY_ONE_CONTACT_ROLES, *program.AT_MOST_ONE_CONTACT_ROLES)
IMPORT_REQUEST_NOTE = "Added by a member import."
NOT_YOUR_IMPORT = "You may not import members into this consortium."


# --- reading the file -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    """One row of the file: its line (the header is line 1) and its cells by column name."""

    line: int
    values: dict

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def read_member_file(fileobj, filename: str) -> list[ImportRow]:
    """The rows of a .csv or .xlsx upload; ValidationError saying what is wrong with the file."""
    extension = Path(filename or "").suffix.lower()
    if extension not in FILE_TYPES:
        raise ValidationError(
            f"“{filename}” is not a .csv or .xlsx file: save the spreadsheet in one of those."
        )
    data = fileobj.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_FILE_BYTES:
        megabytes = MAX_FILE_BYTES // (1024 * 1024)
        raise ValidationError(f"The file is larger than {megabytes} MB: split it in parts.")
    if not data.strip():
        raise ValidationError("The file is empty.")
    records = _csv_records(data) if extension == ".csv" else _xlsx_records(data)
    return _rows_from_records(records)


def _csv_records(data: bytes) -> list[tuple[int, list]]:
    try:
        # utf-8-sig drops the byte order mark Excel writes at the start of "CSV UTF-8".
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The file is not UTF-8 text: in your spreadsheet, save it as “CSV UTF-8” and upload it again."
        ) from None
    delimiter = _sniff_delimiter(text)
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise ValidationError(f"The CSV file cannot be read: {exc}.") from None


def _sniff_delimiter(text: str) -> str:
    """Comma, or the semicolon spreadsheets use where the comma is the decimal mark.

    The header row decides: the delimiter that splits it into the most known column names.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    best, best_known = ",", -1
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        known = sum(_column_name(cell) in COLUMNS for cell in cells)
        if known > best_known:
            best, best_known = delimiter, known
    return best


def _xlsx_records(data: bytes) -> list[tuple[int, list]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors on a damaged or mislabelled file; all mean the same.
        raise ValidationError(
            "The file is not a readable .xlsx workbook: "
            "save it from your spreadsheet as “Excel Workbook (.xlsx)”."
        ) from None
    try:
        if not workbook.worksheets:
            raise ValidationError("The workbook has no worksheet.")
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the file; read the sheet as it really is.
        sheet.reset_dimensions()
        return list(enumerate((list(values) for values in sheet.iter_rows(values_only=True)), start=1))
    except ValidationError:
        raise
    except Exception:
        raise ValidationError("The first worksheet of the workbook cannot be read.") from None
    finally:
        workbook.close()


def _column_name(header) -> str:
    words = str(header or "").replace("\ufeff", "").lower().replace("-", " ").split()
    return "_".join(words)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Undo the ' an export puts before a would-be formula, so an export re-imports unchanged.
    if text.startswith("'") and text[1:2] in FORMULA_TRIGGERS:
        text = text[1:].strip()
    return text


def _rows_from_records(records: list[tuple[int, list]]) -> list[ImportRow]:
    records = iter(records)
    for line, header in records:
        if any(_cell_text(cell) for cell in header):
            header_line = line
            break
    else:
        raise ValidationError("The file has no header row.")
    columns = [_column_name(cell) for cell in header]
    unknown = [
        str(cell).strip() for cell, name in zip(header, columns, strict=True) if name and name not in COLUMNS
    ]
    if unknown:
        raise ValidationError(
            f"Line {header_line}: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}. "
            f"The columns are: {', '.join(COLUMNS)}."
        )
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    if repeated:
        raise ValidationError(f"Line {header_line}: the column {', '.join(repeated)} appears more than once.")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ValidationError(f"Line {header_line}: the file has no {', '.join(missing)} column.")
    contact_columns = [name for name in CONTACT_COLUMNS if name in columns]
    if contact_columns and "contact_role" not in columns:
        raise ValidationError(
            f"Line {header_line}: the file has contact columns ({', '.join(contact_columns)}) "
            "but no contact_role column to say which role each contact has."
        )
    rows = []
    for line, cells in records:
        # A spreadsheet leaves out the empty cells at the end of a row.
        cells = list(cells) + [None] * (len(columns) - len(cells))
        values = {name: _cell_text(cell) for name, cell in zip(columns, cells, strict=False) if name}
        if any(values.values()):
            rows.append(ImportRow(line=line, values=values))
    if not rows:
        raise ValidationError("The file has a header row but no members.")
    return rows


# --- the plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    line: int | None
    column: str
    message: str

    def __str__(self):
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.column}: {self.message}" if self.column else f"{where}{self.message}"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(eq=False)
class _PersonState:
    """A person as the directory would hold them once the rows so far are imported."""

    values: dict
    person: Person | None = None
    line: int | None = None  # the line that introduces a new person
    filled: set = field(default_factory=set)
    has_identity: bool = True

    @property
    def label(self) -> str:
        name = f"{self.values['given_names']} {self.values['family_name']}".strip()
        return name if self.person else f"{name} (line {self.line})"

    @property
    def name_key(self) -> str:
        return f"{self.values['given_names']} {self.values['family_name']}".strip().casefold()


@dataclass
class ContactStep:
    line: int
    role: str
    details: PersonDetails
    person: _PersonState
    action: str  # "add", "replace" (the holder of a single-holder role), "keep" or "repeat"
    contact: Contact | None = None  # the contact kept or replaced


@dataclass
class MemberStep:
    line: int
    name: str
    organization: Organization | None
    organization_fields: dict  # to create with, or the changed ones to update
    membership: Membership | None
    initial_status: str
    membership_fields: dict  # for a new membership: how to add it; for a current one: what changes
    final_fields: dict  # set once the contacts are in (a new membership becoming active)
    contacts: list = field(default_factory=list)


def _no_counts() -> dict:
    return {kind: Tally() for kind in ("organizations", "memberships", "people", "contacts")}


@dataclass
class ImportPlan:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    counts: dict = field(default_factory=_no_counts)
    members: list = field(default_factory=list)
    applied: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def has_changes(self) -> bool:
        return any(t.created or t.updated for t in self.counts.values())

    def counts_as_dict(self) -> dict:
        return {kind: vars(tally).copy() for kind, tally in self.counts.items()}

    def summary(self) -> str:
        return "; ".join(
            f"{kind}: {t.created} new, {t.updated} changed, {t.unchanged} unchanged"
            for kind, t in self.counts.items()
        )


class MemberImportRefused(ValidationError):
    """The file has errors: nothing was imported. ``plan`` lists them."""

    def __init__(self, plan: ImportPlan):
        count = len(plan.errors)
        super().__init__(f"The file has {count} error{'s' if count != 1 else ''}; nothing was imported.")
        self.plan = plan


def _text_limits() -> dict:
    """The longest text each free-text column may hold, from the models themselves."""
    fields = {
        "organization_name": Organization._meta.get_field("name"),
        "city": Organization._meta.get_field("city"),
    }
    fields.update(
        {
            name: Person._meta.get_field(name)
            for name in ("given_names", "family_name", "email", "phone", "job_title")
        }
    )
    return {column: model_field.max_length for column, model_field in fields.items()}


def _simplify(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def parse_choice(value: str, choices, what: str) -> str:
    """The stored value of a choice given as its value or its label (``voting``, ``Voting contact``)."""
    wanted = _simplify(value)
    for choice_value, label in choices.choices:
        names = {_simplify(choice_value), _simplify(label), _simplify(label.split(" (")[0])}
        names.add(_simplify(label).removesuffix(" contact"))
        if wanted in names:
            return choice_value
    raise ValidationError(f"“{value}” is not {what}: use one of {', '.join(choices.values)}.")


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.split("T")[0].split(" ")[0])
    except ValueError:
        raise ValidationError(f"“{value}” is not a date: write it as YYYY-MM-DD, like 2024-03-31.") from None


def _chunks(items, size=500):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class _Row:
    """A file row with its cells checked and normalized; a bad cell is left out and reported."""

    line: int
    organization: dict = field(default_factory=dict)  # service field name -> cleaned value
    membership: dict = field(default_factory=dict)
    role: str | None = None
    details: PersonDetails | None = None
    has_contact: bool = False
    has_errors: bool = False
    identity_ok: bool = True
    bad_columns: set = field(default_factory=set)


class _Planner:
    def __init__(self, actor, consortium: Consortium):
        self.actor = actor
        self.consortium = consortium
        self.plan = ImportPlan()
        self.people_by_email: dict[str, _PersonState] = {}
        self.people_by_orcid: dict[str, _PersonState] = {}
        self.people_by_pk: dict[int, _PersonState] = {}
        # Keyed by id(): two new people may well have the same details.
        self.referenced_people: dict[int, _PersonState] = {}

    def error(self, line, column, message):
        self.plan.errors.append(RowProblem(line, column, message))

    def warning(self, line, column, message):
        self.plan.warnings.append(RowProblem(line, column, message))

    # rows --------------------------------------------------------------------------------

    def parse(self, row: ImportRow) -> _Row:
        parsed = _Row(line=row.line)

        def fail(column, message):
            parsed.has_errors = True
            parsed.bad_columns.add(column)
            self.error(row.line, column, message)

        for column, limit in _text_limits().items():
            if len(row.get(column)) > limit:
                fail(column, f"This is {len(row.get(column))} characters long; the most is {limit}.")
                if column == "organization_name":
                    parsed.identity_ok = False

        for field_name, column in ORGANIZATION_FIELD_COLUMNS.items():
            value = row.get(column)
            if not value:
                continue
            try:
                if column == "organization_type":
                    value = parse_choice(value, Organization.OrganizationType, "an organization type")
                elif column == "tier":
                    value = parse_choice(value, Organization.Tier, "a tier")
                elif column == "community_type":
                    value = parse_choice(value, Organization.CommunityType, "a community type")
                parsed.organization.update(services.clean_organization_fields({field_name: value}))
            except ValidationError as exc:
                fail(column, " ".join(exc.messages))
                if field_name in ("name", "ror_id"):
                    parsed.identity_ok = False
        if not row.get("organization_name"):
            fail("organization_name", "Every row needs the organization's name.")
            parsed.identity_ok = False

        if value := row.get("status"):
            try:
                status = parse_choice(value, Membership.Status, "a membership status")
                if status not in Membership.CURRENT_STATUSES:
                    raise ValidationError(
                        f"A file can only set a current status ({', '.join(Membership.CURRENT_STATUSES)}); "
                        f"end a membership as {status} on the member's page instead."
                    )
                parsed.membership["status"] = status
            except ValidationError as exc:
                fail("status", " ".join(exc.messages))
        if value := row.get("member_type"):
            try:
                parsed.membership["member_type"] = parse_choice(value, Membership.MemberType, "a member type")
            except ValidationError as exc:
                fail("member_type", " ".join(exc.messages))
        if value := row.get("joined_date"):
            try:
                parsed.membership["joined_date"] = parse_date(value)
            except ValidationError as exc:
                fail("joined_date", " ".join(exc.messages))

        parsed.has_contact = any(row.get(column) for column in CONTACT_COLUMNS)
        if parsed.has_contact:
            if value := row.get("contact_role"):
                try:
                    parsed.role = parse_choice(value, Contact.Role, "a contact role")
                except ValidationError as exc:
                    fail("contact_role", " ".join(exc.messages))
            else:
                fail("contact_role", "Say which role this contact has (like voting, or Voting contact).")
            try:
                parsed.details = PersonDetails(
                    given_names=row.get("given_names"),
                    family_name=row.get("family_name"),
                    email=row.get("email"),
                    orcid_id=row.get("orcid_id"),
                    phone=row.get("phone"),
                    job_title=row.get("job_title"),
                ).cleaned()
            except ValidationError as exc:
                for column, messages in exc.message_dict.items():
                    fail(column, " ".join(messages))
        return parsed

    # grouping rows by organization -------------------------------------------------------------

    def group(self, rows: list[_Row]) -> dict:
        names_to_rors = defaultdict(set)
        for row in rows:
            if row.identity_ok and row.organization.get("ror_id"):
                names_to_rors[row.organization["name"].casefold()].add(row.organization["ror_id"])
        groups: dict[tuple, list[_Row]] = {}
        for row in rows:
            if not row.identity_ok:
                continue
            name, ror_id = row.organization["name"], row.organization.get("ror_id")
            if not ror_id:
                rors = names_to_rors.get(name.casefold(), set())
                if len(rors) > 1:
                    self.error(
                        row.line,
                        "ror_id",
                        f"Several organizations in the file are named {name} ({', '.join(sorted(rors))}); "
                        "give this row's ROR ID.",
                    )
                    continue
                ror_id = next(iter(rors), None)
            key = ("ror", ror_id) if ror_id else ("name", name.casefold())
            groups.setdefault(key, []).append(row)
        return groups

    def agreed_values(self, rows: list[_Row], name: str) -> tuple[dict, dict]:
        """The organization and membership values of a member's rows; rows that disagree are errors."""
        values = ({}, {})
        seen_on = {}
        for row in rows:
            for kind, given in enumerate((row.organization, row.membership)):
                for key, value in given.items():
                    if key not in values[kind]:
                        values[kind][key] = value
                        seen_on[key] = row.line
                    elif values[kind][key] != value:
                        column = ORGANIZATION_FIELD_COLUMNS.get(key, key)
                        self.error(
                            row.line,
                            column,
                            f"“{value}” differs from “{values[kind][key]}” on line {seen_on[key]}: "
                            f"the rows of {name} must agree.",
                        )
                        row.has_errors = True
        return values

    # loading what the directory already holds --------------------------------------------------

    def load(self, groups: dict) -> None:
        ror_ids = [key[1] for key in groups if key[0] == "ror"]
        names = {rows[0].organization["name"] for rows in groups.values()}
        self.orgs_by_ror = {}
        for chunk in _chunks(ror_ids):
            self.orgs_by_ror.update({o.ror_id: o for o in Organization.objects.filter(ror_id__in=chunk)})
        self.orgs_by_name = defaultdict(list)
        for chunk in _chunks(names, 200):
            query = Q()
            for name in chunk:
                query |= Q(name__iexact=name)
            for org in Organization.objects.filter(query):
                self.orgs_by_name[org.name.casefold()].append(org)
        org_ids = {o.pk for o in self.orgs_by_ror.values()} | {
            o.pk for orgs in self.orgs_by_name.values() for o in orgs
        }
        self.memberships_by_org = {}
        self.contacts_by_membership = defaultdict(list)
        # Organizations are shared: one that a consortium the user does not manage lists (or is
        # led by) keeps its record. Joining this consortium does not change that, so a second
        # import of the same file does not edit what the first one left alone.
        managed = [c.pk for c in policy.consortia_for(self.actor) if policy.can_manage_members(self.actor, c)]
        self.orgs_used_elsewhere = set()
        for chunk in _chunks(org_ids):
            memberships = Membership.objects.filter(
                consortium=self.consortium, organization_id__in=chunk, status__in=Membership.CURRENT_STATUSES
            ).select_related("organization")
            self.memberships_by_org.update({m.organization_id: m for m in memberships})
            self.orgs_used_elsewhere.update(
                Membership.objects.filter(organization_id__in=chunk)
                .exclude(consortium_id__in=managed)
                .values_list("organization_id", flat=True)
            )
            self.orgs_used_elsewhere.update(
                Consortium.objects.filter(lead_organization_id__in=chunk)
                .exclude(pk__in=managed)
                .values_list("lead_organization_id", flat=True)
            )
        memberships = {m.pk: m for m in self.memberships_by_org.values()}
        for chunk in _chunks(memberships):
            contacts = Contact.objects.filter(membership_id__in=chunk).select_related("person").order_by("pk")
            for contact in contacts:
                contact.membership = memberships[contact.membership_id]
                self.contacts_by_membership[contact.membership_id].append(contact)

    def load_people(self, rows: list[_Row]) -> None:
        emails = {row.details.email for row in rows if row.details and row.details.email}
        orcid_ids = {row.details.orcid_id for row in rows if row.details and row.details.orcid_id}
        people = []
        for chunk in _chunks(emails):
            people += Person.objects.filter(email__in=chunk)
        for chunk in _chunks(orcid_ids):
            people += Person.objects.filter(orcid_id__in=chunk)
        for contacts in self.contacts_by_membership.values():
            people += [contact.person for contact in contacts]
        for person in people:
            self.state_of(person)

    def state_of(self, person: Person) -> _PersonState:
        if person.pk not in self.people_by_pk:
            state = _PersonState(
                values={f: getattr(person, f) or "" for f in PERSON_FIELDS},
                person=person,
                has_identity=bool(person.email or person.orcid_id),
            )
            self.people_by_pk[person.pk] = state
            self.register(state)
        return self.people_by_pk[person.pk]

    def register(self, state: _PersonState) -> None:
        if state.values["email"]:
            self.people_by_email.setdefault(state.values["email"], state)
        if state.values["orcid_id"]:
            self.people_by_orcid.setdefault(state.values["orcid_id"], state)

    # people --------------------------------------------------------------------------------

    def resolve_person(self, row: _Row, member_contacts: list) -> _PersonState | None:
        details = row.details
        if not (details.email or details.orcid_id):
            # Without an e-mail or ORCID iD, the same name in the same role is the same contact.
            for contact in member_contacts:
                if contact.role == row.role and contact.person.name_key == _name_key(details):
                    return contact.person
            return _PersonState(values=dict(vars(details)), line=row.line, has_identity=False)
        by_email = self.people_by_email.get(details.email) if details.email else None
        by_orcid = self.people_by_orcid.get(details.orcid_id) if details.orcid_id else None
        if by_email and by_orcid and by_email is not by_orcid:
            self.error(
                row.line,
                "orcid_id",
                f"E-mail {details.email} belongs to {by_email.label} but ORCID iD {details.orcid_id} "
                f"belongs to {by_orcid.label}: they are two different people.",
            )
            return None
        state = by_email or by_orcid
        if state is None:
            state = _PersonState(values={f: getattr(details, f) or "" for f in PERSON_FIELDS}, line=row.line)
            self.register(state)
            return state
        if state is by_email and details.orcid_id and state.values["orcid_id"] not in ("", details.orcid_id):
            self.error(
                row.line,
                "orcid_id",
                f"{details.email} is {state.label}, whose ORCID iD is {state.values['orcid_id']}, "
                f"not {details.orcid_id}.",
            )
            return None
        if state is by_orcid and details.email and state.values["email"] not in ("", details.email):
            self.error(
                row.line,
                "email",
                f"ORCID iD {details.orcid_id} is {state.label}, whose e-mail is {state.values['email']}, "
                f"not {details.email}.",
            )
            return None
        for name in PERSON_FIELDS:
            given = getattr(details, name) or ""
            if given and not state.values[name]:
                state.values[name] = given
                if state.person is not None:
                    state.filled.add(name)
            elif given and state.values[name] != given and state.person is not None:
                self.warning(
                    row.line,
                    name,
                    f"{state.label} keeps “{state.values[name]}” as recorded: an import completes a person's "
                    "details but never overwrites them.",
                )
        self.register(state)
        return state

    # members -------------------------------------------------------------------------------

    def match_organization(self, key: tuple, name: str, line: int) -> tuple[Organization | None, bool]:
        """The organization the rows mean, and whether the match is certain enough to go on."""
        if key[0] == "ror" and key[1] in self.orgs_by_ror:
            return self.orgs_by_ror[key[1]], True
        candidates = self.orgs_by_name.get(name.casefold(), [])
        if key[0] == "ror":
            # Another organization of the same name but a different ROR ID is another organization.
            candidates = [org for org in candidates if not org.ror_id]
        if len(candidates) > 1:
            members = [org for org in candidates if org.pk in self.memberships_by_org]
            if len(members) == 1:
                return members[0], True
            self.error(
                line,
                "organization_name",
                f"{len(candidates)} organizations in the directory are named {name}: "
                "give the ROR ID to say which.",
            )
            return None, False
        return (candidates[0] if candidates else None), True

    def plan_member(self, key: tuple, rows: list[_Row], seen_orgs: dict) -> None:
        line = rows[0].line
        name = rows[0].organization["name"]
        org_values, membership_values = self.agreed_values(rows, name)
        if key[0] == "ror":
            org_values["ror_id"] = key[1]
        organization, certain = self.match_organization(key, name, line)
        if not certain:
            return
        if organization is not None:
            if organization.pk in seen_orgs:
                self.error(
                    line,
                    "organization_name",
                    f"This is {organization.name}, as on line {seen_orgs[organization.pk]}: "
                    "give all its rows the same name and ROR ID.",
                )
                return
            seen_orgs[organization.pk] = line
        counts = self.plan.counts

        if organization is None:
            if not org_values.get("country") and not any("country" in row.bad_columns for row in rows):
                self.error(line, "country", f"{name} is a new organization: give its country, like NZ or DE.")
            organization_fields = org_values
            counts["organizations"].created += 1
        else:
            organization_fields = {k: v for k, v in org_values.items() if getattr(organization, k) != v}
            if organization_fields and organization.pk in self.orgs_used_elsewhere:
                self.warning(
                    line,
                    ", ".join(ORGANIZATION_FIELD_COLUMNS[k] for k in organization_fields),
                    f"{organization.name} is kept as recorded: consortia you do not manage list it too.",
                )
                organization_fields = {}
            if organization_fields:
                counts["organizations"].updated += 1
            else:
                counts["organizations"].unchanged += 1

        membership = self.memberships_by_org.get(organization.pk) if organization else None
        existing_contacts = self.contacts_by_membership.get(membership.pk, []) if membership else []
        target_status = membership_values.get("status") or (membership.status if membership else "enquiry")
        final_fields = {}
        if membership is None:
            is_active = target_status == Membership.Status.ACTIVE
            initial_status = Membership.Status.ONBOARDING if is_active else target_status
            membership_fields = {**membership_values, "status": initial_status}
            if target_status != initial_status:
                final_fields = {"status": target_status}
            counts["memberships"].created += 1
        else:
            initial_status = membership.status
            membership_fields = {k: v for k, v in membership_values.items() if getattr(membership, k) != v}
            new_status = membership_fields.get("status")
            if new_status and new_status not in Membership.NEXT_STATUSES[membership.status]:
                status_line = next(row.line for row in rows if "status" in row.membership)
                self.error(
                    status_line,
                    "status",
                    f"{name} is {membership.get_status_display().lower()}, and a membership cannot go "
                    f"from {membership.get_status_display().lower()} to "
                    f"{Membership.Status(new_status).label.lower()}.",
                )
            if membership_fields:
                counts["memberships"].updated += 1
            else:
                counts["memberships"].unchanged += 1

        step = MemberStep(
            line=line,
            name=name,
            organization=organization,
            organization_fields=organization_fields,
            membership=membership,
            initial_status=initial_status,
            membership_fields=membership_fields,
            final_fields=final_fields,
        )
        self.plan_contacts(step, rows, existing_contacts)
        if target_status == Membership.Status.ACTIVE and not any(row.has_errors for row in rows):
            held = {contact.role for contact in existing_contacts} | {c.role for c in step.contacts}
            missing = [
                Contact.Role(role).label.lower()
                for role in program.EXACTLY_ONE_CONTACT_ROLES
                if role not in held
            ]
            if missing:
                self.error(
                    line,
                    "contact_role",
                    f"{name} is active, so it needs a main relationship contact and a voting contact; "
                    f"neither the file nor the directory gives it a {' or a '.join(missing)}.",
                )
        self.plan.members.append(step)

    def plan_contacts(self, step: MemberStep, rows: list[_Row], existing_contacts: list) -> None:
        # (role, person) pairs the member holds as the rows go: from the directory, then the file.
        held = [
            _Holding(contact.role, self.state_of(contact.person), contact=contact)
            for contact in existing_contacts
        ]
        counts = self.plan.counts["contacts"]
        for row in rows:
            if not row.has_contact or row.role is None or row.details is None:
                continue
            person = self.resolve_person(row, held)
            if person is None:
                continue
            self.referenced_people[id(person)] = person
            same = next((h for h in held if h.role == row.role and h.person is person), None)
            if same is not None:
                action = "keep" if same.line is None else "repeat"
                if action == "keep":
                    counts.unchanged += 1
                step.contacts.append(
                    ContactStep(row.line, row.role, row.details, person, action, same.contact)
                )
                same.line = same.line or row.line
                continue
            holder = None
            if row.role in SINGLE_HOLDER_ROLES:
                holder = next((h for h in held if h.role == row.role), None)
            role_label = Contact.Role(row.role).label.lower()
            if holder is not None and holder.line is not None:
                rule = "exactly one" if row.role in program.EXACTLY_ONE_CONTACT_ROLES else "at most one"
                self.error(
                    row.line,
                    "contact_role",
                    f"{step.name} has {rule} {role_label}, and line {holder.line} already names "
                    f"{holder.person.label}.",
                )
                continue
            if holder is not None:
                if not person.has_identity:
                    self.error(
                        row.line,
                        "email",
                        f"Give an e-mail address or ORCID iD for the new {role_label} of {step.name}, so "
                        f"they are not mistaken for {holder.person.label}, who holds the role now.",
                    )
                    continue
                step.contacts.append(
                    ContactStep(row.line, row.role, row.details, person, "replace", holder.contact)
                )
                holder.person, holder.line = person, row.line
                counts.updated += 1
            else:
                step.contacts.append(ContactStep(row.line, row.role, row.details, person, "add"))
                held.append(_Holding(row.role, person, line=row.line))
                counts.created += 1

    def count_people(self) -> None:
        tally = self.plan.counts["people"]
        for state in self.referenced_people.values():
            if state.person is None:
                tally.created += 1
            elif state.filled:
                tally.updated += 1
            else:
                tally.unchanged += 1

    def run(self, rows: list[ImportRow]) -> ImportPlan:
        parsed = [self.parse(row) for row in rows]
        groups = self.group(parsed)
        self.load(groups)
        self.load_people(parsed)
        seen_orgs = {}
        for key, member_rows in groups.items():
            self.plan_member(key, member_rows, seen_orgs)
        self.count_people()
        self.plan.errors.sort(key=_problem_order)
        self.plan.warnings.sort(key=lambda p: p.line or 0)
        return self.plan


def _problem_order(problem: RowProblem):
    return problem.line or 0, COLUMNS.index(problem.column) if problem.column in COLUMNS else len(COLUMNS)


@dataclass
class _Holding:
    role: str
    person: _PersonState
    contact: Contact | None = None
    line: int | None = None  # the file line that names this holder, once one does


def _name_key(details: PersonDetails) -> str:
    return f"{details.given_names} {details.family_name}".strip().casefold()


def plan_member_import(actor, consortium: Consortium, rows: list[ImportRow]) -> ImportPlan:
    """Check every row and say what importing them would do. Writes nothing."""
    policy.require(policy.can_import_members(actor, consortium), NOT_YOUR_IMPORT)
    return _Planner(actor, consortium).run(rows)


def apply_member_import(actor, consortium: Consortium, rows: list[ImportRow], progress=None) -> ImportPlan:
    """Import the rows in one transaction, or raise MemberImportRefused and import nothing.

    ``progress(done, total)`` is called after each member, for a progress bar.
    """
    with transaction.atomic():
        # Planned again inside the transaction: the directory may have changed since the dry run.
        plan = plan_member_import(actor, consortium, rows)
        if plan.errors:
            raise MemberImportRefused(plan)
        total = len(plan.members)
        for done, member in enumerate(plan.members, start=1):
            try:
                _apply_member(actor, consortium, member)
            except ValidationError as exc:
                plan.errors.append(RowProblem(member.line, "", f"{member.name}: {' '.join(exc.messages)}"))
                raise MemberImportRefused(plan) from exc
            if progress is not None:
                progress(done, total)
    plan.applied = True
    return plan


def _apply_member(actor, consortium: Consortium, member: MemberStep) -> None:
    organization, membership = member.organization, member.membership
    if organization is None:
        organization = services.create_organization(actor, **member.organization_fields)
    elif member.organization_fields:
        services.update_organization(actor, organization, membership=membership, **member.organization_fields)
    if membership is None:
        # add_membership refuses "active": the lead contacts come first, then the status.
        membership = services.add_membership(
            actor, consortium, organization, request_note=IMPORT_REQUEST_NOTE, **member.membership_fields
        )
        later = member.final_fields
    else:
        later = member.membership_fields
    for step in member.contacts:
        if step.action == "add":
            services.add_contact(actor, membership, step.details, step.role)
        elif step.action == "replace":
            # Make sure the newcomer exists first, so change_contact swaps people instead of
            # editing the current holder's record.
            services.find_or_create_person(actor, step.details)
            services.change_contact(actor, step.contact, details=step.details)
        elif step.action == "keep" and step.person.filled:
            services.find_or_create_person(actor, step.details)
    if later:
        services.update_membership(actor, membership, **later)


def consortium_for_import(user, slug: str) -> Consortium:
    """The consortium a user imports into: 404 outside their scope, 403 if they may not import."""
    consortium = policy.consortia_for(user).filter(slug=slug).first()
    if consortium is None:
        raise Http404("No such consortium.")
    policy.require(policy.can_import_members(user, consortium), NOT_YOUR_IMPORT)
    return consortium
