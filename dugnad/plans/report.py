"""The annual report's content: the plan's measures and their states at the year's end, every
app's key figures with the previous year's beside them, and the charts drawn from them.

`build(report)` returns plain JSON-ready data. A draft is built from live data on every view;
approval stores the same data as the report's snapshot, and from then on the report is drawn
from the snapshot only, so it never changes when data changes later.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.figures import is_month_table, table_unit, year_period

from . import queries
from .charts import bar_chart, line_chart
from .models import AnnualReport, FocusArea, Measure, MeasureState, StatusUpdate

SNAPSHOT_VERSION = 1


def _measures_at_year_end(report: AnnualReport) -> list[dict]:
    """Each focus area's measures with their state at the year's end: the last update dated in
    or before the year, else the measure's own state; and the updates dated in the year."""
    year_end = dt.date(report.year, 12, 31)
    areas = (
        FocusArea.objects.filter(plan=report.plan)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.select_related("responsible_unit")
                .order_by("number")
                .prefetch_related(
                    Prefetch(
                        "updates",
                        queryset=StatusUpdate.objects.filter(date__lte=year_end).order_by(
                            "date", "id"
                        ),
                    )
                ),
            )
        )
    )
    states = dict(MeasureState.choices)
    result = []
    for area in areas:
        measures = []
        for measure in area.measures.all():
            updates = list(measure.updates.all())
            last = updates[-1] if updates else None
            state = last.state if last else measure.state
            measures.append(
                {
                    "code": f"{area.number}.{measure.number}",
                    "text": measure.text,
                    "unit": measure.responsible_unit.name,
                    "partners": measure.partners,
                    "state": state,
                    "state_label": str(states.get(state, state)),
                    "progress": last.progress if last else measure.progress,
                    "updates": [
                        {"date": u.date.isoformat(), "done": u.done, "next": u.next_steps}
                        for u in updates
                        if u.date.year == report.year
                    ],
                }
            )
        result.append({"number": area.number, "title": area.title, "measures": measures})
    return result


def _figure(figure, previous) -> dict:
    return {
        "key": figure.key,
        "label": str(figure.label),
        "definition": str(figure.definition),
        "value": figure.value,
        "previous": previous,
        "unit": figure.unit,
        "table_label": str(figure.table_label),
        "table": [[str(label), value] for label, value in figure.table],
    }


def build(report: AnnualReport) -> dict:
    plan = report.plan
    municipality = plan.municipality
    now_sections = queries.key_figures(municipality, *year_period(report.year))
    before = {
        f.key: f.value
        for section in queries.key_figures(municipality, *year_period(report.year - 1))
        for f in section.figures
    }
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "figures": [_figure(f, before.get(f.key)) for f in section.figures],
        }
        for section in now_sections
    ]
    areas = _measures_at_year_end(report)
    counts: dict[str, int] = {}
    for area in areas:
        for measure in area["measures"]:
            counts[measure["state"]] = counts.get(measure["state"], 0) + 1
    return {
        "version": SNAPSHOT_VERSION,
        "year": report.year,
        "plan": {"title": plan.title, "start_year": plan.start_year, "end_year": plan.end_year},
        "municipality": municipality.name,
        "generated_at": timezone.now().isoformat(),
        "goals": [{"number": g.number, "text": g.text} for g in plan.goals.all()],
        "focus_areas": areas,
        "states": [[str(label), counts.get(value, 0)] for value, label in MeasureState.choices],
        "sections": sections,
        "has_figures": any(
            f["value"] is not None for section in sections for f in section["figures"]
        ),
    }


def content(report: AnnualReport) -> dict:
    """What the report shows: its snapshot once approved, live data while a draft."""
    return report.snapshot if report.is_approved else build(report)


def charts(data: dict) -> dict:
    """The charts of a report's data: {"states": Chart, "<section key>": [Chart, ...]}."""
    counter = iter(range(1, 1000))
    year, previous = str(data["year"]), str(data["year"] - 1)
    found: dict = {
        "states": bar_chart(
            f"chart-{next(counter)}",
            _("Measures by state at the end of %(year)s") % {"year": year},
            _("How many of the plan's measures were in each state."),
            [_("Measures")],
            [(label, [n]) for label, n in data["states"]],
            "count",
            _("State"),
        )
    }
    for section in data["sections"]:
        drawn = []
        counts = [f for f in section["figures"] if f["unit"] == "count"]
        if any(f["value"] is not None or f["previous"] is not None for f in counts):
            drawn.append(
                bar_chart(
                    f"chart-{next(counter)}",
                    _("%(section)s: %(year)s and %(previous)s")
                    % {"section": section["title"], "year": year, "previous": previous},
                    _("Each figure this year beside the year before."),
                    [year, previous],
                    [(f["label"], [f["value"], f["previous"]]) for f in counts],
                    "count",
                    _("Figure"),
                )
            )
        for figure in section["figures"]:
            table = [(label, value) for label, value in figure["table"]]
            if figure["value"] is None or not table:
                continue
            if is_month_table(table):
                drawn.append(
                    line_chart(
                        f"chart-{next(counter)}",
                        _("%(figure)s per month, %(year)s")
                        % {"figure": figure["label"], "year": year},
                        figure["definition"],
                        table,
                        table_unit(figure["unit"]),
                        _("Month"),
                    )
                )
            else:
                drawn.append(
                    bar_chart(
                        f"chart-{next(counter)}",
                        f"{figure['label']}: {figure['table_label']}".strip(": "),
                        figure["definition"],
                        [year],
                        [(label, [value]) for label, value in table],
                        table_unit(figure["unit"]),
                        figure["table_label"],
                    )
                )
        found[section["key"]] = drawn
    return found


def figure_rows(data: dict) -> tuple[list[str], list[list]]:
    """The report's figures as a table for CSV and XLSX."""
    header = [
        _("Section"),
        _("Key"),
        _("Figure"),
        _("Unit"),
        str(data["year"]),
        str(data["year"] - 1),
        _("Definition"),
    ]
    rows = []
    for section in data["sections"]:
        for f in section["figures"]:
            unit, value, previous = f["unit"], f["value"], f["previous"]
            if unit == "ore":  # a spreadsheet reads kroner
                unit, value, previous = "kr", _kroner(value), _kroner(previous)
            rows.append(
                [section["title"], f["key"], f["label"], unit, value, previous, f["definition"]]
            )
    return header, rows


def _kroner(ore):
    if ore is None:
        return None
    return ore // 100 if ore % 100 == 0 else round(ore / 100, 2)
