"""Django admin for superusers: the conference's programme and documents and the council's
members and meetings are kept here (staff pages for them are not built yet)."""

from django.contrib import admin

from dugnad.core.admin_history import HistoryAdmin

from .models import (
    Conference,
    ConferenceDocument,
    ConferenceSession,
    Council,
    CouncilMeeting,
    CouncilMember,
    Initiative,
    Story,
)


class SessionInline(admin.TabularInline):
    model = ConferenceSession
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ConferenceDocument
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "municipality")
    raw_id_fields = ("event",)
    inlines = [SessionInline, DocumentInline]


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ("organisation",)


class MeetingInline(admin.StackedInline):
    model = CouncilMeeting
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality")
    inlines = [MemberInline, MeetingInline]


@admin.register(Initiative)
class InitiativeAdmin(HistoryAdmin):
    list_display = ("title", "state", "lead_unit", "municipality")
    list_filter = ("state",)
    raw_id_fields = ("events", "assignments", "partner_organisations")


@admin.register(Story)
class StoryAdmin(HistoryAdmin):
    list_display = ("title", "state", "author_name", "published_at")
    list_filter = ("state",)
    raw_id_fields = ("initiative", "organisation", "event", "author", "reviewed_by")
