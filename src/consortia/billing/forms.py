"""Forms of the billing pages. They parse input; the rules (and refusals) live in billing.services."""

from django import forms
from django.utils import timezone

from consortia.billing.models import FeeAdjustment, FeeSchedule
from consortia.billing.queries import INVOICE_KINDS, INVOICE_STATES
from consortia.billing.services import SCHEDULE_FIELDS
from consortia.directory.models import Membership, Organization

ANY_TIER = ""
RATE_TIERS = [(ANY_TIER, "Any tier")] + list(Organization.Tier.choices)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _amount(label: str, help_text: str = "", required=False):
    return forms.CharField(
        label=label,
        max_length=20,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def rate_field_name(member_type: str, tier: str) -> str:
    return f"rate_{member_type}_{tier or 'any'}"


def band_field_name(tier: str) -> str:
    return f"band_{tier}"


class FeeScheduleForm(forms.Form):
    """A year's schedule: ORCID's side, the local model, member rates by type and tier, and bands.

    Amounts stay text: the service parses them as Decimal in the currency's precision and says
    what is wrong (never a float on the way)."""

    year = forms.IntegerField(min_value=2000, max_value=2100)
    orcid_currency = forms.CharField(label="ORCID currency", max_length=3, initial="USD")
    consortium_lead_fee = _amount("Consortium lead fee", "Paid to ORCID each year, in ORCID's currency.")
    invoice_member_fee = forms.BooleanField(
        label="Invoice members for ORCID's member fee",
        required=False,
        initial=True,
        help_text="Untick when the member fee is funded centrally and members pay only local fees.",
    )
    local_currency = forms.CharField(label="Local currency", max_length=3)
    local_model = forms.ChoiceField(label="Local cost-recovery model", choices=FeeSchedule.LocalModel.choices)
    local_flat_fee = _amount("Flat local fee per member", "For the flat model, in the local currency.")
    lead_organization_fee = _amount(
        "Lead-organization fee", "Shared equally by the year's members (lead-fee and combined models)."
    )
    proration = forms.ChoiceField(label="Members joining mid-year", choices=FeeSchedule.Proration.choices)
    ending_rule = forms.ChoiceField(
        label="Members ending mid-year",
        choices=FeeSchedule.EndingRule.choices,
        required=False,
        help_text="For a member that lapses or leaves during the year.",
    )
    payment_terms_days = forms.IntegerField(label="Payment terms (days)", min_value=0, max_value=365)
    tax_rate = forms.DecimalField(
        label="Tax rate (%)", max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )
    tax_label = forms.CharField(label="Tax label", max_length=20, required=False, help_text="e.g. GST or VAT")

    def __init__(self, *args, schedule: FeeSchedule | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.schedule = schedule
        if schedule is not None:
            del self.fields["year"]
        for member_type, type_label in Membership.MemberType.choices:
            for tier, tier_label in RATE_TIERS:
                label = f"{type_label}, {tier_label.lower()}"
                self.fields[rate_field_name(member_type, tier)] = _amount(label)
                self.fields[rate_field_name(member_type, tier)].widget.attrs["aria-label"] = label
        for tier, tier_label in Organization.Tier.choices:
            self.fields[band_field_name(tier)] = _amount(f"Local fee, {tier_label.lower()}")

    @classmethod
    def for_schedule(cls, consortium, schedule: FeeSchedule | None, data=None, year=None):
        if schedule is None:
            initial = {
                "year": year or timezone.localdate().year,
                "orcid_currency": "USD",
                "local_currency": consortium.currency,
                "local_model": FeeSchedule.LocalModel.FLAT,
                "proration": FeeSchedule.Proration.MONTHLY,
                "ending_rule": FeeSchedule.EndingRule.FULL_YEAR,
                "payment_terms_days": 30,
                "tax_rate": 0,
                "invoice_member_fee": True,
            }
            return cls(data, initial=initial)
        initial = {name: getattr(schedule, name) for name in SCHEDULE_FIELDS}
        for rate in schedule.member_rates.all():
            initial[rate_field_name(rate.member_type, rate.tier)] = rate.amount
        for band in schedule.local_bands.all():
            initial[band_field_name(band.tier)] = band.amount
        return cls(data, initial=initial, schedule=schedule)

    def clean_ending_rule(self) -> str:
        # Not sent (an older form): the schedule's rule stays, a new schedule keeps the full year.
        default = self.schedule.ending_rule if self.schedule else FeeSchedule.EndingRule.FULL_YEAR
        return self.cleaned_data.get("ending_rule") or default

    def rate_rows(self):
        """(member type label, [bound field per tier]) for the template's grid."""
        return [
            (type_label, [self[rate_field_name(member_type, tier)] for tier, _ in RATE_TIERS])
            for member_type, type_label in Membership.MemberType.choices
        ]

    def rate_tier_labels(self) -> list[str]:
        return [label for _, label in RATE_TIERS]

    def band_fields(self):
        return [self[band_field_name(tier)] for tier, _ in Organization.Tier.choices]

    def schedule_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in SCHEDULE_FIELDS if name in data}
        for money in ("consortium_lead_fee", "local_flat_fee", "lead_organization_fee"):
            fields[money] = (fields.get(money) or "0").strip() or "0"
        fields["tax_rate"] = data.get("tax_rate") or 0
        return fields

    def member_rates(self) -> list[tuple[str, str, str]]:
        rates = []
        for member_type, _ in Membership.MemberType.choices:
            for tier, _ in RATE_TIERS:
                value = (self.cleaned_data.get(rate_field_name(member_type, tier)) or "").strip()
                if value:
                    rates.append((member_type, tier, value))
        return rates

    def local_bands(self) -> list[tuple[str, str]]:
        bands = []
        for tier, _ in Organization.Tier.choices:
            value = (self.cleaned_data.get(band_field_name(tier)) or "").strip()
            if value:
                bands.append((tier, value))
        return bands


class AdjustmentForm(forms.Form):
    membership = forms.ModelChoiceField(label="Member", queryset=Membership.objects.none())
    kind = forms.ChoiceField(choices=FeeAdjustment.Kind.choices)
    percent = forms.DecimalField(
        label="Percent off",
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text="For a discount; a waiver is always 100%.",
    )
    applies_to = forms.ChoiceField(label="Applies to", choices=FeeAdjustment.AppliesTo.choices)
    reason = forms.CharField(max_length=300)

    def __init__(self, *args, memberships=None, **kwargs):
        super().__init__(*args, **kwargs)
        if memberships is not None:
            self.fields["membership"].queryset = memberships
        self.fields["membership"].label_from_instance = lambda m: m.organization.name

    def clean(self):
        data = super().clean()
        if data.get("kind") == FeeAdjustment.Kind.DISCOUNT and not data.get("percent"):
            self.add_error("percent", "Give the percent off for a discount.")
        return data


class PaymentForm(forms.Form):
    amount = _amount("Amount", required=True)
    received_on = forms.DateField(label="Received on", widget=_date_input())
    method = forms.CharField(max_length=40, required=False, help_text="e.g. bank transfer, card")
    reference = forms.CharField(max_length=120, required=False, help_text="The bank's or member's reference")


class CreditNoteForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Printed on the credit note. It credits what is still open on the invoice.",
    )


