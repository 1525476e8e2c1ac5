"""Forms of the support desk's pages. They parse input; the rules live in support.services."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from consortia.directory.models import Organization
from consortia.support.models import CannedReply, Desk, SavedFilter, Ticket
from consortia.support.services import MAX_ATTACHMENT_BYTES, NewAttachment

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIERS = [(1, "Tier 1"), (2, "Tier 2"), (3, "Tier 3")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each becomes a services.NewAttachment."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"Optional; up to {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB each.")
        super().__init__(widget=MultipleFileInput(), **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        attachments = []
        for upload in files:
            if upload.size > MAX_ATTACHMENT_BYTES:
                raise ValidationError(
                    f"“{upload.name}” is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB."
                )
            attachments.append(NewAttachment(upload.name, upload.read(), upload.content_type or ""))
        return attachments


def _status_choices(with_keep: bool):
    choices = [(value, label) for value, label in Ticket.Status.choices if value != Ticket.Status.NEW]
    return [("", "Keep as it is (open if new)"), *choices] if with_keep else choices


class ReplyForm(forms.Form):
    body = forms.CharField(label="Reply", widget=forms.Textarea(attrs={"rows": 6}))
    attachments = AttachmentsField()
    status = forms.ChoiceField(label="Then set status to", required=False, choices=())

    def __init__(self, *args, is_agent: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if is_agent:
            self.fields["status"].choices = [
                (v, label) for v, label in _status_choices(True) if v != Ticket.Status.WAITING_ON_ORCID
            ]
        else:
            del self.fields["status"]


class NoteForm(forms.Form):
    body = forms.CharField(label="Internal note", widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField()


class TicketUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Ticket.Status.choices)
    priority = forms.ChoiceField(choices=Ticket.Priority.choices)
    category = forms.ChoiceField(choices=Ticket.Category.choices)
    tier = forms.TypedChoiceField(choices=TIERS, coerce=int)
    assignee = forms.TypedChoiceField(choices=(), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, agents=(), desk: Desk, **kwargs):
        super().__init__(*args, **kwargs)
        self.agents = {agent.pk: agent for agent in agents}
        self.fields["assignee"].choices = [("", "Unassigned")] + [
            (agent.pk, agent.display_name) for agent in agents
        ]
        tiers = [t for t in TIERS if (t[0] >= 2) == desk.is_orcid]
        self.fields["tier"].choices = tiers

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["assignee"] = self.agents.get(data["assignee"]) if data["assignee"] else None
        return data


class EscalateForm(forms.Form):
    summary = forms.CharField(
        label="Summary for ORCID",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the member asked, what you tried, and what you need from ORCID.",
    )
    tier = forms.TypedChoiceField(choices=TIERS[1:], coerce=int, initial=2)


class OrcidReplyForm(forms.Form):
    body = forms.CharField(label="Message to ORCID", widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField()


class TransferForm(forms.Form):
    to_global = forms.BooleanField(label="Pass to ORCID's global desk", required=False)
    tier = forms.TypedChoiceField(
        label="Tier",
        choices=[("", "Keep the tier"), *TIERS[1:]],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("to_global") and not data.get("tier"):
            raise ValidationError("Choose the global desk, a tier, or both.")
        return data


class ResolveEscalationForm(forms.Form):
    resolution = forms.CharField(
        label="Resolution for the consortium",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to the consortium's agent, who answers the member.",
    )


class NewTicketForm(forms.Form):
    """A member contact's new ticket; ``desks`` are their organization's consortia's desks."""

    desk = forms.ModelChoiceField(queryset=Desk.objects.none(), label="Consortium", empty_label=None)
    subject = forms.CharField(max_length=300)
    category = forms.ChoiceField(choices=Ticket.Category.choices, initial=Ticket.Category.OTHER)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 8}))
    attachments = AttachmentsField()

    def __init__(self, *args, desks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["desk"].label_from_instance = lambda desk: (
            desk.consortium.name if desk.consortium_id else desk.name
        )
        if len(self.fields["desk"].queryset) == 1:
            self.fields["desk"].widget = forms.HiddenInput()
            self.fields["desk"].initial = self.fields["desk"].queryset[0].pk


class AgentTicketForm(forms.Form):
    """An agent opens a ticket on a member's behalf."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label="Member organization", required=False
    )
    requester_email = forms.EmailField(label="Requester's e-mail")
    requester_name = forms.CharField(label="Requester's name", max_length=200, required=False)
    subject = forms.CharField(max_length=300)
    category = forms.ChoiceField(choices=Ticket.Category.choices, initial=Ticket.Category.OTHER)
    priority = forms.ChoiceField(choices=Ticket.Priority.choices, initial=Ticket.Priority.NORMAL)
    body = forms.CharField(label="What they asked", widget=forms.Textarea(attrs={"rows": 8}))
    attachments = AttachmentsField()

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class SavedFilterForm(forms.ModelForm):
    class Meta:
        model = SavedFilter
        fields = ["name", "query"]
        widgets = {"query": forms.HiddenInput()}
        labels = {"name": "Save these filters as"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user

    def clean_query(self):
        return self.cleaned_data["query"].lstrip("?")

    def validate_unique(self):
        pass


class CannedReplyForm(forms.ModelForm):
    every_desk = forms.BooleanField(
        label="For every desk", required=False, help_text="ORCID's replies every desk can use."
    )

    class Meta:
        model = CannedReply
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, desk: Desk, can_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.desk = desk
        if can_share:
            self.fields["every_desk"].initial = self.instance.pk is not None and self.instance.desk_id is None
        else:
            del self.fields["every_desk"]


class DeskForm(forms.Form):
    name = forms.CharField(max_length=150)
    email_address = forms.EmailField(
        label="E-mail address", required=False, help_text="Where members write; replies come from it."
    )
    unknown_senders = forms.ChoiceField(
        label="Mail from unknown senders", choices=Desk.UnknownSenders.choices
    )


def minutes_to_hours(minutes) -> Decimal | None:
    if minutes is None:
        return None
    return (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()


class SlaForm(forms.Form):
    """One priority's targets, entered in working hours (stored in working minutes)."""

    priority = forms.ChoiceField(
        choices=[("", "Every priority (default)"), *Ticket.Priority.choices],
        widget=forms.HiddenInput,
        required=False,
    )
    first_response_hours = forms.DecimalField(
        label="First response", min_value=Decimal("0.01"), decimal_places=2, required=False
    )
    next_response_hours = forms.DecimalField(
        label="Next response", min_value=Decimal("0.01"), decimal_places=2, required=False
    )
    resolution_hours = forms.DecimalField(
        label="Resolution", min_value=Decimal("0.01"), decimal_places=2, required=False
    )

    NAMES = ("first_response", "next_response", "resolution")

    def clean(self):
        data = super().clean()
        given = [data.get(f"{name}_hours") is not None for name in self.NAMES]
        if any(given) and not all(given):
            raise ValidationError("Give all three targets, or none to keep the default.")
        return data

    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(f"{name}_hours") is None for name in self.NAMES)

    def targets(self) -> dict:
        return {f"{name}_minutes": int(self.cleaned_data[f"{name}_hours"] * 60) for name in self.NAMES}


