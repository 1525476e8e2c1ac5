from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from consortia.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "tenant_label", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["region", "consortium", "organization"]
    raw_id_fields = ["person", "organization"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "person"]}),
        ("Role and scope", {"fields": ["role", "region", "consortium", "organization"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "role", "region", "consortium", "organization", "password1", "password2"],
            },
        ),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "purpose",
        "consortium",
        "key_start",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["key_hash", "key_start", "created_at", "last_used_at"]
