"""Key figures for the annual report: initiatives and their reach, per age group."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure
from dugnad.core.models import AgeGroup

from .models import Initiative
from .queries import reach_of


def _active_in(municipality, start: dt.date, end: dt.date):
    """Initiatives past the idea stage whose period overlaps [start, end)."""
    return (
        Initiative.objects.in_municipality(municipality)
        .public()
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lt=end))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .prefetch_related("age_groups", "events", "reach")
    )


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    initiatives = list(_active_in(municipality, start, end))
    groups = list(AgeGroup.objects.all())
    counts = {g.code: 0 for g in groups}
    reach_by_group = {g.code: 0 for g in groups}
    total_reach = 0
    for initiative in initiatives:
        reach = reach_of(initiative, start, end).total
        total_reach += reach
        for group in initiative.age_groups.all():
            counts[group.code] += 1
            reach_by_group[group.code] += reach
    return [
        KeyFigure(
            key="initiatives.count",
            label=_("Co-creation initiatives"),
            definition=_(
                "Initiatives past the idea stage whose period overlaps the report's period, "
                "by the age groups they serve (an initiative for several groups counts in each)."
            ),
            value=len(initiatives) if initiatives else None,
            table_label=_("Age group"),
            table=tuple((str(g), counts[g.code]) for g in groups),
        ),
        KeyFigure(
            key="initiatives.reach",
            label=_("People reached by co-creation initiatives"),
            definition=_(
                "Confirmed sign-ups for the initiatives' events in the period (attendance where "
                "it was taken), plus the numbers staff entered for the period where there is "
                "no sign-up. Per age group, an initiative's reach counts for each group it "
                "serves."
            ),
            value=total_reach if initiatives else None,
            table_label=_("Age group"),
            table=tuple((str(g), reach_by_group[g.code]) for g in groups),
        ),
    ]
