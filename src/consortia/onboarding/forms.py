"""Forms for the onboarding pages. They parse input; the rules live in services."""

from django import forms
from django.template.defaultfilters import filesizeformat

from consortia.onboarding.models import ChecklistKind, ChecklistTemplate, Owner, Phase, TemplateItem

# Evidence files are documents and screenshots, not archives: keep the media folder small.
MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024


class CompleteItemForm(forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was done, and where the record of it is.",
    )
    link = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A page, document or message that shows it is done.",
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text=f"A document or screenshot, up to {filesizeformat(MAX_EVIDENCE_FILE_BYTES)}.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_EVIDENCE_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; evidence files can be at most "
                f"{filesizeformat(MAX_EVIDENCE_FILE_BYTES)}. Share a link to a larger file instead."
            )
        return upload


class ReopenItemForm(forms.Form):
    reason = forms.CharField(
        label="Why is it reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the item is reopened."},
        help_text="The evidence given when it was completed stays in the item's history.",
    )


class ChecklistFilterForm(forms.Form):
    """The list page's filters; bad values are dropped rather than refused."""

    q = forms.CharField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *ChecklistKind.choices])
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def filters(self) -> dict:
        if not self.is_valid():
            return {"q": "", "kind": "", "overdue_only": False}
        data = self.cleaned_data
        return {"q": data["q"].strip(), "kind": data["kind"], "overdue_only": data["overdue"]}


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_default = forms.BooleanField(
        label="Default template",
        required=False,
        help_text="New consortia (or new members, for a member template) start from the default of its kind.",
    )

    @classmethod
    def for_template(cls, template: ChecklistTemplate, data=None):
        return cls(data, initial={name: getattr(template, name) for name in cls.base_fields})


class TemplateItemForm(forms.Form):
    title = forms.CharField(max_length=300)
    owner = forms.ChoiceField(choices=Owner.choices, help_text="Who completes the item.")
    phase = forms.ChoiceField(choices=Phase.choices)
    due_months = forms.IntegerField(
        label="Due months", min_value=0, max_value=120, initial=0, help_text="Months after the anchor date."
    )
    due_days = forms.IntegerField(
        label="Due days",
        min_value=0,
        max_value=3650,
        initial=0,
        help_text="Days after that (0 and 0: due on the anchor date itself).",
    )
    guidance = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    position = forms.IntegerField(
        min_value=1, max_value=32767, required=False, help_text="Leave empty to add it at the end."
    )

    def __init__(self, *args, template: ChecklistTemplate, item: TemplateItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.template, self.item = template, item
        if item is not None:
            self.fields["position"].required = True
            self.fields["position"].help_text = "Items are listed by position."

    @classmethod
    def for_item(cls, item: TemplateItem, data=None):
        initial = {name: getattr(item, name) for name in cls.base_fields}
        return cls(data, initial=initial, template=item.template, item=item)

    def clean_position(self):
        position = self.cleaned_data.get("position")
        if position is None:
            return None
        taken = self.template.items.filter(position=position)
        if self.item is not None:
            taken = taken.exclude(pk=self.item.pk)
        other = taken.first()
        if other is not None:
            raise forms.ValidationError(
                f"Position {position} is taken by “{other.title}”. "
                "Pick a free position or move that item first."
            )
        return position

    def service_fields(self) -> dict:
        fields = dict(self.cleaned_data)
        if fields.get("position") is None:
            fields.pop("position", None)
        return fields