# A working day of up to two periods (e.g. a lunch break between them).
PERIOD_LABELS = (("from", "to"), ("and from", "to"))


def _hours_field(day: int, period: int, end: str) -> str:
    return f"day{day}_{end}" if period == 0 else f"day{day}_{end}{period + 1}"


class CalendarForm(forms.Form):
    time_zone = forms.CharField(max_length=64, help_text="e.g. Pacific/Auckland")
    country = forms.CharField(
        label="Holidays of", max_length=2, required=False, help_text="Two-letter country code, like NZ"
    )
    subdivision = forms.CharField(
        max_length=10, required=False, help_text="Optional: a state or province for its own holidays"
    )
    closures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One a line: 2026-12-24 End-of-year break",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAYS):
            for period, (label_from, label_to) in enumerate(PERIOD_LABELS):
                self.fields[_hours_field(day, period, "start")] = forms.TimeField(
                    label=f"{name} {label_from}",
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}),
                )
                self.fields[_hours_field(day, period, "end")] = forms.TimeField(
                    label=f"{name} {label_to}", required=False, widget=forms.TimeInput(attrs={"type": "time"})
                )

    @classmethod
    def initial_for(cls, calendar) -> dict:
        initial = {
            "time_zone": calendar.time_zone,
            "country": calendar.country,
            "subdivision": calendar.subdivision,
            "closures": "\n".join(f"{c.date:%Y-%m-%d} {c.reason}" for c in calendar.closures.all()),
        }
        periods: dict[int, int] = {}
        for hours in calendar.hours.all():  # ordered by weekday and start
            period = periods.get(hours.weekday, 0)
            periods[hours.weekday] = period + 1
            if period < len(PERIOD_LABELS):
                initial[_hours_field(hours.weekday, period, "start")] = hours.starts_at
                initial[_hours_field(hours.weekday, period, "end")] = hours.ends_at
        return initial

    def weekday_rows(self):
        """(day name, [(start field, end field) per period])."""
        return [
            (
                name,
                [
                    (self[_hours_field(day, period, "start")], self[_hours_field(day, period, "end")])
                    for period in range(len(PERIOD_LABELS))
                ],
            )
            for day, name in enumerate(WEEKDAYS)
        ]

    def clean(self):
        data = super().clean()
        hours = []
        for day, name in enumerate(WEEKDAYS):
            for period in range(len(PERIOD_LABELS)):
                start_field, end_field = _hours_field(day, period, "start"), _hours_field(day, period, "end")
                start, end = data.get(start_field), data.get(end_field)
                if (start is None) != (end is None):
                    self.add_error(start_field, f"Give {name}'s start and end, or neither (closed).")
                elif start is not None:
                    if start >= end:
                        self.add_error(end_field, f"{name} ends before it starts.")
                    hours.append((day, start, end))
        data["hours"] = hours
        data["closure_list"] = self._closures(data.get("closures", ""))
        return data

    def _closures(self, text: str):
        from datetime import date

        closures = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            day, _, reason = line.partition(" ")
            try:
                closures.append((date.fromisoformat(day), reason.strip() or "Closed"))
            except ValueError:
                self.add_error("closures", f"Line {number}: “{day}” is not a date like 2026-12-24.")
        return closures


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="How did we do?",
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything to add?", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000
    )
