"""Volunteering's key figures for the action plan's report (core.figures, one query each).

Hours of a person who has since been deleted stay in the figures: their entries keep the hours
with the person removed (HoursEntry.volunteer is set to null on erasure).
"""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure, local_bounds, median, month_label, per_month

from .models import HoursEntry, Interest, VolunteerProfile, municipality_q
from .queries import hourly_value_ore


def _approved_hours(municipality, start: dt.date, end: dt.date):
    return HoursEntry.objects.filter(
        municipality_q(municipality, prefix="assignment__"),
        status=HoursEntry.Status.APPROVED,
        date__gte=start,
        date__lt=end,
    )


def approved_hours(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rows = (
        _approved_hours(municipality, start, end)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(minutes=Sum("minutes"))
        .order_by("month")
    )
    minutes = {month_label(row["month"]): row["minutes"] for row in rows}
    total = sum(minutes.values())
    return KeyFigure(
        key="volunteering.hours",
        label=_("Volunteer hours"),
        definition=_(
            "Hours of volunteer work approved by the organiser, dated in the period, for "
            "assignments of the municipality's organisations and units. Hours of people who "
            "have since deleted their account are counted."
        ),
        value=round(total / 60, 1) if minutes else None,
        unit="hours",
        table_label=_("Hours per month"),
        table=per_month({k: round(v / 60, 1) for k, v in minutes.items()}, start, end),
    )


def hours_value(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rate = hourly_value_ore()
    minutes = _approved_hours(municipality, start, end).aggregate(total=Sum("minutes"))["total"]
    return KeyFigure(
        key="volunteering.hours_value",
        label=_("Value of the volunteer hours"),
        definition=_(
            "The approved volunteer hours multiplied by the hourly rate of %(rate)s kroner "
            "(the setting VOLUNTEERING_HOURLY_VALUE_ORE)."
        )
        % {"rate": f"{rate / 100:.0f}"},
        value=None if minutes is None else minutes * rate // 60,
        unit="ore",
    )


def volunteers_active(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    count = (
        _approved_hours(municipality, start, end)
        .filter(volunteer__isnull=False)
        .values("volunteer_id")
        .distinct()
        .count()
    )
    return KeyFigure(
        key="volunteering.active",
        label=_("Active volunteers"),
        definition=_(
            "People with approved volunteer hours in the period. Deleted accounts cannot be "
            "told apart and are not counted here."
        ),
        value=count or None,
    )


def new_volunteers(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    lower, upper = local_bounds(start, end)
    count = (
        VolunteerProfile.objects.filter(created_at__gte=lower, created_at__lt=upper)
        .filter(
            Q(area__municipality=municipality)
            | Q(user__volunteer_interests__assignment__organisation__municipality=municipality)
            | Q(user__volunteer_interests__assignment__unit__municipality=municipality)
        )
        .values("pk")
        .distinct()
        .count()
    )
    return KeyFigure(
        key="volunteering.new",
        label=_("New volunteers"),
        definition=_(
            "Volunteer profiles created in the period by people who live in the municipality "
            "or who offered to help with one of its assignments."
        ),
        value=count or None,
    )


def _answered(municipality, start: dt.date, end: dt.date):
    lower, upper = local_bounds(start, end)
    return Interest.objects.filter(
        municipality_q(municipality, prefix="assignment__"),
        answered_at__gte=lower,
        answered_at__lt=upper,
    )


def interests_answered(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    rows = _answered(municipality, start, end).values("status").annotate(n=Count("pk")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    names = dict(Interest.Status.choices)
    return KeyFigure(
        key="volunteering.interests_answered",
        label=_("Offers of help answered"),
        definition=_(
            'A volunteer\'s "I want to help" that the organiser answered (accepted or '
            "declined) in the period."
        ),
        value=sum(counts.values()) or None,
        table_label=_("Answer"),
        table=tuple(
            (str(names[status]), counts.get(status, 0))
            for status in (Interest.Status.ACCEPTED, Interest.Status.DECLINED)
        ),
    )


def median_answer_days(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    waits = [
        (answered - created).total_seconds() / 86400
        for created, answered in _answered(municipality, start, end).values_list(
            "created_at", "answered_at"
        )
    ]
    found = median(waits)
    return KeyFigure(
        key="volunteering.median_answer_days",
        label=_("Median answer time"),
        definition=_(
            "Half of the offers of help answered in the period were answered within this many "
            "days of being sent."
        ),
        value=None if found is None else round(found, 1),
        unit="days",
    )


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    return [
        approved_hours(municipality, start, end),
        hours_value(municipality, start, end),
        volunteers_active(municipality, start, end),
        new_volunteers(municipality, start, end),
        interests_answered(municipality, start, end),
        median_answer_days(municipality, start, end),
    ]
