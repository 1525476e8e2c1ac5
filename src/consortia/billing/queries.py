"""Read paths for billing: scoped invoice lists, receivables ageing, a member's ledger and ORCID's
remittance statements of a year. Every function runs a fixed number of queries, whatever the
number of invoices, members or consortia."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from consortia.accounts import policy
from consortia.billing.models import MONEY, FeeSchedule, Invoice, Payment, RemittancePayment
from consortia.billing.services import statement_membership_filter
from consortia.billing.statements import RemittanceStatement, build_statement
from consortia.directory.models import Consortium, Membership

ZERO = Decimal(0)
MONEY_OUTPUT = DecimalField(**MONEY)

# The states a list can be filtered by, as Invoice.state() names them.
INVOICE_STATES = (
    ("issued", "Issued (unpaid, not yet due)"),
    ("partly_paid", "Partly paid"),
    ("paid", "Paid"),
    ("overdue", "Overdue"),
    ("void", "Void (credited)"),
    ("draft", "Draft"),
)
INVOICE_KINDS = (("invoice", "Invoices"), ("credit_note", "Credit notes"))

# Ageing buckets of open invoices by days past the due date: (key, label, first day, last day).
AGEING_BUCKETS = (
    ("days_0_30", "0–30 days", 0, 30),
    ("days_31_60", "31–60 days", 31, 60),
    ("days_61_90", "61–90 days", 61, 90),
    ("days_90_plus", "Over 90 days", 91, None),
)


def _balance_expression():
    return ExpressionWrapper(F("total") - F("amount_paid") - F("amount_credited"), output_field=MONEY_OUTPUT)


def invoices_for(user) -> QuerySet[Invoice]:
    """Every invoice and credit note the user may see: member contacts only their own."""
    return policy.invoices_scope(user, Invoice.objects.all())


def _open() -> Q:
    """Issued invoices with something still owed."""
    return Q(kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED, open_balance__gt=0)


def state_filter(state: str, today: date) -> Q:
    """The rows of ``Invoice.state(today) == state``, as a filter on ``open_balance``."""
    issued = Q(status=Invoice.Status.ISSUED)
    if state in (Invoice.Status.DRAFT, Invoice.Status.VOID):
        return Q(status=state)
    if state == "paid":
        return issued & Q(kind=Invoice.Kind.INVOICE, open_balance__lte=0)
    if state == "overdue":
        return _open() & Q(due_on__lt=today)
    if state == "partly_paid":
        return _open() & Q(due_on__gte=today, amount_paid__gt=0)
    if state == "issued":
        # A credit note's state is "issued" too.
        return (_open() & Q(due_on__gte=today, amount_paid=0)) | (issued & Q(kind=Invoice.Kind.CREDIT_NOTE))
    return Q()


def invoice_list(
    user,
    consortium: Consortium | None = None,
    *,
    q: str = "",
    year: int | None = None,
    state: str = "",
    currency: str = "",
    kind: str = "",
    membership: Membership | None = None,
    today: date | None = None,
) -> QuerySet[Invoice]:
    """Invoices in the user's scope, newest first, with ``open_balance`` annotated and what a
    list row shows selected in the same query."""
    today = today or timezone.localdate()
    invoices = invoices_for(user).annotate(open_balance=_balance_expression())
    if consortium is not None:
        invoices = invoices.filter(consortium=consortium)
    if membership is not None:
        invoices = invoices.filter(membership=membership)
    q = (q or "").strip()
    if q:
        search = Q(bill_to_name__icontains=q) | Q(membership__organization__name__icontains=q)
        reference = _parse_reference(q)
        if reference is not None:
            prefix, ref_year, number = reference
            search |= Q(kind=prefix, year=ref_year, number=number)
        elif q.isdigit():
            search |= Q(number=int(q))
        invoices = invoices.filter(search)
    if year:
        invoices = invoices.filter(year=year)
    if state:
        invoices = invoices.filter(state_filter(state, today))
    if currency:
        invoices = invoices.filter(currency=currency.upper())
    if kind in dict(INVOICE_KINDS):
        invoices = invoices.filter(kind=kind)
    return invoices.select_related("consortium", "membership__organization", "credit_for").order_by(
        "-issued_on", "consortium_id", "-year", "-number"
    )


def _parse_reference(text: str):
    """ "INV-2026-00012" → ("invoice", 2026, 12); "CN-2026-3" → ("credit_note", 2026, 3)."""
    parts = text.upper().split("-")
    if len(parts) != 3 or parts[0] not in ("INV", "CN") or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    kind = Invoice.Kind.CREDIT_NOTE if parts[0] == "CN" else Invoice.Kind.INVOICE
    return kind, int(parts[1]), int(parts[2])


def invoice_facets(user, consortium: Consortium | None = None) -> dict:
    """The years and currencies a list's filters offer (one query)."""
    rows = invoices_for(user)
    if consortium is not None:
        rows = rows.filter(consortium=consortium)
    pairs = set(rows.order_by().values_list("year", "currency").distinct())
    return {
        "years": sorted({y for y, _ in pairs}, reverse=True),
        "currencies": sorted({c for _, c in pairs}),
    }


