"""Annual billing: fee schedules, billing runs, invoices and credit notes, payments, and what a
consortium lead owes ORCID.

Money is ``Decimal`` with a currency field beside it, never float (``consortia.lib.money``).
An issued invoice is never edited: ``Invoice.save`` refuses any change but the payment figures
and the void mark, and its lines cannot be saved or deleted once it is issued; a correction is
a credit note.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consortia.directory.models import Consortium, Membership, Organization

MONEY = {"max_digits": 14, "decimal_places": 3}


class FeeSchedule(models.Model):
    """What a consortium charges its members, and owes ORCID, for one billing year."""

    class LocalModel(models.TextChoices):
        FLAT = "flat", "Flat fee per member"
        TIERED = "tiered", "Tiered: a fee per band"
        LEAD_FEE = "lead_fee", "Annual lead-organization fee shared across members"
        FUNDED = "funded", "Externally funded (no local fee)"
        COMBINED = "combined", "Combination (tiered fee plus a shared lead-organization fee)"

    class BandBasis(models.TextChoices):
        """What a tiered fee's bands are: the organization's tier, or bands the consortium defines
        and assigns its members to (e.g. by research income)."""

        TIER = "tier", "Organization tier"
        OWN = "own", "The consortium's own bands"

    class Proration(models.TextChoices):
        NONE = "none", "None: a member joining mid-year pays the whole year"
        MONTHLY = "monthly", "By month: the months left in the year, counting the month joined"

    class EndingRule(models.TextChoices):
        FULL_YEAR = "full_year", "No credit: the year's fees stand"
        CREDIT_UNUSED_MONTHS = "credit_unused_months", "Credit the whole months after the membership ends"

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="fee_schedules")
    year = models.PositiveSmallIntegerField()
    # ORCID's side: the member (licensing) fee per member and the consortium lead fee.
    orcid_currency = models.CharField(max_length=3, default="USD")
    consortium_lead_fee = models.DecimalField(**MONEY, default=0)
    # Whether the lead invoices its members for ORCID's member fee (some fund it centrally).
    invoice_member_fee = models.BooleanField(default=True)
    # The local cost-recovery model, in the consortium's own currency.
    local_currency = models.CharField(max_length=3)
    local_model = models.CharField(max_length=10, choices=LocalModel.choices, default=LocalModel.FLAT)
    local_flat_fee = models.DecimalField(**MONEY, default=0)
    band_basis = models.CharField(max_length=4, choices=BandBasis.choices, default=BandBasis.TIER)
    lead_organization_fee = models.DecimalField(
        **MONEY, default=0, help_text="Annual fee shared equally by the year's members"
    )
    proration = models.CharField(max_length=10, choices=Proration.choices, default=Proration.MONTHLY)
    # What a member ending mid-year (lapsed or left) is owed back: nothing, or the months after it ended.
    ending_rule = models.CharField(max_length=20, choices=EndingRule.choices, default=EndingRule.FULL_YEAR)
    payment_terms_days = models.PositiveSmallIntegerField(default=30)
    tax_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, help_text="Percent, e.g. 15 for 15% GST; 0 for none"
    )
    tax_label = models.CharField(max_length=20, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consortium__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["consortium", "year"], name="one_schedule_per_year")]

    def __str__(self):
        return f"{self.consortium} {self.year}"

    @property
    def has_local_fee(self) -> bool:
        return self.local_model != self.LocalModel.FUNDED

    @property
    def year_starts(self) -> date:
        return date(self.year, 1, 1)

    @property
    def year_ends(self) -> date:
        return date(self.year, 12, 31)


class MemberFeeRate(models.Model):
    """ORCID's member fee for a member type, optionally for one organization tier."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="member_rates")
    member_type = models.CharField(max_length=10, choices=Membership.MemberType.choices)
    tier = models.CharField(max_length=10, choices=Organization.Tier.choices, blank=True, default="")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["schedule", "member_type", "tier"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "member_type", "tier"], name="one_rate_per_type_and_tier"
            )
        ]

    def __str__(self):
        return f"{self.get_member_type_display()} {self.tier or 'any tier'}: {self.amount}"


