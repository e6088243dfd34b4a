"""The premises manager's booking queue: requests (or other bookings) filtered by building,
room, club and state, with what stands in each one's way, a page at a time.

The conflicts of a page are found in a fixed number of queries whatever its length: the rooms
of the page's buildings (for wholes and parts), the active bookings and blocks that overlap
the page's time span, and the buildings' opening hours and exceptions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.core import params

from . import schedule
from .models import ACTIVE_STATES, BlockedPeriod, Booking, BookingState, OpeningException, Room
from .queries import managed_bookings, managed_rooms

PER_PAGE = 25
STATES = [*BookingState.choices]


@dataclass(frozen=True)
class QueueFilters:
    building: int | None = None
    room: int | None = None
    organisation: int | None = None
    state: str = BookingState.REQUESTED
    include_past: bool = False

    @classmethod
    def from_query(cls, query) -> QueueFilters:
        def some_id(name):
            value = params.int_or_default(
                query.get(name), minimum=1, maximum=params.MAX_DB_INT, default=0
            )
            return value or None

        state = query.get("state", BookingState.REQUESTED)
        if state not in BookingState.values:
            state = BookingState.REQUESTED
        return cls(
            building=some_id("building"),
            room=some_id("room"),
            organisation=some_id("organisation"),
            state=state,
            include_past=query.get("past") == "1",
        )


def booking_queue(user, municipality, filters: QueueFilters, now=None):
    """The bookings of the user's buildings that match `filters`. Requests come oldest first
    (the longest wait on top) and only those still ahead; other states by their date."""
    now = now or timezone.now()
    qs = managed_bookings(user, municipality).filter(state=filters.state)
    if filters.building:
        qs = qs.filter(room__building_id=filters.building)
    if filters.room:
        qs = qs.filter(room_id=filters.room)
    if filters.organisation:
        qs = qs.filter(organisation_id=filters.organisation)
    if not filters.include_past:
        # A request whose time has come can no longer be approved (it expires); other
        # bookings stay listed until they end.
        if filters.state == BookingState.REQUESTED:
            qs = qs.filter(start__gt=now)
        else:
            qs = qs.filter(end__gt=now)
    if filters.state == BookingState.REQUESTED:
        return qs.order_by("created_at", "start", "pk")
    return qs.order_by("start", "pk")


def filter_choices(user, municipality) -> dict:
    """The buildings, rooms and clubs a manager can filter the queue by."""
    from dugnad.organisations.models import Organisation

    rooms = list(managed_rooms(user, municipality))
    buildings = {room.building_id: room.building for room in rooms}
    organisations = Organisation.objects.filter(
        pk__in=managed_bookings(user, municipality)
        .filter(state__in=ACTIVE_STATES, organisation__isnull=False)
        .values("organisation_id")
    ).order_by("name")
    return {
        "buildings": sorted(buildings.values(), key=lambda b: b.name),
        "rooms": rooms,
        "organisations": list(organisations),
        "states": STATES,
    }


def _span(bookings):
    return min(b.start for b in bookings), max(b.end for b in bookings)


def attach_conflicts(bookings: list[Booking]) -> None:
    """Set `booking.conflicts` (a list of sentences) on each booking of a page: overlapping
    active bookings of the room, its whole or its parts; blocks; a closed day; a time outside
    the opening hours."""
    if not bookings:
        return
    start, end = _span(bookings)
    buildings = {b.room.building_id for b in bookings}
    parents = dict(Room.objects.filter(building_id__in=buildings).values_list("pk", "parent_id"))
    families = {b.room_id: set(schedule._family(b.room_id, parents)) for b in bookings}
    every_room = set().union(*families.values())
    others = list(
        Booking.objects.filter(
            room_id__in=every_room, state__in=ACTIVE_STATES, start__lt=end, end__gt=start
        ).select_related("room", "organisation", "booked_by")
    )
    blocks = list(
        BlockedPeriod.objects.filter(room_id__in=every_room, start__lt=end, end__gt=start)
    )
    first_day = start.astimezone(schedule.OSLO).date()
    last_day = end.astimezone(schedule.OSLO).date()
    exceptions = defaultdict(dict)
    for exception in OpeningException.objects.filter(
        building_id__in=buildings, date__gte=first_day, date__lte=last_day
    ):
        exceptions[exception.building_id][exception.date] = exception
    for booking in bookings:
        family = families[booking.room_id]
        found = []
        for other in others:
            if (
                other.pk != booking.pk
                and other.room_id in family
                and other.start < booking.end
                and booking.start < other.end
            ):
                found.append(
                    _("Overlaps %(title)s (%(renter)s, %(room)s, %(state)s)")
                    % {
                        "title": other.title,
                        "renter": other.organiser_name,
                        "room": other.room.name,
                        "state": other.get_state_display().lower(),
                    }
                )
        for block in blocks:
            if block.room_id in family and block.start < booking.end and booking.start < block.end:
                found.append(_("Blocked: %(reason)s") % {"reason": block.reason})
        day = booking.start.astimezone(schedule.OSLO).date()
        weekly = {h.weekday: h for h in booking.room.building.opening_hours.all()}
        hours = schedule.day_hours(
            booking.room, day, exceptions=exceptions[booking.room.building_id], weekly=weekly
        )
        if hours.closed_reason:
            found.append(_("Closed that day (%(reason)s)") % {"reason": hours.closed_reason})
        elif not schedule.within_opening_hours(booking.room, booking.start, booking.end, hours):
            found.append(_("Outside the opening hours"))
        booking.conflicts = found


def queue_page(user, municipality, filters: QueueFilters, page_number):
    from django.core.paginator import Paginator

    qs = booking_queue(user, municipality, filters).prefetch_related(
        "room__building__opening_hours"
    )
    page = Paginator(qs, PER_PAGE).get_page(page_number)
    attach_conflicts(list(page.object_list))
    return page


def waiting_count(user, municipality, now=None):
    """(requests still ahead, of which start within two days) in the user's buildings."""
    from django.db.models import Count

    now = now or timezone.now()
    return (
        managed_bookings(user, municipality)
        .filter(state=BookingState.REQUESTED, start__gt=now)
        .aggregate(
            total=Count("pk"), soon=Count("pk", filter=Q(start__lt=now + dt.timedelta(days=2)))
        )
    )


def describe(booking) -> str:
    """A booking named in a message: its title and time."""
    start = timezone.localtime(booking.start)
    end = date_format(timezone.localtime(booking.end), "H:i")
    return f"{booking.title}, {date_format(start, 'j. F Y H:i')}–{end}"
