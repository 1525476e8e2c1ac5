"""Exporting a consortium's current members and their contacts, in the import's own format.

An export re-imports unchanged: the same columns, stored values rather than labels, and only
current memberships (a file cannot set "lapsed" or "left"). Every cell that a spreadsheet would
run as a formula gets a leading ``'``, which the import takes off again.
"""

import csv
import io

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from consortia.accounts import policy
from consortia.directory.imports import COLUMNS, FORMULA_TRIGGERS
from consortia.directory.models import Consortium, Contact, Membership

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def consortium_for_export(user, slug: str) -> Consortium:
    """The consortium a user exports: 404 outside their scope, 403 unless they see its staff pages.

    The file lists every contact's e-mail and phone, so member contacts, who see only their own
    organization, cannot export.
    """
    consortium = policy.consortia_for(user).filter(slug=slug).first()
    if consortium is None:
        raise Http404("No such consortium.")
    allowed = policy.can_view_consortium_pages(user, consortium)
    policy.require(allowed, "You may not export this consortium's members.")
    return consortium


def spreadsheet_safe(value):
    """The value, with a ' in front if a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def exported_memberships(user, consortium: Consortium):
    """The consortium's current memberships the user may see, with their contacts: two queries."""
    return (
        policy.memberships_for(user)
        .filter(consortium=consortium, status__in=Membership.CURRENT_STATUSES)
        .select_related("organization")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.select_related("person").order_by("role", "pk"))
        )
        .order_by("organization__name", "pk")
    )


def export_rows(user, consortium: Consortium):
    """One row per contact (a member without contacts gets one row of its own), cells as Python values."""
    for membership in exported_memberships(user, consortium):
        organization = membership.organization
        member_cells = [
            organization.name,
            organization.ror_id or "",
            organization.country,
            organization.city,
            organization.organization_type,
            organization.tier,
            organization.community_type,
            membership.member_type,
            membership.status,
            membership.joined_date,
        ]
        contacts = list(membership.contacts.all())
        if not contacts:
            yield [*member_cells, "", "", "", "", "", "", ""]
        for contact in contacts:
            person = contact.person
            yield [
                *member_cells,
                contact.role,
                person.given_names,
                person.family_name,
                person.email or "",
                person.orcid_id or "",
                person.phone,
                person.job_title,
            ]


def export_members(user, consortium: Consortium, fmt: str) -> bytes:
    """The members file as bytes, ``fmt`` "csv" (UTF-8 with a byte order mark, for Excel) or "xlsx"."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: use csv or xlsx.")
    rows = export_rows(user, consortium)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([spreadsheet_safe("" if cell is None else cell) for cell in row])
        return buffer.getvalue().encode("utf-8-sig")
    return _xlsx(rows)


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Members")
    sheet.append(list(COLUMNS))
    date_column = COLUMNS.index("joined_date")
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index == date_column and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(spreadsheet_safe(value) if value != "" else None)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(consortium: Consortium, fmt: str) -> str:
    return f"{consortium.slug}-members-{timezone.localdate().isoformat()}.{fmt}"