class RemittanceForm(forms.Form):
    """A lead's payment to ORCID; always in the statement's currency (shown, not chosen)."""

    amount = _amount("Amount", required=True)
    paid_on = forms.DateField(label="Paid on", widget=_date_input())
    reference = forms.CharField(max_length=120, required=False)


class InvoiceFilterForm(forms.Form):
    """The invoice list's search and filters; bad values are ignored, not refused."""

    q = forms.CharField(required=False, label="Search")
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=())
    state = forms.ChoiceField(required=False, choices=[("", "Any state")] + list(INVOICE_STATES))
    currency = forms.ChoiceField(required=False, choices=())
    kind = forms.ChoiceField(
        required=False, choices=[("", "Invoices and credit notes")] + list(INVOICE_KINDS)
    )

    def __init__(self, data, *, years, currencies):
        super().__init__(data)
        self.fields["year"].choices = [("", "Any year")] + [(y, str(y)) for y in years]
        self.fields["currency"].choices = [("", "Any currency")] + [(c, c) for c in currencies]

    def filters(self) -> dict:
        if not self.is_valid():
            # Keep the valid parts of a tampered query string.
            return {name: self.cleaned_data.get(name) for name in ("q",) if self.cleaned_data.get(name)}
        return {name: value for name, value in self.cleaned_data.items() if value}