class LocalFeeBand(models.Model):
    """The local fee of one band, for tiered schedules: an organization tier, or a band the
    consortium names itself (``name``), as the schedule's ``band_basis`` says. Exactly one of
    ``tier`` and ``name`` is set."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="local_bands")
    tier = models.CharField(max_length=10, choices=Organization.Tier.choices, blank=True, default="")
    name = models.CharField(max_length=60, blank=True, default="")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["schedule", "tier", "amount", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "tier"], condition=~Q(tier=""), name="one_band_per_tier"
            ),
            models.UniqueConstraint(
                fields=["schedule", "name"], condition=~Q(name=""), name="one_band_per_name"
            ),
            models.CheckConstraint(
                condition=(Q(tier="") & ~Q(name="")) | (~Q(tier="") & Q(name="")),
                name="band_is_a_tier_or_a_name",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount}"

    @property
    def label(self) -> str:
        return self.name or self.get_tier_display()


class MemberBand(models.Model):
    """Which of the consortium's own bands a member is in for a year (by the band's name, so a
    schedule's bands can be re-entered without losing who is in them)."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="member_bands")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="fee_bands")
    band = models.CharField(max_length=60)

    class Meta:
        ordering = ["schedule", "band", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "membership"], name="one_band_per_member_year")
        ]

    def __str__(self):
        return f"{self.membership_id} in {self.band}"


