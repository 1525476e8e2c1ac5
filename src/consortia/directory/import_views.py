"""The member import and export page: upload → dry run → apply, and CSV/XLSX downloads.

The upload is kept between the dry run and "Apply import" under ``DATA_DIR/imports`` as a file
named by a random token, which only the session knows: the form sends the token back so the
file applied is the one previewed, but a path never comes from the browser.
"""

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from consortia.directory.exports import EXPORT_FORMATS, consortium_for_export, export_filename, export_members
from consortia.directory.imports import (
    COLUMNS,
    FILE_TYPES,
    MemberImportRefused,
    apply_member_import,
    consortium_for_import,
    plan_member_import,
    read_member_file,
)

TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")
# An upload nobody applied is of no use after a day.
STALE_UPLOAD_SECONDS = 24 * 60 * 60


class MemberFileForm(forms.Form):
    file = forms.FileField(
        label="Members file",
        help_text="A .csv (UTF-8) or .xlsx file with a header row; one row per contact.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FILE_TYPES)}),
    )


def _uploads_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def _session_key(consortium) -> str:
    return f"member_import:{consortium.pk}"


def _store_upload(request, consortium, upload) -> dict:
    folder = _uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_uploads(folder)
    stored = {
        "token": secrets.token_hex(16),
        "extension": Path(upload.name).suffix.lower(),
        "filename": upload.name,
    }
    with open(folder / f"{stored['token']}{stored['extension']}", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session[_session_key(consortium)] = stored
    return stored


def _stored_upload(request, consortium) -> tuple[dict, Path] | None:
    """The upload this session previewed, if the form names the same one."""
    stored = request.session.get(_session_key(consortium))
    if not stored or request.POST.get("token") != stored.get("token"):
        return None
    if not TOKEN_PATTERN.match(stored["token"]) or stored.get("extension") not in FILE_TYPES:
        return None
    path = _uploads_dir() / f"{stored['token']}{stored['extension']}"
    return (stored, path) if path.is_file() else None


def _forget_upload(request, consortium, path: Path | None) -> None:
    request.session.pop(_session_key(consortium), None)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_stale_uploads(folder: Path) -> None:
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


@login_required
@require_http_methods(["GET", "POST"])
def member_import(request, slug):
    consortium = consortium_for_import(request.user, slug)
    context = {"consortium": consortium, "columns": COLUMNS, "form": MemberFileForm()}
    if request.method == "POST" and request.POST.get("action") == "apply":
        context.update(_apply(request, consortium))
    elif request.method == "POST":
        context.update(_preview(request, consortium))
    return render(request, "directory/member_import.html", context)


def _preview(request, consortium) -> dict:
    form = MemberFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return {"form": form}
    upload = form.cleaned_data["file"]
    try:
        rows = read_member_file(upload, upload.name)
    except ValidationError as error:
        form.add_error("file", error)
        return {"form": form}
    plan = plan_member_import(request.user, consortium, rows)
    stored = None
    if not plan.errors:
        upload.seek(0)
        stored = _store_upload(request, consortium, upload)
    return {"plan": plan, "filename": upload.name, "token": stored["token"] if stored else ""}


def _apply(request, consortium) -> dict:
    found = _stored_upload(request, consortium)
    if found is None:
        return {"upload_error": "That upload is no longer available: upload the file again to import it."}
    stored, path = found
    with open(path, "rb") as upload:
        try:
            rows = read_member_file(upload, stored["filename"])
        except ValidationError as error:
            _forget_upload(request, consortium, path)
            return {"upload_error": " ".join(error.messages)}
    try:
        plan = apply_member_import(request.user, consortium, rows)
    except MemberImportRefused as refused:
        # The directory changed since the dry run; the errors say how.
        _forget_upload(request, consortium, path)
        return {"plan": refused.plan, "filename": stored["filename"], "token": ""}
    _forget_upload(request, consortium, path)
    return {"plan": plan, "filename": stored["filename"], "applied": True}


@login_required
@require_GET
def member_export(request, slug, fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Exports are .csv or .xlsx.")
    consortium = consortium_for_export(request.user, slug)
    response = HttpResponse(export_members(request.user, consortium, fmt), content_type=EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(consortium, fmt)}"'
    return response
