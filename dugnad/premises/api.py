"""Premises API: rooms and their availability (public), bookings (bearer token or session)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.params import DbId, SaneDateTime
from dugnad.core.schemas import PlainTextInput

from . import actions, queries, schedule
from .cache import availability_topics
from .rules import is_renter

router = Router(tags=["premises"])
bookings_router = Router(tags=["bookings"])

MAX_AVAILABILITY_DAYS = 31


class RoomOut(Schema):
    id: int
    name: str
    kind: str
    capacity: int
    size_m2: int | None
    building_id: int
    building: str = Field(..., alias="building.name")
    address: str = Field(..., alias="building.address")
    area: str | None = None
    parent_id: int | None
    facilities: list[str]
    url: str

    @staticmethod
    def resolve_facilities(obj):
        return [f.slug for f in obj.facilities.all()]

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_area(obj):
        return obj.building.area.name if obj.building.area_id else None


class RoomFilters(Schema):
    q: str = ""
    building: DbId | None = None
    area: DbId | None = None
    kind: str = ""
    capacity: int | None = Field(None, ge=1, le=100_000)
    facility: list[str] = Field(default_factory=list)
    start: SaneDateTime | None = Field(
        None, description="Free from this time; now when only `end` is given."
    )
    end: SaneDateTime | None = Field(None, description="Free until this time.")


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # A time without an offset means Norwegian wall-clock time.
    if value is not None and timezone.is_naive(value):
        return value.replace(tzinfo=schedule.OSLO)
    return value


@router.get("/rooms", response=list[RoomOut])
@paginate
def list_rooms(request, filters: Query[RoomFilters]):
    start, end = _aware(filters.start), _aware(filters.end)
    if end is not None and start is None:
        start = timezone.now()
    if (start is None) != (end is None) or (start and end <= start):
        raise DomainError(
            _("Give an end after the start (the start is now when left out)."),
            code="invalid_time",
        )
    facilities = queries.facilities_by_slug(filters.facility) if filters.facility else []
    return queries.search_rooms(
        request.municipality,
        q=filters.q,
        building=filters.building,
        area=filters.area,
        kind=filters.kind,
        capacity=filters.capacity,
        facilities=facilities,
        start=start,
        end=end,
    )


class IntervalOut(Schema):
    start: dt.datetime
    end: dt.datetime
    kind: str
    label: str = ""
    state: str = ""


class AvailabilityOut(Schema):
    room_id: int
    start: dt.datetime
    end: dt.datetime
    busy: list[IntervalOut]
    free: list[IntervalOut]


@router.get("/rooms/{room_id}/availability", response=AvailabilityOut)
@decorate_view(
    public_page(
        "premises",
        "bookings",
        params=("start", "end"),
        topics_from=availability_topics,
        # A miss here is a few milliseconds; a booking client polling many rooms is normal.
        miss_limit=600,
    )
)
def room_availability(request, room_id: DbId, start: SaneDateTime, end: SaneDateTime):
    family = schedule.family_of(room_id, request.municipality)
    if not family:
        raise Http404
    start, end = _aware(start), _aware(end)
    if end <= start:
        raise DomainError(_("The end must be after the start."), code="end_before_start")
    if end - start > dt.timedelta(days=MAX_AVAILABILITY_DAYS):
        raise DomainError(
            _("Ask for at most %(days)s days at a time.") % {"days": MAX_AVAILABILITY_DAYS},
            code="period_too_long",
        )
    busy, free = queries.availability(room_id, start, end, family)
    return {"room_id": room_id, "start": start, "end": end, "busy": busy, "free": free}


class BookingIn(PlainTextInput):
    room_id: DbId
    start: SaneDateTime
    end: SaneDateTime
    title: str = Field(..., max_length=150)
    organisation_id: DbId | None = None
    renter_type: str | None = None
    attendees: int = Field(1, ge=1, le=10000)
    is_public: bool = True


class BookingOut(Schema):
    id: int
    room_id: int
    room: str
    title: str
    start: dt.datetime
    end: dt.datetime
    state: str
    state_reason: str
    renter_type: str
    organisation_id: int | None
    price_ore: int
    url: str

    @staticmethod
    def resolve_room(obj):
        return str(obj.room)

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class CancelIn(PlainTextInput):
    reason: str = Field("", max_length=1000)


@bookings_router.post("", response={201: BookingOut}, auth=token_or_session)
def create_booking(request, payload: BookingIn):
    room = get_object_or_404(
        queries.rooms_for_booking_api(request.municipality), pk=payload.room_id
    )
    organisation = None
    if payload.organisation_id is not None:
        organisation = get_object_or_404(
            queries.organisations(request.municipality), pk=payload.organisation_id
        )
    booking = actions.book_room(
        request.auth,
        room,
        _aware(payload.start),
        _aware(payload.end),
        title=payload.title,
        organisation=organisation,
        renter_type=payload.renter_type,
        attendees=payload.attendees,
        is_public=payload.is_public,
    )
    return Status(201, booking)


@bookings_router.get("", response=list[BookingOut], auth=token_or_session)
@paginate
def list_bookings(request):
    """Your own bookings. Other people's bookings are never listed: they show as busy time in
    the rooms' availability."""
    return queries.my_bookings(request.auth)


@bookings_router.post("/{booking_id}/cancel", response=BookingOut, auth=token_or_session)
def cancel_booking(request, booking_id: DbId, payload: CancelIn | None = None):
    booking = get_object_or_404(queries.bookings_in(request.municipality), pk=booking_id)
    step = "cancel" if is_renter(request.auth, booking) else "revoke"
    return actions.transition(request.auth, booking, step, payload.reason if payload else "")
