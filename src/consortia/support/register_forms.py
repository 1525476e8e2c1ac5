"""Forms of the issues register: the consortium team's entry, ORCID's answer, and ORCID's merge."""

import re

from django import forms

from consortia.accounts import policy
from consortia.directory.models import Membership
from consortia.support.models import RegisteredIssue

TICKET_NUMBER = re.compile(r"^#?(\d+)$")


class MembershipChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organization.name


class RegisteredIssueForm(forms.Form):
    title = forms.CharField(max_length=RegisteredIssue._meta.get_field("title").max_length)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}))
    category = forms.ChoiceField(choices=RegisteredIssue.Category.choices)
    status = forms.ChoiceField(choices=RegisteredIssue.Status.choices, initial=RegisteredIssue.Status.OPEN)
    members_affected = MembershipChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Hold Ctrl (⌘ on a Mac) to choose several.",
    )
    tickets = forms.CharField(
        required=False,
        label="Linked tickets",
        help_text="Ticket references separated by commas, e.g. #12, #15.",
    )

    def __init__(self, *args, user, consortium, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.consortium = consortium
        self.fields["members_affected"].queryset = (
            Membership.objects.filter(consortium=consortium)
            .select_related("organization")
            .order_by("organization__name")
        )

    @classmethod
    def initial_for(cls, issue: RegisteredIssue) -> dict:
        return {
            "title": issue.title,
            "description": issue.description,
            "category": issue.category,
            "status": issue.status,
            "members_affected": list(issue.members_affected.all()),
            "tickets": ", ".join(f"#{ticket.pk}" for ticket in issue.tickets.order_by("pk")),
        }

    def clean_tickets(self):
        """The tickets the references name, among those the user can see; whether each is the
        consortium's own is the service's rule."""
        numbers = []
        for part in re.split(r"[,\s]+", self.cleaned_data["tickets"].strip()):
            if not part:
                continue
            match = TICKET_NUMBER.match(part)
            if match is None:
                raise forms.ValidationError(f"“{part}” is not a ticket reference like #12.")
            numbers.append(int(match.group(1)))
        found = {ticket.pk: ticket for ticket in policy.tickets_for(self.user).filter(pk__in=numbers)}
        missing = [f"#{number}" for number in numbers if number not in found]
        if missing:
            raise forms.ValidationError(f"There is no ticket {', '.join(missing)} that you can see.")
        return [found[number] for number in dict.fromkeys(numbers)]


class AnswerForm(forms.Form):
    status = forms.ChoiceField(choices=RegisteredIssue.Status.choices)
    orcid_reference = forms.CharField(
        required=False,
        max_length=RegisteredIssue._meta.get_field("orcid_reference").max_length,
        label="ORCID's reference",
        help_text="ORCID's own ticket or tracker reference.",
    )
    orcid_answer = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 5}), label="ORCID's answer"
    )


class MergeForm(forms.Form):
    """The issue this one is the same as; the choices are the candidates the page lists."""

    into = forms.ModelChoiceField(
        queryset=RegisteredIssue.objects.none(),
        label="Same issue as",
        error_messages={"invalid_choice": "Choose one of the issues listed."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates
