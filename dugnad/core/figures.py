"""Key figures: the numbers an app reports for a period, with what they mean.

Each app that has figures for the action plan's annual report declares `key_figures` in its
AppConfig (`core.plugins`): a function (municipality, start, end) -> list[KeyFigure] for the
period [start, end) (a year, or a four-month period). The plans app assembles the figures of
every installed app, shows each with its definition and table, and freezes them in the
approved report; it never names an app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

UNITS = ("count", "hours", "ore", "percent", "days")


@dataclass(frozen=True)
class KeyFigure:
    """One figure: `key` is stable across years ("volunteering.hours"), so a report can put the
    previous year beside it; `value` is None when the period has no data for it (the report
    says so rather than showing 0). `unit` is one of "count", "hours", "ore" (money, in øre),
    "percent", "days" (UNITS). `table` breaks the figure down: ((label, value), ...), e.g.
    per age group or per month, under the heading `table_label`. The table's values are in the
    figure's unit, except for a share ("percent") or a duration ("days"), whose tables count the
    cases behind them (see `table_unit`)."""

    key: str
    label: str
    definition: str
    value: int | float | None
    unit: str = "count"
    table_label: str = ""
    table: tuple[tuple[str, int | float], ...] = field(default_factory=tuple)


def table_unit(unit: str) -> str:
    """The unit of the values in a figure's table."""
    return "count" if unit in ("percent", "days") else unit


# -- periods ---------------------------------------------------------------------------------
# A report covers a year, or one of its three four-month periods (tertialer: January-April,
# May-August, September-December). Periods are half-open [start, end) dates in Europe/Oslo.

FOUR_MONTH_PERIODS = (1, 2, 3)


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def four_month_period(year: int, number: int) -> tuple[date, date]:
    """The `number`th (1-3) four-month period of `year`."""
    if number not in FOUR_MONTH_PERIODS:
        raise ValueError(f"A year has three four-month periods, not {number}.")
    start = date(year, 4 * (number - 1) + 1, 1)
    end = date(year + 1, 1, 1) if number == 3 else date(year, 4 * number + 1, 1)
    return start, end


def four_month_period_of(day: date) -> tuple[date, date]:
    return four_month_period(day.year, (day.month - 1) // 4 + 1)


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period's dates as aware datetimes at midnight in the site's time zone (Oslo)."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.min, tzinfo=zone),
    )


def months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months that [start, end) covers, each as [first day, first of next)."""
    found = []
    first = start.replace(day=1)
    while first < end:
        following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        found.append((max(first, start), min(following, end)))
        first = following
    return found


def month_label(day: date) -> str:
    """The label of a month in a figure's table: "2025-03". Tables whose labels are all months
    are drawn as a line over time (see `is_month_table`)."""
    return f"{day.year:04d}-{day.month:02d}"


def per_month(values: dict[str, int | float], start: date, end: date) -> tuple:
    """A per-month table over the period, months without data given as 0."""
    return tuple(
        (label, values.get(label, 0)) for label in (month_label(m) for m, _ in months(start, end))
    )


def is_month_table(table) -> bool:
    return bool(table) and all(
        len(str(label)) == 7 and str(label)[4] == "-" and str(label).replace("-", "").isdigit()
        for label, _value in table
    )


def overlap_seconds(start: datetime, end: datetime, lower: datetime, upper: datetime) -> float:
    """How much of [start, end) falls in [lower, upper), in seconds (0 when they do not meet)."""
    return max(0.0, (min(end, upper) - max(start, lower)).total_seconds())


def median(values) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` in per cent with one decimal, None when there is nothing to share."""
    return None if not whole else round(100 * part / whole, 1)
