"""Reads for the premises pages and API: filtered, with related rows fetched up front."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from dugnad.core import params

from . import schedule
from .models import (
    ACTIVE_STATES,
    AllocatedSlot,
    AllocationRound,
    BlockedPeriod,
    Booking,
    BookingSeries,
    BookingState,
    Building,
    Facility,
    OpeningException,
    PriceRule,
    Room,
    RoomPhoto,
    SlotWish,
)
from .rules import managed_unit_ids


def rooms_base(municipality):
    return (
        Room.objects.in_municipality(municipality)
        .filter(is_active=True)
        .select_related("building__area", "building__unit", "parent")
        .prefetch_related("facilities")
    )


def busy_room_ids(start, end):
    """Rooms with an active booking or a blocked period overlapping [start, end)."""
    booked = Booking.objects.filter(state__in=ACTIVE_STATES, start__lt=end, end__gt=start)
    blocked = BlockedPeriod.objects.filter(start__lt=end, end__gt=start)
    return booked.values("room_id"), blocked.values("room_id")


def search_rooms(
    municipality,
    *,
    q="",
    building=None,
    area=None,
    kind="",
    capacity=None,
    facilities=(),
    start=None,
    end=None,
):
    rooms = rooms_base(municipality)
    if q:
        rooms = rooms.filter(Q(name__icontains=q) | Q(building__name__icontains=q))
    if building:
        rooms = rooms.filter(building=building)
    if area:
        rooms = rooms.filter(building__area=area)
    if kind:
        rooms = rooms.filter(kind=kind)
    if capacity:
        rooms = rooms.filter(capacity__gte=capacity)
    for facility in facilities:
        rooms = rooms.filter(facilities=facility)
    if start and end:
        booked, blocked = busy_room_ids(start, end)
        busy = Q(pk__in=booked) | Q(pk__in=blocked)
        # A whole is busy when one of its parts is, and a part when its whole is.
        part_busy = Exists(
            Room.objects.filter(Q(pk__in=booked) | Q(pk__in=blocked), parent=OuterRef("pk"))
        )
        rooms = (
            rooms.exclude(busy)
            .exclude(Q(parent_id__in=booked) | Q(parent_id__in=blocked))
            .exclude(part_busy)
        )
    return rooms.order_by("building__name", "name")


def room_detail(pk, municipality):
    return (
        Room.objects.in_municipality(municipality)
        .select_related("building__area", "building__unit", "parent")
        .prefetch_related(
            "facilities",
            "photos",
            "parts",
            "building__opening_hours",
            Prefetch(
                "price_rules", queryset=PriceRule.objects.order_by("renter_type", "-valid_from")
            ),
        )
        .get(pk=pk)
    )


def current_prices(room, on: dt.date):
    """One price rule per renter type, the one valid on `on` (from prefetched rules)."""
    rules = list(room.price_rules.all())
    found = {}
    for rule in rules:
        if rule.valid_from <= on and rule.renter_type not in found:
            found[rule.renter_type] = rule  # rules are ordered newest first
    return list(found.values())


@dataclass
class Interval:
    start: dt.datetime
    end: dt.datetime
    label: str = ""
    state: str = ""
    kind: str = "booking"  # booking | blocked | free
    booking_id: int | None = None  # for the managers' links to the booking


def busy_intervals(room, start, end, family=None):
    """Bookings and blocks of `room` (a Room or its id) and its family, in time order.

    Reads only the columns shown: the public availability asks this for every room-week."""
    room_id = getattr(room, "pk", room)
    family = family or schedule.family_ids(room)
    bookings = (
        Booking.objects.active()
        .filter(room_id__in=family)
        .overlapping(start, end)
        .order_by()
        .values_list("start", "end", "state", "is_public", "organisation__name", "room_id", "pk")
    )
    names = {}
    items = []
    for b_start, b_end, state, is_public, organisation, b_room, pk in bookings:
        # Only organisations that chose a public booking are named; private people never.
        label = organisation if is_public and organisation else ""
        if b_room != room_id:
            if not names:
                names = dict(Room.objects.filter(pk__in=family).values_list("pk", "name"))
            label = f"{label} ({names[b_room]})" if label else names[b_room]
        items.append(Interval(b_start, b_end, label, state, "booking", booking_id=pk))
    blocks = BlockedPeriod.objects.filter(room_id__in=family, start__lt=end, end__gt=start)
    for b_start, b_end, reason in blocks.order_by().values_list("start", "end", "reason"):
        items.append(Interval(b_start, b_end, reason, "", "blocked"))
    items.sort(key=lambda i: (i.start, i.end))
    return items


def free_intervals(busy, start, end):
    free, cursor = [], start
    for item in busy:
        if item.start > cursor:
            free.append(Interval(cursor, min(item.start, end), kind="free"))
        cursor = max(cursor, item.end)
        if cursor >= end:
            break
    if cursor < end:
        free.append(Interval(cursor, end, kind="free"))
    return free


def availability(room, start, end, family=None):
    busy = busy_intervals(room, start, end, family)
    return busy, free_intervals(busy, start, end)


def week_view(room, monday: dt.date):
    """Seven days from `monday`: opening hours, busy and free time inside them."""
    start = schedule.local(monday, dt.time())
    end = schedule.local(monday + dt.timedelta(days=7), dt.time())
    busy = busy_intervals(room, start, end)
    exceptions = {
        e.date: e
        for e in OpeningException.objects.filter(
            building=room.building, date__gte=monday, date__lt=monday + dt.timedelta(days=7)
        )
    }
    weekly = {h.weekday: h for h in room.building.opening_hours.all()}
    days = []
    for offset in range(7):
        date = monday + dt.timedelta(days=offset)
        hours = schedule.day_hours(room, date, exceptions=exceptions, weekly=weekly)
        day_start = schedule.local(date, dt.time())
        day_end = schedule.local(date + dt.timedelta(days=1), dt.time())
        day_busy = [i for i in busy if i.start < day_end and i.end > day_start]
        free = []
        if hours.opens is not None:
            free = free_intervals(
                day_busy, schedule.local(date, hours.opens), schedule.local(date, hours.closes)
            )
        days.append({"date": date, "hours": hours, "busy": day_busy, "free": free})
    return days


def monday_of(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def bookings_with_related():
    return Booking.objects.select_related(
        "room__building__unit", "room__parent", "organisation", "booked_by"
    )


def bookings_in(municipality):
    """The municipality's bookings, for a page that picks one by its id and then checks rights."""
    return bookings_with_related().in_municipality(municipality)


