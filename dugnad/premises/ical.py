"""iCal for bookings, and private feeds at signed URLs (the token is an HMAC of the target)."""

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from dugnad.core import ical

from .models import BookingState

SALT = "dugnad.premises.feed"


def feed_token(kind: str, pk: int) -> str:
    return salted_hmac(SALT, f"{kind}:{pk}", secret=settings.SECRET_KEY).hexdigest()[:32]


def check_token(kind: str, pk: int, token: str) -> bool:
    return constant_time_compare(feed_token(kind, pk), token or "")


_STATUS = {
    BookingState.CONFIRMED: ical.CONFIRMED,
    BookingState.REQUESTED: ical.TENTATIVE,
    BookingState.DENIED: ical.CANCELLED,
    BookingState.CANCELLED: ical.CANCELLED,
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
