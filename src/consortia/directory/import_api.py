"""Member import and export over the API: the page's dry run and apply, for scripts.

``POST /consortia/{slug}/member-imports`` checks a file (``dry_run`` is true unless told
otherwise) and answers with every error by line and column and what the import does; with
``dry_run=false`` a file without errors is imported in one transaction, a file with errors is a
400 that lists them. ``GET /consortia/{slug}/member-export`` returns the same columns as CSV or XLSX.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from consortia.directory.exports import EXPORT_FORMATS, consortium_for_export, export_filename, export_members
from consortia.directory.imports import (
    ImportPlan,
    MemberImportRefused,
    apply_member_import,
    consortium_for_import,
    plan_member_import,
    read_member_file,
)

router = Router(tags=["imports"])


class RowProblemOut(Schema):
    line: int | None
    column: str
    message: str


class TallyOut(Schema):
    created: int
    updated: int
    unchanged: int


class ImportCountsOut(Schema):
    organizations: TallyOut
    memberships: TallyOut
    people: TallyOut
    contacts: TallyOut


class ImportPlanOut(Schema):
    applied: bool
    errors: list[RowProblemOut]
    warnings: list[RowProblemOut]
    counts: ImportCountsOut


class ImportRefusedOut(ImportPlanOut):
    detail: str


class DetailOut(Schema):
    detail: str


def _plan_out(plan: ImportPlan, **extra) -> dict:
    problems = lambda items: [vars(p) for p in items]  # noqa: E731
    return {
        "applied": plan.applied,
        "errors": problems(plan.errors),
        "warnings": problems(plan.warnings),
        "counts": plan.counts_as_dict(),
        **extra,
    }


@router.post(
    "/consortia/{slug}/member-imports",
    response={200: ImportPlanOut, 400: ImportRefusedOut, 403: DetailOut, 404: DetailOut},
    summary="Check or import a members file",
)
def import_members(request, slug: str, file: File[UploadedFile], dry_run: bool = True):
    """Upload a .csv or .xlsx members file (field ``file``).

    With ``dry_run`` (the default) nothing is saved. A file that cannot be read at all is a 400 whose
    single error has no line.
    """
    consortium = consortium_for_import(request.auth, slug)
    try:
        rows = read_member_file(file, file.name)
    except ValidationError as error:
        message = " ".join(error.messages)
        unreadable = [{"line": None, "column": "", "message": message}]
        return Status(400, _plan_out(ImportPlan(), detail=message, errors=unreadable))
    if dry_run:
        return Status(200, _plan_out(plan_member_import(request.auth, consortium, rows)))
    try:
        plan = apply_member_import(request.auth, consortium, rows)
    except MemberImportRefused as refused:
        return Status(400, _plan_out(refused.plan, detail=refused.messages[0]))
    return Status(200, _plan_out(plan))


@router.get(
    "/consortia/{slug}/member-export",
    response={200: None, 403: DetailOut, 404: DetailOut},
    summary="Export the consortium's current members and contacts",
)
def export_members_file(request, slug: str, format: Literal["csv", "xlsx"] = "csv"):
    consortium = consortium_for_export(request.auth, slug)
    data = export_members(request.auth, consortium, format)
    response = HttpResponse(data, content_type=EXPORT_FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(consortium, format)}"'
    return response
