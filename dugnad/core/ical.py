"""The one iCalendar (RFC 5545) writer: every feed and "add to calendar" file goes through here.

An app turns its rows into `Entry` values and calls `calendar()`. What every calendar gets:

- a VTIMEZONE for Europe/Oslo, so times are local wall-clock times that clients read right
  across the DST changes without a time zone database of their own;
- UIDs from `uid(kind, pk)`: built from ids and a fixed domain, never from the request's host,
  a title or a time, so an entry keeps its identity across edits, hosts and years;
- SEQUENCE, which the app raises on every change of an entry, so clients replace their copy;
- STATUS:CANCELLED for a cancelled entry, which stays in the feed so clients strike it out.

The entries are written line by line rather than through icalendar's component objects: the
public calendar feed is a hot path, and formatting a thousand events through those objects costs
about ten times more than the text itself. The tests read every feed back with icalendar and
vobject.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse

OSLO = ZoneInfo("Europe/Oslo")
TZID = "Europe/Oslo"
PRODID = "-//Dugnad//Dugnad//NB"

CONFIRMED = "CONFIRMED"
TENTATIVE = "TENTATIVE"
CANCELLED = "CANCELLED"


@dataclass(slots=True)
class Entry:
    """One VEVENT. Times are aware datetimes; text is plain (escaped here, once)."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    sequence: int = 0
    status: str = CONFIRMED
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    organizer_email: str = ""
    organizer_name: str = ""


def uid_domain() -> str:
    """The right-hand side of every UID: a setting, else the deployment's municipality number.

    Not the request's municipality: a row's id is unique in the whole deployment, and a UID
    must not change with the host name the feed was fetched through."""
    return settings.DUGNAD_ICAL_UID_DOMAIN or f"{settings.DUGNAD_MUNICIPALITY_NUMBER}.dugnad"


def uid(kind: str, pk) -> str:
    """A UID that stays the same for the life of the row: `occurrence-12@3218.dugnad`."""
    return f"{kind}-{pk}@{uid_domain()}"


# Control characters are not allowed in iCalendar text (tab is); line breaks are escaped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# What _text changes: controls, line breaks and the characters it escapes.
_SPECIAL = re.compile(r"[\x00-\x1f\x7f\\;,]")


def _text(value) -> str:
    value = str(value)
    if _SPECIAL.search(value) is None:  # most titles and names: nothing to change
        return value
    # A chain of replace() is several times faster than str.translate on this hot path.
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(value) -> str:
    """A parameter value: no double quotes or controls, quoted when it holds : ; or ,."""
    value = _CONTROL.sub("", str(value).replace('"', "").replace("\n", " ").replace("\t", " "))
    return f'"{value}"' if any(c in value for c in ":;,") else value


def _time(name: str, moment: datetime) -> str:
    """A property in Oslo wall-clock time; in UTC for the hour that occurs twice when summer
    time ends, where a local time cannot say which of the two it means (readers disagree)."""
    local = moment.astimezone(OSLO)
    # Only an October night at 02:xx can be the repeated hour; the full check is for those.
    if (
        local.month == 10
        and local.hour == 2
        and local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    ):
        return f"{name}:{moment.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}"
    return f"{name};TZID={TZID}:{local.strftime('%Y%m%dT%H%M%S')}"


@lru_cache(maxsize=1 << 16)
def _oslo_hour(hour: int) -> tuple[str, str]:
    """The text around the minutes and seconds of a time in the UTC hour `hour` (hours since
    1970): `;TZID=Europe/Oslo:20261210T18` and `""`, or `:20261025T00` and `Z` in the hour
    that occurs twice. Oslo's offset has only ever changed on a whole UTC hour and been whole
    hours, so within an hour only the minutes and seconds move (a test checks this against
    `ical.feed` against `calendar`, which uses `_time`, across the DST changes of several
    years). 65,536 hours are seven years of feeds."""
    local = datetime.fromtimestamp(hour * 3600, OSLO)
    if (
        local.month == 10
        and local.hour == 2
        and local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    ):
        utc = datetime.fromtimestamp(hour * 3600, UTC)
        return f":{utc.year:04d}{utc.month:02d}{utc.day:02d}T{utc.hour:02d}", "Z"
    return (
        f";TZID={TZID}:{local.year:04d}{local.month:02d}{local.day:02d}T{local.hour:02d}",
        "",
    )


_MINUTES_SECONDS = tuple(f"{m:02d}{s:02d}" for m in range(60) for s in range(60))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74  # the leading space of a continuation counts
    return "\r\n ".join(parts)