def invoice_detail(user, pk: int) -> Invoice:
    """One invoice in scope with its lines, payments and credit notes prefetched (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        invoices_for(user)
        .select_related("consortium", "membership__organization", "schedule", "credit_for", "billing_run")
        .prefetch_related(
            "lines",
            Prefetch("payments", queryset=Payment.objects.select_related("recorded_by")),
            Prefetch("credit_notes", queryset=Invoice.objects.order_by("issued_on", "number")),
        ),
        pk=pk,
    )


# --- receivables -------------------------------------------------------------------------------


@dataclass
class AgeingRow:
    currency: str
    count: int = 0
    not_due: Decimal = ZERO
    days_0_30: Decimal = ZERO
    days_31_60: Decimal = ZERO
    days_61_90: Decimal = ZERO
    days_90_plus: Decimal = ZERO
    overdue_count: int = 0

    @property
    def overdue(self) -> Decimal:
        return self.days_0_30 + self.days_31_60 + self.days_61_90 + self.days_90_plus

    @property
    def total(self) -> Decimal:
        return self.not_due + self.overdue

    @property
    def buckets(self) -> list[tuple[str, str, Decimal]]:
        """(key, label, amount) in ageing order, for templates."""
        return [(key, label, getattr(self, key)) for key, label, _, _ in AGEING_BUCKETS]


@dataclass
class Receivables:
    consortium: Consortium
    today: date
    rows: list[AgeingRow]

    @property
    def open_count(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue_count for row in self.rows)


def open_invoices(consortium: Consortium) -> QuerySet[Invoice]:
    """A consortium's issued invoices with something still owed, the oldest due first."""
    return (
        Invoice.objects.filter(consortium=consortium, kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED)
        .annotate(open_balance=_balance_expression())
        .filter(open_balance__gt=0)
        .select_related("membership__organization")
        .order_by("due_on", "year", "number")
    )


def receivables(consortium: Consortium, today: date | None = None) -> Receivables:
    """What members owe a consortium, per currency, aged 0–30, 31–60, 61–90 and over 90 days past
    the due date (plus what is not yet due). One query, whatever the number of invoices."""
    today = today or timezone.localdate()
    sums = {"not_due": Sum("open_balance", filter=Q(due_on__gte=today), default=ZERO)}
    for key, _, first, last in AGEING_BUCKETS:
        # d days overdue ⇔ due_on == today - d; "0 days" is the day after the due date was today.
        window = Q(due_on__lte=today - timedelta(days=max(first, 1)))
        if last is not None:
            window &= Q(due_on__gte=today - timedelta(days=last))
        sums[key] = Sum("open_balance", filter=window, default=ZERO)
    rows = (
        open_invoices(consortium)
        .order_by()
        .values("currency")
        .annotate(count=Count("pk"), overdue_count=Count("pk", filter=Q(due_on__lt=today)), **sums)
        .order_by("currency")
    )
    return Receivables(consortium, today, [AgeingRow(**row) for row in rows])


def days_overdue(invoice: Invoice, today: date) -> int:
    return max((today - invoice.due_on).days, 0)


# --- a member's ledger ----------------------------------------------------------------------


@dataclass
class LedgerEntry:
    on: date
    kind: str  # invoice | credit_note | payment
    description: str
    debit: Decimal
    credit: Decimal
    balance: Decimal = ZERO
    invoice: Invoice | None = None
    payment: Payment | None = None