class FeeAdjustment(models.Model):
    """A discount or waiver for one member in one year, with its reason."""

    class Kind(models.TextChoices):
        DISCOUNT = "discount", "Discount"
        WAIVER = "waiver", "Waiver"

    class AppliesTo(models.TextChoices):
        ALL = "all", "Every fee"
        MEMBER_FEE = "member_fee", "ORCID member fee"
        LOCAL_FEE = "local_fee", "Local fees"

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="adjustments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="fee_adjustments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percent off; a waiver is 100")
    applies_to = models.CharField(max_length=10, choices=AppliesTo.choices, default=AppliesTo.ALL)
    reason = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "membership"], name="one_adjustment_per_member_year"),
            models.CheckConstraint(
                condition=Q(percent__gt=0, percent__lte=100), name="adjustment_percent_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.percent}%: {self.reason}"


class InvoiceSequence(models.Model):
    """The last number of a consortium's invoices (or credit notes) for a year; locked while
    numbering, so neither series has gaps."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, default="invoice")  # an Invoice.Kind
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consortium", "year", "kind"], name="one_sequence_per_year_kind")
        ]

    def __str__(self):
        return f"{self.consortium_id}/{self.year}/{self.kind}: {self.last_number}"


class BillingRun(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual run"
        SUPPLEMENTARY = "supplementary", "Supplementary run"

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.PROTECT, related_name="runs")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    invoices_issued = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.schedule} ({self.invoices_issued} invoices)"


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", "Invoice"
        CREDIT_NOTE = "credit_note", "Credit note"

    class Status(models.TextChoices):
        """Stored states. Partly paid, paid and overdue are read from the payments and the date."""

        DRAFT = "draft", "Draft"
        ISSUED = "issued", "Issued"
        VOID = "void", "Void (credited)"

    # Fields a service may still change on an issued invoice.
    MUTABLE_WHEN_ISSUED = frozenset({"amount_paid", "amount_credited", "status", "emailed_at"})

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="invoices")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="invoices")
    schedule = models.ForeignKey(FeeSchedule, on_delete=models.PROTECT, related_name="invoices")
    billing_run = models.ForeignKey(
        BillingRun, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    credit_for = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ISSUED)
    currency = models.CharField(max_length=3)
    issued_on = models.DateField()
    due_on = models.DateField()
    subtotal = models.DecimalField(**MONEY)
    tax_total = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    amount_paid = models.DecimalField(**MONEY, default=0)
    amount_credited = models.DecimalField(**MONEY, default=0)
    note = models.TextField(blank=True)
    # Who it is from and to, as they were when it was issued.
    seller_name = models.CharField(max_length=255)
    seller_address = models.TextField(blank=True)
    bill_to_name = models.CharField(max_length=255)
    bill_to_address = models.TextField(blank=True)
    bill_to_contact = models.CharField(max_length=255, blank=True)
    bill_to_email = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consortium", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "year", "kind", "number"], name="invoice_number_unique_per_kind"
            ),
            # A run never bills a member twice for the same year and currency.
            models.UniqueConstraint(
                fields=["schedule", "membership", "currency"],
                condition=Q(kind="invoice") & ~Q(status="void"),
                name="one_live_invoice_per_member_year_currency",
            ),
        ]
        indexes = [
            models.Index(fields=["consortium", "status", "due_on"], name="invoice_receivables"),
            models.Index(fields=["membership", "year"], name="invoice_member_year"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, update_fields=None, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = Invoice.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            only_payment_figures = (
                update_fields is not None and set(update_fields) <= self.MUTABLE_WHEN_ISSUED
            )
            if stored not in (None, self.Status.DRAFT) and not only_payment_figures:
                raise ValidationError(
                    f"{self.reference} is issued and cannot be changed; correct it with a credit note."
                )
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != self.Status.DRAFT:
            raise ValidationError(f"{self.reference} is issued and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def reference(self) -> str:
        prefix = "CN" if self.kind == self.Kind.CREDIT_NOTE else "INV"
        return f"{prefix}-{self.year}-{self.number:05d}"

    @property
    def balance(self):
        """What is still owed: the total less payments and credit notes."""
        if self.kind == self.Kind.CREDIT_NOTE:
            return 0
        return self.total - self.amount_paid - self.amount_credited

    def state(self, today: date | None = None) -> str:
        """draft, issued, partly_paid, paid, overdue or void."""
        if self.status != self.Status.ISSUED or self.kind == self.Kind.CREDIT_NOTE:
            return self.status
        if self.balance <= 0:
            return "paid"
        if self.due_on < (today or timezone.localdate()):
            return "overdue"
        return "partly_paid" if self.amount_paid > 0 else "issued"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=9, decimal_places=4, default=1)
    unit_price = models.DecimalField(**MONEY)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    net = models.DecimalField(**MONEY)
    tax = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["invoice", "position"]
        constraints = [models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position")]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        # billing.services writes an invoice's lines with bulk_create in the transaction that
        # issues it; after that, no line is ever saved again.
        if Invoice.objects.filter(pk=self.invoice_id).exclude(status=Invoice.Status.DRAFT).exists():
            raise ValidationError("The lines of an issued invoice cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.invoice.status != Invoice.Status.DRAFT:
            raise ValidationError("The lines of an issued invoice cannot be deleted.")
        return super().delete(*args, **kwargs)


class Payment(models.Model):
    """Money received from a member against an invoice. What exceeds the invoice's balance is
    kept as the member's credit (``unapplied``)."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="payments")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**MONEY)
    applied = models.DecimalField(**MONEY)
    unapplied = models.DecimalField(**MONEY, default=0)
    received_on = models.DateField()
    method = models.CharField(max_length=40, blank=True)
    reference = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self):
        return f"{self.currency} {self.amount} on {self.received_on}"


class RemittancePayment(models.Model):
    """The lead's payment to ORCID of a year's statement (member fees plus the lead fee)."""

    consortium = models.ForeignKey(Consortium, on_delete=models.PROTECT, related_name="remittances")
    year = models.PositiveSmallIntegerField()
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    reference = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["consortium", "-year", "-paid_on"]

    def __str__(self):
        return f"{self.consortium} {self.year}: {self.currency} {self.amount}"
