"""The culture school's key figures for a period (core.figures.KeyFigure), from the data."""

from __future__ import annotations

import statistics

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure

from .models import Application, FeeReduction, Place, PlaceOffer, Programme, SchoolYear


def _places_in(municipality, start, end):
    """Places held at some time in [start, end)."""
    return Place.objects.in_municipality(municipality).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=start), started_on__lt=end
    )


def _key_figures(municipality, start, end) -> list[KeyFigure]:
    places = _places_in(municipality, start, end)
    place_count = places.count()
    pupil_ids = set(places.values_list("pupil_id", flat=True))
    pupils = len(pupil_ids)
    year = (
        SchoolYear.objects.in_municipality(municipality)
        .filter(starts_on__lt=end, ends_on__gte=start)
        .order_by("-starts_on")
        .first()
    )
    children = (
        places.filter(
            pupil__birth_date__gt=start.replace(year=start.year - 16),
            pupil__birth_date__lte=start.replace(year=start.year - 6),
        )
        .values("pupil_id")
        .distinct()
        .count()
    )
    share = None
    if year is not None and year.population_6_15:
        share = round(100 * children / year.population_6_15, 1)
    waiting = Application.objects.in_municipality(municipality).waiting().count()
    accepted = (
        PlaceOffer.objects.in_municipality(municipality)
        .filter(
            status=PlaceOffer.Status.ACCEPTED, offered_at__date__gte=start, offered_at__date__lt=end
        )
        .select_related("application")
    )
    waits = [(o.offered_at - o.application.applied_at).days for o in accepted]
    per_area = (
        places.values("pupil__area__name")
        .annotate(n=Count("pupil", distinct=True))
        .order_by("pupil__area__name")
    )
    per_programme = dict(places.values_list("offer__programme").annotate(n=Count("id")).order_by())
    reductions = FeeReduction.objects.in_municipality(municipality).filter(
        status=FeeReduction.Status.GRANTED, decided_at__date__gte=start, decided_at__date__lt=end
    )
    by_band = (
        reductions.values_list("band__reduction_percent")
        .annotate(n=Count("id"))
        .order_by("band__reduction_percent")
    )
    free = places.filter(free_place=True).count()
    return [
        KeyFigure(
            "culture_school.fee_reductions",
            _("Culture school fee reductions granted"),
            _(
                "Reductions by household income granted in the period, by the reduction; free "
                "places set by staff are counted apart."
            ),
            reductions.count(),
            table_label=_("Reduction"),
            table=(
                *((f"{percent} %", n) for percent, n in by_band),
                (_("Free places"), free),
            ),
        ),
        KeyFigure(
            "culture_school.pupils",
            _("Culture school pupils"),
            _("Different pupils who held at least one place in the period."),
            pupils if place_count else None,
        ),
        KeyFigure(
            "culture_school.places",
            _("Culture school places"),
            _("Pupil places held in the period; one pupil can hold several."),
            place_count if place_count else None,
            table_label=_("Places per programme"),
            table=tuple(
                (str(label), per_programme.get(code, 0)) for code, label in Programme.choices
            ),
        ),
        KeyFigure(
            "culture_school.share_6_15",
            _("Share of children aged 6-15 in the culture school"),
            _(
                "Pupils aged 6-15 at the start of the period, divided by the number of children "
                "aged 6-15 in the municipality as set by the culture school for the school year."
            ),
            share,
            unit="percent",
        ),
        KeyFigure(
            "culture_school.waiting",
            _("On the culture school's waiting lists"),
            _("Applications waiting for a place now (one pupil may wait for several offers)."),
            waiting,
        ),
        KeyFigure(
            "culture_school.median_wait",
            _("Median wait for a culture school place"),
            _("Days from application to the offer of a place, for offers accepted in the period."),
            statistics.median(waits) if waits else None,
            unit="days",
        ),
        KeyFigure(
            "culture_school.reach_by_area",
            _("Culture school pupils by part of the municipality"),
            _("Different pupils with a place in the period, by where they live."),
            pupils if place_count else None,
            table_label=_("Part of the municipality"),
            table=tuple((row["pupil__area__name"] or _("Not given"), row["n"]) for row in per_area),
        ),
    ]


def key_figures(municipality, start, end) -> list[KeyFigure]:
    """The figures of the period; a period with nothing at all in it has no data (None), not
    zeros, as core.figures asks, so the report says so."""
    import dataclasses

    figures = _key_figures(municipality, start, end)
    if all(not figure.value for figure in figures):
        return [dataclasses.replace(figure, value=None, table=()) for figure in figures]
    return figures
