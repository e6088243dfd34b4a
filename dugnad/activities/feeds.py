"""iCalendar (RFC 5545) output for occurrences: subscription feeds and "add to calendar"."""

from datetime import UTC, datetime

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from dugnad.core.links import site_url

from .models import Category
from .recurrence import OSLO

PRODID = "-//Dugnad//Aktivitetskalender//NB"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    # Covers the DST transitions of the years the feed spans, so clients need no tz database.
    cal.add_component(
        Timezone.from_tzinfo(OSLO, tzid="Europe/Oslo", first_date=datetime(2020, 1, 1).date())
    )
    return cal


def _location(event) -> str:
    return ", ".join(part for part in (event.place_name, event.place_address) if part)


def _vevent(occurrence, base_url: str, stamp: datetime, categories: dict) -> VEvent:
    event = occurrence.event
    item = VEvent()
    item.add("uid", occurrence.ical_uid())
    item.add("dtstamp", stamp)
    item.add("dtstart", occurrence.start.astimezone(OSLO))
    item.add("dtend", occurrence.end.astimezone(OSLO))
    item.add("summary", event.title)
    if event.summary:
        item.add("description", event.summary)
    if location := _location(event):
        item.add("location", location)
    item.add("url", base_url + event.get_absolute_url())
    item.add("sequence", event.sequence + occurrence.sequence)
    item.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    item.add("categories", [categories.get(event.category, event.category)])
    organiser = event.organiser
    if organiser is not None and organiser.email:
        item.add("organizer", f"mailto:{organiser.email}", parameters={"CN": str(organiser)})
    return item


def render(occurrences, name: str, base_url: str) -> bytes:
    cal = _calendar(name)
    # DTSTAMP is when this copy was made; SEQUENCE, not DTSTAMP, tells clients about changes.
    stamp = datetime.now(UTC).replace(microsecond=0)
    # Translated once per feed, not once per event.
    categories = {value: str(label) for value, label in Category.choices}
    for occurrence in occurrences:
        cal.add_component(_vevent(occurrence, base_url, stamp, categories))
    return cal.to_ical()


base_url = site_url
