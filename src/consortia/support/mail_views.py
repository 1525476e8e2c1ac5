"""Held mail: what a desk's e-mail ingestion kept aside (unknown senders, automatic and unreadable
messages), for the desk's agents to open as a ticket or discard. Nothing is deleted: a reviewed
message keeps its row, marked with who reviewed it and when."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from consortia.accounts import policy
from consortia.support import mail
from consortia.support.models import Desk, InboundMail
from consortia.web import paginate

# The raw message shown to a reviewer is cut at this many characters.
RAW_SHOWN = 20000
STATE_FILTERS = (
    ("pending", "To review"),
    ("held", "Held for review"),
    ("failed", "Could not be read"),
    ("accepted", "Accepted"),
    ("discarded", "Discarded"),
    ("all", "All"),
)


def _desk(request, slug) -> Desk:
    """A desk in the user's scope (404 outside it) that they work (403 for an overseer)."""
    desk = get_object_or_404(policy.desks_for(request.user), slug=slug)
    if not policy.can_work_desk(request.user, desk):
        raise PermissionDenied("Only the desk's agents review its held mail.")
    return desk


def _inbound(desk, pk) -> InboundMail:
    return get_object_or_404(desk.inbound_mail.select_related("reviewed_by", "ticket"), pk=pk)


@login_required
def held_mail(request, slug):
    desk = _desk(request, slug)
    state = request.GET.get("state", "pending")
    q = request.GET.get("q", "").strip()
    rows = desk.inbound_mail.select_related("reviewed_by", "ticket").defer("raw")
    if state == "pending":
        rows = rows.filter(state__in=mail.PENDING)
    elif state in InboundMail.State.values:
        rows = rows.filter(state=state)
    else:
        state = "all"
    if q:
        rows = rows.filter(Q(sender__icontains=q) | Q(subject__icontains=q) | Q(reason__icontains=q))
    context = {
        "desk": desk,
        "state": state,
        "states": STATE_FILTERS,
        "q": q,
        "pending_count": desk.inbound_mail.filter(state__in=mail.PENDING).count(),
        **paginate(request, rows.order_by("-received_at", "-pk")),
    }
    return render(request, "support/held_mail.html", context)


@login_required
def held_mail_detail(request, slug, pk):
    desk = _desk(request, slug)
    inbound = _inbound(desk, pk)
    raw = bytes(inbound.raw)
    context = {
        "desk": desk,
        "inbound": inbound,
        "parsed": mail.body_preview(raw),
        "raw_text": raw[: RAW_SHOWN * 4].decode("utf-8", "replace")[:RAW_SHOWN],
        "raw_cut": len(raw) > RAW_SHOWN,
        "is_pending": inbound.state in mail.PENDING,
    }
    return render(request, "support/held_mail_detail.html", context)


@login_required
@require_POST
def held_mail_release(request, slug, pk):
    desk = _desk(request, slug)
    inbound = _inbound(desk, pk)
    try:
        result = mail.release_held(request.user, inbound)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("support:held_mail_detail", desk.slug, inbound.pk)
    verb = "Opened" if result.outcome == "opened" else "Added to"
    messages.success(request, f"{verb} ticket {result.ticket.reference}.")
    return redirect("support:held_mail", desk.slug)


@login_required
@require_POST
def held_mail_discard(request, slug, pk):
    desk = _desk(request, slug)
    inbound = _inbound(desk, pk)
    try:
        mail.discard_held(request.user, inbound)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("support:held_mail_detail", desk.slug, inbound.pk)
    messages.success(request, "Discarded. The message is kept in the “Discarded” list.")
    return redirect("support:held_mail", desk.slug)


urlpatterns = [
    path("support/desks/<slug:slug>/held-mail/", held_mail, name="held_mail"),
    path("support/desks/<slug:slug>/held-mail/<int:pk>/", held_mail_detail, name="held_mail_detail"),
    path(
        "support/desks/<slug:slug>/held-mail/<int:pk>/release/", held_mail_release, name="held_mail_release"
    ),
    path(
        "support/desks/<slug:slug>/held-mail/<int:pk>/discard/", held_mail_discard, name="held_mail_discard"
    ),
]
