"""What a consortium lead owes ORCID for a year: the remittance statement.

ORCID's member fee for each member billed that year plus the consortium lead fee, in ORCID's
currency, whatever the consortium charges locally ("the membership fee remitted to ORCID is
the same, and any additional fees are purely local"). The first year's fees are due within 60
days of signing the agreement; later years by the schedule's payment terms from 1 January.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from consortia import program
from consortia.billing.models import FeeSchedule, RemittancePayment
from consortia.billing.services import months_billed, statement_membership_filter
from consortia.directory.models import Consortium, Membership
from consortia.lib.money import round_money


@dataclass
class StatementLine:
    description: str
    amount: Decimal
    membership: Membership | None = None


@dataclass
class RemittanceStatement:
    consortium: Consortium
    year: int
    currency: str
    due_on: date | None
    lines: list[StatementLine] = field(default_factory=list)
    paid: Decimal = Decimal(0)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid

    @property
    def is_paid(self) -> bool:
        return bool(self.lines) and self.balance <= 0

    def is_late(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_paid and self.due_on is not None and self.due_on < today


def statement_due_on(schedule: FeeSchedule) -> date:
    agreement = schedule.consortium.agreement_date
    if agreement is not None and agreement.year == schedule.year:
        return agreement + timedelta(days=program.FEES_DUE_DAYS_AFTER_AGREEMENT)
    return schedule.year_starts + timedelta(days=schedule.payment_terms_days)


def build_statement(schedule: FeeSchedule, memberships, paid: Decimal) -> RemittanceStatement:
    """A schedule's statement from its year's billed members and what the lead has paid (no queries
    beyond ``schedule.member_rates``, which callers prefetch for many schedules)."""
    currency = schedule.orcid_currency
    statement = RemittanceStatement(schedule.consortium, schedule.year, currency, statement_due_on(schedule))
    rates = {(r.member_type, r.tier): r.amount for r in schedule.member_rates.all()}
    for membership in memberships:
        organization = membership.organization
        fee = rates.get((membership.member_type, organization.tier), rates.get((membership.member_type, "")))
        if fee is None:
            statement.problems.append(f"No ORCID member fee for {organization.name}")
            continue
        months = months_billed(schedule, membership)
        period = "" if months == 12 else f" ({months} of 12 months)"
        statement.lines.append(
            StatementLine(
                f"Member fee: {organization.name}{period}",
                round_money(fee * months / Decimal(12), currency),
                membership,
            )
        )
    if schedule.consortium_lead_fee:
        statement.lines.append(StatementLine("Consortium lead fee", schedule.consortium_lead_fee))
    statement.paid = paid
    return statement


def remittance_statement(schedule: FeeSchedule) -> RemittanceStatement:
    """The statement of one schedule's year (three queries)."""
    paid = RemittancePayment.objects.filter(
        consortium=schedule.consortium, year=schedule.year, currency=schedule.orcid_currency
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    memberships = (
        Membership.objects.filter(consortium_id=schedule.consortium_id)
        .filter(statement_membership_filter(schedule.year))
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    return build_statement(schedule, memberships, paid)
