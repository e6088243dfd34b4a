"""Grants' key figures for the action plan's report (core.figures, one query function each)."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure, local_bounds, share

from .models import Application, Decision

AWARDS = (Decision.Outcome.APPROVED, Decision.Outcome.PARTLY_APPROVED)


def applications(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    lower, upper = local_bounds(start, end)
    rows = (
        Application.objects.in_municipality(municipality)
        .filter(submitted_at__gte=lower, submitted_at__lt=upper)
        .values("scheme__name")
        .annotate(n=Count("pk"))
        .order_by("scheme__name")
    )
    table = tuple((row["scheme__name"], row["n"]) for row in rows)
    return KeyFigure(
        key="grants.applications",
        label=_("Grant applications"),
        definition=_("Applications for the municipality's grants submitted in the period."),
        value=sum(n for _label, n in table) or None,
        table_label=_("Per grant scheme"),
        table=table,
    )


def awarded(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    lower, upper = local_bounds(start, end)
    rows = (
        Decision.objects.filter(
            application__scheme__municipality=municipality,
            outcome__in=AWARDS,
            decided_at__gte=lower,
            decided_at__lt=upper,
        )
        .values("application__scheme__name")
        .annotate(total=Sum("amount"))
        .order_by("application__scheme__name")
    )
    table = tuple((row["application__scheme__name"], row["total"]) for row in rows)
    return KeyFigure(
        key="grants.awarded",
        label=_("Grants awarded"),
        definition=_(
            "The amounts awarded (in full or in part) by decisions taken in the period, per "
            "grant scheme."
        ),
        value=sum(total for _label, total in table) if table else None,
        unit="ore",
        table_label=_("Per grant scheme"),
        table=table,
    )


def reports_received(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    result = (
        Application.objects.in_municipality(municipality)
        .filter(
            decision__outcome__in=AWARDS,
            round__report_due__gte=start,
            round__report_due__lt=end,
        )
        .aggregate(due=Count("pk"), received=Count("pk", filter=Q(report__isnull=False)))
    )
    return KeyFigure(
        key="grants.reports_received",
        label=_("Grant reports received"),
        definition=_(
            "Of the awarded grants whose report was due in the period, the share whose "
            "recipient has sent the report on how the grant was used."
        ),
        value=share(result["received"], result["due"]),
        unit="percent",
        table_label=_("Reports"),
        table=((_("Due"), result["due"]), (_("Received"), result["received"]))
        if result["due"]
        else (),
    )


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    return [
        applications(municipality, start, end),
        awarded(municipality, start, end),
        reports_received(municipality, start, end),
    ]
