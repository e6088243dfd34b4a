"""/api/v1/plans: the published action plans' measures with their states;
/api/v1/figures: every app's key figures for a year or a four-month period, with definitions."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from dugnad.core.api import MappedRows
from dugnad.core.figures import four_month_period, year_period
from dugnad.core.params import MIN_YEAR, parse_int

from . import queries

router = Router(tags=["plans"])
figures_router = Router(tags=["plans"])


class MeasureOut(Schema):
    id: int
    plan: str
    plan_id: int
    focus_area: str
    code: str = Field(description="the plan's numbering: focus area.measure, e.g. 1.3")
    text: str
    responsible_unit: str
    partners: str
    start_year: int
    end_year: int
    state: str = Field(description="planned, in_progress, done, delayed or cancelled")
    state_label: str
    progress: int = Field(description="per cent, 0-100")
    last_update: str | None = Field(None, description="date of the newest status update")
    url: str


def _measure(m) -> dict:
    return {
        "id": m.pk,
        "plan": m.focus_area.plan.title,
        "plan_id": m.focus_area.plan_id,
        "focus_area": m.focus_area.title,
        "code": m.code,
        "text": m.text,
        "responsible_unit": m.responsible_unit.name,
        "partners": m.partners,
        "start_year": m.start_year,
        "end_year": m.end_year,
        "state": m.state,
        "state_label": str(m.get_state_display()),
        "progress": m.progress,
        "last_update": m.last_update_on.isoformat() if m.last_update_on else None,
        "url": m.get_absolute_url(),
    }


@router.get("", response=list[MeasureOut], summary="Measures of the published action plans")
@paginate
def list_measures(request):
    return MappedRows(queries.public_measures(request.municipality), _measure)


class FigureFilters(Schema):
    year: str = Field("", description="the year, e.g. 2025 (default: last year)")
    period: str = Field("", description="1, 2 or 3 for a four-month period; empty for the year")


class TableRow(Schema):
    label: str
    value: float | int


class FigureOut(Schema):
    section: str = Field(description="the app the figure comes from")
    key: str = Field(description="stable across years, e.g. volunteering.hours")
    label: str
    definition: str
    value: float | int | None = Field(description="null: no data in the period")
    unit: str = Field(description="count, hours, ore (money in øre), percent or days")
    table_label: str
    table: list[TableRow]


class FiguresOut(Schema):
    start: str
    end: str = Field(description="the first day after the period")
    figures: list[FigureOut]


@figures_router.get("", response=FiguresOut, summary="Key figures for a year, with definitions")
def list_figures(request, filters: Query[FigureFilters]):
    this_year = timezone.localdate().year
    year = parse_int(filters.year, minimum=MIN_YEAR, maximum=this_year, name="year")
    period = parse_int(filters.period, minimum=1, maximum=3, name="period")
    year = this_year - 1 if year is None else year
    start, end = four_month_period(year, period) if period else year_period(year)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "figures": [
            {
                "section": section.key,
                "key": f.key,
                "label": str(f.label),
                "definition": str(f.definition),
                "value": f.value,
                "unit": f.unit,
                "table_label": str(f.table_label),
                "table": [{"label": str(label), "value": value} for label, value in f.table],
            }
            for section in queries.key_figures(request.municipality, start, end)
            for f in section.figures
        ],
    }
