"""Key figures for the annual report: processes, ideas, young people taking part, votes."""

from django.db.models import Q
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure

from .models import Idea, Participant, Process, Support, Visibility, Vote


def _key_figures(municipality, start, end) -> list[KeyFigure]:
    processes = Process.objects.in_municipality(municipality).filter(
        ideas_start__lt=end, follow_up_start__gte=start
    )
    ideas = Idea.objects.filter(
        process__municipality=municipality, created_at__date__gte=start, created_at__date__lt=end
    ).exclude(visibility=Visibility.HIDDEN)
    votes = Vote.objects.filter(
        process__municipality=municipality, created_at__date__gte=start, created_at__date__lt=end
    )
    taking_part = (
        Participant.objects.filter(municipality=municipality)
        .filter(
            Q(user__participation_ideas__in=ideas)
            | Q(user__participation_votes__in=votes)
            | Q(
                user__participation_supports__in=Support.objects.filter(
                    idea__process__municipality=municipality,
                    created_at__date__gte=start,
                    created_at__date__lt=end,
                )
            )
        )
        .distinct()
        .count()
    )
    class_ideas = ideas.filter(school_class__isnull=False).count()
    return [
        KeyFigure(
            "participation.processes",
            _("Participation processes"),
            _("Processes for young people that were open for part of the period."),
            processes.count(),
        ),
        KeyFigure(
            "participation.ideas",
            _("Ideas from young people"),
            _("Ideas sent in during the period, not counting hidden ones."),
            ideas.count(),
            table_label=_("Sent in by"),
            table=(
                (_("Young people"), ideas.count() - class_ideas),
                (_("School classes"), class_ideas),
            ),
        ),
        KeyFigure(
            "participation.young_people",
            _("Young people taking part"),
            _("Young people who sent in, supported or voted for an idea in the period."),
            taking_part,
        ),
        KeyFigure(
            "participation.votes",
            _("Votes"),
            _("Votes cast in the period; one vote per person per process."),
            votes.count(),
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
