"""Forms for the directory pages. They parse input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError

from consortia.directory.models import Contact, Membership, Organization
from consortia.directory.services import PersonDetails


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=255)
    ror_id = forms.CharField(
        label="ROR ID", max_length=40, required=False, help_text="Like 05gq02987 or https://ror.org/05gq02987"
    )
    country = forms.CharField(max_length=2, help_text="Two-letter ISO code, like NZ")
    city = forms.CharField(max_length=120, required=False)
    organization_type = forms.ChoiceField(choices=Organization.OrganizationType.choices)
    tier = forms.ChoiceField(choices=Organization.Tier.choices, help_text="By annual operating budget")
    community_type = forms.ChoiceField(choices=Organization.CommunityType.choices)
    website = forms.URLField(required=False, assume_scheme="https")
    billing_address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    @classmethod
    def for_organization(cls, organization: Organization, data=None):
        initial = {name: getattr(organization, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class MembershipForm(forms.Form):
    status = forms.ChoiceField(choices=Membership.Status.choices)
    member_type = forms.ChoiceField(choices=Membership.MemberType.choices)
    enquiry_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    joined_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {membership.status, *Membership.NEXT_STATUSES[membership.status]} - {Membership.Status.LEFT}
        self.fields["status"].choices = [(v, label) for v, label in Membership.Status.choices if v in allowed]


class NewMemberForm(OrganizationForm):
    status = forms.ChoiceField(
        choices=[(s, Membership.Status(s).label) for s in ("enquiry", "applying", "onboarding")],
        help_text="Make it active once its main relationship and voting contacts are in.",
    )
    member_type = forms.ChoiceField(choices=Membership.MemberType.choices)
    request_note = forms.CharField(
        label="Note for ORCID",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="ORCID sees the new member as pending until it confirms it.",
    )


class EndMembershipForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("left", "Left the consortium"), ("lapsed", "Lapsed (not renewed)")], label="How it ends"
    )
    ended_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class ContactForm(forms.Form):
    role = forms.ChoiceField(choices=Contact.Role.choices)
    given_names = forms.CharField(max_length=150)
    family_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    orcid_id = forms.CharField(
        label="ORCID iD",
        max_length=60,
        required=False,
        help_text="Like 0000-0002-1825-0097 or its orcid.org link",
    )
    job_title = forms.CharField(max_length=150, required=False)
    phone = forms.CharField(max_length=40, required=False)

    def person_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(**{key: data.get(key) for key in PersonDetails.__dataclass_fields__})

    @classmethod
    def for_contact(cls, contact: Contact, data=None):
        person = contact.person
        initial = {
            "role": contact.role,
            **{key: getattr(person, key) for key in PersonDetails.__dataclass_fields__},
        }
        return cls(data, initial=initial)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "Confirm"), ("decline", "Decline")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