@dataclass
class CurrencyLedger:
    currency: str
    entries: list[LedgerEntry] = field(default_factory=list)

    @property
    def balance(self) -> Decimal:
        """Positive: the member owes; negative: the member's credit."""
        return self.entries[-1].balance if self.entries else ZERO

    @property
    def owed(self) -> Decimal:
        return max(self.balance, ZERO)

    @property
    def credit_kept(self) -> Decimal:
        return max(-self.balance, ZERO)


def member_ledger(membership: Membership) -> list[CurrencyLedger]:
    """Invoices, credit notes and payments of one member, oldest first, with a running balance per
    currency. A payment's unapplied part stays on the ledger as the member's credit. Two queries."""
    entries: dict[str, list[LedgerEntry]] = defaultdict(list)
    documents = (
        Invoice.objects.filter(membership=membership)
        .exclude(status=Invoice.Status.DRAFT)
        .select_related("credit_for")
        .order_by("issued_on", "pk")
    )
    for document in documents:
        if document.kind == Invoice.Kind.CREDIT_NOTE:
            of = f" for {document.credit_for.reference}" if document.credit_for_id else ""
            entry = LedgerEntry(
                document.issued_on,
                "credit_note",
                f"Credit note {document.reference}{of}",
                ZERO,
                -document.total,
                invoice=document,
            )
        else:
            entry = LedgerEntry(
                document.issued_on,
                "invoice",
                f"Invoice {document.reference}",
                document.total,
                ZERO,
                invoice=document,
            )
        entries[document.currency].append(entry)
    payments = (
        Payment.objects.filter(membership=membership).select_related("invoice").order_by("received_on", "pk")
    )
    for payment in payments:
        description = f"Payment for {payment.invoice.reference}"
        if payment.unapplied:
            description += f" ({payment.currency} {payment.unapplied} kept as credit)"
        if payment.method:
            description += f", {payment.method}"
        entries[payment.currency].append(
            LedgerEntry(payment.received_on, "payment", description, ZERO, payment.amount, payment=payment)
        )
    order = {"invoice": 0, "credit_note": 1, "payment": 2}
    ledgers = []
    for currency in sorted(entries):
        rows = sorted(entries[currency], key=lambda e: (e.on, order[e.kind]))
        running = ZERO
        for row in rows:
            running += row.debit - row.credit
            row.balance = running
        ledgers.append(CurrencyLedger(currency, rows))
    return ledgers


# --- ORCID's statements ---------------------------------------------------------------------


def statements_for_year(consortia: QuerySet[Consortium], year: int) -> list[RemittanceStatement]:
    """Every schedule's remittance statement for ``year`` among ``consortia``: the same figures as
    ``statements.remittance_statement``, in four queries for any number of consortia."""
    schedules = list(
        FeeSchedule.objects.filter(consortium__in=consortia, year=year)
        .select_related("consortium__region")
        .prefetch_related("member_rates")
        .order_by("consortium__name")
    )
    members: dict[int, list[Membership]] = defaultdict(list)
    billed = (
        Membership.objects.filter(consortium_id__in=[s.consortium_id for s in schedules])
        .filter(statement_membership_filter(year))
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    for membership in billed:
        members[membership.consortium_id].append(membership)
    paid = {
        (row["consortium_id"], row["currency"]): row["total"]
        for row in RemittancePayment.objects.filter(
            consortium_id__in=[s.consortium_id for s in schedules], year=year
        )
        .values("consortium_id", "currency")
        .annotate(total=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY_OUTPUT))
    }
    statements = []
    for schedule in schedules:
        paid_so_far = paid.get((schedule.consortium_id, schedule.orcid_currency), ZERO)
        statement = build_statement(schedule, members[schedule.consortium_id], paid_so_far)
        statement.schedule = schedule
        statements.append(statement)
    return statements


def schedules_overview(consortium: Consortium) -> list[FeeSchedule]:
    """A consortium's schedules, newest year first, with their runs and invoice counts (two queries)."""
    return list(
        consortium.fee_schedules.annotate(
            invoice_count=Count("invoices", filter=Q(invoices__kind=Invoice.Kind.INVOICE), distinct=True),
        )
        .prefetch_related("runs")
        .order_by("-year")
    )


def remittances(consortium: Consortium, year: int) -> QuerySet[RemittancePayment]:
    return RemittancePayment.objects.filter(consortium=consortium, year=year).select_related("recorded_by")