# Europe/Oslo as yearly rules (the EU's since 1996: summer time from 01:00 UTC on the last Sunday
# of March to 01:00 UTC on the last Sunday of October). Rules rather than a list of dates, which
# icalendar's Timezone.from_tzinfo writes: dateutil-based readers (vobject) ignore such RDATE
# lists and put every summer event an hour off. A test checks these rules against zoneinfo.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def _shared_lines(entry: Entry) -> str:
    """The lines an event's dates have in common (its text, place, link and organiser),
    escaped and folded: written once per event in a feed, however many dates it has."""
    lines = [f"SUMMARY:{_text(entry.summary)}"]
    if entry.description:
        lines.append(f"DESCRIPTION:{_text(entry.description)}")
    if entry.location:
        lines.append(f"LOCATION:{_text(entry.location)}")
    if entry.url:
        lines.append(f"URL:{_CONTROL.sub('', entry.url)}")
    if entry.categories:
        lines.append("CATEGORIES:" + ",".join(_text(c) for c in entry.categories))
    if entry.organizer_email:
        name = f";CN={_param(entry.organizer_name)}" if entry.organizer_name else ""
        lines.append(f"ORGANIZER{name}:mailto:{_CONTROL.sub('', entry.organizer_email)}")
    return "\r\n".join(map(_fold, lines))


shared_lines = _shared_lines


def _head(name: str, stamp: datetime | None) -> tuple[str, str]:
    stamp_text = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    return "\r\n".join(map(_fold, head)), stamp_text


def calendar(entries: Iterable[Entry], name: str, stamp: datetime | None = None) -> bytes:
    """A whole VCALENDAR. DTSTAMP is when this copy was made (one value for all entries);
    SEQUENCE, not DTSTAMP, tells clients that an entry changed."""
    head, stamp_text = _head(name, stamp)
    parts = [head]
    shared: dict[tuple, str] = {}
    for entry in entries:
        key = (
            entry.summary,
            entry.description,
            entry.location,
            entry.url,
            entry.categories,
            entry.organizer_email,
            entry.organizer_name,
        )
        common = shared.get(key)
        if common is None:
            common = shared[key] = _shared_lines(entry)
        parts.append(
            "BEGIN:VEVENT\r\n"
            f"{_fold('UID:' + _text(entry.uid))}\r\n"
            f"DTSTAMP:{stamp_text}\r\n"
            f"{_time('DTSTART', entry.start)}\r\n"
            f"{_time('DTEND', entry.end)}\r\n"
            f"SEQUENCE:{int(entry.sequence)}\r\n"
            f"STATUS:{entry.status}\r\n"
            f"{common}\r\n"
            "END:VEVENT"
        )
    parts.append("END:VCALENDAR\r\n")
    return "\r\n".join(parts).encode()


class UidPattern:
    """The UID lines of one kind of row, `uid(kind, pk)` written per row as `line(pk)`: the
    escaping and folding of the fixed parts done once, not once per date."""

    def __init__(self, kind: str):
        prefix, suffix = uid(kind, "{}").split("{}")
        self._prefix, self._suffix = "UID:" + _text(prefix), _text(suffix)
        # Ids of up to 20 digits keep the line within 75 octets: no folding needed.
        self._short = (self._prefix + self._suffix).isascii() and (
            len(self._prefix) + len(self._suffix) + 20 <= 75
        )

    def line(self, pk) -> str:
        text = f"{self._prefix}{pk}{self._suffix}"
        return text if self._short else _fold(text)


def feed(
    rows: Iterable[tuple[int, Hashable, int, int, int, object]],
    events: Mapping[Hashable, tuple[str, int]],
    name: str,
    uids: UidPattern,
    cancelled: object,
    stamp: datetime | None = None,
) -> bytes:
    """`calendar()` for a feed of many dates given as rows: (id, event key, start and end as
    seconds since 1970, the date's sequence, its status). `events` gives each event key its
    `shared_lines` and its own sequence, which adds to the date's; a status equal to
    `cancelled` is written CANCELLED. The text is the same as `calendar()` writes for the same
    entries; only the date's own lines are written per date, in one loop."""
    head, stamp_text = _head(name, stamp)
    parts = [head]
    append, uid_line, hour_text = parts.append, uids.line, _oslo_hour
    dtstamp = f"DTSTAMP:{stamp_text}\r\n"
    for pk, key, start, end, sequence, status in rows:
        common, event_sequence = events[key]
        # _time_at for both times, inline: this loop runs a thousand times per feed.
        start_hour, start_within = divmod(start, 3600)
        start_head, start_tail = hour_text(start_hour)
        end_hour, end_within = divmod(end, 3600)
        end_head, end_tail = hour_text(end_hour)
        append(
            f"BEGIN:VEVENT\r\n{uid_line(pk)}\r\n{dtstamp}"
            f"DTSTART{start_head}{_MINUTES_SECONDS[start_within]}{start_tail}\r\n"
            f"DTEND{end_head}{_MINUTES_SECONDS[end_within]}{end_tail}\r\n"
            f"SEQUENCE:{event_sequence + sequence}\r\n"
            f"STATUS:{CANCELLED if status == cancelled else CONFIRMED}\r\n"
            f"{common}\r\nEND:VEVENT"
        )
    append("END:VCALENDAR\r\n")
    return "\r\n".join(parts).encode()


def response(body: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    """The HTTP answer for a calendar: shown inline for feeds, saved for single entries."""
    answer = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    answer["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return answer
