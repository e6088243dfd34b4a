"""Reads for the plans app: plans, measures, updates, reports, and every app's key figures.

The figures come through the app contract (`core.plugins.key_figure_sources`): this module
never names the app a figure comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.access import access_for
from dugnad.core.figures import KeyFigure, four_month_period_of
from dugnad.core.plugins import QueueItem, key_figure_sources
from dugnad.organisations.models import Organisation

from . import rules
from .models import (
    OPEN_STATES,
    ActionPlan,
    AnnualReport,
    FocusArea,
    Measure,
    MeasureComment,
    MeasureLink,
    StatusUpdate,
)


def plans(municipality):
    return ActionPlan.objects.in_municipality(municipality).filter(published=True)


def plan_choices(municipality):
    return ActionPlan.objects.in_municipality(municipality).select_related("owner_unit")


def _measures():
    return (
        Measure.objects.select_related("responsible_unit", "focus_area")
        .annotate(update_count=Count("updates"), last_update_on=Max("updates__date"))
        .prefetch_related("updates")
        .order_by("number")
    )


def plan_detail(pk, municipality) -> ActionPlan:
    """A plan with its goals, focus areas, measures and their updates (5 queries, whatever the
    plan's size)."""
    return (
        plan_choices(municipality)
        .prefetch_related(
            "goals",
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.order_by("number").prefetch_related(
                    Prefetch("measures", queryset=_measures())
                ),
            ),
        )
        .get(pk=pk)
    )


def plan_measures(plan: ActionPlan) -> list[Measure]:
    return [m for area in plan.focus_areas.all() for m in area.measures.all()]


def measures(municipality):
    return Measure.objects.in_municipality(municipality).select_related(
        "focus_area__plan__owner_unit", "responsible_unit"
    )


def measure_detail(pk, municipality) -> Measure:
    return (
        measures(municipality)
        .prefetch_related(
            Prefetch("updates", queryset=StatusUpdate.objects.select_related("author")),
            Prefetch(
                "comments", queryset=MeasureComment.objects.select_related("organisation", "author")
            ),
            Prefetch(
                "links",
                queryset=MeasureLink.objects.select_related("content_type").prefetch_related(
                    "target"
                ),
            ),
        )
        .get(pk=pk)
    )


def links_in(municipality):
    return MeasureLink.objects.select_related(
        "measure__focus_area__plan", "measure__responsible_unit"
    ).filter(measure__focus_area__plan__municipality=municipality)


def user_organisations(user, municipality):
    """Approved organisations of the municipality that `user` acts for (for comments)."""
    if not user.is_authenticated:
        return None
    ids = access_for(user).organisation_ids()
    if not ids:
        return None
    return Organisation.objects.filter(
        pk__in=ids, municipality=municipality, status=Organisation.Status.APPROVED
    ).order_by("name")


def current_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The four-month period in which every open measure is expected to get an update."""
    return four_month_period_of(today or timezone.localdate())


def without_update(measure_queryset, start: dt.date, end: dt.date):
    """Open measures (planned, in progress, delayed) with no update dated in [start, end)."""
    return (
        measure_queryset.filter(state__in=OPEN_STATES)
        .exclude(
            pk__in=StatusUpdate.objects.filter(date__gte=start, date__lt=end).values("measure_id")
        )
        .order_by("focus_area__number", "number")
    )


def plan_without_update(plan: ActionPlan, today=None) -> list[Measure]:
    start, end = current_period(today)
    found = without_update(
        Measure.objects.filter(focus_area__plan=plan).select_related(
            "focus_area", "responsible_unit"
        ),
        start,
        end,
    )
    return list(found)


def my_measures(user, municipality):
    """Measures the person updates: their units' (and below), and all of the plans they own."""
    units = rules.responsible_unit_ids(user)
    owned = rules.owned_plan_unit_ids(user)
    return measures(municipality).filter(
        Q(responsible_unit_id__in=units) | Q(focus_area__plan__owner_unit_id__in=owned)
    )


def my_measures_this_period(user, municipality) -> tuple[list[Measure], set[int]]:
    """The person's measures, and the ids of those still without an update this period."""
    start, end = current_period()
    found = my_measures(user, municipality)
    missing = set(without_update(found, start, end).values_list("pk", flat=True))
    return list(found.order_by("focus_area__plan", "focus_area__number", "number")), missing


def reports(plan: ActionPlan, include_drafts: bool):
    found = AnnualReport.objects.filter(plan=plan).order_by("-year")
    return found if include_drafts else found.filter(status=AnnualReport.Status.APPROVED)


def reports_in(municipality):
    return AnnualReport.objects.in_municipality(municipality).select_related(
        "plan__owner_unit", "plan__municipality", "approved_by"
    )


@dataclass(frozen=True)
class FigureSection:
    """The figures one app reports, under the app's name."""

    key: str
    title: str
    figures: list[KeyFigure]


def key_figures(municipality, start: dt.date, end: dt.date) -> list[FigureSection]:
    """Every installed app's figures for [start, end), in INSTALLED_APPS order."""
    return [
        FigureSection(
            config.label, str(config.verbose_name), list(source(municipality, start, end))
        )
        for config, source in key_figure_sources()
    ]


def home_section(municipality) -> dict | None:
    # A card shows the plan's name and its counts: the other columns need not be compiled.
    found = list(
        plans(municipality)
        .only("title", "start_year", "end_year")
        .annotate(
            measure_count=Count("focus_areas__measures", distinct=True),
            done_count=Count(
                "focus_areas__measures",
                filter=Q(focus_areas__measures__state="done"),
                distinct=True,
            ),
        )[:3]
    )
    return {"plans": found} if found else None


def work_queue(user, municipality) -> list[QueueItem]:
    if not user.is_authenticated:
        return []
    items = []
    start, end = current_period()
    mine = without_update(my_measures(user, municipality), start, end).count()
    if mine:
        items.append(
            QueueItem(_("Measures without an update this period"), mine, reverse("plans:mine"))
        )
    owned = rules.owned_plan_unit_ids(user)
    if owned:
        drafts = AnnualReport.objects.in_municipality(municipality).filter(
            status=AnnualReport.Status.DRAFT, plan__owner_unit_id__in=owned
        )
        if count := drafts.count():
            first = drafts.order_by("-year").first()
            items.append(QueueItem(_("Annual reports to approve"), count, first.get_absolute_url()))
    return items


def public_measures(municipality):
    """Measures of the published plans, with the date of their newest update (API)."""
    return (
        measures(municipality)
        .filter(focus_area__plan__published=True)
        .annotate(last_update_on=Max("updates__date"))
        .order_by("focus_area__plan_id", "focus_area__number", "number")
    )
