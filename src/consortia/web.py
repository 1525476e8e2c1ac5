"""What every app's pages do the same way: a consortium's team pages, a page of a list, a service's
refusal shown on its form, and a stored file offered for download."""

import os
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from consortia.accounts import policy
from consortia.directory.forms import add_service_errors
from consortia.directory.models import Consortium


def consortium_page(user, slug) -> Consortium:
    """A consortium whose team pages the user may open (404 outside their scope)."""
    consortium = get_object_or_404(
        policy.consortia_for(user).select_related("region", "lead_organization"), slug=slug
    )
    if not policy.can_view_consortium_pages(user, consortium):
        raise Http404
    return consortium


def paginate(request, queryset, per_page=None):
    page_size = per_page or settings.PAGE_SIZE
    page_obj = Paginator(queryset, page_size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {"page_obj": page_obj, "querystring_without_page": f"{encoded}&" if encoded else ""}


@contextmanager
def errors_shown_on(form):
    """Run a form's service call; a ``ValidationError`` it raises lands on the form instead.

    The rest of the block (the success message and redirect) runs only if the service accepted;
    after a refusal the view carries on below the block and renders the form with its errors.
    """
    try:
        yield
    except ValidationError as error:
        add_service_errors(form, error)


def attachment(field_file, *, filename: str = "", content_type: str | None = None) -> FileResponse:
    """A stored file as a download, under ``filename`` (else its stored name) and ``content_type``
    (else guessed from the name); 404 when there is none, or it is gone from storage."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename or os.path.basename(field_file.name),
        content_type=content_type,
    )
