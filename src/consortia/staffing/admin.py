from django.contrib import admin

from consortia.staffing.models import (
    CoverageSlot,
    HomeworkSubmission,
    ShadowingCheckIn,
    SupportStaff,
    WebinarAttendance,
)


class CoverageSlotInline(admin.TabularInline):
    model = CoverageSlot
    extra = 0


class WebinarAttendanceInline(admin.TabularInline):
    model = WebinarAttendance
    raw_id_fields = ["recorded_by"]
    extra = 0


class ShadowingCheckInInline(admin.TabularInline):
    model = ShadowingCheckIn
    raw_id_fields = ["recorded_by"]
    extra = 0


@admin.register(SupportStaff)
class SupportStaffAdmin(admin.ModelAdmin):
    list_display = ["person", "consortium", "role", "fte", "employment_model", "starts_on", "ends_on"]
    list_filter = ["role", "employment_model", "consortium"]
    search_fields = ["person__given_names", "person__family_name", "person__email", "person__orcid_id"]
    raw_id_fields = ["person"]
    list_select_related = ["person", "consortium"]
    inlines = [CoverageSlotInline, WebinarAttendanceInline, ShadowingCheckInInline]


@admin.register(HomeworkSubmission)
class HomeworkSubmissionAdmin(admin.ModelAdmin):
    list_display = ["staff", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["staff__person__given_names", "staff__person__family_name"]
    raw_id_fields = ["staff", "submitted_by", "reviewed_by"]
    list_select_related = ["staff__person"]
