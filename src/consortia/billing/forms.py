"""Forms of the billing pages. They parse input; the rules (and refusals) live in billing.services."""

import re

from django import forms
from django.utils import timezone

from consortia.billing.models import FeeAdjustment, FeeSchedule
from consortia.billing.queries import INVOICE_KINDS, INVOICE_STATES
from consortia.billing.services import MONEY_FIELDS, SCHEDULE_FIELDS
from consortia.directory.models import Membership, Organization
from consortia.lib.money import round_money

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


OWN_BAND_ROWS = 8  # empty rows for the consortium's own bands; a schedule with more gets 2 spare
OWN_BAND_SPARE_ROWS = 2
OWN_BAND_MAX_ROWS = 200  # a posted row number beyond this is ignored, not a field
_OWN_BAND_NAME = re.compile(r"^own_band_name_(\d+)$")


def own_band_name_field(row: int) -> str:
    return f"own_band_name_{row}"


def own_band_amount_field(row: int) -> str:
    return f"own_band_amount_{row}"


def _own_band_rows(initial: dict, data) -> int:
    """How many own-band rows to show: 8, or every band the schedule has plus 2 spare, and at
    least as many as were posted."""
    keys = list(initial or {}) + list(data or {})
    numbers = [int(m.group(1)) for m in map(_OWN_BAND_NAME.match, keys) if m]
    stored = sum(1 for key in (initial or {}) if _OWN_BAND_NAME.match(key))
    rows = OWN_BAND_ROWS if stored <= OWN_BAND_ROWS else stored + OWN_BAND_SPARE_ROWS
    posted = max((n for n in numbers if n <= OWN_BAND_MAX_ROWS), default=0)
    return max(rows, posted)


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
    band_basis = forms.ChoiceField(
        label="Bands of the tiered fee",
        choices=FeeSchedule.BandBasis.choices,
        required=False,
        help_text="Organization tiers, or bands the consortium names itself and puts each member in.",
    )
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
        self.own_band_rows = _own_band_rows(self.initial, self.data)
        for row in range(1, self.own_band_rows + 1):
            name = forms.CharField(label=f"Band {row} name", max_length=60, required=False)
            amount = _amount(f"Band {row} fee")
            name.widget.attrs["aria-label"] = name.label
            amount.widget.attrs["aria-label"] = amount.label
            self.fields[own_band_name_field(row)] = name
            self.fields[own_band_amount_field(row)] = amount

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
        # Shown in each currency's precision (stored with one more decimal place): 300.00, not 300.000.
        for name, currency_field in MONEY_FIELDS.items():
            initial[name] = round_money(initial[name], getattr(schedule, currency_field))
        for rate in schedule.member_rates.all():
            initial[rate_field_name(rate.member_type, rate.tier)] = round_money(
                rate.amount, schedule.orcid_currency
            )
        own_row = 0
        for band in schedule.local_bands.all():
            amount = round_money(band.amount, schedule.local_currency)
            if band.tier:
                initial[band_field_name(band.tier)] = amount
            else:
                own_row += 1
                initial[own_band_name_field(own_row)] = band.name
                initial[own_band_amount_field(own_row)] = amount
        return cls(data, initial=initial, schedule=schedule)

    def clean_ending_rule(self) -> str:
        # Not sent (an older form): the schedule's rule stays, a new schedule keeps the full year.
        default = self.schedule.ending_rule if self.schedule else FeeSchedule.EndingRule.FULL_YEAR
        return self.cleaned_data.get("ending_rule") or default

    def clean_band_basis(self) -> str:
        # Not sent (an older form): the schedule's basis stays, a new schedule bands by tier.
        default = self.schedule.band_basis if self.schedule else FeeSchedule.BandBasis.TIER
        return self.cleaned_data.get("band_basis") or default

    def clean(self):
        data = super().clean()
        if data.get("band_basis") == FeeSchedule.BandBasis.OWN:
            for row in range(1, self.own_band_rows + 1):
                name = (data.get(own_band_name_field(row)) or "").strip()
                amount = (data.get(own_band_amount_field(row)) or "").strip()
                if amount and not name:
                    self.add_error(own_band_name_field(row), "Give the band a name, or clear its fee.")
                elif name and not amount:
                    self.add_error(own_band_amount_field(row), f"Give the fee of the band “{name}”.")
        return data

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

    def own_band_fields(self):
        """(row number, name field, amount field) for the template's table of own bands."""
        return [
            (row, self[own_band_name_field(row)], self[own_band_amount_field(row)])
            for row in range(1, self.own_band_rows + 1)
        ]

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
        """[(tier, amount)] when the bands are organization tiers, [(band name, amount)] when they
        are the consortium's own (empty rows left out), as the service takes them."""
        data = self.cleaned_data
        bands = []
        if data.get("band_basis") == FeeSchedule.BandBasis.OWN:
            for row in range(1, self.own_band_rows + 1):
                name = (data.get(own_band_name_field(row)) or "").strip()
                amount = (data.get(own_band_amount_field(row)) or "").strip()
                if name or amount:
                    bands.append((name, amount))
            return bands
        for tier, _ in Organization.Tier.choices:
            value = (data.get(band_field_name(tier)) or "").strip()
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


NO_BAND = ""


class MemberBandForm(forms.Form):
    """Put a member in one of the schedule's own bands for the year, or in none."""

    membership = forms.ModelChoiceField(label="Member", queryset=Membership.objects.none())
    # Text behind a select: the service says which bands there are when one is not (or no longer) known.
    band = forms.CharField(label="Band", required=False, max_length=60, widget=forms.Select)

    def __init__(self, *args, memberships=None, band_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        if memberships is not None:
            self.fields["membership"].queryset = memberships
        self.fields["membership"].label_from_instance = lambda m: m.organization.name
        self.fields["band"].widget.choices = [(NO_BAND, "No band")] + [(name, name) for name in band_names]


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
