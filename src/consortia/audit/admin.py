from django.contrib import admin

from consortia.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is evidence: it can be read and searched here, never edited."""

    list_display = ["at", "actor", "action", "summary", "consortium", "needs_orcid_review"]
    list_filter = ["action", "needs_orcid_review", "consortium"]
    search_fields = ["summary", "object_id"]
    list_select_related = ["actor", "consortium"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
