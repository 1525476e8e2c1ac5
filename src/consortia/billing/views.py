"""Billing pages: fee schedules, billing runs, invoices, payments, receivables, member ledgers and
ORCID's remittance statements. Each view: sign-in → fetch through the policy scope (another
tenant's object is 404) → check the action (403) → call billing.services → redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from consortia import program
from consortia.accounts import policy
from consortia.billing import queries, services
from consortia.billing.forms import (
    AdjustmentForm,
    CreditNoteForm,
    FeeScheduleForm,
    InvoiceFilterForm,
    MemberBandForm,
    PaymentForm,
    RemittanceForm,
)
from consortia.billing.models import FeeSchedule, Invoice
from consortia.billing.statements import remittance_statement
from consortia.billing.templatetags.billing_tags import money
from consortia.lib.dates import today_in
from consortia.lib.money import round_money
from consortia.web import consortium_page, errors_shown_on, paginate

BILLING_IS_MANAGED = "Only the consortium admin or ORCID manage billing."
PREVIEW_PAGE_SIZE = 200


def _schedule(request, slug, year) -> FeeSchedule:
    consortium = consortium_page(request.user, slug)
    return get_object_or_404(
        FeeSchedule.objects.select_related("consortium__lead_organization", "consortium__region"),
        consortium=consortium,
        year=year,
    )


def _require_manage(request, consortium):
    policy.require(policy.can_manage_billing(request.user, consortium), BILLING_IS_MANAGED)


# --- overview and schedules -----------------------------------------------------------------


@login_required
def billing_overview(request, slug):
    consortium = consortium_page(request.user, slug)
    today = today_in(consortium.time_zone)
    return render(
        request,
        "billing/overview.html",
        {
            "consortium": consortium,
            "schedules": queries.schedules_overview(consortium),
            "receivables": queries.receivables(consortium, today),
            "buckets": queries.AGEING_BUCKETS,
            "this_year": today.year,
            "can_manage_billing": policy.can_manage_billing(request.user, consortium),
            "can_act_for_orcid": policy.can_act_for_orcid(request.user, consortium),
        },
    )


def _own_bands_context(schedule: FeeSchedule, bands, memberships, can_manage, member_band_form) -> dict:
    """The consortium's own bands with how many members are in each, and every member's band:
    the year's billed members (in no band: the run stops), then members in a band that are not
    billed this year. One query for the members' bands, one for the billed members."""
    assigned = {
        mb.membership_id: mb
        for mb in schedule.member_bands.select_related("membership__organization").order_by(
            "membership__organization__name", "pk"
        )
    }
    counts = {}
    for mb in assigned.values():
        counts[mb.band] = counts.get(mb.band, 0) + 1
    billed = list(memberships)
    billed_ids = {m.pk for m in billed}
    rows = [(m, assigned[m.pk].band if m.pk in assigned else "", True) for m in billed]
    rows += [(mb.membership, mb.band, False) for pk, mb in assigned.items() if pk not in billed_ids]
    band_names = [band.name for band in bands]
    if can_manage and member_band_form is None:
        member_band_form = MemberBandForm(memberships=memberships, band_names=band_names)
    return {
        "own_bands": [(band, counts.get(band.name, 0)) for band in bands],
        "member_band_rows": rows,
        "unbanded_count": sum(1 for _, band, is_billed in rows if is_billed and not band),
        "member_band_form": member_band_form if can_manage else None,
    }


def _schedule_context(request, schedule: FeeSchedule, adjustment_form=None, member_band_form=None) -> dict:
    consortium = schedule.consortium
    can_manage = policy.can_manage_billing(request.user, consortium)
    memberships = services.billed_memberships(schedule)
    if can_manage and adjustment_form is None:
        adjustment_form = AdjustmentForm(memberships=memberships)
    bands = list(schedule.local_bands.all())
    context = {
        "consortium": consortium,
        "schedule": schedule,
        "rates": list(schedule.member_rates.all()),
        "bands": bands,
        "uses_own_bands": schedule.band_basis == FeeSchedule.BandBasis.OWN,
        "adjustments": list(schedule.adjustments.select_related("membership__organization")),
        "runs": list(schedule.runs.select_related("started_by")),
        "is_locked": schedule.invoices.exists(),
        "adjustment_form": adjustment_form if can_manage else None,
        "can_manage_billing": can_manage,
        "member_band_form": None,
    }
    if context["uses_own_bands"]:
        context.update(_own_bands_context(schedule, bands, memberships, can_manage, member_band_form))
    elif member_band_form is not None:
        # A refused assignment to a schedule on organization tiers: its errors, without the form.
        context["member_band_errors"] = member_band_form
    return context


