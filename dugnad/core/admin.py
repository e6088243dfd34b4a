from django.contrib import admin

from .models import ActivityLog, Area, InfoPage, Municipality, PersonalDataAccess, Unit


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "hostname"]
    list_filter = ["county"]
    search_fields = ["name", "number", "hostname"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "municipality"]
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]


@admin.register(InfoPage)
class InfoPageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "published", "position"]


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "actor", "target_repr"]
    list_filter = ["event"]
    search_fields = ["target_repr", "event"]
    readonly_fields = [f.name for f in ActivityLog._meta.fields]

    # The log is append-only: written by `core.notify` and never edited or removed by hand.
    def has_add_permission(self, request):
        return False

    # What happened stays on record: nobody edits or deletes it here.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "viewer_label", "person", "description", "what"]
    list_filter = ["view_name"]
    search_fields = ["viewer_label", "what", "description"]
    list_select_related = ["person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