def my_bookings(user):
    from dugnad.organisations.rules import represented_organisation_ids

    orgs = represented_organisation_ids(user)
    return (
        bookings_with_related()
        .filter(Q(booked_by=user) | Q(organisation_id__in=orgs))
        .filter(end__gte=timezone.now() - dt.timedelta(days=30))
        .order_by("start")
    )


def managed_bookings(user, municipality):
    # In this municipality only: a site administrator manages every unit of every municipality.
    return (
        bookings_with_related()
        .in_municipality(municipality)
        .filter(room__building__unit_id__in=managed_unit_ids(user))
    )


def managed_rooms(user, municipality, active_only=False):
    units = managed_unit_ids(user)
    rooms = (
        Room.objects.in_municipality(municipality)
        .select_related("building", "parent")
        .order_by("building__name", "name")
    )
    if active_only:
        rooms = rooms.filter(is_active=True)
    return rooms.filter(building__unit_id__in=units)


def managed_blocked_periods(user, municipality, now=None):
    """Blocked periods not yet over in the user's buildings, soonest first."""
    periods = BlockedPeriod.objects.filter(
        end__gt=now or timezone.now(),
        room__building__municipality=municipality,
        room__building__unit_id__in=managed_unit_ids(user),
    ).select_related("room__building")
    return periods.order_by("start", "pk")


def waiting_requests(user, municipality, now=None):
    """Requests still ahead, the longest waiting first (past ones expire on their own)."""
    return (
        managed_bookings(user, municipality)
        .filter(state=BookingState.REQUESTED, start__gt=now or timezone.now())
        .order_by("created_at", "start", "pk")
    )


def requests_to_decide(user, municipality, *, ids=(), series=None, now=None):
    """The requests a manager chose to decide at once: by id, or the coming requested dates of
    a series. Only the user's buildings; in start order."""
    chosen = Q(pk__in=list(ids))
    if series:
        chosen |= Q(series_id=series, start__gt=now or timezone.now())
    return list(
        managed_bookings(user, municipality)
        .filter(chosen, state=BookingState.REQUESTED)
        .order_by("start", "pk")
    )


