"""The support desk's pages: desks overview, desk queues with saved filters and bulk actions,
ticket pages (thread, notes, escalation), member self-service, canned replies, desk settings and
the requester's rating page.

Each view: sign-in → fetch through the policy scope (another tenant's desk or ticket is 404) →
check the action (403) → call a service → redirect with a message, or render the form's errors.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from consortia.accounts import policy
from consortia.directory.forms import add_service_errors
from consortia.directory.models import Organization
from consortia.support import queries, services, sla
from consortia.support.forms import (
    AgentTicketForm,
    CalendarForm,
    CannedReplyForm,
    DeskForm,
    EscalateForm,
    NewTicketForm,
    NoteForm,
    OrcidReplyForm,
    RatingForm,
    ReplyForm,
    ResolveEscalationForm,
    SavedFilterForm,
    SlaForm,
    TicketUpdateForm,
    TransferForm,
    minutes_to_hours,
)
from consortia.support.models import (
    Attachment,
    CannedReply,
    Desk,
    Escalation,
    SavedFilter,
    Ticket,
)
from consortia.web import attachment as attachment_download_response
from consortia.web import errors_shown_on, paginate

# --- helpers --------------------------------------------------------------------------------


def _desk(request, slug) -> Desk:
    return get_object_or_404(
        policy.desks_for(request.user).select_related("consortium", "region", "calendar"), slug=slug
    )


def _ticket(request, pk) -> Ticket:
    try:
        return queries.ticket_page(request.user, pk)
    except Ticket.DoesNotExist:
        raise Http404 from None


def _queue_url(desk: Desk, query: str = "") -> str:
    url = reverse("support:queue", args=[desk.slug])
    return f"{url}?{query}" if query else url


def _can_share_canned_replies(user) -> bool:
    return policy.can_keep_canned_replies_for_every_desk(user)


def _mark_due_soon(tickets, now):
    rows = list(tickets)
    for ticket in rows:
        ticket.is_due_soon = sla.is_about_to_breach(ticket, now)
    return rows


def _filter_context(filters) -> dict:
    return {
        "filters": filters,
        "statuses": Ticket.Status.choices,
        "priorities": Ticket.Priority.choices,
        "categories": Ticket.Category.choices,
        "assignee_choices": queries.ASSIGNEE_CHOICES,
        "sla_choices": queries.SLA_CHOICES,
        "sorts": queries.SORTS.items(),
    }


# --- overview and queues --------------------------------------------------------------------


@login_required
def overview(request):
    """ORCID's desks overview; a consortium team goes to its desk, a member to their tickets."""
    user = request.user
    if user.is_member_contact:
        return redirect("support:my_tickets")
    if user.is_consortium_team:
        desk = policy.desks_for(user).first()
        if desk is None:
            raise Http404
        return redirect("support:queue", slug=desk.slug)
    desks = list(queries.desks_overview(user))
    totals = {
        name: sum(getattr(desk, name) for desk in desks)
        for name in ("open_count", "breached_count", "due_soon_count", "unassigned_count")
    }
    return render(request, "support/overview.html", {"desks": desks, "totals": totals})


@login_required
def queue(request, slug):
    desk = _desk(request, slug)
    return _queue_page(request, desk, tab="desk")


@login_required
def members_with_orcid(request, slug):
    """A consortium desk's second list: its members' tickets sent to ORCID directly."""
    desk = _desk(request, slug)
    if desk.kind != Desk.Kind.CONSORTIUM:
        raise Http404
    return _queue_page(request, desk, tab="orcid")


