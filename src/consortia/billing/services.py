"""The only write paths for billing: fee schedules, runs, invoices, credit notes, payments.

A billing run is planned first (``plan_run``: every member, every line, totals per currency,
nothing written) and then issued (``issue_run``). Issuing locks the schedule row, plans again
inside the transaction and issues only what no live invoice covers yet, so running it twice,
or twice at once, issues nothing new, and a member added later gets a supplementary invoice.
Invoice numbers come from a locked per-consortium, per-year sequence: no gaps, no repeats.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from consortia.accounts import policy
from consortia.audit import services as audit
from consortia.billing.models import (
    MONEY,
    BillingRun,
    FeeAdjustment,
    FeeSchedule,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    LocalFeeBand,
    MemberBand,
    MemberFeeRate,
    Payment,
    RemittancePayment,
)
from consortia.bulk import insert_rows as _insert_rows
from consortia.directory.models import Consortium, Contact, Membership, Organization
from consortia.lib.dates import today_in
from consortia.lib.money import is_currency_code, parse_amount, round_money, split_evenly

MONTHS = Decimal(12)
HUNDRED = Decimal(100)
BILLED_STATUSES = (Membership.Status.ONBOARDING, Membership.Status.ACTIVE)


def _require(allowed: bool, reason: str = "Only the consortium admin or ORCID manage billing.") -> None:
    if not allowed:
        raise PermissionDenied(reason)


# --- fee schedules --------------------------------------------------------------------------

SCHEDULE_FIELDS = (
    "orcid_currency",
    "consortium_lead_fee",
    "invoice_member_fee",
    "local_currency",
    "local_model",
    "local_flat_fee",
    "band_basis",
    "lead_organization_fee",
    "proration",
    "ending_rule",
    "payment_terms_days",
    "tax_rate",
    "tax_label",
)
MONEY_FIELDS = {
    "consortium_lead_fee": "orcid_currency",
    "local_flat_fee": "local_currency",
    "lead_organization_fee": "local_currency",
}


# The largest amount a money column holds: 14 digits, 3 of them after the point.
MAX_WHOLE_DIGITS = MONEY["max_digits"] - MONEY["decimal_places"]
MONEY_LIMIT = Decimal(10) ** MAX_WHOLE_DIGITS


def _clean_money(value, currency: str, field_name: str) -> Decimal:
    try:
        amount = parse_amount(value, currency)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field_name: str(exc)}) from None
    if amount < 0:
        raise ValidationError({field_name: "An amount cannot be negative."})
    if amount >= MONEY_LIMIT:
        raise ValidationError(
            {field_name: f"“{value}” is too large: at most {MAX_WHOLE_DIGITS} digits before the point."}
        )
    return amount


def _clean_currency(value, field_name: str) -> str:
    code = value.strip().upper() if isinstance(value, str) else value
    if not is_currency_code(code):
        raise ValidationError({field_name: f"“{value}” is not an active ISO 4217 currency code (e.g. USD)."})
    return code


def _clean_tax_rate(value) -> Decimal:
    try:
        rate = Decimal(str(value if value not in (None, "") else 0).strip())
    except InvalidOperation:
        raise ValidationError({"tax_rate": f"The tax rate is a percent, not “{value}”."}) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= HUNDRED:
        raise ValidationError({"tax_rate": "The tax rate is a percent from 0 to 100."})
    return rate


def _clean_rates(member_rates, currency: str) -> list[MemberFeeRate]:
    rates = []
    for member_type, tier, amount in member_rates:
        if member_type not in Membership.MemberType.values:
            raise ValidationError({"member_rates": f"“{member_type}” is not a member type."})
        if (tier or "") and tier not in Organization.Tier.values:
            raise ValidationError({"member_rates": f"“{tier}” is not an organization tier."})
        rates.append(
            MemberFeeRate(
                member_type=member_type,
                tier=tier or "",
                amount=_clean_money(amount, currency, "member_rates"),
            )
        )
    return rates


BAND_NAME_LENGTH = LocalFeeBand._meta.get_field("name").max_length


def _clean_bands(local_bands, currency: str, basis: str) -> list[LocalFeeBand]:
    """[(tier or band name, amount)] as bands: keyed by organization tier, or by the consortium's
    own band names (unique, ignoring case), as ``basis`` says."""
    bands, seen = [], set()
    for key, amount in local_bands:
        key = (key or "").strip()
        money = _clean_money(amount, currency, "local_bands")
        if basis == FeeSchedule.BandBasis.TIER:
            if key not in Organization.Tier.values:
                raise ValidationError({"local_bands": f"“{key}” is not an organization tier."})
            band = LocalFeeBand(tier=key, amount=money)
        else:
            if not key:
                raise ValidationError({"local_bands": "Each of the consortium's own bands has a name."})
            if len(key) > BAND_NAME_LENGTH:
                raise ValidationError(
                    {"local_bands": f"A band's name is at most {BAND_NAME_LENGTH} characters."}
                )
            band = LocalFeeBand(name=key, amount=money)
        if key.casefold() in seen:
            raise ValidationError({"local_bands": f"The band “{key}” is given twice."})
        seen.add(key.casefold())
        bands.append(band)
    return bands


def _check_assigned_bands_kept(schedule: FeeSchedule, bands: list[LocalFeeBand]) -> None:
    """A band members are in cannot be removed or renamed from under them."""
    if schedule.pk is None or schedule.band_basis != FeeSchedule.BandBasis.OWN:
        return
    names = {band.name for band in bands}
    orphaned = (
        schedule.member_bands.exclude(band__in=names)
        .values("band")
        .annotate(members=Count("pk"))
        .order_by("band")
    )
    if orphaned:
        listed = "; ".join(
            f"{row['members']} member{'s' if row['members'] != 1 else ''} in “{row['band']}”"
            for row in orphaned
        )
        raise ValidationError(
            {"local_bands": f"Move the members out of a band before removing or renaming it ({listed})."}
        )


@transaction.atomic
def save_fee_schedule(
    actor,
    consortium: Consortium,
    year: int,
    *,
    member_rates: list[tuple[str, str, object]] | None = None,
    local_bands: list[tuple[str, object]] | None = None,
    **fields,
) -> FeeSchedule:
    """Create or change a year's schedule. ``member_rates`` is [(member_type, tier or "", amount)],
    ``local_bands`` [(tier, amount)], or [(band name, amount)] when ``band_basis`` is the
    consortium's own bands; when given they replace the schedule's rates or bands. Changing the
    band basis needs the bands sent again; a band members are in cannot be removed.
    A schedule with issued invoices can no longer change what it charges.

    Currencies are active ISO 4217 codes. Changing a schedule's ``orcid_currency`` needs its
    ``member_rates`` sent again in the same call, and ``local_currency`` its ``local_bands``
    (when it has any), so no amount silently changes currency; every money field is checked again
    in its currency's precision. Amounts fit the money columns (``MONEY_LIMIT``); the tax rate is
    a percent from 0 to 100."""
    _require(policy.can_manage_billing(actor, consortium))
    unknown = set(fields) - set(SCHEDULE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    schedule = FeeSchedule.objects.select_for_update().filter(consortium=consortium, year=year).first()
    creating = schedule is None
    if creating:
        schedule = FeeSchedule(consortium=consortium, year=year, local_currency=consortium.currency)
        fields.setdefault("local_currency", consortium.currency)
    elif schedule.invoices.exists():
        raise ValidationError(
            f"Invoices for {year} have been issued from this schedule; it can no longer change. "
            "Correct an invoice with a credit note."
        )
    before = {} if creating else audit.snapshot(schedule, fields)
    stored = {name: getattr(schedule, name) for name in ("orcid_currency", "local_currency", "band_basis")}
    for name, value in fields.items():
        if name in ("orcid_currency", "local_currency"):
            value = _clean_currency(value, name)
        elif name == "tax_rate":
            value = _clean_tax_rate(value)
        setattr(schedule, name, value)
    if not creating:
        # A currency change would otherwise keep the old amounts (1000.50 USD read as JPY).
        for name, given, kept, what in (
            ("orcid_currency", member_rates, schedule.member_rates, "member_rates"),
            ("local_currency", local_bands, schedule.local_bands, "local_bands"),
            ("band_basis", local_bands, schedule.local_bands, "local_bands"),
        ):
            new = getattr(schedule, name)
            if new != stored[name] and given is None and kept.exists():
                raise ValidationError(
                    {
                        name: f"Changing the {name.replace('_', ' ')} from {stored[name]} to {new} needs "
                        f"{what} sent again, in {new}, in the same change."
                    }
                )
    for name, currency_field in MONEY_FIELDS.items():
        setattr(
            schedule, name, _clean_money(getattr(schedule, name), getattr(schedule, currency_field), name)
        )
    schedule.updated_at = timezone.now()
    schedule.full_clean(exclude=["consortium"])
    # Checked before anything is written.
    rates = None if member_rates is None else _clean_rates(member_rates, schedule.orcid_currency)
    bands = None
    if local_bands is not None:
        bands = _clean_bands(local_bands, schedule.local_currency, schedule.band_basis)
        _check_assigned_bands_kept(schedule, bands)
    schedule.save()
    if rates is not None:
        schedule.member_rates.all().delete()
        for rate in rates:
            rate.schedule = schedule
        MemberFeeRate.objects.bulk_create(rates)
    if stored["band_basis"] == FeeSchedule.BandBasis.OWN and schedule.band_basis != FeeSchedule.BandBasis.OWN:
        # Leaving own bands: who was in which band no longer applies (and would block a later
        # return to own bands under other names).
        schedule.member_bands.all().delete()
    if bands is not None:
        schedule.local_bands.all().delete()
        for band in bands:
            band.schedule = schedule
        LocalFeeBand.objects.bulk_create(bands)
    audit.record(
        actor,
        "billing.schedule_created" if creating else "billing.schedule_updated",
        schedule,
        f"{'Created' if creating else 'Updated'} the {year} fee schedule",
        changes={} if creating else audit.field_changes(schedule, before, fields),
        consortium=consortium,
    )
    return schedule


@transaction.atomic
def copy_fee_schedule(actor, schedule: FeeSchedule, year: int) -> FeeSchedule:
    """Start another year (a renewal) from a schedule: the same fees, rates and bands, the members
    in the same own bands, and no discounts or waivers (those are decided year by year)."""
    _require(policy.can_manage_billing(actor, schedule.consortium))
    if FeeSchedule.objects.filter(consortium_id=schedule.consortium_id, year=year).exists():
        raise ValidationError(f"{schedule.consortium} already has a fee schedule for {year}.")
    renewed = save_fee_schedule(
        actor,
        schedule.consortium,
        year,
        member_rates=[(r.member_type, r.tier, r.amount) for r in schedule.member_rates.all()],
        local_bands=[(b.tier or b.name, b.amount) for b in schedule.local_bands.all()],
        **{name: getattr(schedule, name) for name in SCHEDULE_FIELDS},
    )
    MemberBand.objects.bulk_create(
        MemberBand(schedule=renewed, membership_id=membership_id, band=band)
        for membership_id, band in schedule.member_bands.values_list("membership_id", "band")
    )
    return renewed


@transaction.atomic
def set_member_band(actor, schedule: FeeSchedule, membership: Membership, band: str) -> MemberBand | None:
    """Put a member in one of the consortium's own bands for the year (``band`` empty: in none).
    Like a discount, it may change after the run: invoices already issued stay as they are."""
    _require(policy.can_manage_billing(actor, schedule.consortium))
    if membership.consortium_id != schedule.consortium_id:
        raise ValidationError("That membership is not of this consortium.")
    if schedule.band_basis != FeeSchedule.BandBasis.OWN:
        raise ValidationError(
            {"band": f"The {schedule.year} schedule's bands are organization tiers, not its own bands."}
        )
    band = (band or "").strip()
    existing = MemberBand.objects.filter(schedule=schedule, membership=membership).first()
    if not band:
        if existing is not None:
            existing.delete()
        found = None
    else:
        names = list(schedule.local_bands.values_list("name", flat=True))
        match = next((name for name in names if name.casefold() == band.casefold()), None)
        if match is None:
            known = ", ".join(names) or "none yet"
            raise ValidationError({"band": f"“{band}” is not one of the {schedule.year} bands ({known})."})
        found, _ = MemberBand.objects.update_or_create(
            schedule=schedule, membership=membership, defaults={"band": match}
        )
    audit.record(
        actor,
        "billing.member_band",
        schedule,
        f"{membership.organization} {f'in the band {found.band}' if found else 'in no band'} "
        f"for {schedule.year}",
        changes={"band": [existing.band if existing else "", found.band if found else ""]},
        consortium=schedule.consortium,
        membership=membership,
    )
    return found


@transaction.atomic
def set_fee_adjustment(
    actor,
    schedule: FeeSchedule,
    membership: Membership,
    *,
    kind: str,
    reason: str,
    percent=None,
    applies_to: str = FeeAdjustment.AppliesTo.ALL,
) -> FeeAdjustment:
    """A member's discount (percent off) or waiver (all of it) for the year, with the reason."""
    _require(policy.can_manage_billing(actor, schedule.consortium))
    if membership.consortium_id != schedule.consortium_id:
        raise ValidationError("That membership is not of this consortium.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for the discount or waiver."})
    try:
        percent = HUNDRED if kind == FeeAdjustment.Kind.WAIVER else Decimal(str(percent or 0))
    except InvalidOperation:
        raise ValidationError({"percent": "Give the percent off as a number."}) from None
    # Checked before writing: the table's check constraint would otherwise answer IntegrityError.
    if not (0 < percent <= HUNDRED):
        raise ValidationError({"percent": "A discount is more than 0 % and at most 100 %."})
    adjustment, _ = FeeAdjustment.objects.update_or_create(
        schedule=schedule,
        membership=membership,
        defaults={"kind": kind, "percent": percent, "applies_to": applies_to, "reason": reason},
    )
    adjustment.full_clean(exclude=["schedule", "membership"])
    audit.record(
        actor,
        "billing.adjustment",
        adjustment,
        f"{adjustment} for {membership.organization} in {schedule.year}",
        consortium=schedule.consortium,
        membership=membership,
    )
    return adjustment