def invoice_bookings(user, municipality, first: dt.date, last: dt.date):
    """The confirmed bookings an invoice basis for the period covers."""
    start = schedule.local(first, dt.time())
    end = schedule.local(last + dt.timedelta(days=1), dt.time())
    return managed_bookings(user, municipality).filter(
        state=BookingState.CONFIRMED, start__gte=start, start__lt=end
    )


def invoice_rows(user, municipality, first: dt.date, last: dt.date):
    """Confirmed bookings in the period, grouped by renter, with a total per renter."""
    bookings = invoice_bookings(user, municipality, first, last).order_by(
        "organisation__name", "booked_by__email", "start"
    )
    groups: dict[tuple, dict] = {}
    for booking in bookings:
        key = (
            ("org", booking.organisation_id)
            if booking.organisation_id
            else ("user", booking.booked_by_id)
        )
        group = groups.setdefault(
            key,
            {
                "renter": booking.organiser_name,
                "renter_type": booking.get_renter_type_display(),
                "org_number": booking.organisation.org_number if booking.organisation_id else "",
                "email": booking.organisation.email
                if booking.organisation_id
                else booking.booked_by.email,
                "bookings": [],
                "total_ore": 0,
                "hours": 0.0,
            },
        )
        group["bookings"].append(booking)
        group["total_ore"] += booking.price_ore
        group["hours"] += schedule.duration(booking.start, booking.end).total_seconds() / 3600
    return list(groups.values())


# --- Reads for single pages --------------------------------------------------------------------


def user_organisations(user) -> list:
    """Approved organisations where the user holds a role, for the renter and wish forms."""
    from dugnad.organisations.models import Organisation
    from dugnad.organisations.rules import represented_organisation_ids

    ids = represented_organisation_ids(user)
    return list(Organisation.objects.public().filter(pk__in=ids).order_by("name"))


def rooms_for_booking(municipality):
    """Active rooms with what the booking form shows: building, whole, and the price rules."""
    return (
        Room.objects.in_municipality(municipality)
        .filter(is_active=True)
        .select_related("building", "parent")
        .prefetch_related(
            Prefetch(
                "price_rules", queryset=PriceRule.objects.order_by("renter_type", "-valid_from")
            )
        )
    )


def rooms_with_building(municipality):
    return Room.objects.in_municipality(municipality).select_related("building")


def rooms_for_booking_api(municipality):
    """The municipality's rooms with the building and the whole room they are part of, which
    booking checks."""
    return Room.objects.in_municipality(municipality).select_related("building", "parent")


def facilities_by_slug(slugs) -> list:
    return list(Facility.objects.filter(slug__in=slugs))


def organisations(municipality):
    """The municipality's organisations, for a booking made on behalf of one (rules decide who
    may)."""
    from dugnad.organisations.models import Organisation

    return Organisation.objects.in_municipality(municipality)


def renter_emails(booking) -> list[str]:
    """Whom to tell about a booking: who booked it, and the organisation's address."""
    emails = [booking.booked_by.email]
    if booking.organisation_id and booking.organisation.email:
        emails.append(booking.organisation.email)
    return emails


def manager_emails(room) -> list[str]:
    """The premises managers of the room's unit and the units above it."""
    from dugnad.accounts.roles import Role, unit_role_holders

    holders = unit_role_holders(room.building.unit_id, Role.PREMISES_MANAGER)
    return list(holders.values_list("email", flat=True))


def room_choice(pk, municipality):
    """The municipality's room a manager picked in a form field, or None for an empty or unknown
    value (a room of another municipality is unknown here).

    A value that is no id (text, a number beyond the database's integers) is unknown too: it
    never reaches the database, where a too-large number is an error, not "no such room".
    """
    room_id = params.int_or_default(pk, minimum=1, maximum=params.MAX_DB_INT, default=0)
    return (
        Room.objects.in_municipality(municipality).filter(pk=room_id).first() if room_id else None
    )


def booking_history(booking, limit=10):
    return booking.history.select_related("history_user").order_by("-history_date")[:limit]


def series_with_related(municipality):
    return BookingSeries.objects.in_municipality(municipality).select_related(
        "room__building", "organisation", "booked_by"
    )


def series_bookings(series) -> list:
    return list(series.bookings.order_by("start"))