def _queue_page(request, desk: Desk, tab: str):
    user = request.user
    now = timezone.now()
    filters = queries.QueueFilters.from_query(request.GET)
    if tab == "orcid":
        tickets = queries.members_tickets_with_orcid(user, desk, filters, now)
    else:
        tickets = queries.desk_queue(user, desk, filters, now)
    page = paginate(request, tickets)
    page["page_obj"].object_list = _mark_due_soon(page["page_obj"].object_list, now)
    can_work = policy.can_work_desk(user, desk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "desk": desk,
        "tab": tab,
        "now": now,
        "query": query.urlencode(),
        "saved_filters": SavedFilter.objects.filter(user=user),
        "saved_filter_form": SavedFilterForm(user=user, initial={"query": query.urlencode()}),
        "can_work": can_work and tab == "desk",
        "can_manage": policy.can_manage_desk(user, desk),
        "can_open": policy.can_open_ticket(user, desk),
        "agents": queries.desk_agents(desk) if can_work and tab == "desk" else [],
        "bulk_statuses": [
            (v, label) for v, label in Ticket.Status.choices if v != Ticket.Status.WAITING_ON_ORCID
        ],
        **_filter_context(filters),
        **page,
    }
    return render(request, "support/queue.html", context)


@login_required
@require_POST
def bulk_action(request, slug):
    """One change to the checked tickets of the queue, all or nothing."""
    desk = _desk(request, slug)
    policy.require(policy.can_work_desk(request.user, desk))
    back = _queue_url(desk, request.POST.get("query", ""))
    ids = [value for value in request.POST.getlist("ticket") if value.isdigit()]
    tickets = list(policy.tickets_for(request.user).filter(desk=desk, pk__in=ids).order_by("pk"))
    if not ids:
        messages.error(request, "Tick the tickets to change first.")
        return redirect(back)
    if len(tickets) != len(set(ids)):
        raise Http404
    try:
        changes = _bulk_changes(request.POST.get("action", ""), request.user, desk)
        count = services.bulk_update(request.user, tickets, **changes)
    except ValidationError as error:
        messages.error(request, f"Nothing was changed: {' '.join(_messages_of(error))}")
        return redirect(back)
    messages.success(request, f"{count} ticket{'s' if count != 1 else ''} updated.")
    return redirect(back)


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


def _bulk_changes(action: str, user, desk: Desk) -> dict:
    kind, _, value = action.partition(":")
    if kind == "assign_me":
        return {"assignee": user}
    if kind == "unassign":
        return {"assignee": None}
    if kind == "assign":
        agents = {str(agent.pk): agent for agent in queries.desk_agents(desk)}
        if value not in agents:
            raise ValidationError("Choose someone who works this desk.")
        return {"assignee": agents[value]}
    if kind == "status":
        return {"status": value}
    if kind == "priority":
        return {"priority": value}
    raise ValidationError("Choose what to do with the selected tickets.")


@login_required
@require_POST
def saved_filter_add(request, slug):
    desk = _desk(request, slug)
    form = SavedFilterForm(request.POST, user=request.user)
    if form.is_valid():
        saved = services.save_filter(request.user, form.cleaned_data["name"], form.cleaned_data["query"])
        messages.success(request, f"Filters saved as “{saved.name}”.")
        return redirect(_queue_url(desk, saved.query))
    messages.error(request, f"The filters were not saved: {' '.join(_form_errors(form))}")
    return redirect(_queue_url(desk, request.POST.get("query", "").lstrip("?")))


def _form_errors(form) -> list[str]:
    return [error for errors in form.errors.values() for error in errors]


@login_required
@require_POST
def saved_filter_delete(request, slug, pk):
    desk = _desk(request, slug)
    saved = get_object_or_404(SavedFilter, pk=pk, user=request.user)
    services.delete_filter(request.user, saved)
    messages.success(request, f"Saved filter “{saved.name}” deleted.")
    return redirect(_queue_url(desk))


# --- tickets --------------------------------------------------------------------------------


