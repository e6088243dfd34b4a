from django.contrib import admin

from dugnad.core.admin_history import HistoryAdmin

from . import models


class OpeningHoursInline(admin.TabularInline):
    model = models.OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = models.OpeningException
    extra = 0


@admin.register(models.Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "area"]
    list_filter = ["kind", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, OpeningExceptionInline]


class PriceRuleInline(admin.TabularInline):
    model = models.PriceRule
    extra = 0


class RoomPhotoInline(admin.TabularInline):
    model = models.RoomPhoto
    extra = 0


@admin.register(models.Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "building", "parent", "kind", "capacity", "is_active"]
    list_filter = ["kind", "building", "is_active"]
    list_select_related = ["building", "parent"]
    filter_horizontal = ["facilities"]
    inlines = [PriceRuleInline, RoomPhotoInline]


@admin.register(models.Booking)
class BookingAdmin(HistoryAdmin):
    # State changes go through the workflow (actions.transition) so that emails and the log follow.
    list_display = ["title", "room", "start", "end", "state", "renter_type", "price_ore"]
    list_filter = ["state", "renter_type", "room__building"]
    list_select_related = ["room__building"]
    readonly_fields = ["state", "state_reason", "price_ore"]
    raw_id_fields = ["room", "booked_by", "organisation", "series"]
    date_hierarchy = "start"


admin.site.register(models.Facility)
admin.site.register(models.BlockedPeriod)


@admin.register(models.AllocationRound)
class AllocationRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "season_start", "season_end", "deadline", "status"]
