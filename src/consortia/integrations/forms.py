"""Forms of the integrations pages. They only shape input: every rule is the service's.

The credential form has no secret field, by design: ORCID gives the secret to the member directly
and it is never stored here."""

from django import forms

from consortia.directory.models import Membership, Person
from consortia.integrations import services
from consortia.integrations.models import (
    Badge,
    Credential,
    Integration,
    Platform,
    ReviewRequirement,
    ReviewResult,
    Stage,
    SystemType,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} <{obj.email}>" if obj.email else obj.full_name


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organization.name} ({obj.consortium.name})"


class MembershipChooserForm(forms.Form):
    membership = MembershipChoiceField(queryset=Membership.objects.none(), label="Member")

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = memberships.select_related(
            "organization", "consortium"
        ).order_by("organization__name")


class IntegrationForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="What the member calls it, e.g. “Research portal”.")
    system_type = forms.ChoiceField(choices=SystemType.choices)
    platform = forms.ModelChoiceField(
        queryset=Platform.objects.all(),
        required=False,
        label="Platform or vendor",
        help_text="From the shared catalogue; leave empty for an in-house system.",
    )
    api = forms.ChoiceField(choices=Integration.Api.choices, label="API used", initial=Integration.Api.MEMBER)
    environment = forms.CharField(
        max_length=200, required=False, help_text="Where it runs, e.g. hosted by the vendor."
    )
    technical_contact = PersonChoiceField(
        queryset=Person.objects.none(), required=False, help_text="One of the member's contacts."
    )
    target_sandbox_on = forms.DateField(required=False, widget=DATE, label="Target date for the sandbox")
    target_live_on = forms.DateField(required=False, widget=DATE, label="Target date to go live")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technical_contact"].queryset = (
            Person.objects.filter(contacts__membership=membership).distinct().order_by("family_name", "pk")
        )

    @classmethod
    def initial_for(cls, integration: Integration) -> dict:
        return {name: getattr(integration, name) for name in services.INTEGRATION_FIELDS}


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, label="Move to")
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to go back or to retire it.",
    )


class CredentialForm(forms.Form):
    """No secret field: ORCID gives the secret to the member directly; it is never stored here."""

    environment = forms.ChoiceField(choices=Credential.Environment.choices)
    client_id = forms.CharField(max_length=40, label="Client ID", help_text="APP- and 16 letters or digits.")
    name = forms.CharField(max_length=150, label="Client name")
    redirect_uris = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Redirect URIs",
        help_text="One a line; https (plain http only to localhost, in the sandbox).",
    )
    scopes = forms.MultipleChoiceField(
        choices=[(s, s) for s in sorted(services.SCOPES)],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_redirect_uris(self):
        return [line.strip() for line in self.cleaned_data["redirect_uris"].splitlines() if line.strip()]


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=300, label="Reason for revoking")


class StartReviewForm(forms.Form):
    kind = forms.ChoiceField(label="Review")
    badge = forms.ChoiceField(choices=Badge.choices, help_text="Reviews it and every badge before it.")

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class ResultForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=ReviewResult.Verdict.choices, widget=forms.RadioSelect, label="Verdict"
    )
    finding = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Needed when it fails."
    )
    screenshot = forms.FileField(required=False)


class CompleteReviewForm(forms.Form):
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the member; when it fails and this is empty, the findings are the summary.",
    )


class PlatformForm(forms.Form):
    name = forms.CharField(max_length=150)
    vendor = forms.CharField(max_length=150, required=False)
    system_type = forms.ChoiceField(choices=SystemType.choices)
    website = forms.URLField(required=False, assume_scheme="https")
    integration_status = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is known of its ORCID integration, e.g. which version supports what.",
    )
    resources = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Links to guides and examples, one a line.",
    )

    @classmethod
    def initial_for(cls, platform: Platform) -> dict:
        return {name: getattr(platform, name) for name in services.PLATFORM_FIELDS}


class RequirementForm(forms.Form):
    badge = forms.ChoiceField(choices=Badge.choices)
    text = forms.CharField(max_length=400, label="Requirement")
    guidance = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    position = forms.IntegerField(min_value=0, initial=0, help_text="Its place in the badge's list.")
    is_active = forms.BooleanField(required=False, initial=True, label="In use")

    @classmethod
    def initial_for(cls, requirement: ReviewRequirement) -> dict:
        return {
            name: getattr(requirement, name)
            for name in ("badge", "text", "guidance", "position", "is_active")
        }
