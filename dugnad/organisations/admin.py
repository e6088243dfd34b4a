from django.contrib import admin

from dugnad.core.admin_history import HistoryAdmin

from .models import ActivityType, Invitation, Organisation, OrganisationRole


class RoleInline(admin.TabularInline):
    model = OrganisationRole
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "org_number", "category", "status", "register_status", "is_demo"]
    list_filter = ["status", "category", "register_status", "in_voluntary_register", "is_demo"]
    search_fields = ["name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["activity_types", "age_groups"]
    raw_id_fields = ["merged_into"]
    readonly_fields = ["imported_at", "edited_fields", "created_at", "updated_at"]
    inlines = [RoleInline]


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category"]
    list_filter = ["category"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token"]
    raw_id_fields = ["organisation", "invited_by"]
