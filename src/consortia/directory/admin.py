from django.contrib import admin

from consortia.accounts import policy
from consortia.directory.models import (
    Consortium,
    Contact,
    Membership,
    MembershipRequest,
    Organization,
    Person,
    Region,
)

# Django admin is for ORCID admins only, whatever the user's is_staff flag says.
admin.site.has_permission = lambda request: policy.can_use_django_admin(request.user)
admin.site.site_header = "Consortia administration"
admin.site.site_title = "Consortia admin"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "region", "country", "currency", "status", "agreement_date"]
    list_filter = ["region", "status", "implementation_approach", "support_model"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["lead_organization", "main_contact"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "ror_id", "country", "tier", "community_type"]
    list_filter = ["tier", "community_type", "organization_type"]
    search_fields = ["name", "ror_id"]


class ContactInline(admin.TabularInline):
    model = Contact
    raw_id_fields = ["person"]
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "consortium", "status", "member_type", "joined_date"]
    list_filter = ["status", "member_type", "consortium"]
    search_fields = ["organization__name"]
    raw_id_fields = ["organization"]
    list_select_related = ["organization", "consortium"]
    inlines = [ContactInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "orcid_id", "orcid_verified_at"]
    search_fields = ["given_names", "family_name", "email", "orcid_id"]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    list_display = ["membership", "kind", "status", "requested_at", "decided_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["membership__organization", "membership__consortium"]
