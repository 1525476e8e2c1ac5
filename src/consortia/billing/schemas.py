"""What the billing API reads and writes, field by field.

Amounts are decimal strings in their currency's precision (``"1725.00"`` USD, ``"150000"`` JPY)
with a ``currency`` field beside them, never JSON numbers: a request that sends a number for an
amount, a percentage or a tax rate is refused with a 400 naming the field, so no client rounds
money through a float. Dates are ISO 8601; choices are their stored values.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Schema
from pydantic import Field, field_validator

from consortia.directory.schemas import ListParams
from consortia.lib.money import round_money

AMOUNT_TEXT = 'An amount as a decimal string in the currency\'s precision, e.g. "1725.00"'
NOT_A_NUMBER = 'must be a decimal string such as "1725.00", not a JSON number (money is never a float)'


def money_text(amount, currency: str) -> str:
    """An amount as the API shows it: rounded to the currency's minor unit, as text."""
    return str(round_money(Decimal(amount), currency))


def money_field(name: str):
    """A schema resolver showing ``obj.<name>`` in ``obj.currency``'s precision, as text."""
    return staticmethod(lambda obj: money_text(getattr(obj, name), obj.currency))


def percent_text(value: Decimal) -> str:
    """A percentage without trailing zeros: "15", "7.5"."""
    return f"{Decimal(value).normalize():f}"


