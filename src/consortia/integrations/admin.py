"""Integrations in Django's admin: for ORCID admins to look things up. Stages, credentials and
reviews change only through integrations.services (the stage log and badges follow every
change), so those are read-only here; the platform catalogue and requirements stay editable."""

from django.contrib import admin

from consortia.integrations.models import (
    Announcement,
    AnnouncementRecipient,
    BadgeAward,
    Credential,
    Integration,
    Platform,
    Review,
    ReviewRequirement,
    ReviewResult,
    StageChange,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StageChangeInline(ReadOnlyInline):
    model = StageChange
    fields = ("at", "from_stage", "to_stage", "actor", "reason")


class CredentialInline(ReadOnlyInline):
    model = Credential
    fields = ("client_id", "environment", "name", "scopes", "issued_by", "issued_at", "revoked_at")


class BadgeAwardInline(ReadOnlyInline):
    model = BadgeAward
    fields = ("badge", "awarded_on", "review")


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ("name", "vendor", "system_type", "updated_at")
    list_filter = ("system_type",)
    search_fields = ("name", "vendor")


@admin.register(ReviewRequirement)
class ReviewRequirementAdmin(admin.ModelAdmin):
    list_display = ("text", "badge", "position", "is_active")
    list_filter = ("badge", "is_active")
    search_fields = ("text",)


@admin.register(Integration)
class IntegrationAdmin(ReadOnlyAdmin):
    list_display = ("name", "membership", "platform", "api", "stage", "stage_changed_at")
    list_filter = ("stage", "system_type", "api")
    search_fields = ("name", "membership__organization__name")
    list_select_related = ("membership__organization", "membership__consortium", "platform")
    inlines = [StageChangeInline, CredentialInline, BadgeAwardInline]


@admin.register(Credential)
class CredentialAdmin(ReadOnlyAdmin):
    list_display = ("client_id", "integration", "environment", "issued_at", "revoked_at")
    list_filter = ("environment",)
    search_fields = ("client_id", "name")


class ReviewResultInline(ReadOnlyInline):
    model = ReviewResult
    fields = ("requirement", "verdict", "finding", "screenshot")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("integration", "kind", "badge", "outcome", "started_at", "completed_at")
    list_filter = ("kind", "outcome", "badge")
    inlines = [ReviewResultInline]


class AnnouncementRecipientInline(ReadOnlyInline):
    model = AnnouncementRecipient
    fields = ("email", "name", "integration", "sent_at", "error")


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    list_display = ("subject", "audience", "platform", "consortium", "sent_by", "sent_at")
    inlines = [AnnouncementRecipientInline]