def series_skips(series) -> list:
    return list(series.skips.order_by("date"))


def feed_target(feed: str, pk, municipality):
    """The municipality's room (with what its permission check reads) or organisation a private
    feed shows.

    Raises DoesNotExist for an unknown room or organisation.
    """
    from dugnad.organisations.models import Organisation

    if feed == "premises.room":
        return (
            Room.objects.in_municipality(municipality).select_related("building__unit").get(pk=pk)
        )
    return Organisation.objects.in_municipality(municipality).get(pk=pk)


def feed_bookings(kind: str, target, since: dt.datetime, limit=2000) -> tuple[str, list]:
    """(calendar name, bookings ending after `since`) for a room or an organisation."""
    # Cancelled and denied bookings stay in the feed, marked CANCELLED, so that subscribed
    # calendars strike them out instead of keeping a stale copy.
    bookings = bookings_with_related().filter(end__gte=since)
    if kind == "room":
        bookings, name = bookings.filter(room_id__in=schedule.family_ids(target)), str(target)
    else:
        bookings, name = bookings.filter(organisation=target), target.name
    return name, list(bookings[:limit])


def week_calendar(user, municipality, monday: dt.date, limit=500) -> list:
    """Active bookings in the user's buildings starting in the week from `monday`."""
    start = schedule.local(monday, dt.time())
    end = schedule.local(monday + dt.timedelta(days=7), dt.time())
    return list(
        managed_bookings(user, municipality)
        .active()
        .filter(start__gte=start, start__lt=end)
        .order_by("start")[:limit]
    )


def blocked_periods(municipality):
    return BlockedPeriod.objects.filter(room__building__municipality=municipality).select_related(
        "room__building"
    )


def allocation_rounds(municipality):
    return AllocationRound.objects.in_municipality(municipality)


def open_allocation_rounds(municipality, now=None):
    return AllocationRound.objects.in_municipality(municipality).filter(
        status=AllocationRound.Status.OPEN, deadline__gt=now or timezone.now()
    )


def in_round(allocation_round, rooms):
    """`rooms` narrowed to those the round lets, with their parts (a round with none ticked
    lets every room)."""
    chosen = list(allocation_round.rooms.values_list("pk", flat=True))
    return rooms.filter(Q(pk__in=chosen) | Q(parent_id__in=chosen)) if chosen else rooms


def recent_allocation_rounds(municipality, limit=6):
    return AllocationRound.objects.in_municipality(municipality).order_by("-season_start")[:limit]


def wishes_with_related(municipality):
    return SlotWish.objects.filter(round__municipality=municipality).select_related(
        "round", "organisation"
    )


def organisation_wishes(allocation_round, organisations):
    return SlotWish.objects.filter(
        round=allocation_round, organisation__in=organisations
    ).select_related("organisation", "room__building")


def active_rooms(municipality):
    return (
        Room.objects.in_municipality(municipality)
        .filter(is_active=True)
        .select_related("building", "parent")
    )