class DecimalsAsText(Schema):
    """Refuses a JSON number wherever a decimal is read; the strings are checked by the services."""

    @field_validator(
        "amount",
        "consortium_lead_fee",
        "local_flat_fee",
        "lead_organization_fee",
        "tax_rate",
        "percent",
        mode="before",
        check_fields=False,
    )
    @classmethod
    def decimals_are_text(cls, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(NOT_A_NUMBER)
        return value


# --- query parameters ---------------------------------------------------------------------


class FeeScheduleFilters(ListParams):
    consortium: str = Field("", description="Consortium slug")
    year: str = Field("", description="Billing year, e.g. 2026")


class BillingRunFilters(ListParams):
    consortium: str = Field("", description="Consortium slug")
    year: str = Field("", description="Billing year")


class InvoiceFilters(ListParams):
    q: str = Field("", description="A reference (INV-2026-00001, CN-2026-00002) or part of the member's name")
    consortium: str = Field("", description="Consortium slug")
    year: str = Field("", description="Billing year")
    state: str = Field("", description="draft, issued, partly_paid, paid, overdue or void (as of today)")
    currency: str = Field("", description="ISO 4217 code, e.g. USD")
    membership: str = Field("", description="Membership id")
    kind: str = Field("", description="invoice or credit_note")


class PaymentFilters(ListParams):
    q: str = Field("", description="The payment's reference, or an invoice reference")
    consortium: str = Field("", description="Consortium slug")
    invoice: str = Field("", description="Invoice id")
    membership: str = Field("", description="Membership id")
    currency: str = Field("", description="ISO 4217 code")


class StatementFilters(ListParams):
    year: str = Field("", description="Billing year (default: this year)")
    consortium: str = Field("", description="Consortium slug")


# --- read shapes ------------------------------------------------------------------------------


class MoneyOut(Schema):
    currency: str
    amount: str = Field(description=AMOUNT_TEXT)


class MemberRateOut(Schema):
    member_type: str = Field(description="basic or premium")
    tier: str = Field(description='An organization tier, or "" for every tier')
    amount: str = Field(description=AMOUNT_TEXT + ", in the schedule's orcid_currency")


class LocalBandOut(Schema):
    tier: str = Field(description='The organization tier (band_basis "tier"); "" for an own band')
    name: str = Field(description='The band\'s name (band_basis "own"); "" for a tier band')
    amount: str = Field(description=AMOUNT_TEXT + ", in the schedule's local_currency")


class MemberBandOut(Schema):
    membership: int = Field(description="Membership id")
    organization: str
    band: str = Field(description='The name of the own band the member is in for the year; "" for none')


class AdjustmentOut(Schema):
    id: int
    membership: int = Field(description="Membership id")
    organization: str
    kind: str = Field(description="discount or waiver")
    percent: str = Field(description='Percent off as a decimal string; a waiver is "100"')
    applies_to: str = Field(description="all, member_fee or local_fee")
    reason: str

    @staticmethod
    def resolve_membership(obj) -> int:
        return obj.membership_id

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.membership.organization.name

    @staticmethod
    def resolve_percent(obj) -> str:
        return percent_text(obj.percent)


class FeeScheduleOut(Schema):
    id: int
    consortium: str = Field(description="Consortium slug")
    year: int
    orcid_currency: str
    consortium_lead_fee: str = Field(description=AMOUNT_TEXT + ", in orcid_currency")
    invoice_member_fee: bool = Field(description="Whether the lead invoices its members ORCID's member fee")
    local_currency: str
    local_model: str = Field(description="flat, tiered, lead_fee, funded or combined")
    local_flat_fee: str = Field(description=AMOUNT_TEXT + ", in local_currency")
    band_basis: str = Field(
        description="What a tiered fee's bands are: tier (organization tiers) or own (bands the "
        "consortium names and puts its members in)"
    )
    lead_organization_fee: str = Field(description=AMOUNT_TEXT + ", in local_currency, shared by members")
    proration: str = Field(description="none or monthly")
    ending_rule: str = Field(description="full_year or credit_unused_months (a member ending mid-year)")
    payment_terms_days: int
    tax_rate: str = Field(description='Percent, e.g. "15" for 15% GST')
    tax_label: str
    has_invoices: bool = Field(description="Invoices were issued from it, so it can no longer change")
    updated_at: datetime

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_consortium_lead_fee(obj) -> str:
        return money_text(obj.consortium_lead_fee, obj.orcid_currency)

    @staticmethod
    def resolve_local_flat_fee(obj) -> str:
        return money_text(obj.local_flat_fee, obj.local_currency)

    @staticmethod
    def resolve_lead_organization_fee(obj) -> str:
        return money_text(obj.lead_organization_fee, obj.local_currency)

    @staticmethod
    def resolve_tax_rate(obj) -> str:
        return percent_text(obj.tax_rate)

    @staticmethod
    def resolve_has_invoices(obj) -> bool:
        # Annotated by the list and detail querysets, so no query per row.
        return bool(getattr(obj, "invoice_count", 0))


class FeeScheduleDetailOut(FeeScheduleOut):
    member_rates: list[MemberRateOut]
    local_bands: list[LocalBandOut]
    adjustments: list[AdjustmentOut]
    member_bands: list[MemberBandOut] = Field(
        description="Which own band each member is in for the year (band_basis own); members in none "
        "are not listed"
    )

    @staticmethod
    def resolve_member_rates(obj):
        return [
            {"member_type": r.member_type, "tier": r.tier, "amount": money_text(r.amount, obj.orcid_currency)}
            for r in obj.member_rates.all()
        ]

    @staticmethod
    def resolve_local_bands(obj):
        currency = obj.local_currency
        return [
            {"tier": b.tier, "name": b.name, "amount": money_text(b.amount, currency)}
            for b in obj.local_bands.all()
        ]

    @staticmethod
    def resolve_adjustments(obj):
        return list(obj.adjustments.all())

    @staticmethod
    def resolve_member_bands(obj):
        return [member_band_body(mb) for mb in obj.member_bands.all()]


def member_band_body(member_band) -> dict:
    """A ``MemberBand`` (with ``membership__organization`` loaded) as ``MemberBandOut``."""
    return {
        "membership": member_band.membership_id,
        "organization": member_band.membership.organization.name,
        "band": member_band.band,
    }


class BillingRunOut(Schema):
    id: int
    consortium: str = Field(description="Consortium slug")
    year: int
    kind: str = Field(description="annual (the first run of the year) or supplementary")
    started_by: str | None = Field(description="E-mail address of who issued it; null for the system")
    started_at: datetime
    invoices_issued: int = Field(description="New invoices; 0 when the year was already issued")

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.schedule.consortium.slug

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.schedule.year

    @staticmethod
    def resolve_started_by(obj) -> str | None:
        return obj.started_by.email if obj.started_by else None


class PlannedLineOut(Schema):
    description: str
    quantity: str
    unit_price: str = Field(description=AMOUNT_TEXT)
    tax_rate: str = Field(description="Percent")
    net: str
    tax: str
    total: str


class PlannedInvoiceOut(Schema):
    membership: int = Field(description="Membership id")
    organization: str
    currency: str
    expected_reference: str | None = Field(
        description="The reference it would get if issued now; null when it will not be issued"
    )
    lines: list[PlannedLineOut]
    subtotal: str
    tax_total: str
    total: str
    already_invoiced: bool = Field(description="A live invoice covers it; the run leaves it alone")
    will_issue: bool


class RunPlanOut(Schema):
    consortium: str
    year: int
    members: int = Field(description="Members with a planned invoice (a member with a problem is left out)")
    invoices_to_issue: int
    invoices: list[PlannedInvoiceOut]
    totals: list[MoneyOut] = Field(description="Per currency, what the run would issue")
    problems: list[str] = Field(description="What stops the run (a missing rate or band); empty when none")
    notes: list[str] = Field(
        default_factory=list,
        description="What to know about the plan (e.g. members billed after the annual run pay no share "
        "of the lead-organization fee); they do not stop the run",
    )


class InvoiceLineOut(Schema):
    position: int
    description: str
    quantity: str
    unit_price: str = Field(description=AMOUNT_TEXT)
    tax_rate: str = Field(description="Percent")
    net: str
    tax: str
    total: str


class PaymentOut(Schema):
    id: int
    invoice: int = Field(description="Invoice id")
    invoice_reference: str
    membership: int = Field(description="Membership id")
    currency: str
    amount: str = Field(description=AMOUNT_TEXT)
    applied: str = Field(description="What went to the invoice's balance")
    unapplied: str = Field(description="What exceeded the balance, kept as the member's credit")
    received_on: date
    method: str
    reference: str
    recorded_by: str | None = Field(description="E-mail address of who recorded it")
    recorded_at: datetime

    @staticmethod
    def resolve_invoice(obj) -> int:
        return obj.invoice_id

    @staticmethod
    def resolve_invoice_reference(obj) -> str:
        return obj.invoice.reference

    @staticmethod
    def resolve_membership(obj) -> int:
        return obj.membership_id

    resolve_amount = money_field("amount")

    resolve_applied = money_field("applied")

    resolve_unapplied = money_field("unapplied")

    @staticmethod
    def resolve_recorded_by(obj) -> str | None:
        return obj.recorded_by.email if obj.recorded_by else None


class InvoiceOut(Schema):
    id: int
    reference: str = Field(description="INV-2026-00001, or CN-… for a credit note")
    kind: str = Field(description="invoice or credit_note")
    consortium: str = Field(description="Consortium slug")
    year: int
    number: int
    membership: int = Field(description="Membership id")
    bill_to_name: str
    currency: str
    issued_on: date
    due_on: date
    subtotal: str = Field(description=AMOUNT_TEXT)
    tax_total: str
    total: str
    amount_paid: str
    amount_credited: str
    balance: str = Field(description="Still owed: total less payments and credit notes")
    state: str = Field(description="draft, issued, partly_paid, paid, overdue or void, as of today")
    credit_for: str | None = Field(description="For a credit note, the reference of the invoice it credits")
    billing_run: int | None = Field(description="The billing run that issued it")

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    @staticmethod
    def resolve_membership(obj) -> int:
        return obj.membership_id

    resolve_subtotal = money_field("subtotal")

    resolve_tax_total = money_field("tax_total")

    resolve_total = money_field("total")

    resolve_amount_paid = money_field("amount_paid")

    resolve_amount_credited = money_field("amount_credited")

    resolve_balance = money_field("balance")

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state(timezone.localdate())

    @staticmethod
    def resolve_credit_for(obj) -> str | None:
        return obj.credit_for.reference if obj.credit_for_id else None

    @staticmethod
    def resolve_billing_run(obj) -> int | None:
        return obj.billing_run_id


class InvoiceDetailOut(InvoiceOut):
    note: str
    seller_name: str
    seller_address: str
    bill_to_address: str
    bill_to_contact: str
    bill_to_email: str
    emailed_at: datetime | None
    lines: list[InvoiceLineOut]
    payments: list[PaymentOut]
    credit_notes: list[str] = Field(description="References of the credit notes against it")

    @staticmethod
    def resolve_lines(obj):
        currency = obj.currency
        return [
            {
                "position": line.position,
                "description": line.description,
                "quantity": f"{line.quantity.normalize():f}",
                "unit_price": money_text(line.unit_price, currency),
                "tax_rate": percent_text(line.tax_rate),
                "net": money_text(line.net, currency),
                "tax": money_text(line.tax, currency),
                "total": money_text(line.total, currency),
            }
            for line in obj.lines.all()
        ]

    @staticmethod
    def resolve_payments(obj):
        return list(obj.payments.all())

    @staticmethod
    def resolve_credit_notes(obj) -> list[str]:
        return [note.reference for note in obj.credit_notes.all()]


class StatementLineOut(Schema):
    description: str
    amount: str = Field(description=AMOUNT_TEXT + ", in the statement's currency")
    membership: int | None = Field(description="The member it is for; null for the consortium lead fee")


class RemittancePaymentOut(Schema):
    id: int
    consortium: str
    year: int
    currency: str
    amount: str = Field(description=AMOUNT_TEXT)
    paid_on: date
    reference: str
    recorded_by: str | None

    @staticmethod
    def resolve_consortium(obj) -> str:
        return obj.consortium.slug

    resolve_amount = money_field("amount")

    @staticmethod
    def resolve_recorded_by(obj) -> str | None:
        return obj.recorded_by.email if obj.recorded_by else None


class RemittanceStatementOut(Schema):
    consortium: str = Field(description="Consortium slug")
    name: str
    year: int
    currency: str = Field(description="ORCID's currency for the year")
    due_on: date | None = Field(description="First year: 60 days after the agreement; later: the terms")
    lines: list[StatementLineOut] = Field(description="Each billed member's fee, then the lead fee")
    total: str = Field(description=AMOUNT_TEXT)
    paid: str
    balance: str
    is_paid: bool
    is_late: bool = Field(description="Not paid and past due_on, as of today")
    problems: list[str]


# --- write shapes -----------------------------------------------------------------------------


class MemberRateIn(DecimalsAsText):
    member_type: str = Field(description="basic or premium")
    tier: str = Field("", description='An organization tier, or "" for every tier')
    amount: str = Field(description=AMOUNT_TEXT + ", in orcid_currency")


class LocalBandIn(DecimalsAsText):
    tier: str = Field("", description='An organization tier, when band_basis is "tier"')
    name: str = Field("", description='The band\'s name (at most 60 characters), when band_basis is "own"')
    amount: str = Field(description=AMOUNT_TEXT + ", in local_currency")


class MemberBandIn(Schema):
    band: str = Field(description='The name of one of the schedule\'s own bands; "" takes the member out')


class FeeSchedulePatch(DecimalsAsText):
    orcid_currency: str | None = None
    consortium_lead_fee: str | None = Field(None, description=AMOUNT_TEXT)
    invoice_member_fee: bool | None = None
    local_currency: str | None = None
    local_model: str | None = Field(None, description="flat, tiered, lead_fee, funded or combined")
    local_flat_fee: str | None = Field(None, description=AMOUNT_TEXT)
    band_basis: str | None = Field(
        None, description="tier or own; changing it needs local_bands sent again in the same change"
    )
    lead_organization_fee: str | None = Field(None, description=AMOUNT_TEXT)
    proration: str | None = Field(None, description="none or monthly")
    ending_rule: str | None = Field(None, description="full_year or credit_unused_months")
    payment_terms_days: int | None = None
    tax_rate: str | None = Field(None, description='Percent as a decimal string, e.g. "15"')
    tax_label: str | None = None
    member_rates: list[MemberRateIn] | None = Field(None, description="Replaces every rate when given")
    local_bands: list[LocalBandIn] | None = Field(
        None,
        description="Replaces every band when given: each names a tier (band_basis tier) or has a name "
        "(band_basis own)",
    )


class FeeScheduleIn(FeeSchedulePatch):
    consortium: str = Field(description="Consortium slug")
    year: int = Field(description="Billing year, e.g. 2026")


class AdjustmentIn(DecimalsAsText):
    membership: int = Field(description="Membership id, of the schedule's consortium")
    kind: str = Field(description="discount or waiver")
    percent: str | None = Field(None, description='Percent off for a discount, e.g. "10"; a waiver is 100')
    applies_to: str = Field("all", description="all, member_fee or local_fee")
    reason: str


class RunIn(Schema):
    consortium: str = Field(description="Consortium slug")
    year: int = Field(description="Billing year with a fee schedule")


class CreditNoteIn(Schema):
    reason: str = Field(description="Why the invoice is credited; printed on the credit note")


class PaymentIn(DecimalsAsText):
    invoice: int = Field(description="Invoice id")
    amount: str = Field(description=AMOUNT_TEXT + ", in the invoice's currency")
    received_on: date
    method: str = Field("", description="e.g. bank transfer")
    reference: str = ""


class RemittancePaymentIn(DecimalsAsText):
    amount: str = Field(description=AMOUNT_TEXT + ", in the statement's currency")
    paid_on: date
    reference: str = ""