def _ticket_context(request, ticket: Ticket, **forms) -> dict:
    user = request.user
    desk = ticket.desk
    is_agent = policy.can_work_desk(user, desk)
    sees_notes = policy.can_see_internal_notes(user, ticket)
    is_member = user.is_member_contact
    escalations = queries.escalations(ticket) if sees_notes and desk.kind == Desk.Kind.CONSORTIUM else []
    open_escalation = next((e for e in escalations if e.state == Escalation.State.OPEN), None)
    source = queries.escalation_source(ticket) if user.is_orcid else None
    agents = queries.desk_agents(desk) if is_agent else []
    can_reply = (is_agent or is_member) and ticket.status != Ticket.Status.CLOSED
    context = {
        "ticket": ticket,
        "desk": desk,
        "is_agent": is_agent,
        "is_member": is_member,
        "sees_notes": sees_notes,
        "thread": queries.thread(ticket, with_notes=sees_notes),
        "events": _labelled(ticket.events.select_related("actor").order_by("at", "pk")) if sees_notes else [],
        "escalations": escalations,
        "open_escalation": open_escalation,
        "source": source,
        "can_reply": can_reply,
        "can_escalate": is_agent
        and desk.kind == Desk.Kind.CONSORTIUM
        and ticket.is_open
        and open_escalation is None,
        "can_transfer": is_agent and desk.is_orcid and ticket.is_open,
        "can_resolve_escalation": is_agent and source is not None and source.state == Escalation.State.OPEN,
        "is_due_soon": sla.is_about_to_breach(ticket),
        "canned_replies": list(queries.canned_replies(desk)) if is_agent else [],
    }
    context["canned_json"] = {str(reply.pk): reply.body for reply in context["canned_replies"]}
    if can_reply:
        context["reply_form"] = forms.get("reply_form") or ReplyForm(is_agent=is_agent)
    if is_agent:
        context["note_form"] = forms.get("note_form") or NoteForm()
        context["update_form"] = forms.get("update_form") or TicketUpdateForm(
            agents=agents,
            desk=desk,
            initial={
                "status": ticket.status,
                "priority": ticket.priority,
                "category": ticket.category,
                "tier": ticket.tier,
                "assignee": ticket.assignee_id or "",
            },
        )
    if context["can_escalate"]:
        context["escalate_form"] = forms.get("escalate_form") or EscalateForm()
    if open_escalation is not None and is_agent:
        context["orcid_reply_form"] = forms.get("orcid_reply_form") or OrcidReplyForm()
    if context["can_transfer"]:
        context["transfer_form"] = forms.get("transfer_form") or TransferForm()
    if context["can_resolve_escalation"]:
        context["resolve_form"] = forms.get("resolve_form") or ResolveEscalationForm()
    return context


EVENT_LABELS = {
    "status": dict(Ticket.Status.choices),
    "priority": dict(Ticket.Priority.choices),
    "category": dict(Ticket.Category.choices),
    "created": dict(Ticket.Status.choices),
}


def _labelled(events):
    rows = list(events)
    for event in rows:
        labels = EVENT_LABELS.get(event.kind, {})
        event.from_value = labels.get(event.from_value, event.from_value)
        event.to_value = labels.get(event.to_value, event.to_value)
    return rows


def _render_ticket(request, ticket, status=200, **forms):
    return render(
        request, "support/ticket_detail.html", _ticket_context(request, ticket, **forms), status=status
    )


@login_required
def ticket_detail(request, pk):
    return _render_ticket(request, _ticket(request, pk))


