"""Season allocation that sees the whole calendar: each wish or slot checked, date by date,
against the room's whole and parts, the bookings and blocks already there, and the opening
hours; the grid of a building's rooms by weekday and hour; and the preview of what publishing
would book and skip.

`SeasonCalendar` reads the season once (rooms, bookings, blocks, opening hours and exceptions of
the buildings concerned: a fixed number of queries) and answers every check in memory, so the
allocation page costs the same whatever the number of wishes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from . import schedule
from .models import (
    ACTIVE_STATES,
    AllocatedSlot,
    BlockedPeriod,
    Booking,
    OpeningException,
    OpeningHours,
    Room,
)


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _end(start: dt.time, minutes: int) -> dt.time:
    total = min(_minutes(start) + minutes, 24 * 60 - 1)
    return dt.time(total // 60, total % 60)


def first_date(allocation_round, weekday: int, today: dt.date | None = None) -> dt.date:
    """The season's first date on `weekday` that publishing would book (never today or
    earlier), as `publish_round` computes it."""
    start = max(
        allocation_round.season_start, (today or timezone.localdate()) + dt.timedelta(days=1)
    )
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def season_dates(allocation_round, weekday: int, today: dt.date | None = None) -> list[dt.date]:
    dates, date = [], first_date(allocation_round, weekday, today)
    while date <= allocation_round.season_end:
        dates.append(date)
        date += dt.timedelta(days=7)
    return dates


@dataclass
class DateCheck:
    date: dt.date
    reason: str = ""  # empty: the date would be booked

    @property
    def ok(self) -> bool:
        return not self.reason


@dataclass
class SlotCheck:
    """What a weekly slot (a wish, or an allocated slot) would get over the season."""

    dates: list[DateCheck] = field(default_factory=list)

    @property
    def got(self) -> list[dt.date]:
        return [d.date for d in self.dates if d.ok]

    @property
    def lost(self) -> list[DateCheck]:
        return [d for d in self.dates if not d.ok]

    def reasons(self) -> list[tuple[str, int]]:
        """Each reason a date is lost, with how many dates it costs, most first."""
        counts: dict[str, int] = defaultdict(int)
        for check in self.lost:
            counts[check.reason] += 1
        return sorted(counts.items(), key=lambda kv: -kv[1])


class SeasonCalendar:
    """The season of `allocation_round` in the buildings of `rooms`, read once."""

    def __init__(self, allocation_round, building_ids, today: dt.date | None = None):
        self.round = allocation_round
        self.today = today or timezone.localdate()
        building_ids = set(building_ids)
        self.rooms = {
            room.pk: room
            for room in Room.objects.filter(building_id__in=building_ids).select_related(
                "building", "parent"
            )
        }
        self.parents = {pk: room.parent_id for pk, room in self.rooms.items()}
        start = schedule.local(allocation_round.season_start, dt.time())
        end = schedule.local(allocation_round.season_end + dt.timedelta(days=1), dt.time())
        # The round's own published series are not "in the way" of the round.
        own_series = AllocatedSlot.objects.filter(
            round=allocation_round, series__isnull=False
        ).values("series_id")
        self.bookings = defaultdict(list)  # (room id, date) -> [Booking]
        for booking in (
            Booking.objects.filter(
                room_id__in=self.rooms, state__in=ACTIVE_STATES, start__lt=end, end__gt=start
            )
            .exclude(series_id__in=own_series)
            .select_related("organisation", "booked_by")
        ):
            day = booking.start.astimezone(schedule.OSLO).date()
            self.bookings[(booking.room_id, day)].append(booking)
        self.blocks = defaultdict(list)  # room id -> [BlockedPeriod]
        for block in BlockedPeriod.objects.filter(
            room_id__in=self.rooms, start__lt=end, end__gt=start
        ):
            self.blocks[block.room_id].append(block)
        self.weekly = defaultdict(dict)  # building id -> {weekday: OpeningHours}
        for hours in OpeningHours.objects.filter(building_id__in=building_ids):
            self.weekly[hours.building_id][hours.weekday] = hours
        self.exceptions = defaultdict(dict)  # building id -> {date: OpeningException}
        for exception in OpeningException.objects.filter(
            building_id__in=building_ids,
            date__gte=allocation_round.season_start,
            date__lte=allocation_round.season_end,
        ):
            self.exceptions[exception.building_id][exception.date] = exception
        self._families: dict[int, set[int]] = {}

    def family(self, room_id: int) -> set[int]:
        if room_id not in self._families:
            self._families[room_id] = set(schedule._family(room_id, self.parents))
        return self._families[room_id]

    def day_hours(self, room: Room, date: dt.date) -> schedule.DayHours:
        return schedule.day_hours(
            room,
            date,
            exceptions=self.exceptions[room.building_id],
            weekly=self.weekly[room.building_id],
        )

    def check_date(self, room: Room, date: dt.date, start_time, end_time) -> DateCheck:
        """Why publishing would skip this date (the same order of checks as booking), or ok."""
        hours = self.day_hours(room, date)
        if hours.closed_reason:
            return DateCheck(date, _("closed (%(reason)s)") % {"reason": hours.closed_reason})
        if hours.opens is None:
            return DateCheck(date, _("closed on this weekday"))
        if start_time < hours.opens or end_time > hours.closes:
            return DateCheck(
                date,
                _("outside the opening hours (%(opens)s–%(closes)s)")
                % {
                    "opens": hours.opens.strftime("%H:%M"),
                    "closes": hours.closes.strftime("%H:%M"),
                },
            )
        start, end = schedule.local(date, start_time), schedule.local(date, end_time)
        family = self.family(room.pk)
        for room_id in family:
            for block in self.blocks.get(room_id, ()):
                if block.start < end and start < block.end:
                    return DateCheck(date, _("blocked: %(reason)s") % {"reason": block.reason})
        for room_id in family:
            for booking in self.bookings.get((room_id, date), ()):
                if booking.start < end and start < booking.end:
                    where = "" if room_id == room.pk else f", {self.rooms[room_id].name}"
                    return DateCheck(
                        date,
                        _("already booked by %(renter)s%(where)s")
                        % {"renter": booking.organiser_name, "where": where},
                    )
        return DateCheck(date)

    def check(self, room: Room, weekday: int, start_time, end_time) -> SlotCheck:
        return SlotCheck(
            [
                self.check_date(room, date, start_time, end_time)
                for date in season_dates(self.round, weekday, self.today)
            ]
        )


def _overlap(weekday_a, start_a, end_a, weekday_b, start_b, end_b) -> bool:
    return weekday_a == weekday_b and start_a < end_b and start_b < end_a


def round_state(allocation_round, user_rooms) -> dict:
    """Everything the allocation page shows: the wishes with their conflicts (other wishes and
    slots on the same room, its whole or a part; and what the season's dates would lose), the
    allocated slots with what they would get, and a SeasonCalendar for the grid."""
    wishes = list(
        allocation_round.wishes.select_related(
            "organisation", "room__building", "age_group", "allocation__room__building"
        ).order_by("weekday", "start_time", "priority", "pk")
    )
    slots = [w.allocation for w in wishes if hasattr(w, "allocation")]
    building_ids = {room.building_id for room in user_rooms} | {
        w.room.building_id for w in wishes if w.room_id
    }
    calendar = SeasonCalendar(allocation_round, building_ids)
    returning = set()
    if allocation_round.previous_id:
        returning = set(
            AllocatedSlot.objects.filter(round_id=allocation_round.previous_id).values_list(
                "organisation_id", flat=True
            )
        )
    for wish in wishes:
        wish.end_time = _end(wish.start_time, wish.minutes)
        wish.allocated = getattr(wish, "allocation", None) if hasattr(wish, "allocation") else None
        wish.is_returning = wish.organisation_id in returning
        wish.conflicts = []
        family = calendar.family(wish.room_id) if wish.room_id else set()
        for other in wishes:
            if other is wish:
                continue
            same_place = (wish.room_id and other.room_id in family) or (
                not wish.room_id and not other.room_id and wish.room_kind == other.room_kind
            )
            if same_place and _overlap(
                wish.weekday,
                wish.start_time,
                wish.end_time,
                other.weekday,
                other.start_time,
                _end(other.start_time, other.minutes),
            ):
                part = (
                    ""
                    if other.room_id == wish.room_id
                    else f" ({other.room.name})"
                    if other.room_id
                    else ""
                )
                wish.conflicts.append(
                    _("wish of %(organisation)s%(part)s")
                    % {"organisation": other.organisation.name, "part": part}
                )
        for slot in slots:
            if slot.wish_id == wish.pk or not wish.room_id or slot.room_id not in family:
                continue
            if _overlap(
                wish.weekday, wish.start_time, wish.end_time,
                slot.weekday, slot.start_time, slot.end_time,
            ):  # fmt: skip
                wish.conflicts.append(
                    _("allocated to %(organisation)s (%(room)s)")
                    % {"organisation": slot.organisation.name, "room": slot.room.name}
                )
        place = wish.allocated.room if wish.allocated else wish.room
        if place is not None:
            weekday = wish.allocated.weekday if wish.allocated else wish.weekday
            start = wish.allocated.start_time if wish.allocated else wish.start_time
            end = wish.allocated.end_time if wish.allocated else wish.end_time
            wish.season = calendar.check(place, weekday, start, end)
        else:
            wish.season = None
    return {
        "wishes": wishes,
        "calendar": calendar,
        "wish_count": len(wishes),
        "conflict_count": sum(1 for w in wishes if w.conflicts),
        "allocated_count": len(slots),
    }


def preview(allocation_round) -> list[dict]:
    """Per organisation, each allocated slot with the dates publishing would book and those it
    would skip and why; wishes without a slot are listed as not met."""
    slots = list(
        allocation_round.slots.select_related("room__building", "organisation").order_by(
            "organisation__name", "weekday", "start_time"
        )
    )
    wishes = list(
        allocation_round.wishes.filter(allocation__isnull=True).select_related(
            "organisation", "room"
        )
    )
    calendar = SeasonCalendar(allocation_round, {slot.room.building_id for slot in slots})
    by_org: dict[int, dict] = {}
    for slot in slots:
        entry = by_org.setdefault(
            slot.organisation_id, {"organisation": slot.organisation, "slots": [], "unmet": []}
        )
        entry["slots"].append(
            {
                "slot": slot,
                "check": calendar.check(slot.room, slot.weekday, slot.start_time, slot.end_time),
            }
        )
    for wish in wishes:
        entry = by_org.setdefault(
            wish.organisation_id, {"organisation": wish.organisation, "slots": [], "unmet": []}
        )
        entry["unmet"].append(wish)
    return sorted(by_org.values(), key=lambda e: e["organisation"].name)


@dataclass(frozen=True)
class GridCell:
    kind: str  # closed | wish | allocated | booked | blocked
    label: str
    conflict: bool = False


def grid(state: dict, building_id: int, weekday: int) -> dict:
    """The rooms of a building (wholes before their parts) by hour on `weekday`: for each hour,
    what is there over the season (booked or blocked on some dates, closed), the wishes and the
    allocated slots."""
    calendar: SeasonCalendar = state["calendar"]
    rooms = sorted(
        (r for r in calendar.rooms.values() if r.building_id == building_id and r.is_active),
        key=lambda r: (r.parent.name if r.parent_id else r.name, r.parent_id is not None, r.name),
    )
    hours = range(7, 23)
    dates = season_dates(calendar.round, weekday, calendar.today)
    rows = []
    for hour in hours:
        start, end = dt.time(hour), dt.time(hour + 1) if hour < 23 else dt.time(23, 59)
        cells = []
        for room in rooms:
            items = []
            sample = dates[0] if dates else None
            if sample is not None:
                day = calendar.day_hours(room, sample)
                if day.opens is None or start < day.opens or end > day.closes:
                    items.append(GridCell("closed", _("closed")))
            booked = defaultdict(int)
            family = calendar.family(room.pk)
            for date in dates:
                s, e = schedule.local(date, start), schedule.local(date, end)
                for room_id in family:
                    for booking in calendar.bookings.get((room_id, date), ()):
                        if booking.start < e and s < booking.end:
                            booked[booking.organiser_name] += 1
                    for block in calendar.blocks.get(room_id, ()):
                        if block.start < e and s < block.end:
                            booked[_("blocked: %(reason)s") % {"reason": block.reason}] += 1
            for name, count in sorted(booked.items()):
                items.append(
                    GridCell(
                        "booked",
                        _("%(name)s on %(count)s of %(total)s dates")
                        % {"name": name, "count": count, "total": len(dates)},
                    )
                )
            for wish in state["wishes"]:
                slot = wish.allocated
                if slot and slot.room_id == room.pk and slot.weekday == weekday:
                    if slot.start_time < end and start < slot.end_time:
                        items.append(GridCell("allocated", wish.organisation.name))
                elif (
                    not slot
                    and wish.room_id == room.pk
                    and wish.weekday == weekday
                    and wish.start_time < end
                    and start < wish.end_time
                ):
                    items.append(
                        GridCell("wish", wish.organisation.name, conflict=bool(wish.conflicts))
                    )
            cells.append(items)
        rows.append({"hour": hour, "cells": cells})
    return {"rooms": rooms, "rows": rows, "dates": len(dates)}


def report(allocation_round) -> list[dict]:
    """After publishing: per organisation, each slot with the dates booked and those skipped
    and why (as stored with the series), and the wishes not met."""
    from django.db.models import Count, Prefetch, Q

    from .models import SeriesSkip

    slots = list(
        allocation_round.slots.select_related("room__building", "organisation", "series")
        .prefetch_related(Prefetch("series__skips", queryset=SeriesSkip.objects.order_by("date")))
        .annotate(
            booked=Count("series__bookings", filter=Q(series__bookings__state__in=ACTIVE_STATES))
        )
        .order_by("organisation__name", "weekday", "start_time")
    )
    by_org: dict[int, dict] = {}
    for slot in slots:
        entry = by_org.setdefault(
            slot.organisation_id, {"organisation": slot.organisation, "slots": [], "unmet": []}
        )
        skipped = list(slot.series.skips.all()) if slot.series_id else []
        entry["slots"].append({"slot": slot, "booked": slot.booked, "skipped": skipped})
    for wish in allocation_round.wishes.filter(allocation__isnull=True).select_related(
        "organisation", "room"
    ):
        entry = by_org.setdefault(
            wish.organisation_id, {"organisation": wish.organisation, "slots": [], "unmet": []}
        )
        entry["unmet"].append(wish)
    return sorted(by_org.values(), key=lambda e: e["organisation"].name)