@login_required
def schedule_detail(request, slug, year):
    schedule = _schedule(request, slug, year)
    return render(request, "billing/schedule_detail.html", _schedule_context(request, schedule))


@login_required
@require_POST
def schedule_renew(request, slug, year):
    """Start next year's schedule from this one (a renewal): the same fees, no adjustments."""
    schedule = _schedule(request, slug, year)
    _require_manage(request, schedule.consortium)
    try:
        renewed = services.copy_fee_schedule(request.user, schedule, year + 1)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("billing:schedule_detail", slug=slug, year=year)
    messages.success(
        request,
        f"The {renewed.year} schedule starts from {year}'s fees; its billing run bills the members "
        "current then (lapsed and departed members are left out).",
    )
    return redirect("billing:schedule_detail", slug=slug, year=renewed.year)


@login_required
def schedule_edit(request, slug, year=None):
    """Create a year's schedule (no ``year``) or change one; the service refuses once invoiced."""
    consortium = consortium_page(request.user, slug)
    _require_manage(request, consortium)
    schedule = None
    if year is not None:
        schedule = get_object_or_404(FeeSchedule, consortium=consortium, year=year)
    form = FeeScheduleForm.for_schedule(
        consortium, schedule, request.POST or None, year=request.GET.get("year", "").strip() or None
    )
    if request.method == "POST" and form.is_valid():
        target_year = schedule.year if schedule else form.cleaned_data["year"]
        if schedule is None and FeeSchedule.objects.filter(consortium=consortium, year=target_year).exists():
            form.add_error("year", f"{consortium.name} already has a {target_year} schedule; edit that one.")
        else:
            with errors_shown_on(form):
                services.save_fee_schedule(
                    request.user,
                    consortium,
                    target_year,
                    member_rates=form.member_rates(),
                    local_bands=form.local_bands(),
                    **form.schedule_fields(),
                )
                messages.success(request, f"The {target_year} fee schedule was saved.")
                return redirect("billing:schedule_detail", slug=consortium.slug, year=target_year)
    is_locked = schedule is not None and schedule.invoices.exists()
    return render(
        request,
        "billing/schedule_form.html",
        {"consortium": consortium, "schedule": schedule, "form": form, "is_locked": is_locked},
    )


@login_required
@require_POST
def adjustment_save(request, slug, year):
    schedule = _schedule(request, slug, year)
    _require_manage(request, schedule.consortium)
    form = AdjustmentForm(request.POST, memberships=services.billed_memberships(schedule))
    if form.is_valid():
        data = form.cleaned_data
        with errors_shown_on(form):
            adjustment = services.set_fee_adjustment(
                request.user,
                schedule,
                data["membership"],
                kind=data["kind"],
                reason=data["reason"],
                percent=data.get("percent"),
                applies_to=data["applies_to"],
            )
            messages.success(
                request, f"{adjustment.get_kind_display()} for {data['membership'].organization.name} saved."
            )
            return redirect("billing:schedule_detail", slug=schedule.consortium.slug, year=schedule.year)
    return render(request, "billing/schedule_detail.html", _schedule_context(request, schedule, form))


@login_required
@require_POST
def member_band_save(request, slug, year):
    """Put a member in one of the year's own bands (or in none); issued invoices stay as they are."""
    schedule = _schedule(request, slug, year)
    _require_manage(request, schedule.consortium)
    memberships = services.billed_memberships(schedule)
    band_names = list(schedule.local_bands.exclude(name="").values_list("name", flat=True))
    form = MemberBandForm(request.POST, memberships=memberships, band_names=band_names)
    if form.is_valid():
        membership = form.cleaned_data["membership"]
        with errors_shown_on(form):
            found = services.set_member_band(request.user, schedule, membership, form.cleaned_data["band"])
            name = membership.organization.name
            messages.success(
                request,
                f"{name} is in the band {found.band} for {schedule.year}."
                if found
                else f"{name} is in no band for {schedule.year}.",
            )
            return redirect("billing:schedule_detail", slug=schedule.consortium.slug, year=schedule.year)
    return render(
        request, "billing/schedule_detail.html", _schedule_context(request, schedule, member_band_form=form)
    )


# --- the billing run ------------------------------------------------------------------------


