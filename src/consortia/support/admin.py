"""The support desk in Django's admin: for ORCID admins to look things up. Tickets and their
threads change only through support.services (the SLA figures and the log follow every change),
so they are read-only here; desk configuration stays editable."""

from django.contrib import admin

from consortia.support.models import (
    Attachment,
    Calendar,
    CalendarClosure,
    CalendarHours,
    CannedReply,
    Desk,
    Escalation,
    InboundMail,
    RegisteredIssue,
    SatisfactionRating,
    SavedFilter,
    SlaPolicy,
    Ticket,
    TicketEvent,
    TicketMessage,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CalendarHoursInline(admin.TabularInline):
    model = CalendarHours
    extra = 0


class CalendarClosureInline(admin.TabularInline):
    model = CalendarClosure
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "country", "subdivision"]
    search_fields = ["name"]
    inlines = [CalendarHoursInline, CalendarClosureInline]


class SlaPolicyInline(admin.TabularInline):
    model = SlaPolicy
    extra = 0


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "consortium", "region", "email_address", "unknown_senders"]
    list_filter = ["kind", "unknown_senders"]
    search_fields = ["name", "slug", "email_address"]
    readonly_fields = ["kind", "consortium", "region", "calendar", "created_at"]
    inlines = [SlaPolicyInline]

    def has_add_permission(self, request):
        return False  # every consortium and region gets its desk automatically

    def has_delete_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnlyInline):
    model = TicketMessage
    fields = ["created_at", "kind", "source", "from_agent", "author_name", "author_email", "body"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = TicketEvent
    fields = ["at", "kind", "from_value", "to_value", "actor"]
    readonly_fields = fields


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "desk",
        "organization",
        "tier",
        "priority",
        "status",
        "assignee",
        "is_breached",
    ]
    list_filter = ["status", "priority", "tier", "category", "origin", "is_breached", "desk__kind"]
    search_fields = ["subject", "requester_email", "requester_name", "organization__name"]
    list_select_related = ["desk", "organization", "assignee"]
    raw_id_fields = ["desk", "consortium", "organization", "requester", "assignee"]
    date_hierarchy = "created_at"
    inlines = [MessageInline, EventInline]


@admin.register(TicketMessage)
class TicketMessageAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "kind", "source", "author_name", "created_at", "emailed_at"]
    list_filter = ["kind", "source", "from_agent"]
    search_fields = ["message_id", "author_email", "body"]
    raw_id_fields = ["ticket", "author"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["filename", "content_type", "size", "message"]
    raw_id_fields = ["message"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "state", "escalated_at", "resolved_at"]
    list_filter = ["state"]
    raw_id_fields = ["ticket", "orcid_ticket", "escalated_by"]


@admin.register(SatisfactionRating)
class SatisfactionRatingAdmin(ReadOnlyAdmin):
    list_display = ["ticket", "score", "rated_at"]
    list_filter = ["score"]
    raw_id_fields = ["ticket"]


@admin.register(InboundMail)
class InboundMailAdmin(ReadOnlyAdmin):
    list_display = ["subject", "sender", "desk", "state", "reason", "received_at"]
    list_filter = ["state", "desk"]
    search_fields = ["subject", "sender", "message_id"]
    exclude = ["raw"]
    raw_id_fields = ["ticket", "reviewed_by"]


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "desk"]
    list_filter = ["desk"]
    search_fields = ["title", "body"]


@admin.register(SavedFilter)
class SavedFilterAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "query"]
    search_fields = ["name", "user__email"]


@admin.register(RegisteredIssue)
class RegisteredIssueAdmin(ReadOnlyAdmin):
    list_display = ["title", "consortium", "category", "status", "orcid_reference", "updated_at"]
    list_filter = ["category", "status", "consortium"]
    search_fields = ["title", "orcid_reference"]
    raw_id_fields = ["merged_into", "created_by"]
