"""The calendar's occurrences as iCalendar entries: subscription feeds and "add to calendar"."""

from dugnad.core import ical
from dugnad.core.links import site_url

from .models import Category
from .recurrence import OSLO  # noqa: F401  (the API formats times with it)


def _location(event) -> str:
    return ", ".join(part for part in (event.place_name, event.place_address) if part)


def entry(occurrence, base_url: str, categories: dict) -> ical.Entry:
    event = occurrence.event
    organiser = event.organiser
    has_email = organiser is not None and bool(organiser.email)
    return ical.Entry(
        uid=occurrence.ical_uid(),
        start=occurrence.start,
        end=occurrence.end,
        summary=event.title,
        # An event's changes (title, place) and an occurrence's own (time, cancellation) both
        # count, so clients replace their copy after either.
        sequence=event.sequence + occurrence.sequence,
        status=ical.CANCELLED if occurrence.is_cancelled else ical.CONFIRMED,
        description=event.summary,
        location=_location(event),
        url=base_url + event.get_absolute_url(),
        categories=(categories.get(event.category, event.category),),
        organizer_email=organiser.email if has_email else "",
        organizer_name=str(organiser) if has_email else "",
    )


def render(occurrences, name: str, base_url: str) -> bytes:
    # Translated once per feed, not once per event.
    categories = {value: str(label) for value, label in Category.choices}
    return ical.calendar((entry(o, base_url, categories) for o in occurrences), name)


base_url = site_url
