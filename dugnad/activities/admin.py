from django.contrib import admin

from .models import Event, Occurrence, OrganiserPolicy, SignUp


class OccurrenceInline(admin.TabularInline):
    model = Occurrence
    extra = 0
    fields = ("start", "end", "status", "note", "capacity")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "unit", "category", "status")
    list_filter = ("status", "category", "is_demo")
    search_fields = ("title",)
    raw_id_fields = ("organisation", "unit", "created_by")
    inlines = [OccurrenceInline]


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ("participant_name", "occurrence", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("occurrence", "booked_by")


admin.site.register(OrganiserPolicy)
