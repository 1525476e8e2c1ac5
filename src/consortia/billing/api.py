"""The billing REST endpoints: fee schedules, billing runs, invoices, payments, remittance statements.

Rows are read through ``policy`` scopes: staff roles see their consortia's billing; member contacts
see only their own organization's invoices and payments (and no schedules, runs or statements), so
anything else is 404. Writes ask ``policy.can_manage_billing`` (the consortium admin or ORCID
admins; consortium staff and regional staff read only: 403) or ``policy.can_act_for_orcid`` for
remittances, then call ``billing.services``, whose ``ValidationError`` is a 400 with the rule.

Invoices have no update or delete: an issued invoice is never edited, a correction is a credit
note (``POST /invoices/{id}/credit-notes``). Amounts are decimal strings with a currency beside
them, in and out (``billing.schemas``). Issuing a run is idempotent: issuing the same year again
answers 201 with a run of ``invoices_issued: 0``.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from consortia.accounts import policy
from consortia.api_helpers import (
    ERRORS,
    check_choice,
    get_in_scope_or_404,
    get_referenced_or_400,
    paginate,
    whole_number,
)
from consortia.billing import queries, services
from consortia.billing.models import (
    BillingRun,
    FeeAdjustment,
    FeeSchedule,
    Invoice,
    InvoiceSequence,
    MemberBand,
    Payment,
    RemittancePayment,
)
from consortia.billing.schemas import (
    AdjustmentIn,
    AdjustmentOut,
    BillingRunFilters,
    BillingRunOut,
    CreditNoteIn,
    FeeScheduleDetailOut,
    FeeScheduleFilters,
    FeeScheduleIn,
    FeeScheduleOut,
    FeeSchedulePatch,
    InvoiceDetailOut,
    InvoiceFilters,
    InvoiceOut,
    MemberBandIn,
    MemberBandOut,
    PaymentFilters,
    PaymentIn,
    PaymentOut,
    RemittancePaymentIn,
    RemittancePaymentOut,
    RemittanceStatementOut,
    RunIn,
    RunPlanOut,
    StatementFilters,
    money_text,
    percent_text,
)
from consortia.billing.statements import RemittanceStatement
from consortia.directory.models import Consortium, Membership, Organization
from consortia.directory.schemas import Page

router = Router()

BILLING_IS_MANAGED = "Only the consortium admin or ORCID admins manage billing."
BILLING_IS_FOR_STAFF = "Billing is for the consortium's team and ORCID."
REMITTANCES_ARE_ORCIDS = "ORCID records what a consortium lead has paid it."
# The years a billing year can sensibly be (ORCID's consortia program started in 2015).
MIN_YEAR, MAX_YEAR = 2000, 2999
HUNDRED = Decimal(100)


def _year(value: str) -> int | None:
    """An optional year filter: blank is None."""
    if value is None or not value.strip():
        return None
    year = whole_number("year", value, default=0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"A billing year is between {MIN_YEAR} and {MAX_YEAR}."})
    return year


# --- fee schedules --------------------------------------------------------------------------


def _schedules(user) -> QuerySet[FeeSchedule]:
    return (
        policy.scope_by_consortium(user, FeeSchedule.objects.all())
        .select_related("consortium")
        .annotate(invoice_count=Count("invoices"))
        .order_by("consortium__name", "-year", "pk")
    )


def _schedule_detail(user, schedule_id: int) -> FeeSchedule:
    return get_in_scope_or_404(
        _schedules(user).prefetch_related(
            "member_rates",
            "local_bands",
            Prefetch(
                "adjustments",
                queryset=FeeAdjustment.objects.select_related("membership__organization").order_by(
                    "membership__organization__name", "pk"
                ),
            ),
            Prefetch(
                "member_bands",
                queryset=MemberBand.objects.select_related("membership__organization").order_by(
                    "membership__organization__name", "pk"
                ),
            ),
        ),
        pk=schedule_id,
    )


def _schedule_fields(payload) -> dict:
    """The schedule fields a request sent; a null leaves the field as it is."""
    sent = payload.dict(exclude_unset=True, exclude={"consortium", "year", "member_rates", "local_bands"})
    return {name: value for name, value in sent.items() if value is not None}


def _band_basis(payload, schedule: FeeSchedule | None) -> str:
    """The band basis the schedule will have: the one sent, else the schedule's (tier when new)."""
    sent = check_choice("band_basis", payload.band_basis or "", FeeSchedule.BandBasis.values)
    if sent:
        return sent
    return schedule.band_basis if schedule is not None else FeeSchedule.BandBasis.TIER


def _rates_and_bands(payload, basis: str) -> dict:
    """``member_rates`` and ``local_bands`` as the service takes them, when sent: a band names an
    organization tier when ``basis`` is tier, and has a name (and no tier) when it is own."""
    given = {}
    if payload.member_rates is not None:
        for rate in payload.member_rates:
            check_choice("member_rates", rate.member_type, Membership.MemberType.values)
            check_choice("member_rates", rate.tier, Organization.Tier.values)
        given["member_rates"] = [(r.member_type, r.tier, r.amount) for r in payload.member_rates]
    if payload.local_bands is not None:
        own = basis == FeeSchedule.BandBasis.OWN
        for band in payload.local_bands:
            if own:
                if band.tier:
                    raise ValidationError(
                        {"local_bands": "With band_basis own a band has a name, not a tier."}
                    )
                if not band.name.strip():
                    raise ValidationError({"local_bands": "With band_basis own each band has a name."})
            else:
                if band.name:
                    raise ValidationError(
                        {
                            "local_bands": "With band_basis tier a band names a tier; send band_basis own "
                            "for bands with names."
                        }
                    )
                if not band.tier:
                    raise ValidationError({"local_bands": "Each band names an organization tier."})
                check_choice("local_bands", band.tier, Organization.Tier.values)
        given["local_bands"] = [(b.name if own else b.tier, b.amount) for b in payload.local_bands]
    return given


@router.get("/fee-schedules", response={200: Page[FeeScheduleOut], **ERRORS}, tags=["billing"])
def list_fee_schedules(request, filters: Query[FeeScheduleFilters]):
    """The fee schedules of the consortia in scope, newest year first within each consortium."""
    schedules = _schedules(request.auth)
    if filters.consortium:
        schedules = schedules.filter(consortium__slug=filters.consortium)
    year = _year(filters.year)
    if year:
        schedules = schedules.filter(year=year)
    return paginate(schedules, filters)


@router.get(
    "/fee-schedules/{int:schedule_id}", response={200: FeeScheduleDetailOut, **ERRORS}, tags=["billing"]
)
def get_fee_schedule(request, schedule_id: int):
    """One schedule with its member fee rates, local bands, and the year's discounts and waivers."""
    return _schedule_detail(request.auth, schedule_id)


class RenewalIn(Schema):
    year: int


@router.post(
    "/fee-schedules/{int:schedule_id}/renewal",
    response={201: FeeScheduleDetailOut, **ERRORS},
    tags=["billing"],
)
def renew_fee_schedule(request, schedule_id: int, payload: RenewalIn):
    """Start another year (a renewal) from this schedule: the same fees, rates and bands, no
    discounts or waivers. Its run then bills the members current at that time."""
    user = request.auth
    schedule = _schedule_detail(user, schedule_id)
    policy.require(policy.can_manage_billing(user, schedule.consortium), BILLING_IS_MANAGED)
    _year(str(payload.year))
    renewed = services.copy_fee_schedule(user, schedule, payload.year)
    return Status(201, _schedule_detail(user, renewed.pk))


@router.post("/fee-schedules", response={201: FeeScheduleDetailOut, **ERRORS}, tags=["billing"])
def create_fee_schedule(request, payload: FeeScheduleIn):
    """A consortium's schedule for a new year. The local currency defaults to the consortium's."""
    user = request.auth
    consortium = get_referenced_or_400(
        policy.consortia_for(user), "consortium", "consortium", payload.consortium, slug=payload.consortium
    )
    policy.require(policy.can_manage_billing(user, consortium), BILLING_IS_MANAGED)
    existing = FeeSchedule.objects.filter(consortium=consortium, year=payload.year).first()
    if existing is not None:
        raise ValidationError(
            {
                "year": f"{consortium.name} already has a fee schedule for {payload.year}; "
                f"change it with PATCH /fee-schedules/{existing.pk}."
            }
        )
    basis = _band_basis(payload, None)
    schedule = services.save_fee_schedule(
        user, consortium, payload.year, **_rates_and_bands(payload, basis), **_schedule_fields(payload)
    )
    return Status(201, _schedule_detail(user, schedule.pk))


