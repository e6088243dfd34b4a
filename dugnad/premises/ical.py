"""iCal for bookings: one booking to download, and the private feeds of a room (for its
managers) and of an organisation (for its members), opened by a key per subscriber
(core.feed_tokens) that its owner can revoke."""

from dugnad.core import ical

from .models import BookingState

# The feed names in the address (Norwegian, as the site's paths) and as stored with the keys.
ROOM_FEED = "premises.room"
ORGANISATION_FEED = "premises.organisation"
FEEDS = {"rom": ROOM_FEED, "organisasjon": ORGANISATION_FEED}
KIND_OF_FEED = {feed: kind for kind, feed in FEEDS.items()}

_STATUS = {
    BookingState.CONFIRMED: ical.CONFIRMED,
    BookingState.REQUESTED: ical.TENTATIVE,
    BookingState.DENIED: ical.CANCELLED,
    BookingState.CANCELLED: ical.CANCELLED,
    BookingState.EXPIRED: ical.CANCELLED,
}


def entry(booking) -> ical.Entry:
    room = booking.room
    return ical.Entry(
        uid=ical.uid("booking", booking.pk),
        start=booking.start,
        end=booking.end,
        summary=booking.title,
        sequence=booking.sequence,
        status=_STATUS[booking.state],
        location=f"{room.name}, {room.building.name}, {room.building.address}",
        description=booking.organisation.name if booking.organisation_id else "",
    )


def calendar(bookings, name: str) -> bytes:
    return ical.calendar(map(entry, bookings), name)
