"""Staff edit schemes, their forms and workflows here, as data, without code."""

from django.contrib import admin

from dugnad.core.admin_history import HistoryAdmin

from .models import (
    Application,
    Decision,
    FormField,
    FormSection,
    GrantScheme,
    Round,
    SchemeBudget,
    WorkflowState,
    WorkflowTransition,
)


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


class BudgetInline(admin.TabularInline):
    model = SchemeBudget
    extra = 0


class SectionInline(admin.TabularInline):
    model = FormSection
    extra = 0
    show_change_link = True


class StateInline(admin.TabularInline):
    model = WorkflowState
    extra = 0


class TransitionInline(admin.TabularInline):
    model = WorkflowTransition
    extra = 0
    fk_name = "scheme"


@admin.register(GrantScheme)
class GrantSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "published"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BudgetInline, RoundInline, SectionInline, StateInline, TransitionInline]


class FieldInline(admin.StackedInline):
    model = FormField
    extra = 0


@admin.register(FormSection)
class FormSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "scheme", "position"]
    list_filter = ["scheme"]
    inlines = [FieldInline]


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    list_display = ["__str__", "scheme", "state", "submitted_at"]
    list_filter = ["scheme", "state__kind"]
    raw_id_fields = ["organisation", "created_by", "handler"]
    filter_horizontal = ["reviewers"]


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["__str__", "amount", "decided_at"]
    raw_id_fields = ["application", "decided_by"]
