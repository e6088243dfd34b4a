"""Calendar rules of a room: opening hours, public holidays, family of parts, and prices.

All wall-clock reasoning happens in Europe/Oslo; instants are compared in UTC, so a booking
from 18:00 to 20:00 is two hours long on the days the clocks change too.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import CharField, F, IntegerField, Subquery, Value
from django.utils.translation import gettext_lazy as _

from dugnad.core.prepared import InIds, Prepared, sample_datetime, sample_ids

from .models import OpeningException, PriceModel, PriceRule, Room

OSLO = ZoneInfo(settings.TIME_ZONE)


def local(date: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(date, time, tzinfo=OSLO)


def duration(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Real elapsed time. Subtracting two datetimes that share a tzinfo object ignores their
    UTC offsets, so 01:00-04:00 on the spring-forward night would count three hours."""
    return end.astimezone(dt.UTC) - start.astimezone(dt.UTC)


@lru_cache(maxsize=32)
def _norwegian_holidays(year: int) -> dict:
    return dict(holidays.country_holidays("NO", years=year))


def holiday_name(date: dt.date) -> str | None:
    return _norwegian_holidays(date.year).get(date)


def _family(room_id: int, parents: dict[int, int | None]) -> list[int]:
    ids = [room_id]
    parent = parents.get(room_id)
    while parent is not None and parent not in ids:
        ids.append(parent)
        parent = parents.get(parent)
    children = defaultdict(list)
    for pk, parent_id in parents.items():
        if parent_id is not None:
            children[parent_id].append(pk)
    frontier = [room_id]
    while frontier:
        frontier = [child for pk in frontier for child in children[pk]]
        ids.extend(frontier)
    return ids


def family_ids(room: Room) -> list[int]:
    """The room, the rooms it is part of and its parts: all that clash with it."""
    return family_of(room.pk)


def family_of(room_id: int, municipality=None) -> list[int]:
    """`family_ids` of a room known by its id alone; [] when there is none (in `municipality`,
    when given).

    A whole and its parts are always in one building (Room.clean), so one query of the
    building's rooms gives the family at any depth."""
    rooms = (
        Room.objects.all() if municipality is None else Room.objects.in_municipality(municipality)
    )
    building = rooms.filter(pk=room_id).values("building_id")
    rows = dict(Room.objects.filter(building_id=Subquery(building)).values_list("pk", "parent_id"))
    return _family(room_id, rows) if room_id in rows else []


def lock_family(room: Room) -> list[int]:
    """`family_ids`, with the building's rooms locked (in id order, so never a deadlock).

    Every write that could clash with `room` (a booking or block of it, its whole or a part)
    locks the same rows first, so such writes to one building take turns; other buildings
    are not held up. Call inside `transaction.atomic()`."""
    rows = (
        Room.objects.select_for_update()
        .filter(building_id=room.building_id)
        .order_by("pk")
        .values_list("pk", "parent_id")
    )
    rows = dict(rows)
    # Kept on the instance: a booking's page-cache topics name every room of the building
    # (premises.cache), and need no query of their own inside the booking's transaction.
    room.building_room_ids = tuple(rows)
    return _family(room.pk, rows)


@dataclass(frozen=True)
class DayHours:
    opens: dt.time | None
    closes: dt.time | None
    closed_reason: str = ""

    @property
    def closed(self) -> bool:
        return bool(self.closed_reason)


def day_hours(room: Room, date: dt.date, exceptions=None, weekly=None) -> DayHours:
    """Opening hours of `room` on `date`. `exceptions`/`weekly` may be prefetched dicts."""
    building = room.building
    if exceptions is None:
        exception = OpeningException.objects.filter(building=building, date=date).first()
    else:
        exception = exceptions.get(date)
    if exception is not None:
        if exception.opens is None:
            return DayHours(None, None, exception.note or str(_("closed")))
        return DayHours(exception.opens, exception.closes)
    name = holiday_name(date)
    if name and not room.open_on_holidays:
        return DayHours(None, None, str(_("public holiday: %(name)s") % {"name": name}))
    if weekly is None:
        weekly = {h.weekday: h for h in building.opening_hours.all()}
    hours = weekly.get(date.weekday())
    if hours is None:
        return DayHours(None, None)
    return DayHours(hours.opens, hours.closes)


