"""Week and month periods for the calendar views, parsed from shareable query values."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from dugnad.core import params


@dataclass(frozen=True)
class Period:
    view: str
    first: date
    last: date
    token: str
    previous: str
    next: str

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def _week_token(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_token(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def week(value: str | None, today: date) -> tuple[Period, str | None]:
    """The ISO week in `value` (2026-W48), or this week with an error message when invalid."""
    error = None
    first = today - timedelta(days=today.weekday())
    if value:
        # core.params keeps the year within bounds, so the weeks either side are dates too.
        try:
            first = params.parse_week(value)
        except params.BadParameter:
            error = _("“%(value)s” is not a week like 2026-W48; showing this week.") % {
                "value": value[:20]
            }
    last = first + timedelta(days=6)
    return Period(
        "week",
        first,
        last,
        _week_token(first),
        _week_token(first - timedelta(days=7)),
        _week_token(first + timedelta(days=7)),
    ), error


def month(value: str | None, today: date) -> tuple[Period, str | None]:
    """The month in `value` (2026-12), or this month with an error message when invalid."""
    error = None
    first = today.replace(day=1)
    if value:
        try:
            first = params.parse_month(value)
        except params.BadParameter:
            error = _("“%(value)s” is not a month like 2026-12; showing this month.") % {
                "value": value[:20]
            }
    following = (first + timedelta(days=32)).replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return Period(
        "month",
        first,
        following - timedelta(days=1),
        _month_token(first),
        _month_token(previous),
        _month_token(following),
    ), error