# --- planning a run ---------------------------------------------------------------------------


@dataclass
class PlannedLine:
    description: str
    unit_price: Decimal
    currency: str
    tax_rate: Decimal = Decimal(0)
    quantity: Decimal = Decimal(1)
    # The tax when it is not the net at the rate (a credit of an open balance splits it exactly).
    fixed_tax: Decimal | None = None

    # A line is not changed once made, so its figures are worked out once (a run of thousands
    # of members reads them several times each).
    @cached_property
    def net(self) -> Decimal:
        return round_money(self.quantity * self.unit_price, self.currency)

    @cached_property
    def tax(self) -> Decimal:
        if self.fixed_tax is not None:
            return self.fixed_tax
        return round_money(self.net * self.tax_rate / HUNDRED, self.currency)

    @cached_property
    def total(self) -> Decimal:
        return self.net + self.tax


@dataclass
class PlannedInvoice:
    membership: Membership
    currency: str
    lines: list[PlannedLine] = field(default_factory=list)
    already_invoiced: bool = False

    @property
    def subtotal(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal(0))

    @property
    def tax_total(self) -> Decimal:
        return sum((line.tax for line in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax_total

    @property
    def will_issue(self) -> bool:
        return not self.already_invoiced and self.total != 0


@dataclass
class RunPlan:
    schedule: FeeSchedule
    invoices: list[PlannedInvoice]
    problems: list[str]
    # What the reader of the preview should know (they do not stop the run).
    notes: list[str] = field(default_factory=list)

    @property
    def to_issue(self) -> list[PlannedInvoice]:
        return [invoice for invoice in self.invoices if invoice.will_issue]

    @property
    def totals(self) -> dict[str, Decimal]:
        """Per currency, what this run would issue."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for invoice in self.to_issue:
            totals[invoice.currency] += invoice.total
        return dict(sorted(totals.items()))

    @property
    def member_count(self) -> int:
        return len({invoice.membership.pk for invoice in self.invoices})


def billed_memberships(schedule: FeeSchedule):
    """Members billed for the year: onboarding or active, joined by the year's end."""
    return (
        Membership.objects.filter(consortium_id=schedule.consortium_id, status__in=BILLED_STATUSES)
        .filter(Q(joined_date__isnull=True) | Q(joined_date__lte=schedule.year_ends))
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


def statement_membership_filter(year: int) -> Q:
    """The members a lead owes ORCID's fee for in ``year``: those billed now, and those whose
    year was invoiced already even if they have left since, so a statement does not shrink after
    the fact when a member leaves."""
    joined_by_year_end = Q(joined_date__isnull=True) | Q(joined_date__lte=date(year, 12, 31))
    billed_now = Q(status__in=BILLED_STATUSES) & joined_by_year_end
    invoiced = Q(pk__in=Invoice.objects.filter(year=year, kind=Invoice.Kind.INVOICE).values("membership_id"))
    return billed_now | invoiced


def months_billed(schedule: FeeSchedule, membership: Membership) -> int:
    """12, or with monthly proration the months left in the year counting the month joined."""
    joined = membership.joined_date
    if schedule.proration == FeeSchedule.Proration.NONE or joined is None or joined.year < schedule.year:
        return 12
    return 12 - joined.month + 1


def _prorated(amount: Decimal, months: int, currency: str) -> Decimal:
    return round_money(amount * months / MONTHS, currency)


def _period(schedule: FeeSchedule, months: int) -> str:
    return f"{schedule.year}" if months == 12 else f"{schedule.year}, {months} of 12 months"


def _adjust(
    lines: list[PlannedLine], adjustment: FeeAdjustment | None, scope: str, currency: str, rate
) -> None:
    if adjustment is None or adjustment.applies_to not in (FeeAdjustment.AppliesTo.ALL, scope):
        return
    base = sum((line.net for line in lines), Decimal(0))
    if base:
        off = round_money(base * adjustment.percent / HUNDRED, currency)
        label = (
            "Waiver"
            if adjustment.kind == FeeAdjustment.Kind.WAIVER
            else f"Discount {adjustment.percent.normalize():f}%"
        )
        lines.append(PlannedLine(f"{label}: {adjustment.reason}", -off, currency, rate))


def plan_run(schedule: FeeSchedule) -> RunPlan:
    """Every member's invoices for the year, line by line; nothing is written. Five queries.

    The lead-organization fee is shared among the members billed by the year's annual run (the
    first run that issued invoices from the schedule), in equal shares that add up to it exactly.
    Once that run has issued invoices, a member billed later by a supplementary run pays no share
    (its local fee is prorated as usual), so the fee is never billed more than once; the plan says
    so in ``notes``. Before it, every member billed now shares the fee."""
    rates = {(r.member_type, r.tier): r.amount for r in schedule.member_rates.all()}
    bands = {b.tier or b.name: b.amount for b in schedule.local_bands.all()}
    own_bands = schedule.band_basis == FeeSchedule.BandBasis.OWN
    member_bands = dict(schedule.member_bands.values_list("membership_id", "band")) if own_bands else {}
    adjustments = {a.membership_id: a for a in schedule.adjustments.all()}
    issued = list(
        Invoice.objects.filter(schedule=schedule, kind=Invoice.Kind.INVOICE).values_list(
            "membership_id", "currency", "status", "billing_run_id", "amount_paid"
        )
    )
    # A member is billed while an invoice is live, and also when a partly paid invoice had its
    # balance credited (settled, not billed in error). An unpaid invoice credited in full was
    # billed in error: the next run bills the member again, as corrected by the schedule.
    live = {
        (member, currency)
        for member, currency, status, _, paid in issued
        if status != Invoice.Status.VOID or paid > 0
    }
    # Who the annual run billed (even if an invoice was credited since and is billed again): the
    # first run that issued invoices; run ids grow with time.
    first_run = min((run for _, _, _, run, _ in issued if run is not None), default=None)
    annual = {member for member, _, _, run, _ in issued if first_run is not None and run == first_run}
    members = list(billed_memberships(schedule))
    rate = schedule.tax_rate
    # The lead-organization fee in equal shares that add up to it exactly: the cents left over
    # go one each to the first members in billing order.
    shares = [Decimal(0)] * len(members)
    sharing = members if not annual else [m for m in members if m.pk in annual]
    notes = []
    if schedule.local_model in (FeeSchedule.LocalModel.LEAD_FEE, FeeSchedule.LocalModel.COMBINED) and sharing:
        split = iter(split_evenly(schedule.lead_organization_fee, len(sharing), schedule.local_currency))
        shares = [next(split) if not annual or m.pk in annual else Decimal(0) for m in members]
        if annual and len(sharing) < len(members):
            notes.append(
                f"The {schedule.year} lead-organization fee was shared among the {len(sharing)} "
                f"member{'s' if len(sharing) != 1 else ''} billed by the annual run; members billed "
                "later by a supplementary run pay no share of it."
            )
    problems, planned = [], []
    for membership, share in zip(members, shares, strict=True):
        organization, months = membership.organization, months_billed(schedule, membership)
        adjustment = adjustments.get(membership.pk)
        by_currency: dict[str, list[PlannedLine]] = defaultdict(list)
        if schedule.invoice_member_fee:
            fee = rates.get(
                (membership.member_type, organization.tier), rates.get((membership.member_type, ""))
            )
            if fee is None:
                problems.append(
                    f"No ORCID member fee for {organization.name} "
                    f"({membership.get_member_type_display().lower()} member, "
                    f"tier {organization.get_tier_display()})"
                )
                continue
            currency = schedule.orcid_currency
            lines = [
                PlannedLine(
                    f"ORCID {membership.get_member_type_display().lower()} membership "
                    f"{_period(schedule, months)}",
                    _prorated(fee, months, currency),
                    currency,
                    rate,
                )
            ]
            _adjust(lines, adjustment, FeeAdjustment.AppliesTo.MEMBER_FEE, currency, rate)
            by_currency[currency] += lines
        currency, local = schedule.local_currency, []
        model = schedule.local_model
        if model == FeeSchedule.LocalModel.FLAT and schedule.local_flat_fee:
            local.append(
                PlannedLine(
                    f"Consortium fee {_period(schedule, months)}",
                    _prorated(schedule.local_flat_fee, months, currency),
                    currency,
                    rate,
                )
            )
        if model in (FeeSchedule.LocalModel.TIERED, FeeSchedule.LocalModel.COMBINED):
            if own_bands:
                name = member_bands.get(membership.pk)
                band, what = bands.get(name), f"band {name}"
                missing = "not in a band" if name is None else f"no fee for the band {name}"
            else:
                band, what = bands.get(organization.tier), f"{organization.get_tier_display().lower()} tier"
                missing = f"no band for the tier {organization.get_tier_display()}"
            if band is None:
                problems.append(f"No local fee for {organization.name} ({missing})")
                continue
            local.append(
                PlannedLine(
                    f"Consortium fee, {what}, {_period(schedule, months)}",
                    _prorated(band, months, currency),
                    currency,
                    rate,
                )
            )
        if share:
            local.append(
                PlannedLine(
                    f"Share of the {schedule.year} lead-organization fee (1 of {len(sharing)} members)",
                    share,
                    currency,
                    rate,
                )
            )
        _adjust(local, adjustment, FeeAdjustment.AppliesTo.LOCAL_FEE, currency, rate)
        by_currency[currency] += local
        for currency, lines in by_currency.items():
            if lines:
                planned.append(PlannedInvoice(membership, currency, lines, (membership.pk, currency) in live))
    return RunPlan(schedule, planned, problems, notes)


# --- issuing --------------------------------------------------------------------------------


def _bill_to(membership: Membership, contacts: dict[int, tuple[str, str]]) -> tuple[str, str]:
    return contacts.get(membership.pk, ("", ""))


def _billing_contacts(membership_ids) -> dict[int, tuple[str, str]]:
    """The name and e-mail of each membership's invoice contact, else its main relationship
    contact (one query; plain values, as a run reads thousands)."""
    found: dict[int, tuple[str, str]] = {}
    rows = (
        Contact.objects.filter(
            membership_id__in=membership_ids,
            role__in=[Contact.Role.INVOICE, Contact.Role.MAIN_RELATIONSHIP],
        )
        .order_by("membership_id", "role", "pk")  # "invoice" sorts before "main_relationship"
        .values_list("membership_id", "person__given_names", "person__family_name", "person__email")
    )
    for membership_id, given_names, family_name, email in rows:
        # As Person.full_name has it.
        found.setdefault(membership_id, (f"{given_names} {family_name}".strip(), email or ""))
    return found


def _next_numbers(consortium: Consortium, year: int, count: int, kind: str = Invoice.Kind.INVOICE) -> range:
    """Reserve ``count`` consecutive numbers of the year's invoices (or credit notes: a series of
    their own); the sequence row stays locked until commit."""
    InvoiceSequence.objects.get_or_create(consortium=consortium, year=year, kind=kind)
    sequence = InvoiceSequence.objects.select_for_update().get(consortium=consortium, year=year, kind=kind)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number"])
    return range(first, first + count)


def _seller(consortium: Consortium) -> tuple[str, str]:
    lead = consortium.lead_organization
    return lead.name, lead.billing_address


# The columns issue_run writes, in the order of its rows: the run's fixed values, then each invoice's.
_INVOICE_COLUMNS = (
    *("consortium", "schedule", "billing_run", "year", "kind", "status", "issued_on", "due_on"),
    *("amount_paid", "amount_credited", "note", "seller_name", "seller_address", "credit_for"),
    *("emailed_at", "created_at", "membership", "number", "currency", "subtotal", "tax_total", "total"),
    *("bill_to_name", "bill_to_address", "bill_to_contact", "bill_to_email"),
)
_LINE_COLUMNS = (
    *("invoice", "position", "description", "quantity", "unit_price", "tax_rate", "net", "tax", "total"),
)


@transaction.atomic
def issue_run(actor, schedule: FeeSchedule, *, progress=None) -> BillingRun:
    """Issue what the plan says and no live invoice covers yet. ``progress(done, total)`` is
    called as invoices are built. All or nothing: a run stopped half-way leaves no invoice."""
    _require(policy.can_manage_billing(actor, schedule.consortium))
    # Lock the schedule: a second run of the same year waits here, then finds nothing to issue.
    schedule = (
        FeeSchedule.objects.select_for_update()
        .select_related("consortium__lead_organization")
        .get(pk=schedule.pk)
    )
    plan = plan_run(schedule)
    if plan.problems:
        raise ValidationError(plan.problems)
    to_issue = plan.to_issue
    kind = BillingRun.Kind.SUPPLEMENTARY if schedule.runs.exists() else BillingRun.Kind.ANNUAL
    run = BillingRun.objects.create(
        schedule=schedule, kind=kind, started_by=_user(actor), invoices_issued=len(to_issue)
    )
    consortium = schedule.consortium
    issued_on = today_in(consortium.time_zone)
    due_on = issued_on + timedelta(days=schedule.payment_terms_days)
    seller_name, seller_address = _seller(consortium)
    contacts = _billing_contacts([p.membership.pk for p in to_issue])
    # Rows of plain values, not Invoice/InvoiceLine instances: building and preparing tens of
    # thousands of instances was most of a large run's time (see bench/README.md).
    ops = connection.ops
    fixed = (
        consortium.pk,
        schedule.pk,
        run.pk,
        schedule.year,
        Invoice.Kind.INVOICE,
        Invoice.Status.ISSUED,
        ops.adapt_datefield_value(issued_on),
        ops.adapt_datefield_value(due_on),
        Decimal(0),
        Decimal(0),
        "",
        seller_name,
        seller_address,
        None,
        None,
        ops.adapt_datetimefield_value(timezone.now()),
    )
    invoice_rows = []
    numbers = _next_numbers(consortium, schedule.year, len(to_issue))
    for number, planned in zip(numbers, to_issue, strict=True):
        membership = planned.membership
        organization = membership.organization
        contact_name, contact_email = _bill_to(membership, contacts)
        subtotal, tax_total = planned.subtotal, planned.tax_total
        invoice_rows.append(
            (
                *fixed,
                membership.pk,
                number,
                planned.currency,
                subtotal,
                tax_total,
                subtotal + tax_total,
                organization.name,
                organization.billing_address,
                contact_name,
                contact_email,
            )
        )
        if progress:
            progress(len(invoice_rows), len(to_issue))
    ids = dict(_insert_rows(Invoice, _INVOICE_COLUMNS, invoice_rows, returning=("number", "id")))
    _insert_rows(
        InvoiceLine,
        _LINE_COLUMNS,
        [
            (
                ids[number],
                position,
                line.description,
                line.quantity,
                line.unit_price,
                line.tax_rate,
                line.net,
                line.tax,
                line.total,
            )
            for number, planned in zip(numbers, to_issue, strict=True)
            for position, line in enumerate(planned.lines, start=1)
        ],
    )
    audit.record(
        actor,
        "billing.run_issued",
        run,
        f"{run.get_kind_display()} {schedule.year}: issued {len(invoice_rows)} invoices",
        changes={currency: str(total) for currency, total in plan.totals.items()},
        consortium=consortium,
    )
    if invoice_rows:
        # E-mail the invoices in the background, and only once they are committed.
        transaction.on_commit(lambda: _send_invoices_later(run.pk))
    return run


def _send_invoices_later(run_id: int) -> None:
    from consortia.billing.tasks import send_invoices_of_run

    send_invoices_of_run.enqueue(run_id)


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def issue_credit_note(actor, invoice: Invoice, *, reason: str) -> Invoice:
    """Credit what is still open on an invoice; the invoice is then void (nothing is left to pay).

    An unpaid invoice is credited line by line (the same tax, negated). A partly paid (or partly
    credited) one is credited its open balance split into net and tax in the invoice's proportion
    (tax = the balance × tax_total / total, rounded; net = the balance − tax): one line at the
    invoice's tax rate when all its lines share one, else a net line at 0 % and a tax line. The
    credit note's total is exactly minus the open balance.
    """
    _require(policy.can_manage_billing(actor, invoice.consortium))
    invoice = Invoice.objects.select_for_update().select_related("consortium").get(pk=invoice.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the invoice is credited."})
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status != Invoice.Status.ISSUED:
        raise ValidationError(f"{invoice.reference} cannot be credited.")
    if invoice.balance <= 0:
        raise ValidationError(f"{invoice.reference} has nothing left to credit.")
    if invoice.amount_paid == 0 and invoice.amount_credited == 0:
        lines = [
            PlannedLine(
                f"Credit: {line.description}",
                -line.unit_price,
                invoice.currency,
                line.tax_rate,
                line.quantity,
            )
            for line in invoice.lines.all()
        ]
    else:
        lines = _open_balance_lines(invoice)
    return _credit(actor, invoice, lines, reason)


def _open_balance_lines(invoice: Invoice) -> list[PlannedLine]:
    currency, credited = invoice.currency, invoice.balance
    tax = round_money(credited * invoice.tax_total / invoice.total, currency) if invoice.total else Decimal(0)
    net = credited - tax
    rates = {line.tax_rate for line in invoice.lines.all()}
    label = f"Credit of the open balance of {invoice.reference}"
    if len(rates) <= 1 or not tax:
        rate = next(iter(rates)) if len(rates) == 1 else Decimal(0)
        return [PlannedLine(label, -net, currency, rate, fixed_tax=-tax)]
    return [
        PlannedLine(f"{label} (net)", -net, currency, Decimal(0), fixed_tax=Decimal(0)),
        PlannedLine(f"{label} (tax)", Decimal(0), currency, Decimal(0), fixed_tax=-tax),
    ]


def _credit(actor, invoice: Invoice, lines: list[PlannedLine], reason: str) -> Invoice:
    """Issue a credit note of ``lines`` (negative amounts) for a locked, issued ``invoice``; the
    invoice is void once fully credited. The caller has checked the policy and what may be credited."""
    planned = PlannedInvoice(invoice.membership, invoice.currency, lines)
    (number,) = _next_numbers(invoice.consortium, invoice.year, 1, Invoice.Kind.CREDIT_NOTE)
    today = today_in(invoice.consortium.time_zone)
    note = Invoice.objects.create(
        consortium=invoice.consortium,
        membership=invoice.membership,
        schedule=invoice.schedule,
        year=invoice.year,
        number=number,
        kind=Invoice.Kind.CREDIT_NOTE,
        credit_for=invoice,
        currency=invoice.currency,
        issued_on=today,
        due_on=today,
        subtotal=planned.subtotal,
        tax_total=planned.tax_total,
        total=planned.total,
        note=reason,
        seller_name=invoice.seller_name,
        seller_address=invoice.seller_address,
        bill_to_name=invoice.bill_to_name,
        bill_to_address=invoice.bill_to_address,
        bill_to_contact=invoice.bill_to_contact,
        bill_to_email=invoice.bill_to_email,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=note,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            tax_rate=line.tax_rate,
            net=line.net,
            tax=line.tax,
            total=line.total,
        )
        for position, line in enumerate(lines, start=1)
    )
    open_before = invoice.balance
    invoice.amount_credited += -note.total
    fields = ["amount_credited"]
    # Void once fully credited, or once this credit leaves nothing to pay (a partly paid invoice
    # credited its open balance): no further payment is expected on it.
    if invoice.amount_credited >= invoice.total or (open_before > 0 and invoice.balance <= 0):
        invoice.status = Invoice.Status.VOID
        fields.append("status")
    invoice.save(update_fields=fields)
    audit.record(
        actor,
        "billing.credit_note",
        note,
        f"Credit note {note.reference} for {invoice.reference}: {reason}",
        consortium=invoice.consortium,
        membership=invoice.membership,
    )
    return note


@transaction.atomic
def record_payment(
    actor, invoice: Invoice, *, amount, received_on: date, method: str = "", reference: str = ""
) -> Payment:
    """Money received against an invoice; more than its balance is kept as the member's credit."""
    _require(policy.can_manage_billing(actor, invoice.consortium))
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status != Invoice.Status.ISSUED:
        raise ValidationError(f"Payments are recorded against issued invoices, not {invoice.reference}.")
    amount = _clean_money(amount, invoice.currency, "amount")
    if amount <= 0:
        raise ValidationError({"amount": "A payment is more than zero."})
    if received_on > today_in(invoice.consortium.time_zone):
        raise ValidationError({"received_on": "A payment cannot be received in the future."})
    applied = min(amount, max(invoice.balance, Decimal(0)))
    payment = Payment.objects.create(
        membership=invoice.membership,
        invoice=invoice,
        currency=invoice.currency,
        amount=amount,
        applied=applied,
        unapplied=amount - applied,
        received_on=received_on,
        method=(method or "").strip(),
        reference=(reference or "").strip(),
        recorded_by=_user(actor),
    )
    invoice.amount_paid += applied
    invoice.save(update_fields=["amount_paid"])
    audit.record(
        actor,
        "billing.payment",
        payment,
        f"Payment of {invoice.currency} {amount} for {invoice.reference}",
        consortium=invoice.consortium,
        membership=invoice.membership,
    )
    return payment


@transaction.atomic
def record_remittance(
    actor, consortium: Consortium, year: int, *, amount, currency: str, paid_on: date, reference: str = ""
) -> RemittancePayment:
    """The lead's payment to ORCID of its statement for the year (recorded by ORCID): the year
    needs a fee schedule, the payment is in the schedule's ORCID currency and not in the future
    (in the consortium's time zone)."""
    _require(policy.can_act_for_orcid(actor, consortium), "ORCID records what a lead has paid it.")
    schedule = FeeSchedule.objects.filter(consortium=consortium, year=year).first()
    if schedule is None:
        raise ValidationError({"year": f"{consortium} has no fee schedule for {year}: nothing is owed."})
    currency = (currency or "").strip().upper()
    if currency != schedule.orcid_currency:
        raise ValidationError(
            {
                "currency": f"The {year} statement is in {schedule.orcid_currency}; a payment in "
                f"{currency or 'no currency'} cannot be recorded against it."
            }
        )
    if paid_on > today_in(consortium.time_zone):
        raise ValidationError({"paid_on": "A payment cannot be made in the future."})
    remittance = RemittancePayment.objects.create(
        consortium=consortium,
        year=year,
        currency=currency,
        amount=_clean_money(amount, currency, "amount"),
        paid_on=paid_on,
        reference=reference,
        recorded_by=_user(actor),
    )
    audit.record(
        actor,
        "billing.remittance",
        remittance,
        f"{consortium} paid ORCID {currency} {amount} for {year}",
        consortium=consortium,
    )
    return remittance


# --- members ending mid-year ----------------------------------------------------------------

ENDED_MEMBERSHIP_CREDIT = "Membership ended"
ENDED_STATUSES = (Membership.Status.LAPSED, Membership.Status.LEFT)


def _months_after(ended_on: date) -> int:
    """The whole months of the year after the month a membership ended in."""
    return 12 - ended_on.month


def end_of_membership_invoices(membership: Membership, ended_on: date | None) -> list[Invoice]:
    """The live invoices a member ending on ``ended_on`` is to be credited on: of the year it ended
    in, from a schedule that credits unused months, with whole months left after the end, and not
    credited for the ending yet. Empty for a full-year schedule, or an end in December."""
    if ended_on is None or _months_after(ended_on) == 0:
        return []
    invoices = (
        Invoice.objects.filter(
            membership=membership,
            kind=Invoice.Kind.INVOICE,
            status=Invoice.Status.ISSUED,
            schedule__year=ended_on.year,
            schedule__ending_rule=FeeSchedule.EndingRule.CREDIT_UNUSED_MONTHS,
        )
        .exclude(credit_notes__note__startswith=ENDED_MEMBERSHIP_CREDIT)
        .select_related("schedule", "consortium")
        .order_by("pk")
    )
    return list(invoices)


def _unused_months_lines(invoice: Invoice, months_after: int, months: int) -> list[PlannedLine]:
    """Each line's share of the months after the end, of the months it billed; tax at its rate."""
    currency = invoice.currency
    lines = []
    for line in invoice.lines.all():
        credit = round_money(line.net * months_after / months, currency)
        if credit:
            lines.append(
                PlannedLine(
                    f"Credit of {months_after} of {months} months: {line.description}",
                    -credit,
                    currency,
                    line.tax_rate,
                )
            )
    return lines


@transaction.atomic
def credit_ended_membership(actor, membership: Membership, ended_on: date) -> list[Invoice]:
    """Credit a member that lapsed or left mid-year as the year's schedule says: nothing under
    "full_year"; under "credit_unused_months" a credit note per invoice of that year for the whole
    months after the month it ended (each line's net in proportion to the months it billed, tax at
    the line's rate). Idempotent: an invoice already credited for the ending is not credited again.
    Returns the credit notes issued."""
    _require(policy.can_manage_billing(actor, membership.consortium))
    if membership.status not in ENDED_STATUSES:
        raise ValidationError("Only a membership that has lapsed or left is credited for ending.")
    if ended_on is None:
        raise ValidationError({"ended_date": "Give the date the membership ended."})
    months_after = _months_after(ended_on)
    notes = []
    for found in end_of_membership_invoices(membership, ended_on):
        # Lock it, then look again: a second call at the same time waits here and credits nothing.
        invoice = (
            Invoice.objects.select_for_update().select_related("consortium", "schedule").get(pk=found.pk)
        )
        if (
            invoice.status != Invoice.Status.ISSUED
            or invoice.credit_notes.filter(note__startswith=ENDED_MEMBERSHIP_CREDIT).exists()
        ):
            continue
        months = months_billed(invoice.schedule, membership)
        lines = _unused_months_lines(invoice, min(months_after, months), months)
        planned = PlannedInvoice(membership, invoice.currency, lines)
        if not lines or planned.total >= 0 or invoice.amount_credited - planned.total > invoice.total:
            # Nothing to credit, or earlier credit notes already took more than this would leave.
            continue
        reason = (
            f"{ENDED_MEMBERSHIP_CREDIT} on {ended_on:%d %B %Y}: credit of the "
            f"{min(months_after, months)} whole months after it"
        )
        notes.append(_credit(actor, invoice, lines, reason))
    if notes:
        audit.record(
            actor,
            "billing.end_of_membership_credit",
            membership,
            f"Membership ended on {ended_on:%d %B %Y}: credited "
            + ", ".join(f"{note.reference} ({note.currency} {-note.total})" for note in notes),
            changes={note.reference: str(note.total) for note in notes},
            consortium=membership.consortium,
            membership=membership,
        )
    return notes
