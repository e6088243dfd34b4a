"""Charts as plain SVG, drawn on the server: horizontal bars (one or two series, e.g. this year
beside the previous one, or per age group) and a line over months.

A chart is data plus geometry; `plans/_chart.html` draws it with a <title>, a <desc> and the
data as a table under it, so it reads without the picture and without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 520
LABEL_WIDTH = 170
VALUE_WIDTH = 96
ROW_HEIGHT = 30
BAR_GAP = 4
TOP = 34  # room for the legend
LINE_HEIGHT = 240
SERIES_COLOURS = ("#0b4f8a", "#6b6b6b")  # both at least 4.5:1 against white


def format_value(value, unit: str) -> str:
    """A figure's value as text, in the active language's number format."""
    if value is None:
        return _("no data")
    if unit == "ore":
        return _("%(amount)s kr") % {
            "amount": number_format(round(value / 100), force_grouping=True)
        }
    if unit == "percent":
        return f"{number_format(value, 1)} %"
    if unit in ("hours", "days"):
        text = number_format(value, 1, force_grouping=True)
        return (
            _("%(value)s h") % {"value": text}
            if unit == "hours"
            else _("%(value)s days") % {"value": text}
        )
    return number_format(value, force_grouping=True)


def _short(label: str, length: int = 22) -> str:
    label = str(label)
    return label if len(label) <= length else label[: length - 1] + "…"


@dataclass
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "bar" or "line"
    unit: str
    series: list[str]
    rows: list[tuple[str, list]]  # (label, [value per series])
    table_heading: str = ""
    height: int = 0
    width: int = WIDTH
    shapes: list[dict] = field(default_factory=list)
    texts: list[dict] = field(default_factory=list)
    points: str = ""
    legend: list[dict] = field(default_factory=list)

    @property
    def table(self) -> list[tuple[str, list[str]]]:
        return [
            (label, [format_value(v, self.unit) for v in values]) for label, values in self.rows
        ]


def _top_of(values) -> float:
    peak = max((v for v in values if v is not None), default=0)
    return peak or 1


def _legend(chart: Chart) -> None:
    if len(chart.series) < 2:
        return
    x = 0
    for index, name in enumerate(chart.series):
        chart.legend.append(
            {"x": x, "y": 8, "colour": SERIES_COLOURS[index % 2], "text": name, "tx": x + 18}
        )
        x += 30 + 8 * len(name)


def bar_chart(id, title, description, series, rows, unit, table_heading="") -> Chart:
    """Horizontal bars, one group per row with a bar per series."""
    chart = Chart(id, title, description, "bar", unit, list(series), list(rows), table_heading)
    _legend(chart)
    top = _top_of(v for _label, values in chart.rows for v in values)
    count = len(chart.series)
    bar = (ROW_HEIGHT - BAR_GAP * (count + 1)) / count if count > 1 else ROW_HEIGHT - 2 * BAR_GAP
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    y = TOP if count > 1 else 6
    for label, values in chart.rows:
        chart.texts.append(
            {
                "x": LABEL_WIDTH - 8,
                "y": y + ROW_HEIGHT / 2 + 4,
                "text": _short(label),
                "anchor": "end",
            }
        )
        for index, value in enumerate(values):
            bar_y = y + BAR_GAP + index * (bar + BAR_GAP)
            length = 0 if value is None else max(1, span * value / top)
            chart.shapes.append(
                {
                    "x": LABEL_WIDTH,
                    "y": round(bar_y, 1),
                    "width": round(length, 1),
                    "height": round(bar, 1),
                    "colour": SERIES_COLOURS[index % 2],
                }
            )
            chart.texts.append(
                {
                    "x": round(LABEL_WIDTH + length + 6, 1),
                    "y": round(bar_y + bar / 2 + 4, 1),
                    "text": format_value(value, unit),
                    "anchor": "start",
                    "small": count > 1,
                }
            )
        y += ROW_HEIGHT + 6
    chart.height = int(y + 6)
    return chart


def line_chart(id, title, description, rows, unit, table_heading="") -> Chart:
    """A line over the rows in order (months), with the value axis from 0 to the peak."""
    chart = Chart(id, title, description, "line", unit, [title], [(r, [v]) for r, v in rows],
                  table_heading)  # fmt: skip
    left, right, top_margin, bottom = 70, 16, 16, 40
    plot_w = WIDTH - left - right
    plot_h = LINE_HEIGHT - top_margin - bottom
    peak = _top_of(v for _label, (v,) in chart.rows)
    for fraction in (0, 0.5, 1):
        y = round(top_margin + plot_h * (1 - fraction), 1)
        chart.shapes.append({"x1": left, "x2": WIDTH - right, "y1": y, "y2": y, "grid": True})
        chart.texts.append(
            {
                "x": left - 6,
                "y": y + 4,
                "text": format_value(peak * fraction, unit),
                "anchor": "end",
            }
        )
    step = plot_w / max(1, len(chart.rows) - 1)
    points = []
    for index, (label, (value,)) in enumerate(chart.rows):
        x = round(left + index * step, 1)
        y = round(top_margin + plot_h * (1 - (value or 0) / peak), 1)
        points.append(f"{x},{y}")
        chart.shapes.append({"cx": x, "cy": y, "dot": True})
        chart.texts.append(
            {"x": x, "y": LINE_HEIGHT - bottom + 18, "text": str(label)[-2:], "anchor": "middle"}
        )
    chart.points = " ".join(points)
    chart.height = LINE_HEIGHT
    return chart
