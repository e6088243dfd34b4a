"""Key figures for the annual report (core.figures): per programme, for the calls of the years
in the period: nominations, admitted, admitted by sub-region, municipality, discipline and
gender, and how many went on to higher education in the subject (recorded by staff)."""

from django.db.models import Count, F
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure

from .models import Gender, Nomination, Programme

GENDER_LABELS = dict(Gender.choices)
ADMITTED = {"outcome": Nomination.Outcome.ADMITTED, "offer": Nomination.Offer.ACCEPTED}


def _table(rows, label_of=str) -> tuple:
    return tuple((label_of(row["label"]), row["n"]) for row in rows)


def key_figures(municipality, start, end) -> list[KeyFigure]:
    figures = []
    years = range(start.year, (end.year if end.month == 1 and end.day == 1 else end.year + 1))
    for programme in Programme.objects.in_municipality(municipality).order_by("name"):
        found = Nomination.objects.filter(
            call__programme=programme, call__year__in=list(years), withdrawn_at=None
        )
        if not found.exists():
            continue
        admitted = found.filter(**ADMITTED)
        key = f"talent.{programme.slug}"
        name = programme.name

        def by(field, qs=admitted):
            return qs.values(label=F(field)).annotate(n=Count("pk")).order_by("-n", "label")

        figures += [
            KeyFigure(
                f"{key}.nominations",
                _("%(p)s: nominations") % {"p": name},
                _(
                    "Pupils nominated by their teachers for the year's call (withdrawn ones "
                    "not counted)."
                ),
                found.count(),
                table_label=_("By sub-region"),
                table=_table(by("subregion__name", found)),
            ),
            KeyFigure(
                f"{key}.admitted",
                _("%(p)s: admitted") % {"p": name},
                _("Pupils who were offered a place and accepted it."),
                admitted.count(),
                table_label=_("By sub-region"),
                table=_table(by("subregion__name")),
            ),
            KeyFigure(
                f"{key}.admitted_by_municipality",
                _("%(p)s: admitted by home municipality") % {"p": name},
                _("Admitted pupils by the municipality they live in."),
                admitted.count(),
                table_label=_("By municipality"),
                table=_table(by("home_municipality__name")),
            ),
            KeyFigure(
                f"{key}.admitted_by_discipline",
                _("%(p)s: admitted by discipline") % {"p": name},
                _("Admitted pupils by instrument or art form."),
                admitted.count(),
                table_label=_("By discipline"),
                table=_table(by("discipline__name")),
            ),
            KeyFigure(
                f"{key}.admitted_by_gender",
                _("%(p)s: admitted by gender") % {"p": name},
                _("Admitted pupils by the gender given in the nomination."),
                admitted.count(),
                table_label=_("By gender"),
                table=_table(by("gender"), lambda g: str(GENDER_LABELS.get(g, g))),
            ),
            KeyFigure(
                f"{key}.higher_education",
                _("%(p)s: went on to higher education in the subject") % {"p": name},
                _(
                    "Admitted pupils whom staff recorded as going on to higher education in "
                    "their subject."
                ),
                admitted.filter(higher_education=True).count(),
            ),
        ]
    return figures