@router.patch(
    "/fee-schedules/{int:schedule_id}", response={200: FeeScheduleDetailOut, **ERRORS}, tags=["billing"]
)
def update_fee_schedule(request, schedule_id: int, payload: FeeSchedulePatch):
    """Change what a schedule charges; ``member_rates`` or ``local_bands``, when sent, replace all of
    them. Refused (400) once invoices were issued from it: correct an invoice with a credit note."""
    user = request.auth
    schedule = get_in_scope_or_404(_schedules(user), pk=schedule_id)
    policy.require(policy.can_manage_billing(user, schedule.consortium), BILLING_IS_MANAGED)
    basis = _band_basis(payload, schedule)
    services.save_fee_schedule(
        user,
        schedule.consortium,
        schedule.year,
        **_rates_and_bands(payload, basis),
        **_schedule_fields(payload),
    )
    return _schedule_detail(user, schedule_id)


@router.put(
    "/fee-schedules/{int:schedule_id}/member-bands/{int:membership_id}",
    response={200: MemberBandOut, **ERRORS},
    tags=["billing"],
)
def set_member_band(request, schedule_id: int, membership_id: int, payload: MemberBandIn):
    """Put a member in one of the schedule's own bands for the year (``band`` "" takes it out).
    Allowed after the run, like a discount: issued invoices stay as they are. A band the schedule
    does not have, or a schedule whose bands are organization tiers, is a 400."""
    user = request.auth
    schedule = get_in_scope_or_404(_schedules(user), pk=schedule_id)
    policy.require(policy.can_manage_billing(user, schedule.consortium), BILLING_IS_MANAGED)
    membership = get_in_scope_or_404(
        policy.memberships_for(user)
        .filter(consortium_id=schedule.consortium_id)
        .select_related("organization"),
        pk=membership_id,
    )
    found = services.set_member_band(user, schedule, membership, payload.band)
    return {
        "membership": membership.pk,
        "organization": membership.organization.name,
        "band": found.band if found else "",
    }


def _percent(kind: str, value: str | None) -> Decimal | None:
    if kind == FeeAdjustment.Kind.WAIVER and not value:
        return None
    try:
        percent = Decimal(str(value or "").strip())
    except InvalidOperation:
        raise ValidationError({"percent": f"percent must be a number of percent, not {value!r}."}) from None
    if not percent.is_finite() or not 0 < percent <= HUNDRED:
        raise ValidationError({"percent": "A discount is more than 0 and at most 100 percent."})
    return percent


@router.post(
    "/fee-schedules/{int:schedule_id}/adjustments", response={201: AdjustmentOut, **ERRORS}, tags=["billing"]
)
def set_fee_adjustment(request, schedule_id: int, payload: AdjustmentIn):
    """A member's discount (``percent`` off) or waiver for the year, with the reason; a second one
    for the same member replaces the first."""
    user = request.auth
    schedule = get_in_scope_or_404(_schedules(user), pk=schedule_id)
    policy.require(policy.can_manage_billing(user, schedule.consortium), BILLING_IS_MANAGED)
    kind = check_choice("kind", payload.kind, FeeAdjustment.Kind.values)
    if not kind:
        raise ValidationError({"kind": "kind is discount or waiver."})
    applies_to = check_choice("applies_to", payload.applies_to, FeeAdjustment.AppliesTo.values)
    membership = get_referenced_or_400(
        policy.memberships_for(user).filter(consortium=schedule.consortium),
        "membership",
        "membership of this consortium",
        payload.membership,
        pk=payload.membership,
    )
    adjustment = services.set_fee_adjustment(
        user,
        schedule,
        membership,
        kind=kind,
        reason=payload.reason,
        percent=_percent(kind, payload.percent),
        applies_to=applies_to or FeeAdjustment.AppliesTo.ALL,
    )
    return Status(201, FeeAdjustment.objects.select_related("membership__organization").get(pk=adjustment.pk))


# --- billing runs ---------------------------------------------------------------------------


def _runs(user) -> QuerySet[BillingRun]:
    return (
        policy.scope_by_consortium(user, BillingRun.objects.all(), "schedule__consortium__")
        .select_related("schedule__consortium", "started_by")
        .order_by("-started_at", "-pk")
    )