@login_required
def run_preview(request, slug, year):
    """Every member's invoices for the year, line by line, and what issuing would do."""
    schedule = _schedule(request, slug, year)
    consortium = schedule.consortium
    if request.method == "POST":
        _require_manage(request, consortium)
        try:
            run = services.issue_run(request.user, schedule)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if run.invoices_issued:
                messages.success(
                    request,
                    f"{run.get_kind_display()}: issued {run.invoices_issued} "
                    f"invoice{'s' if run.invoices_issued != 1 else ''}.",
                )
            else:
                messages.info(request, "Nothing new to issue: every member already has this year's invoice.")
        return redirect("billing:run_preview", slug=consortium.slug, year=schedule.year)
    plan = services.plan_run(schedule)
    to_issue = plan.to_issue
    page_obj = Paginator(plan.invoices, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "billing/run_preview.html",
        {
            "consortium": consortium,
            "schedule": schedule,
            "plan": plan,
            "to_issue_count": len(to_issue),
            "already_count": sum(1 for p in plan.invoices if p.already_invoiced),
            "totals": plan.totals,
            "page_obj": page_obj,
            "querystring_without_page": "",
            "can_manage_billing": policy.can_manage_billing(request.user, consortium),
        },
    )


# --- invoices -------------------------------------------------------------------------------


def _invoice_list_context(request, consortium=None) -> dict:
    facets = queries.invoice_facets(request.user, consortium)
    form = InvoiceFilterForm(request.GET or None, **facets)
    filters = form.filters() if request.GET else {}
    today = today_in(consortium.time_zone) if consortium else timezone.localdate()
    invoices = queries.invoice_list(request.user, consortium, today=today, **filters)
    context = {"consortium": consortium, "form": form, "today": today, "filtered": bool(filters)}
    context.update(paginate(request, invoices))
    for invoice in context["page_obj"].object_list:
        invoice.current_state = invoice.state(today)
    return context


@login_required
def invoice_list(request, slug):
    consortium = consortium_page(request.user, slug)
    return render(request, "billing/invoice_list.html", _invoice_list_context(request, consortium))


@login_required
def my_invoices(request):
    """Every invoice in the user's scope; member contacts' own organization's."""
    return render(request, "billing/invoice_list.html", _invoice_list_context(request))


def _invoice_context(request, invoice: Invoice, payment_form=None, credit_form=None) -> dict:
    consortium = invoice.consortium
    today = today_in(consortium.time_zone)
    can_manage = policy.can_manage_billing(request.user, consortium)
    is_open = invoice.kind == Invoice.Kind.INVOICE and invoice.status == Invoice.Status.ISSUED
    context = {
        "invoice": invoice,
        "consortium": consortium,
        "today": today,
        "state": invoice.state(today),
        "lines": list(invoice.lines.all()),
        "payments": list(invoice.payments.all()),
        "credit_notes": list(invoice.credit_notes.all()),
        "can_manage_billing": can_manage,
        "is_staff_view": policy.can_view_billing(request.user, consortium),
        "payment_form": None,
        "credit_form": None,
    }
    if can_manage and is_open:
        context["payment_form"] = payment_form or PaymentForm(initial={"received_on": today})
        if invoice.balance > 0:
            context["credit_form"] = credit_form or CreditNoteForm()
    return context


@login_required
def invoice_detail(request, pk):
    invoice = queries.invoice_detail(request.user, pk)
    return render(request, "billing/invoice_detail.html", _invoice_context(request, invoice))


def _invoice_to_act_on(request, pk) -> Invoice:
    invoice = queries.invoice_detail(request.user, pk)
    _require_manage(request, invoice.consortium)
    return invoice