def _back_to(ticket, anchor=""):
    return redirect(reverse("support:ticket", args=[ticket.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def ticket_reply(request, pk):
    ticket = _ticket(request, pk)
    is_agent = policy.can_work_desk(request.user, ticket.desk)
    policy.require(is_agent or request.user.is_member_contact)
    form = ReplyForm(request.POST, request.FILES, is_agent=is_agent)
    if form.is_valid():
        data = form.cleaned_data
        options = {"attachments": data["attachments"]}
        if is_agent and data.get("status"):
            options["status"] = data["status"]
        with errors_shown_on(form):
            message = services.add_reply(request.user, ticket, data["body"], **options)
            messages.success(request, "Reply sent." if is_agent else "Your reply was added.")
            return _back_to(ticket, f"message-{message.pk}")
    return _render_ticket(request, ticket, status=400, reply_form=form)


@login_required
@require_POST
def ticket_note(request, pk):
    ticket = _ticket(request, pk)
    policy.require(policy.can_work_desk(request.user, ticket.desk))
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_shown_on(form):
            note = services.add_note(
                request.user, ticket, form.cleaned_data["body"], attachments=form.cleaned_data["attachments"]
            )
            messages.success(request, "Internal note added.")
            return _back_to(ticket, f"message-{note.pk}")
    return _render_ticket(request, ticket, status=400, note_form=form)


@login_required
@require_POST
def ticket_update(request, pk):
    ticket = _ticket(request, pk)
    policy.require(policy.can_work_desk(request.user, ticket.desk))
    form = TicketUpdateForm(request.POST, agents=queries.desk_agents(ticket.desk), desk=ticket.desk)
    if form.is_valid():
        with errors_shown_on(form):
            services.update_ticket(request.user, ticket, **form.changes())
            messages.success(request, f"Ticket {ticket.reference} updated.")
            return _back_to(ticket)
    return _render_ticket(request, ticket, status=400, update_form=form)


@login_required
@require_POST
def ticket_escalate(request, pk):
    ticket = _ticket(request, pk)
    policy.require(policy.can_work_desk(request.user, ticket.desk))
    form = EscalateForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            escalation = services.escalate(
                request.user, ticket, form.cleaned_data["summary"], tier=form.cleaned_data["tier"]
            )
            messages.success(request, f"Escalated to {escalation.orcid_ticket.desk.name}.")
            return _back_to(ticket, "escalations")
    return _render_ticket(request, ticket, status=400, escalate_form=form)


@login_required
@require_POST
def escalation_reply(request, pk):
    """The consortium's agent writes to ORCID on an open escalation."""
    escalation = get_object_or_404(
        Escalation.objects.select_related("ticket"), pk=pk, ticket__in=policy.tickets_for(request.user)
    )
    ticket = _ticket(request, escalation.ticket_id)
    policy.require(policy.can_work_desk(request.user, ticket.desk))
    form = OrcidReplyForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_shown_on(form):
            services.reply_to_orcid(
                request.user,
                escalation,
                form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
            messages.success(request, "Your message was sent to ORCID.")
            return _back_to(ticket, "escalations")
    return _render_ticket(request, ticket, status=400, orcid_reply_form=form)


@login_required
@require_POST
def ticket_transfer(request, pk):
    ticket = _ticket(request, pk)
    policy.require(policy.can_work_desk(request.user, ticket.desk) and ticket.desk.is_orcid)
    form = TransferForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            ticket = services.transfer(
                request.user, ticket, to_global=form.cleaned_data["to_global"], tier=form.cleaned_data["tier"]
            )
            messages.success(request, f"Ticket {ticket.reference} passed on.")
            # Passed to a desk the user may not see any more: back to the overview then.
            if not policy.tickets_for(request.user).filter(pk=ticket.pk).exists():
                return redirect("support:overview")
            return _back_to(ticket)
    return _render_ticket(request, ticket, status=400, transfer_form=form)


@login_required
@require_POST
def escalation_resolve(request, pk):
    """ORCID resolves an escalation with its resolution for the consortium."""
    escalation = get_object_or_404(
        Escalation.objects.select_related("orcid_ticket"),
        pk=pk,
        orcid_ticket__in=policy.tickets_for(request.user),
    )
    ticket = _ticket(request, escalation.orcid_ticket_id)
    policy.require(policy.can_work_desk(request.user, ticket.desk))
    form = ResolveEscalationForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            services.resolve_escalation(request.user, escalation, form.cleaned_data["resolution"])
            messages.success(request, "Escalation resolved; the consortium's agent has the resolution.")
            return _back_to(ticket)
    return _render_ticket(request, ticket, status=400, resolve_form=form)


@login_required
def attachment_download(request, pk):
    """A thread's attachment, for those who may see its message: a note's only for those who see
    internal notes; ORCID's public replies on an escalation also for the consortium's agents."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("message__ticket__desk", "message__ticket__consortium"), pk=pk
    )
    if not policy.can_read_message(request.user, attachment.message):
        raise Http404
    return attachment_download_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )


# --- member self-service and new tickets ----------------------------------------------------


@login_required
def my_tickets(request):
    """A member contact's organization's tickets."""
    if not request.user.is_member_contact:
        raise Http404
    filters = queries.QueueFilters.from_query(
        {"status": request.GET.get("status", queries.ANY), "q": request.GET.get("q", ""), "sort": "newest"}
    )
    tickets = queries.organization_tickets(request.user, filters)
    context = {"filters": filters, "statuses": Ticket.Status.choices, **paginate(request, tickets)}
    return render(request, "support/my_tickets.html", context)


@login_required
def ticket_new(request):
    """A member contact opens a ticket on the desk of one of their organization's consortia."""
    if not request.user.is_member_contact:
        raise Http404
    desks = Desk.objects.filter(
        kind=Desk.Kind.CONSORTIUM, consortium__in=policy.consortia_for(request.user)
    ).select_related("consortium")
    form = NewTicketForm(request.POST or None, request.FILES or None, desks=desks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            ticket = services.open_ticket(
                request.user,
                data["desk"],
                subject=data["subject"],
                body=data["body"],
                category=data["category"],
                attachments=data["attachments"],
            )
            messages.success(request, f"Ticket {ticket.reference} opened. We will answer by e-mail and here.")
            return redirect("support:ticket", pk=ticket.pk)
    return render(request, "support/ticket_new.html", {"form": form, "has_desks": bool(desks)})


@login_required
def agent_ticket_new(request, slug):
    """An agent opens a ticket on a member's behalf (a phone call, a conversation at an event)."""
    desk = _desk(request, slug)
    policy.require(policy.can_open_ticket(request.user, desk))
    if desk.kind == Desk.Kind.CONSORTIUM:
        organizations = Organization.objects.filter(memberships__consortium_id=desk.consortium_id).distinct()
    else:
        organizations = policy.organizations_for(request.user)
    form = AgentTicketForm(
        request.POST or None, request.FILES or None, organizations=organizations.order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person, found_organization = services.find_requester(data["requester_email"], desk.consortium)
        with errors_shown_on(form):
            ticket = services.open_ticket(
                request.user,
                desk,
                subject=data["subject"],
                body=data["body"],
                requester=person,
                requester_email=data["requester_email"],
                requester_name=data["requester_name"],
                organization=data["organization"] or found_organization,
                category=data["category"],
                priority=data["priority"],
                attachments=data["attachments"],
            )
            messages.success(request, f"Ticket {ticket.reference} opened for {ticket.requester_display}.")
            return redirect("support:ticket", pk=ticket.pk)
    return render(request, "support/agent_ticket_new.html", {"desk": desk, "form": form})


# --- canned replies -------------------------------------------------------------------------


def _managed_desk(request, slug) -> Desk:
    desk = _desk(request, slug)
    policy.require(policy.can_manage_desk(request.user, desk), "Only the desk's admin changes its settings.")
    return desk


def _canned_reply(request, desk, pk) -> CannedReply:
    reply = get_object_or_404(CannedReply, Q(desk=desk) | Q(desk__isnull=True), pk=pk)
    if reply.desk_id is None:
        policy.require(
            _can_share_canned_replies(request.user), "ORCID admins keep the replies for every desk."
        )
    return reply


@login_required
def canned_list(request, slug):
    desk = _desk(request, slug)
    policy.require(policy.can_work_desk(request.user, desk) or policy.can_manage_desk(request.user, desk))
    context = {
        "desk": desk,
        "replies": queries.canned_replies(desk),
        "can_manage": policy.can_manage_desk(request.user, desk),
        "can_share": _can_share_canned_replies(request.user),
    }
    return render(request, "support/canned_list.html", context)


@login_required
def canned_edit(request, slug, pk=None):
    desk = _managed_desk(request, slug)
    reply = _canned_reply(request, desk, pk) if pk else CannedReply(desk=desk)
    can_share = _can_share_canned_replies(request.user)
    form = CannedReplyForm(request.POST or None, instance=reply, desk=desk, can_share=can_share)
    if request.method == "POST" and form.is_valid():
        with errors_shown_on(form):
            saved = services.save_canned_reply(
                request.user,
                desk,
                reply if reply.pk else None,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                every_desk=bool(form.cleaned_data.get("every_desk")),
            )
            messages.success(request, f"Canned reply “{saved.title}” saved.")
            return redirect("support:canned_list", slug=desk.slug)
    return render(request, "support/canned_form.html", {"desk": desk, "form": form, "reply": reply})


@login_required
@require_POST
def canned_delete(request, slug, pk):
    desk = _managed_desk(request, slug)
    reply = _canned_reply(request, desk, pk)
    services.delete_canned_reply(request.user, desk, reply)
    messages.success(request, f"Canned reply “{reply.title}” deleted.")
    return redirect("support:canned_list", slug=desk.slug)


# --- desk settings --------------------------------------------------------------------------


def _sla_forms(desk: Desk, data=None):
    policies = {p.priority: p for p in desk.sla_policies.all()}
    forms = []
    for priority, label in [("", "Every priority (default)"), *Ticket.Priority.choices]:
        found = policies.get(priority)
        initial = {"priority": priority}
        if found:
            initial.update(
                first_response_hours=minutes_to_hours(found.first_response_minutes),
                next_response_hours=minutes_to_hours(found.next_response_minutes),
                resolution_hours=minutes_to_hours(found.resolution_minutes),
            )
        form = SlaForm(data, prefix=f"sla-{priority or 'default'}", initial=initial)
        form.label = label
        forms.append(form)
    return forms


@login_required
def desk_settings(request, slug):
    desk = _managed_desk(request, slug)
    section = request.POST.get("section", "") if request.method == "POST" else ""
    desk_form = DeskForm(
        request.POST if section == "desk" else None,
        initial={
            "name": desk.name,
            "email_address": desk.email_address,
            "unknown_senders": desk.unknown_senders,
        },
    )
    sla_forms = _sla_forms(desk, request.POST if section == "sla" else None)
    calendar_form = CalendarForm(
        request.POST if section == "calendar" else None, initial=CalendarForm.initial_for(desk.calendar)
    )
    status = 200
    if section == "desk" and desk_form.is_valid():
        with errors_shown_on(desk_form):
            services.update_desk(request.user, desk, **desk_form.cleaned_data)
            messages.success(request, "Desk settings saved.")
            return redirect("support:desk_settings", slug=desk.slug)
    elif section == "sla" and all(form.is_valid() for form in sla_forms):
        if sla_forms[0].is_blank():
            sla_forms[0].add_error(None, "The default targets are needed.")
        else:
            try:
                for form in sla_forms:
                    if not form.is_blank():
                        services.save_sla_policy(
                            request.user, desk, priority=form.cleaned_data["priority"], **form.targets()
                        )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "SLA targets saved. Open tickets follow them from their next change."
                )
                return redirect("support:desk_settings", slug=desk.slug)
    elif section == "calendar" and calendar_form.is_valid():
        data = calendar_form.cleaned_data
        with errors_shown_on(calendar_form):
            services.save_calendar(
                request.user,
                desk,
                time_zone=data["time_zone"].strip(),
                country=data["country"].strip(),
                subdivision=data["subdivision"].strip(),
                hours=data["hours"],
                closures=data["closure_list"],
            )
            messages.success(request, "Calendar saved.")
            return redirect("support:desk_settings", slug=desk.slug)
    if section:
        status = 400
    context = {
        "desk": desk,
        "desk_form": desk_form,
        "sla_forms": sla_forms,
        "calendar_form": calendar_form,
        "holidays": queries.upcoming_holidays(desk.calendar),
    }
    return render(request, "support/desk_settings.html", context, status=status)


# --- satisfaction ---------------------------------------------------------------------------


def rate(request, token):
    """The requester's rating page, reached from the resolution e-mail without signing in.

    The e-mail's "one click" is a link per score to this page with ``?score=N``: the score is
    chosen, and one press of the button records it. A GET never writes, because mail scanners
    follow every link in a message before the person reads it.
    """
    try:
        ticket = services.ticket_for_rating(token)
    except ValidationError as error:
        return render(request, "support/rate.html", {"problem": " ".join(error.messages)}, status=400)
    rated = hasattr(ticket, "rating")
    if request.method == "POST" and not rated:
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                services.rate_ticket(token, form.cleaned_data["score"], form.cleaned_data["comment"])
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    add_service_errors(form, error)
                else:
                    return render(
                        request, "support/rate.html", {"ticket": ticket, "problem": " ".join(error.messages)}
                    )
            else:
                return render(request, "support/rate.html", {"ticket": ticket, "thanks": True})
    else:
        score = request.GET.get("score", "")
        form = RatingForm(initial={"score": int(score)} if score in {"1", "2", "3", "4", "5"} else {})
    context = {"ticket": ticket, "form": form, "already_rated": rated}
    return render(request, "support/rate.html", context)


def rating_link(ticket: Ticket, score: int | None = None) -> str:
    """The path of a ticket's rating page (with a chosen score), for the e-mail to link to."""
    url = reverse("support:rate", args=[services.rating_token(ticket)])
    return f"{url}?{urlencode({'score': score})}" if score else url


urlpatterns = [
    path("support/", overview, name="overview"),
    path("support/desks/<slug:slug>/", queue, name="queue"),
    path("support/desks/<slug:slug>/with-orcid/", members_with_orcid, name="members_with_orcid"),
    path("support/desks/<slug:slug>/bulk/", bulk_action, name="bulk_action"),
    path("support/desks/<slug:slug>/filters/", saved_filter_add, name="saved_filter_add"),
    path(
        "support/desks/<slug:slug>/filters/<int:pk>/delete/", saved_filter_delete, name="saved_filter_delete"
    ),
    path("support/desks/<slug:slug>/new/", agent_ticket_new, name="agent_ticket_new"),
    path("support/desks/<slug:slug>/settings/", desk_settings, name="desk_settings"),
    path("support/desks/<slug:slug>/canned-replies/", canned_list, name="canned_list"),
    path("support/desks/<slug:slug>/canned-replies/new/", canned_edit, name="canned_add"),
    path("support/desks/<slug:slug>/canned-replies/<int:pk>/", canned_edit, name="canned_edit"),
    path("support/desks/<slug:slug>/canned-replies/<int:pk>/delete/", canned_delete, name="canned_delete"),
    path("support/tickets/<int:pk>/", ticket_detail, name="ticket"),
    path("support/tickets/<int:pk>/reply/", ticket_reply, name="ticket_reply"),
    path("support/tickets/<int:pk>/note/", ticket_note, name="ticket_note"),
    path("support/tickets/<int:pk>/update/", ticket_update, name="ticket_update"),
    path("support/tickets/<int:pk>/escalate/", ticket_escalate, name="ticket_escalate"),
    path("support/tickets/<int:pk>/transfer/", ticket_transfer, name="ticket_transfer"),
    path("support/escalations/<int:pk>/reply/", escalation_reply, name="escalation_reply"),
    path("support/escalations/<int:pk>/resolve/", escalation_resolve, name="escalation_resolve"),
    path("support/attachments/<int:pk>/", attachment_download, name="attachment"),
    path("support/my-tickets/", my_tickets, name="my_tickets"),
    path("support/new/", ticket_new, name="ticket_new"),
    path("support/rate/<str:token>/", rate, name="rate"),
]
