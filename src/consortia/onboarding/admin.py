"""Django admin for onboarding: templates are editable (ORCID keeps them); checklists are for
looking up, since completing and reopening items goes through the pages so it leaves evidence
and an audit entry."""

from django.contrib import admin

from consortia.onboarding.models import (
    Checklist,
    ChecklistItem,
    ChecklistItemEvent,
    ChecklistTemplate,
    ReminderRun,
    TemplateItem,
)


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    fields = ["position", "title", "owner", "phase", "due_months", "due_days", "guidance"]
    ordering = ["position"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_default", "updated_at"]
    list_filter = ["kind", "is_default"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated_at"]
    inlines = [TemplateItemInline]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ["position", "title", "owner", "phase", "due_date", "completed_at", "completed_by"]
    readonly_fields = fields
    ordering = ["position"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    """Read-mostly: only the name may be corrected here."""

    list_display = ["name", "kind", "consortium", "membership", "created_at"]
    list_filter = ["kind", "consortium"]
    search_fields = ["name", "consortium__name", "membership__organization__name"]
    list_select_related = ["consortium", "membership__organization"]
    readonly_fields = ["template", "kind", "consortium", "membership", "created_at"]
    inlines = [ChecklistItemInline]

    def has_add_permission(self, request):
        return False


class ChecklistItemEventInline(ReadOnlyInline):
    model = ChecklistItemEvent
    fields = ["action", "at", "by", "note", "link", "file", "reason"]
    readonly_fields = fields


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["title", "checklist", "owner", "phase", "due_date", "completed_at"]
    list_filter = ["owner", "phase", "checklist__kind"]
    search_fields = ["title", "checklist__consortium__name", "checklist__membership__organization__name"]
    list_select_related = ["checklist"]
    inlines = [ChecklistItemEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderRun)
class ReminderRunAdmin(admin.ModelAdmin):
    list_display = ["day", "sent_at", "messages_sent"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