def _schedule_to_run(user, payload: RunIn, may, refusal: str) -> FeeSchedule:
    """The schedule of the consortium and year a run request names: the consortium as a body
    reference (400 when not in scope), ``may`` (403), then the year's schedule (400 when none)."""
    consortium = get_referenced_or_400(
        policy.consortia_for(user), "consortium", "consortium", payload.consortium, slug=payload.consortium
    )
    policy.require(may(user, consortium), refusal)
    schedule = FeeSchedule.objects.filter(consortium=consortium, year=payload.year).first()
    if schedule is None:
        raise ValidationError({"year": f"{consortium.name} has no fee schedule for {payload.year}."})
    return schedule


def expected_references(schedule: FeeSchedule, plan: services.RunPlan) -> dict[int, str]:
    """The reference each invoice the plan would issue gets if it is issued now, by its index in
    ``plan.invoices`` (issuing numbers them in plan order from the year's sequence)."""
    last = (
        InvoiceSequence.objects.filter(
            consortium_id=schedule.consortium_id, year=schedule.year, kind=Invoice.Kind.INVOICE
        )
        .values_list("last_number", flat=True)
        .first()
        or 0
    )
    references, number = {}, last
    for index, planned in enumerate(plan.invoices):
        if planned.will_issue:
            number += 1
            references[index] = f"INV-{schedule.year}-{number:05d}"
    return references


def plan_body(schedule: FeeSchedule, plan: services.RunPlan) -> dict:
    """The plan as ``RunPlanOut`` (also what the CLI prints from)."""
    references = expected_references(schedule, plan)
    invoices = []
    for index, planned in enumerate(plan.invoices):
        currency = planned.currency
        invoices.append(
            {
                "membership": planned.membership.pk,
                "organization": planned.membership.organization.name,
                "currency": currency,
                "expected_reference": references.get(index),
                "lines": [
                    {
                        "description": line.description,
                        "quantity": f"{line.quantity.normalize():f}",
                        "unit_price": money_text(line.unit_price, currency),
                        "tax_rate": percent_text(line.tax_rate),
                        "net": money_text(line.net, currency),
                        "tax": money_text(line.tax, currency),
                        "total": money_text(line.total, currency),
                    }
                    for line in planned.lines
                ],
                "subtotal": money_text(planned.subtotal, currency),
                "tax_total": money_text(planned.tax_total, currency),
                "total": money_text(planned.total, currency),
                "already_invoiced": planned.already_invoiced,
                "will_issue": planned.will_issue,
            }
        )
    return {
        "consortium": schedule.consortium.slug,
        "year": schedule.year,
        "members": plan.member_count,
        "invoices_to_issue": len(plan.to_issue),
        "invoices": invoices,
        "totals": [
            {"currency": currency, "amount": money_text(total, currency)}
            for currency, total in plan.totals.items()
        ],
        "problems": plan.problems,
        "notes": plan.notes,
    }


@router.get("/billing-runs", response={200: Page[BillingRunOut], **ERRORS}, tags=["billing"])
def list_billing_runs(request, filters: Query[BillingRunFilters]):
    """The runs issued in the consortia in scope, newest first."""
    runs = _runs(request.auth)
    if filters.consortium:
        runs = runs.filter(schedule__consortium__slug=filters.consortium)
    year = _year(filters.year)
    if year:
        runs = runs.filter(schedule__year=year)
    return paginate(runs, filters)


@router.post("/billing-runs/preview", response={200: RunPlanOut, **ERRORS}, tags=["billing"])
def preview_billing_run(request, payload: RunIn):
    """What issuing the year's run would do: every member's invoices line by line, totals per
    currency, and the problems that would stop it. Writes nothing; the consortium's team and ORCID."""
    schedule = _schedule_to_run(request.auth, payload, policy.can_view_billing, BILLING_IS_FOR_STAFF)
    return plan_body(schedule, services.plan_run(schedule))


@router.post("/billing-runs", response={201: BillingRunOut, **ERRORS}, tags=["billing"])
def issue_billing_run(request, payload: RunIn):
    """Issue the year's invoices that no live invoice covers yet. Idempotent: issuing again answers
    201 with ``invoices_issued: 0`` (a member added since gets a supplementary invoice). A plan
    with problems issues nothing and is a 400 listing them."""
    user = request.auth
    schedule = _schedule_to_run(user, payload, policy.can_manage_billing, BILLING_IS_MANAGED)
    run = services.issue_run(user, schedule)
    return Status(201, _runs(user).get(pk=run.pk))


# --- invoices -------------------------------------------------------------------------------


@router.get("/invoices", response={200: Page[InvoiceOut], **ERRORS}, tags=["billing"])
def list_invoices(request, filters: Query[InvoiceFilters]):
    """Invoices and credit notes in scope (a member contact: their organization's own), newest
    first. ``state`` is as of today."""
    state = check_choice("state", filters.state, [key for key, _ in queries.INVOICE_STATES])
    kind = check_choice("kind", filters.kind, Invoice.Kind.values)
    invoices = queries.invoice_list(
        request.auth,
        q=filters.q,
        year=_year(filters.year),
        state=state,
        currency=filters.currency.strip(),
        kind=kind,
    )
    if filters.consortium:
        invoices = invoices.filter(consortium__slug=filters.consortium)
    if filters.membership.strip():
        invoices = invoices.filter(membership_id=whole_number("membership", filters.membership, default=0))
    return paginate(invoices, filters)


@router.get("/invoices/{int:invoice_id}", response={200: InvoiceDetailOut, **ERRORS}, tags=["billing"])
def get_invoice(request, invoice_id: int):
    """One invoice or credit note with its lines, payments and credit notes. Issued invoices have
    no PUT, PATCH or DELETE: they are never edited."""
    return queries.invoice_detail(request.auth, invoice_id)


@router.post(
    "/invoices/{int:invoice_id}/credit-notes", response={201: InvoiceDetailOut, **ERRORS}, tags=["billing"]
)
def issue_credit_note(request, invoice_id: int, payload: CreditNoteIn):
    """Credit what is still open on an invoice, with the reason; the invoice is void once fully
    credited. The consortium admin or ORCID admins."""
    user = request.auth
    invoice = get_in_scope_or_404(queries.invoices_for(user).select_related("consortium"), pk=invoice_id)
    policy.require(policy.can_manage_billing(user, invoice.consortium), BILLING_IS_MANAGED)
    note = services.issue_credit_note(user, invoice, reason=payload.reason)
    return Status(201, queries.invoice_detail(user, note.pk))


@router.post(
    "/memberships/{int:membership_id}/end-of-membership-credit",
    response={200: list[InvoiceOut], **ERRORS},
    tags=["billing"],
)
def end_of_membership_credit(request, membership_id: int):
    """Credit a member that lapsed or left mid-year as the year's schedule says (``ending_rule``):
    under ``credit_unused_months`` a credit note per invoice of the year it ended, for the whole
    months after the month of its ``ended_date``; nothing under ``full_year``. Answers the credit
    notes issued; calling it again issues none. A membership that has not ended is a 400."""
    user = request.auth
    membership = get_in_scope_or_404(
        policy.memberships_for(user).select_related("consortium"), pk=membership_id
    )
    policy.require(policy.can_manage_billing(user, membership.consortium), BILLING_IS_MANAGED)
    notes = services.credit_ended_membership(user, membership, membership.ended_date)
    return list(
        queries.invoices_for(user)
        .filter(pk__in=[note.pk for note in notes])
        .select_related("consortium", "credit_for")
        .order_by("number")
    )


# --- payments -------------------------------------------------------------------------------


def _payments(user) -> QuerySet[Payment]:
    return (
        policy.payments_scope(user, Payment.objects.all())
        .select_related("invoice", "recorded_by")
        .order_by("-received_on", "-pk")
    )


@router.get("/payments", response={200: Page[PaymentOut], **ERRORS}, tags=["billing"])
def list_payments(request, filters: Query[PaymentFilters]):
    """Payments received in scope (a member contact: their organization's own), newest first."""
    payments = _payments(request.auth)
    if filters.consortium:
        payments = payments.filter(invoice__consortium__slug=filters.consortium)
    if filters.invoice.strip():
        payments = payments.filter(invoice_id=whole_number("invoice", filters.invoice, default=0))
    if filters.membership.strip():
        payments = payments.filter(membership_id=whole_number("membership", filters.membership, default=0))
    if filters.currency.strip():
        payments = payments.filter(currency=filters.currency.strip().upper())
    q = filters.q.strip()
    if q:
        search = Q(reference__icontains=q)
        reference = queries._parse_reference(q)
        if reference is not None:
            kind, year, number = reference
            search |= Q(invoice__kind=kind, invoice__year=year, invoice__number=number)
        payments = payments.filter(search)
    return paginate(payments, filters)