def work_queue(user, municipality) -> list:
    """A premises manager's queue: requests to decide (those still ahead; past ones expire)
    and allocation rounds whose deadline has passed but which are not published."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from dugnad.core.plugins import QueueItem

    from .booking_queue import waiting_count
    from .rules import is_premises_manager

    if not is_premises_manager(user):
        return []
    counts = waiting_count(user, municipality)
    items = [
        QueueItem(
            _("Booking requests to decide"),
            counts["total"],
            reverse("premises:requests"),
            urgent=bool(counts["soon"]),
        )
    ]
    due = list(
        AllocationRound.objects.filter(municipality=municipality, deadline__lt=timezone.now())
        .exclude(status=AllocationRound.Status.PUBLISHED)
        .order_by("deadline")
        .values_list("pk", flat=True)
    )
    if due:
        items.append(
            QueueItem(
                _("Allocation rounds to allocate and publish"),
                len(due),
                reverse("premises:allocation", args=[due[0]]),
            )
        )
    return [item for item in items if item.count]


def managed_buildings(user, municipality):
    """The buildings of the units `user` manages premises in, with their rooms."""
    return (
        Building.objects.in_municipality(municipality)
        .filter(unit_id__in=managed_unit_ids(user))
        .select_related("unit", "area")
        .prefetch_related(
            Prefetch("rooms", queryset=Room.objects.select_related("parent").order_by("name"))
        )
        .order_by("name")
    )


def buildings_in(municipality):
    return Building.objects.in_municipality(municipality).select_related("unit", "area")


def managed_units(user, municipality):
    from dugnad.core.models import Unit

    return Unit.objects.filter(municipality=municipality, pk__in=managed_unit_ids(user)).order_by(
        "name"
    )


def areas_of(municipality):
    from dugnad.core.models import Area

    return Area.objects.filter(municipality=municipality).order_by("name")


def rooms_of_building(building):
    return Room.objects.filter(building=building).select_related("parent").order_by("name")


def wholes_of(building, room=None):
    """The rooms of a building that a room can be a part of (not itself, not a part)."""
    wholes = Room.objects.filter(building=building, parent__isnull=True).order_by("name")
    return wholes.exclude(pk=room.pk) if room is not None and room.pk else wholes


def parts_of(room):
    return list(Room.objects.filter(parent=room).order_by("name"))


def opening_hours_of(building) -> dict:
    return {h.weekday: h for h in building.opening_hours.all()}


def current_price_rules(room, on: dt.date) -> dict:
    """{renter type: the rule valid on `on`} for the room."""
    rules = list(room.price_rules.all())
    found = {}
    for renter in {r.renter_type for r in rules}:
        rule = schedule.price_rule(room, renter, on, rules)
        if rule is not None:
            found[renter] = rule
    return found


def setup_history(target, limit=20) -> list[dict]:
    """The activity log of a building or room, newest first, in words: the set-up pages'
    history (when, who, what happened, which fields)."""
    from django.utils.translation import gettext as _

    words = {
        "premises.building.created": _("Building created"),
        "premises.building.changed": _("Building changed"),
        "premises.opening_hours.changed": _("Opening hours changed"),
        "premises.room.created": _("Room created"),
        "premises.room.changed": _("Room changed"),
        "premises.prices.changed": _("Price list changed"),
        "premises.round.created": _("Allocation round created"),
        "premises.round.changed": _("Allocation round changed"),
        "room.blocked": _("Time blocked"),
        "room.unblocked": _("Block removed"),
    }
    return [
        {
            "when": entry.created_at,
            "who": entry.actor.display_name if entry.actor else "",
            "what": words.get(entry.event, _("Changed")),
            "details": ", ".join(
                str(v) for v in entry.data.get("fields") or entry.data.get("weekdays") or []
            )
            or (
                _("from %(date)s") % {"date": entry.data["valid_from"]}
                if entry.data.get("valid_from")
                else entry.reason
            ),
        }
        for entry in _setup_log(target, limit)
    ]


def _setup_log(target, limit):
    from django.contrib.contenttypes.models import ContentType

    from dugnad.core.models import ActivityLog

    return (
        ActivityLog.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-created_at")[:limit]
    )


# The filters of "My bookings": when and which states; upcoming first, the past newest first.
MY_BOOKING_WHEN = ("upcoming", "past", "all")


def my_bookings_filtered(user, *, when: str = "upcoming", state: str = ""):
    """The person's and their organisations' bookings, filtered: upcoming (soonest first, the
    default), past (most recent first) or all (newest first); `state` one of BookingState."""
    from dugnad.organisations.rules import represented_organisation_ids

    orgs = represented_organisation_ids(user)
    qs = bookings_with_related().filter(Q(booked_by=user) | Q(organisation_id__in=orgs))
    now = timezone.now()
    if state in BookingState.values:
        qs = qs.filter(state=state)
    if when == "past":
        return qs.filter(end__lt=now).order_by("-start", "-id")
    if when == "all":
        return qs.order_by("-start", "-id")
    return qs.filter(end__gte=now).order_by("start", "id")


def my_page(user) -> dict | None:
    """This app's section of a person's own page: the next bookings and those waiting for an
    answer, with a link to all of them."""
    upcoming = list(my_bookings_filtered(user)[:6])
    if not upcoming and not Booking.objects.filter(booked_by=user).exists():
        return None
    return {"bookings": upcoming}


def room_photos(room):
    return RoomPhoto.objects.filter(room=room)


def allocated_slot_of(wish):
    """The slot a season wish holds now (with its room), or None."""
    return AllocatedSlot.objects.filter(wish=wish).select_related("room").first()
