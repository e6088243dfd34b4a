"""The calendar's key figures for the action plan's report (core.figures, one query each).

Only counts leave this module: no participant's name or age is part of a figure.
"""

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure, local_bounds
from dugnad.core.models import AgeGroup

from .models import Event, Occurrence, SignUp


def _occurrences(municipality, start: dt.date, end: dt.date):
    lower, upper = local_bounds(start, end)
    return Occurrence.objects.filter(
        event__municipality=municipality,
        event__status=Event.Status.PUBLISHED,
        status=Occurrence.Status.SCHEDULED,
        start__gte=lower,
        start__lt=upper,
    )


def _signups(municipality, start: dt.date, end: dt.date):
    return SignUp.objects.filter(
        occurrence__in=_occurrences(municipality, start, end), status=SignUp.Status.CONFIRMED
    )


def events(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rows = (
        _occurrences(municipality, start, end)
        .values("event__category")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("event__category")
    )
    names = dict(Event._meta.get_field("category").choices)
    table = tuple((str(names.get(row["event__category"], "")), row["n"]) for row in rows)
    return KeyFigure(
        key="activities.events",
        label=_("Events"),
        definition=_(
            "Published events in the activity calendar with at least one date in the period "
            "that was not cancelled; a series counts once."
        ),
        value=sum(n for _label, n in table) or None,
        table_label=_("Per category"),
        table=table,
    )


def signups(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    count = _signups(municipality, start, end).count()
    return KeyFigure(
        key="activities.signups",
        label=_("Sign-ups"),
        definition=_(
            "Confirmed sign-ups (not the waiting list, not cancelled) for event dates in the "
            "period."
        ),
        value=count or None,
    )


def reach_per_age_group(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rows = (
        _signups(municipality, start, end)
        .values("occurrence__event__age_groups")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["occurrence__event__age_groups"]: row["n"] for row in rows}
    table = tuple(
        (str(group), counts.get(group.code, 0)) for group in AgeGroup.objects.order_by("position")
    )
    if counts.get(None):
        table += ((_("No age group given"), counts[None]),)
    return KeyFigure(
        key="activities.reach_age_group",
        label=_("Reach per age group"),
        definition=_(
            "Confirmed sign-ups per age group that the event is meant for; an event for "
            "several age groups counts in each of them."
        ),
        value=sum(n for _label, n in table) or None,
        table_label=_("Age group"),
        table=table,
    )


def reach_per_area(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rows = (
        _signups(municipality, start, end)
        .values("occurrence__event__area__name")
        .annotate(n=Count("pk"))
        .order_by("occurrence__event__area__name")
    )
    table = tuple(
        (row["occurrence__event__area__name"] or _("No area given"), row["n"]) for row in rows
    )
    return KeyFigure(
        key="activities.reach_area",
        label=_("Reach per area"),
        definition=_(
            "Confirmed sign-ups per part of the municipality where the event takes place."
        ),
        value=sum(n for _label, n in table) or None,
        table_label=_("Area"),
        table=table,
    )


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    return [
        events(municipality, start, end),
        signups(municipality, start, end),
        reach_per_age_group(municipality, start, end),
        reach_per_area(municipality, start, end),
    ]
