"""What every REST module does the same way: the list envelope, query-value checks, scoped look-ups.

A refused query value or request body field is a ``ValidationError`` keyed by its name, which the
API turns into a 400 carrying the message; an object outside the user's scope is a 404 in a path
and a 400 naming the field in a body, the same answers as for one that does not exist.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import CharField, QuerySet, TextField
from django.http import Http404

from consortia.directory.schemas import ErrorOut, ListParams

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
YES, NO = ("true", "1", "yes"), ("false", "0", "no")


def paginate(rows: QuerySet | list, params: ListParams) -> dict:
    """The list envelope, for a query or for rows computed in Python. Past the last page is an
    empty page, not an error."""
    number = whole_number("page", params.page, default=1)
    size = whole_number("page_size", params.page_size, default=settings.PAGE_SIZE)
    size = min(size, settings.MAX_PAGE_SIZE)
    count = len(rows) if isinstance(rows, list) else rows.count()
    offset = (number - 1) * size
    results = list(rows[offset : offset + size]) if offset < count else []
    return {"count": count, "page": number, "page_size": size, "results": results}


def whole_number(name: str, value: str | None, *, default: int) -> int:
    """A query value counting from 1; blank means ``default``."""
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({name: f"{name} must be a whole number from 1, not {value!r}."}) from None
    if number < 1:
        raise ValidationError({name: f"{name} must be a whole number from 1, not {value!r}."})
    return number


def check_choice(name: str, value: str, allowed) -> str:
    """Filters with a fixed vocabulary refuse a typo instead of silently matching nothing."""
    if value and value not in allowed:
        raise ValidationError({name: f"{value!r} is not one of: {', '.join(allowed)}."})
    return value


def yes_no(name: str, value: str) -> bool | None:
    """A yes/no filter: blank means "either", anything but true/false is refused."""
    value = value.strip().lower()
    if not value:
        return None
    if value not in YES + NO:
        raise ValidationError({name: f"{name} must be true or false, not {value!r}."})
    return value in YES


def patch_fields(payload, model) -> dict:
    """The fields a PATCH sent. A null clears a text field to blank, since none stores NULL."""
    fields = payload.dict(exclude_unset=True)
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if value is None and not field.null and isinstance(field, CharField | TextField):
            fields[name] = ""
    return fields


def get_in_scope_or_404(queryset: QuerySet, **lookup):
    """The object a path names, from the user's scope: another tenant's is as missing as a typo."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def get_referenced_or_400(queryset: QuerySet, field: str, label: str, value, **lookup):
    """An object named in a request body; one outside the user's scope is as unknown as a typo."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ValidationError({field: f"There is no {label} {value!r} that you can see."})
    return found
