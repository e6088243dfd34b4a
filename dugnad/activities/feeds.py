"""The calendar's occurrences as iCalendar entries: subscription feeds and "add to calendar".

`render` turns occurrences already in memory (one date for an email or a download) into a
calendar. `render_feed` is the subscription feeds' path, where a municipality's whole calendar
(a thousand dates) is rendered on a miss: the queries read the dates as plain rows (ids, times
as integers, status; no model instances) and each event once, so the event's text is escaped
once for all its dates.
"""

from django.urls import reverse

from dugnad.core import ical
from dugnad.core.links import site_url

from .models import Category, Occurrence
from .recurrence import OSLO  # noqa: F401  (the API formats times with it)


def _location(event) -> str:
    return ", ".join(part for part in (event.place_name, event.place_address) if part)


def _categories() -> dict:
    # Translated once per feed, not once per event.
    return {value: str(label) for value, label in Category.choices}


def entry(occurrence, base_url: str, categories: dict) -> ical.Entry:
    return _entry(
        occurrence.event,
        _event_url(base_url),
        categories,
        occurrence.pk,
        occurrence.start,
        occurrence.end,
        occurrence.sequence,
        occurrence.is_cancelled,
    )


def _event_url(base_url: str) -> str:
    # One reverse() per feed: the event's id is put into the path of a placeholder.
    return base_url + reverse("activities:event", kwargs={"pk": 1}).replace("/1/", "/{}/")


def _entry(event, url: str, categories, pk, start, end, sequence, cancelled) -> ical.Entry:
    organiser = event.organiser
    has_email = organiser is not None and bool(organiser.email)
    return ical.Entry(
        uid=ical.uid("occurrence", pk),
        start=start,
        end=end,
        summary=event.title,
        # An event's changes (title, place) and an occurrence's own (time, cancellation) both
        # count, so clients replace their copy after either.
        sequence=event.sequence + sequence,
        status=ical.CANCELLED if cancelled else ical.CONFIRMED,
        description=event.summary,
        location=_location(event),
        url=url.format(event.pk),
        categories=(categories.get(event.category, event.category),),
        organizer_email=organiser.email if has_email else "",
        organizer_name=str(organiser) if has_email else "",
    )


def render(occurrences, name: str, base_url: str) -> bytes:
    """Occurrences with their events loaded (select_related) as a calendar."""
    categories, url = _categories(), _event_url(base_url)
    return ical.calendar(
        (
            _entry(o.event, url, categories, o.pk, o.start, o.end, o.sequence, o.is_cancelled)
            for o in occurrences
        ),
        name,
    )


def render_feed(feed: tuple[list[tuple], dict], name: str, base_url: str) -> bytes:
    """A feed's dates as rows and their events by id (`queries.feed_rows` or
    `queries.calendar_feed`) as a calendar: the same text as `render`, with each event's lines
    written once and only the date's own (UID, times, sequence, status) per date."""
    rows, by_id = feed
    categories, url = _categories(), _event_url(base_url)
    events = {
        pk: (
            ical.shared_lines(_entry(event, url, categories, pk, None, None, 0, False)),
            event.sequence,
        )
        for pk, event in by_id.items()
    }
    return ical.feed(
        rows, events, name, ical.UidPattern("occurrence"), cancelled=Occurrence.Status.CANCELLED
    )


base_url = site_url
