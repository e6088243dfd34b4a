from django.contrib import admin

from .models import (
    Assignment,
    HoursEntry,
    Interest,
    PoliceCertificateRecord,
    Shift,
    VolunteerProfile,
)


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "unit", "kind", "status", "people_needed"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["organisation", "unit", "contact_person", "created_by"]
    inlines = [ShiftInline]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["assignment", "volunteer", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    raw_id_fields = ["assignment", "volunteer", "answered_by"]


@admin.register(HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ["assignment", "volunteer", "date", "minutes", "status"]
    list_filter = ["status"]
    raw_id_fields = ["assignment", "volunteer", "shift", "decided_by"]


@admin.register(PoliceCertificateRecord)
class PoliceCertificateRecordAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "role", "shown_on", "expires_on"]
    raw_id_fields = ["volunteer", "organisation", "unit", "recorded_by"]


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "contactable", "created_at"]
    raw_id_fields = ["user"]
