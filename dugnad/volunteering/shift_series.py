"""Shifts created as a series: one form gives the first and last date, weekly or daily, the
times and the places; the dates are previewed before anything is created. A series is a set
of ordinary shifts (each can then be changed or deleted on its own)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify

from . import rules
from .models import Assignment, Shift

MAX_SHIFTS = 100
WEEKLY, DAILY = "weekly", "daily"


def series_times(
    first: dt.date, last: dt.date, repeat: str, start: dt.time, end: dt.time, now=None
) -> list[tuple[dt.datetime, dt.datetime]]:
    """(starts_at, ends_at) of each shift, in Europe/Oslo wall time on every date (so a shift
    at 18:00 stays at 18:00 across the change to and from summer time). Refuses, with what to
    change: a last date before the first, an end not after the start, a first shift already
    begun, and more than MAX_SHIFTS shifts."""
    if last < first:
        raise DomainError(_("The last date must be on or after the first."), field="last_date")
    if end <= start:
        raise DomainError(_("The shift must end after it starts."), field="end")
    step = dt.timedelta(days=1 if repeat == DAILY else 7)
    count = (last - first) // step + 1
    if count > MAX_SHIFTS:
        raise DomainError(
            _(
                "That makes %(count)s shifts; at most %(max)s can be created at once. Choose a "
                "later first date or an earlier last date."
            )
            % {"count": count, "max": MAX_SHIFTS},
            field="last_date",
        )
    tz = timezone.get_current_timezone()
    times, date = [], first
    while date <= last:
        times.append(
            (
                timezone.make_aware(dt.datetime.combine(date, start), tz),
                timezone.make_aware(dt.datetime.combine(date, end), tz),
            )
        )
        date += step
    if times[0][0] <= (now or timezone.now()):
        raise DomainError(
            _("The first shift must start in the future; choose a later first date or time."),
            field="first_date",
        )
    return times


@transaction.atomic
def add_shift_series(
    user, assignment: Assignment, times: list[tuple[dt.datetime, dt.datetime]], needed: int
) -> tuple[list[Shift], int]:
    """Create the shifts of a series; a shift already there at the same times is left as it is
    (so sending the same series twice creates nothing twice). Returns (created, skipped)."""
    rules.can_manage(user, assignment).enforce()
    if needed < 1:
        raise DomainError(_("At least one person is needed."), field="needed")
    if not times or len(times) > MAX_SHIFTS:
        raise DomainError(_("Choose between 1 and %(max)s shifts.") % {"max": MAX_SHIFTS})
    if times[0][0] <= timezone.now():
        raise DomainError(_("The shift must start in the future."), field="first_date")
    # Two sendings of the same series queue here; the second then sees the first's shifts.
    [assignment] = lock(assignment)
    existing = set(
        Shift.objects.filter(
            assignment=assignment, starts_at__in=[start for start, _end in times]
        ).values_list("starts_at", "ends_at")
    )
    new = [
        Shift(assignment=assignment, starts_at=start, ends_at=end, needed=needed)
        for start, end in times
        if (start, end) not in existing
    ]
    created = Shift.objects.bulk_create(new)
    if created:
        notify(
            "volunteering.shift_series_added",
            actor=user,
            target=assignment,
            data={
                "count": len(created),
                "first": created[0].starts_at.isoformat(),
                "last": created[-1].starts_at.isoformat(),
            },
        )
    return created, len(times) - len(created)
