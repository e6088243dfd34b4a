"""Narrow page-cache topics for bookings: a booking changes its own building's availability.

A room's availability depends on the bookings of its whole and its parts, which are always in
one building (Room.clean). So each room has its own topic, and saving or deleting a booking
raises the topics of every room in its building; room availability reads its room's topic
(besides the broad "bookings" topic, which bulk changes and booking series still raise).
Other buildings' cached availability stays. The read side needs no lookup (the room's id is in
the address); the write side names its building's rooms, which the booking action has already read
(schedule.lock_family); other writes read them in one small query.
"""

from dugnad.core.caching import narrow_topics

from .models import Booking, Room


def room_topic(room_id: int) -> str:
    return f"bookings-room:{room_id}"


def booking_topics(booking: Booking) -> list[str]:
    # A booking action locks its building's rooms first (schedule.lock_family), which leaves
    # their ids on the room: no query here. Other writes read them.
    room = booking._state.fields_cache.get("room")
    room_ids = getattr(room, "building_room_ids", None)
    if room_ids is None:
        building = Room.objects.filter(pk=booking.room_id).values("building_id")
        room_ids = Room.objects.filter(building_id__in=building).values_list("pk", flat=True)
    return [room_topic(pk) for pk in room_ids] or ["bookings"]


def availability_topics(request, room_id=None, **kwargs) -> list[str]:
    """`topics_from` for a room's availability: its own topic."""
    try:
        return [room_topic(int(room_id))]
    except (TypeError, ValueError):
        return []


def connect() -> None:
    narrow_topics(Booking, booking_topics)
