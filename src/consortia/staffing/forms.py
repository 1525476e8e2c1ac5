"""Forms for the support staff and training pages. They parse input; the rules live in services."""

from datetime import time

from django import forms
from django.core.exceptions import ValidationError

from consortia import program
from consortia.directory.services import PersonDetails
from consortia.lib.dates import add_months
from consortia.staffing import services
from consortia.staffing.models import WEEKDAY_NAMES, CoverageSlot, HomeworkSubmission, SupportStaff

# Homework is a document or a slide deck, not a video: keep uploads to a size a reviewer opens.
HOMEWORK_MAX_UPLOAD_MB = 10
HOMEWORK_MAX_UPLOAD_BYTES = HOMEWORK_MAX_UPLOAD_MB * 1024 * 1024

DEFAULT_HOURS = (time(9, 0), time(17, 0))
WEEKEND = (5, 6)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input(label: str):
    return forms.TimeInput(attrs={"type": "time", "aria-label": label}, format="%H:%M")


class StaffTermsForm(forms.Form):
    """A staff row's terms and its weekday coverage (one "covers" box and hours per day)."""

    role = forms.ChoiceField(choices=SupportStaff.Role.choices)
    fte = forms.CharField(
        label="FTE",
        max_length=10,
        help_text="Share of a full-time post given to this consortium: more than 0 and at most 1, e.g. 0.5.",
    )
    employment_model = forms.ChoiceField(
        label="Employment model", choices=SupportStaff.EmploymentModel.choices
    )
    employer = forms.CharField(
        max_length=200,
        required=False,
        help_text="The contracted organization, or the consortia a shared role works for.",
    )
    starts_on = forms.DateField(label="Starts on", widget=_date_input())
    ends_on = forms.DateField(label="Ends on", required=False, widget=_date_input())
    shadowing_starts_on = forms.DateField(label="Shadowing starts on", required=False, widget=_date_input())
    shadowing_ends_on = forms.DateField(
        label="Shadowing ends on",
        required=False,
        widget=_date_input(),
        help_text=(
            f"ORCID's regional team shadows new staff for {program.SHADOWING_MIN_MONTHS}–"
            f"{program.SHADOWING_MAX_MONTHS} months with weekly check-ins. Left empty, the shadowing "
            f"ends {program.SHADOWING_MAX_MONTHS} months after it starts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, name in enumerate(WEEKDAY_NAMES):
            self.fields[f"covers_{day}"] = forms.BooleanField(
                label=f"Covers {name}",
                required=False,
                widget=forms.CheckboxInput(attrs={"aria-label": f"Covers {name}"}),
            )
            self.fields[f"from_{day}"] = forms.TimeField(
                label=f"{name} from", required=False, widget=_time_input(f"{name} from")
            )
            self.fields[f"to_{day}"] = forms.TimeField(
                label=f"{name} to", required=False, widget=_time_input(f"{name} to")
            )
            self.initial.setdefault(f"from_{day}", DEFAULT_HOURS[0])
            self.initial.setdefault(f"to_{day}", DEFAULT_HOURS[1])

    def clean_fte(self):
        try:
            return services.clean_fte(self.cleaned_data["fte"])
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["fte"]) from None

    def clean(self):
        data = super().clean()
        for day, name in enumerate(WEEKDAY_NAMES):
            if data.get(f"covers_{day}"):
                for edge in ("from", "to"):
                    if not data.get(f"{edge}_{day}") and f"{edge}_{day}" not in self.errors:
                        self.add_error(f"{edge}_{day}", f"Give the hours covered on {name}.")
        start = data.get("shadowing_starts_on")
        if start and not data.get("shadowing_ends_on"):
            data["shadowing_ends_on"] = add_months(start, program.SHADOWING_MAX_MONTHS)
        return data

    def coverage(self) -> list[services.Hours]:
        data = self.cleaned_data
        return [
            services.Hours(day, data[f"from_{day}"], data[f"to_{day}"])
            for day in range(len(WEEKDAY_NAMES))
            if data.get(f"covers_{day}")
        ]

    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.STAFF_FIELDS}

    def coverage_rows(self):
        """(day name, covers, from, to) bound fields for the template's grid, weekdays first."""
        return [
            (name, self[f"covers_{day}"], self[f"from_{day}"], self[f"to_{day}"], day in WEEKEND)
            for day, name in enumerate(WEEKDAY_NAMES)
        ]

    @classmethod
    def for_staff(cls, staff: SupportStaff, data=None):
        initial = {name: getattr(staff, name) for name in services.STAFF_FIELDS}
        initial["fte"] = f"{staff.fte.normalize():f}"
        slot: CoverageSlot
        for slot in staff.coverage.all():
            initial[f"covers_{slot.weekday}"] = True
            initial[f"from_{slot.weekday}"] = slot.starts_at
            initial[f"to_{slot.weekday}"] = slot.ends_at
        return cls(data, initial=initial)