def within_opening_hours(
    room: Room, start: dt.datetime, end: dt.datetime, hours: DayHours | None = None
) -> bool:
    """Whether start-end lies inside one day's opening hours; `hours` of that day if known."""
    start_local, end_local = start.astimezone(OSLO), end.astimezone(OSLO)
    if start_local.date() != end_local.date():
        return False
    hours = hours or day_hours(room, start_local.date())
    if hours.opens is None:
        return False
    return local(start_local.date(), hours.opens) <= start and end <= local(
        start_local.date(), hours.closes
    )


@dataclass(frozen=True)
class Price:
    model: str
    amount_ore: int  # the rule's amount (per hour or per booking)
    total_ore: int  # for this booking

    @property
    def is_free(self) -> bool:
        return self.total_ore == 0


def price_rule(room: Room, renter_type: str, on: dt.date, rules=None) -> PriceRule | None:
    """The rule valid on `on`: the latest one that started on or before that date."""
    if rules is None:
        rules = room.price_rules.filter(renter_type=renter_type, valid_from__lte=on)
        return rules.order_by("-valid_from").first()
    candidates = [r for r in rules if r.renter_type == renter_type and r.valid_from <= on]
    return max(candidates, key=lambda r: r.valid_from, default=None)


def price_for(room: Room, renter_type: str, start: dt.datetime, end: dt.datetime, rules=None):
    """The price of a booking, or None when the room is not let to this kind of renter."""
    rule = price_rule(room, renter_type, start.astimezone(OSLO).date(), rules)
    if rule is None:
        return None
    if rule.model == PriceModel.FREE:
        return Price(rule.model, 0, 0)
    if rule.model == PriceModel.PER_BOOKING:
        return Price(rule.model, rule.amount_ore, rule.amount_ore)
    seconds = int(duration(start, end).total_seconds())
    # Round to whole øre, half up, so that 90 minutes at 150 kr is exactly 225 kr.
    return Price(rule.model, rule.amount_ore, (rule.amount_ore * seconds + 1800) // 3600)


# The rooms are a list of ids (a family), sent as one parameter (InIds): the SQL is the same for
# any family, so first_obstacle's union can be compiled once.
def active_overlaps(room_ids, start, end):
    from .models import Booking

    return Booking.objects.active().filter(InIds(F("room_id"), room_ids)).overlapping(start, end)


def blocked_overlaps(room_ids, start, end):
    from .models import BlockedPeriod

    return BlockedPeriod.objects.filter(InIds(F("room_id"), room_ids), start__lt=end, end__gt=start)


BLOCKED, BOOKED = 0, 1


def _obstacles(room_ids, start, end):
    # Both sides name their columns as annotations, so the union's columns line up.
    blocks = blocked_overlaps(room_ids, start, end).annotate(
        kind=Value(BLOCKED, output_field=IntegerField()), why=F("reason")
    )
    bookings = active_overlaps(room_ids, start, end).annotate(
        kind=Value(BOOKED, output_field=IntegerField()), why=Value("", output_field=CharField())
    )
    columns = ("kind", "why")
    union = (
        blocks.order_by()
        .values_list(*columns)
        .union(bookings.order_by().values_list(*columns), all=True)
    )
    return union.order_by("kind")[:1]


# Every booking and every change of one asks it: compiled once per process (core.prepared),
# where building the union cost more than the database's answer.
_FIRST_OBSTACLE = Prepared(_obstacles, sample_ids(0), sample_datetime(1), sample_datetime(2))


def first_obstacle(room_ids, start, end) -> tuple[int, str] | None:
    """What stands in the way of using `room_ids` from start to end, in one query:
    (BLOCKED, the block's reason) before (BOOKED, ""), or None when the time is free."""
    if not room_ids:
        return None
    found = _FIRST_OBSTACLE(list(room_ids), start, end)
    return found[0] if found else None
