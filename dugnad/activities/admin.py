from django.contrib import admin

from .models import Event, Occurrence, OrganiserPolicy, PriceGroup, SignUp, SignUpQuestion


class OccurrenceInline(admin.TabularInline):
    model = Occurrence
    extra = 0
    fields = ("start", "end", "status", "note", "capacity")


class SignUpQuestionInline(admin.TabularInline):
    model = SignUpQuestion
    extra = 0


class PriceGroupInline(admin.TabularInline):
    model = PriceGroup
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "unit", "category", "status")
    list_filter = ("status", "category", "is_demo")
    search_fields = ("title",)
    raw_id_fields = ("organisation", "unit", "created_by")
    filter_horizontal = ("co_organisers", "co_organiser_units")
    inlines = [OccurrenceInline, SignUpQuestionInline, PriceGroupInline]


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ("participant_name", "occurrence", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("occurrence", "booked_by")


admin.site.register(OrganiserPolicy)