class StaffPersonForm(forms.Form):
    """Who the staff member is: the directory's person fields."""

    given_names = forms.CharField(label="Given names", max_length=150)
    family_name = forms.CharField(label="Family name", max_length=150, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    orcid_id = forms.CharField(
        label="ORCID iD",
        max_length=60,
        required=False,
        help_text="Like 0000-0002-1825-0097 or its orcid.org link",
    )

    def person_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "given_names": data["given_names"],
            "family_name": data["family_name"],
            "email": data["email"] or None,
            "orcid_id": data["orcid_id"] or None,
        }


class EditStaffForm(StaffTermsForm, StaffPersonForm):
    effective_on = forms.DateField(
        label="Changes take effect on",
        required=False,
        widget=_date_input(),
        help_text="For a change of role, FTE, employment or coverage: compliance before this date keeps "
        "the old terms. Leave empty for today; give the start date to correct a mistake from the outset.",
    )

    PERSON_FIELDS = ("given_names", "family_name", "email", "orcid_id")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A post without the person's fields (an older form, a script) leaves the person as they are.
        if self.is_bound and not self.corrects_person:
            self.fields["given_names"].required = False

    @classmethod
    def for_staff(cls, staff: SupportStaff, data=None):
        form = super().for_staff(staff, data)
        for name in cls.PERSON_FIELDS:
            form.initial[name] = getattr(staff.person, name) or ""
        return form

    @property
    def corrects_person(self) -> bool:
        return any(name in self.data for name in self.PERSON_FIELDS)

    def person_details(self, person) -> PersonDetails | None:
        """The person's details as corrected here (their phone and job title kept as they are),
        or None when the post left the person's fields out."""
        if not self.corrects_person:
            return None
        return services.person_details(person, **self.person_fields())


class NewStaffForm(StaffTermsForm, StaffPersonForm):
    def person_details(self) -> PersonDetails:
        return PersonDetails(**self.person_fields())


class EndStaffForm(forms.Form):
    ends_on = forms.DateField(label="Last day in the role", widget=_date_input())


class WebinarForm(forms.Form):
    webinar = forms.ChoiceField(choices=program.TRAINING_WEBINARS, widget=forms.HiddenInput)
    attended_on = forms.DateField(label="Attended on", widget=_date_input())

    @classmethod
    def for_webinar(cls, key: str, data=None, **kwargs):
        # One form per webinar on the page: distinct ids, the same field names.
        return cls(
            data, initial={"webinar": key, **kwargs.pop("initial", {})}, auto_id=f"id_webinar_{key}_%s"
        )


class HomeworkForm(forms.Form):
    link = forms.URLField(
        max_length=500, required=False, assume_scheme="https", help_text="A shared document or folder."
    )
    file = forms.FileField(
        required=False, help_text=f"Or attach the homework as one file of up to {HOMEWORK_MAX_UPLOAD_MB} MB."
    )
    note = forms.CharField(
        label="Note for the reviewer", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > HOMEWORK_MAX_UPLOAD_BYTES:
            size = upload.size / (1024 * 1024)
            raise forms.ValidationError(
                f"The file is {size:.1f} MB; homework files can be at most {HOMEWORK_MAX_UPLOAD_MB} MB. "
                "Share a link to a larger file instead."
            )
        return upload


class HomeworkReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("send_back", "Send back for changes")],
        widget=forms.RadioSelect,
        initial="accept",
    )
    feedback = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Feedback is required, whether accepted or sent back.",
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"

    def __init__(self, *args, submission: HomeworkSubmission | None = None, **kwargs):
        if submission is not None:
            kwargs.setdefault("auto_id", f"id_review_{submission.pk}_%s")
        super().__init__(*args, **kwargs)


class CheckInForm(forms.Form):
    held_on = forms.DateField(label="Held on", widget=_date_input())
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="What was covered, and what comes next."
    )
