"""Turn a recurrence rule or a list of dates into concrete (start, end) pairs.

The rule is expanded in local wall-clock time and each result is then placed in Europe/Oslo,
so a 18:00 practice stays at 18:00 after the clocks change (expanding in UTC would move it).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext_lazy as _

from dugnad.core.errors import DomainError

OSLO = ZoneInfo("Europe/Oslo")
MAX_OCCURRENCES = 400
# RRULEs without COUNT or UNTIL are cut off here, so "weekly" means "for the next year".
DEFAULT_HORIZON = timedelta(days=366)

# Simple choices shown in the form, mapped to RFC 5545 rules.
PRESETS = {
    "weekly": "FREQ=WEEKLY",
    "biweekly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=OSLO)


def expand(
    first_day: date,
    start_time: time,
    duration: timedelta,
    rule: str = "",
    extra_dates: list[date] | None = None,
    exceptions: list[date] | None = None,
    until: date | None = None,
) -> list[tuple[datetime, datetime]]:
    """All (start, end) pairs, aware in Europe/Oslo, sorted; raise DomainError when unusable."""
    if duration <= timedelta(0):
        raise DomainError(
            _("The event must end after it starts."), code="end_before_start", field="end_time"
        )
    days: set[date] = {first_day}
    if rule:
        naive_start = datetime.combine(first_day, start_time)
        if any(f"FREQ={freq}" in rule.upper() for freq in ("SECONDLY", "MINUTELY", "HOURLY")):
            raise DomainError(
                _("An event repeats at most once a day."), code="invalid_rule", field="rrule"
            )
        try:
            parsed = rrulestr(rule.removeprefix("RRULE:"), dtstart=naive_start, forceset=True)
        except (ValueError, TypeError):
            raise DomainError(
                _("The recurrence rule is not valid."), code="invalid_rule", field="rrule"
            ) from None
        bounded = "COUNT=" in rule.upper() or "UNTIL=" in rule.upper()
        if until:
            horizon = datetime.combine(until, time.max)
        elif bounded:
            horizon = datetime.max  # the rule ends itself; the count cap below still applies
        else:
            horizon = naive_start + DEFAULT_HORIZON
        days = set()
        for when in parsed.xafter(naive_start, count=MAX_OCCURRENCES + 1, inc=True):
            if when > horizon:
                break
            days.add(when.date())
        if len(days) > MAX_OCCURRENCES:
            raise DomainError(
                _("The recurrence gives more than %(max)s dates. Set an end date.")
                % {"max": MAX_OCCURRENCES},
                code="too_many_occurrences",
                field="rrule",
            )
    days |= set(extra_dates or [])
    days -= set(exceptions or [])
    if not days:
        raise DomainError(
            _("The recurrence gives no dates. Check the rule and the exceptions."),
            code="no_occurrences",
            field="rrule",
        )
    if len(days) > MAX_OCCURRENCES:
        raise DomainError(
            _("The recurrence gives more than %(max)s dates. Set an end date.")
            % {"max": MAX_OCCURRENCES},
            code="too_many_occurrences",
            field="rrule",
        )
    pairs = []
    for day in sorted(days):
        start = local(day, start_time)
        # Add the duration in wall-clock time too, then re-attach the zone.
        end = (datetime.combine(day, start_time) + duration).replace(tzinfo=OSLO)
        pairs.append((start, end))
    return pairs
