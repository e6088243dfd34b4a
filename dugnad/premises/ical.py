"""iCal for bookings, and private feeds at signed URLs (the token is an HMAC of the target)."""

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from icalendar import Calendar, Event

from .models import BookingState

SALT = "dugnad.premises.feed"


def feed_token(kind: str, pk: int) -> str:
    return salted_hmac(SALT, f"{kind}:{pk}", secret=settings.SECRET_KEY).hexdigest()[:32]


def check_token(kind: str, pk: int, token: str) -> bool:
    return constant_time_compare(feed_token(kind, pk), token or "")


def _event(booking, host: str) -> Event:
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", booking.title)
    event.add(
        "location",
        f"{booking.room.name}, {booking.room.building.name}, {booking.room.building.address}",
    )
    event.add("status", "CONFIRMED" if booking.state == BookingState.CONFIRMED else "TENTATIVE")
    if booking.organisation_id:
        event.add("description", booking.organisation.name)
    return event


def calendar(bookings, name: str, host: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Dugnad//premises//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for booking in bookings:
        cal.add_component(_event(booking, host))
    return cal.to_ical()
