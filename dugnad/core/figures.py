"""Key figures: the numbers an app reports for a period, with what they mean.

Each app that has figures for the action plan's annual report declares `key_figures` in its
AppConfig (`core.plugins`): a function (municipality, start, end) -> list[KeyFigure] for the
period [start, end) (a year, or a four-month period). The plans app assembles the figures of
every installed app, shows each with its definition and table, and freezes them in the
approved report; it never names an app.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyFigure:
    """One figure: `key` is stable across years ("volunteering.hours"), so a report can put the
    previous year beside it; `value` is None when the period has no data for it (the report
    says so rather than showing 0). `unit` is one of "count", "hours", "ore" (money, in øre),
    "percent", "days". `table` breaks the figure down: ((label, value), ...), e.g. per age group
    or per month, under the heading `table_label`."""

    key: str
    label: str
    definition: str
    value: int | float | None
    unit: str = "count"
    table_label: str = ""
    table: tuple[tuple[str, int | float], ...] = field(default_factory=tuple)