@router.get("/payments/{int:payment_id}", response={200: PaymentOut, **ERRORS}, tags=["billing"])
def get_payment(request, payment_id: int):
    return get_in_scope_or_404(_payments(request.auth), pk=payment_id)


@router.post("/payments", response={201: PaymentOut, **ERRORS}, tags=["billing"])
def record_payment(request, payload: PaymentIn):
    """Money received against an issued invoice, in its currency; what exceeds the balance is kept
    as the member's credit (``unapplied``). The consortium admin or ORCID admins."""
    user = request.auth
    invoice = get_referenced_or_400(
        queries.invoices_for(user).select_related("consortium"),
        "invoice",
        "invoice",
        payload.invoice,
        pk=payload.invoice,
    )
    policy.require(policy.can_manage_billing(user, invoice.consortium), BILLING_IS_MANAGED)
    payment = services.record_payment(
        user,
        invoice,
        amount=payload.amount,
        received_on=payload.received_on,
        method=payload.method,
        reference=payload.reference,
    )
    return Status(201, _payments(user).get(pk=payment.pk))


# --- what the lead owes ORCID ---------------------------------------------------------------


def _billing_consortia(user) -> QuerySet[Consortium]:
    """The consortia whose billing the user sees: ORCID's in scope, a team its own, members none."""
    return policy.scope_by_consortium(user, Consortium.objects.all(), prefix="")


def _statement_body(statement: RemittanceStatement) -> dict:
    currency = statement.currency
    return {
        "consortium": statement.consortium.slug,
        "name": statement.consortium.name,
        "year": statement.year,
        "currency": currency,
        "due_on": statement.due_on,
        "lines": [
            {
                "description": line.description,
                "amount": money_text(line.amount, currency),
                "membership": line.membership.pk if line.membership else None,
            }
            for line in statement.lines
        ],
        "total": money_text(statement.total, currency),
        "paid": money_text(statement.paid, currency),
        "balance": money_text(statement.balance, currency),
        "is_paid": statement.is_paid,
        "is_late": statement.is_late(timezone.localdate()),
        "problems": statement.problems,
    }


def _statement_year(value: str) -> int:
    return _year(value) or timezone.localdate().year


@router.get(
    "/remittance-statements", response={200: Page[RemittanceStatementOut], **ERRORS}, tags=["billing"]
)
def list_remittance_statements(request, filters: Query[StatementFilters]):
    """What each consortium lead in scope owes ORCID for the year (default this year): ORCID sees
    every consortium of its scope with a schedule that year, a consortium's team its own."""
    consortia = _billing_consortia(request.auth)
    if filters.consortium:
        consortia = consortia.filter(slug=filters.consortium)
    statements = queries.statements_for_year(consortia, _statement_year(filters.year))
    page = paginate(statements, filters)
    page["results"] = [_statement_body(statement) for statement in page["results"]]
    return page


def _statement_in_scope(user, slug: str, year: int) -> RemittanceStatement:
    consortia = _billing_consortia(user).filter(slug=slug)
    found = queries.statements_for_year(consortia, year)
    if not found:
        raise Http404
    return found[0]


@router.get(
    "/remittance-statements/{slug}/{int:year}",
    response={200: RemittanceStatementOut, **ERRORS},
    tags=["billing"],
)
def get_remittance_statement(request, slug: str, year: int):
    return _statement_body(_statement_in_scope(request.auth, slug, year))


@router.post(
    "/remittance-statements/{slug}/{int:year}/payments",
    response={201: RemittancePaymentOut, **ERRORS},
    tags=["billing"],
)
def record_remittance(request, slug: str, year: int, payload: RemittancePaymentIn):
    """ORCID records a payment by the lead against the year's statement, in the statement's currency."""
    user = request.auth
    statement = _statement_in_scope(user, slug, year)
    policy.require(policy.can_act_for_orcid(user, statement.consortium), REMITTANCES_ARE_ORCIDS)
    remittance = services.record_remittance(
        user,
        statement.consortium,
        year,
        amount=payload.amount,
        currency=statement.currency,
        paid_on=payload.paid_on,
        reference=payload.reference,
    )
    return Status(
        201, RemittancePayment.objects.select_related("consortium", "recorded_by").get(pk=remittance.pk)
    )
