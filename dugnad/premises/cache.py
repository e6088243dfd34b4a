"""Narrow page-cache topics for bookings: a booking changes its own building's availability.

A room's availability depends on the bookings of its whole and its parts, which are always in
one building (Room.clean). So each building has its own topic, raised when one of its bookings
is saved or deleted; room availability reads that topic (besides the broad "bookings" topic,
which bulk changes and booking series still raise). Other buildings' cached availability stays.
"""

from dugnad.core.caching import narrow_topics

from .models import Booking, Room

# A room never moves to another building, so each worker keeps what it has looked up.
_building_of_room: dict[int, int] = {}
_MEMO_SIZE = 20_000


def building_topic(building_id: int) -> str:
    return f"bookings-building:{building_id}"


def _building_id(room_id: int) -> int | None:
    if room_id in _building_of_room:
        return _building_of_room[room_id]
    found = Room.objects.filter(pk=room_id).values_list("building_id", flat=True).first()
    if found is not None:
        if len(_building_of_room) >= _MEMO_SIZE:
            _building_of_room.clear()
        _building_of_room[room_id] = found
    return found


def booking_topics(booking: Booking) -> list[str]:
    # The action has the room at hand (it locked it), so this is usually no query.
    room = booking._state.fields_cache.get("room")
    building_id = room.building_id if room is not None else _building_id(booking.room_id)
    return [building_topic(building_id)] if building_id is not None else ["bookings"]


def availability_topics(request, room_id=None, **kwargs) -> list[str]:
    """`topics_from` for a room's availability: its building's topic."""
    try:
        building_id = _building_id(int(room_id))
    except (TypeError, ValueError, OverflowError):
        return []
    return [building_topic(building_id)] if building_id is not None else []


def connect() -> None:
    narrow_topics(Booking, booking_topics)