@login_required
@require_POST
def payment_record(request, pk):
    invoice = _invoice_to_act_on(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            payment = services.record_payment(request.user, invoice, **form.cleaned_data)
            currency = payment.currency
            message = (
                f"Payment of {currency} {money(payment.amount, currency)} recorded for {invoice.reference}."
            )
            if payment.unapplied:
                message += f" {currency} {money(payment.unapplied, currency)} is kept as the member's credit."
            messages.success(request, message)
            return redirect("billing:invoice_detail", pk=invoice.pk)
    invoice = queries.invoice_detail(request.user, pk)
    return render(
        request, "billing/invoice_detail.html", _invoice_context(request, invoice, payment_form=form)
    )


@login_required
@require_POST
def credit_note_issue(request, pk):
    invoice = _invoice_to_act_on(request, pk)
    form = CreditNoteForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            note = services.issue_credit_note(request.user, invoice, reason=form.cleaned_data["reason"])
            messages.success(request, f"Credit note {note.reference} issued for {invoice.reference}.")
            return redirect("billing:invoice_detail", pk=note.pk)
    invoice = queries.invoice_detail(request.user, pk)
    return render(
        request, "billing/invoice_detail.html", _invoice_context(request, invoice, credit_form=form)
    )


# --- receivables and ledgers ----------------------------------------------------------------


@login_required
def receivables(request, slug):
    consortium = consortium_page(request.user, slug)
    today = today_in(consortium.time_zone)
    context = {
        "consortium": consortium,
        "receivables": queries.receivables(consortium, today),
        "buckets": queries.AGEING_BUCKETS,
        "today": today,
    }
    context.update(paginate(request, queries.open_invoices(consortium)))
    for invoice in context["page_obj"].object_list:
        invoice.days_overdue = queries.days_overdue(invoice, today)
    return render(request, "billing/receivables.html", context)


def _ledger_membership(request, pk):
    return get_object_or_404(
        policy.memberships_for(request.user).select_related("organization", "consortium"), pk=pk
    )


@login_required
def member_ledger(request, pk):
    """A member's invoices, credit notes and payments with a running balance per currency."""
    membership = _ledger_membership(request, pk)
    can_manage = policy.can_manage_billing(request.user, membership.consortium)
    # A member that lapsed or left mid-year under a schedule that credits the unused months.
    ending_credit_due = (
        can_manage
        and membership.status in services.ENDED_STATUSES
        and bool(services.end_of_membership_invoices(membership, membership.ended_date))
    )
    return render(
        request,
        "billing/member_ledger.html",
        {
            "membership": membership,
            "consortium": membership.consortium,
            "ledgers": queries.member_ledger(membership),
            "is_staff_view": policy.can_view_billing(request.user, membership.consortium),
            "ending_credit_due": ending_credit_due,
        },
    )


@login_required
@require_POST
def end_of_membership_credit(request, pk):
    """Credit an ended member the whole months after its end, as the year's schedule says."""
    membership = _ledger_membership(request, pk)
    _require_manage(request, membership.consortium)
    try:
        notes = services.credit_ended_membership(request.user, membership, membership.ended_date)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if notes:
            messages.success(
                request, f"Issued {', '.join(note.reference for note in notes)} for the months after the end."
            )
        else:
            messages.info(request, "Nothing to credit: the year's schedule or earlier credit notes cover it.")
    return redirect("billing:member_ledger", pk=membership.pk)


# --- what leads owe ORCID -------------------------------------------------------------------


def _year(request) -> int:
    """The ?year= asked for, or this year when it is missing or not a sensible year."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2999 else timezone.localdate().year


@login_required
def statement_list(request):
    """Every consortium's remittance statement of a year, in the user's scope."""
    if not policy.can_view_remittance_statements(request.user):
        raise Http404
    year, today = _year(request), timezone.localdate()
    statements = queries.statements_for_year(policy.consortia_for(request.user), year)
    rows = [(s, s.is_late(today)) for s in statements]
    return render(
        request,
        "billing/statement_list.html",
        {
            "year": year,
            "years": range(today.year + 1, today.year - 5, -1),
            "rows": rows,
            "today": today,
            "late_count": sum(1 for _, late in rows if late),
            "paid_count": sum(1 for s in statements if s.is_paid),
            "fees_due_days": program.FEES_DUE_DAYS_AFTER_AGREEMENT,
        },
    )


def _statement_context(request, schedule: FeeSchedule, form=None) -> dict:
    consortium = schedule.consortium
    statement = remittance_statement(schedule)
    can_record = policy.can_act_for_orcid(request.user, consortium)
    if can_record and form is None:
        form = RemittanceForm(
            initial={
                "amount": round_money(statement.balance, statement.currency) if statement.balance > 0 else "",
                "paid_on": timezone.localdate(),
            }
        )
    return {
        "consortium": consortium,
        "schedule": schedule,
        "statement": statement,
        "is_late": statement.is_late(timezone.localdate()),
        "remittances": list(queries.remittances(consortium, schedule.year)),
        "form": form if can_record else None,
    }


@login_required
def statement_detail(request, slug, year):
    schedule = _schedule(request, slug, year)
    return render(request, "billing/statement_detail.html", _statement_context(request, schedule))


@login_required
@require_POST
def remittance_record(request, slug, year):
    schedule = _schedule(request, slug, year)
    consortium = schedule.consortium
    policy.require(
        policy.can_act_for_orcid(request.user, consortium), "ORCID records what a lead has paid it."
    )
    form = RemittanceForm(request.POST)
    if form.is_valid():
        with errors_shown_on(form):
            remittance = services.record_remittance(
                request.user, consortium, schedule.year, currency=schedule.orcid_currency, **form.cleaned_data
            )
            messages.success(
                request,
                f"Recorded {consortium.name}'s payment of {remittance.currency} "
                f"{money(remittance.amount, remittance.currency)} for {schedule.year}.",
            )
            return redirect("billing:statement_detail", slug=consortium.slug, year=schedule.year)
    return render(request, "billing/statement_detail.html", _statement_context(request, schedule, form))
