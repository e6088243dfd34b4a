"""The one iCalendar writer, read back by two independent parsers (icalendar and vobject)."""

from datetime import UTC, datetime, timedelta

import icalendar
import vobject

from dugnad.core import ical

START = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Oslo moves to summer time


def entry(**values) -> ical.Entry:
    defaults = {
        "uid": ical.uid("thing", 7),
        "start": START,
        "end": START + timedelta(hours=2),
        "summary": "Mat & drikke",
    }
    return ical.Entry(**{**defaults, **values})


def both(body: bytes):
    return icalendar.Calendar.from_ical(body), vobject.readOne(body.decode())


def test_calendar_has_oslo_timezone_and_local_times_across_dst():
    parsed, read = both(ical.calendar([entry()], "Kalender"))
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Oslo"]
    [event] = parsed.walk("VEVENT")
    # 00:30 UTC is 01:30 winter time; the end, 02:30 UTC, is 04:30 summer time.
    assert event["DTSTART"].to_ical() == b"20260329T013000"
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event["DTSTART"].dt == START and event["DTEND"].dt == START + timedelta(hours=2)
    assert read.vevent.dtend.value == START + timedelta(hours=2)


def test_text_is_escaped_once_and_survives_both_parsers():
    text = 'Kafé; kaffe, te\nog "kaker" \\ mer\x07'
    long_title = "Øvelse " * 30
    body = ical.calendar(
        [
            entry(
                summary=long_title,
                description=text,
                location="Ås kulturhus, sal 2",
                categories=("Kultur, musikk",),
                organizer_email="lag@example.no",
                organizer_name='Ås IL: "fotball"; barn',
            )
        ],
        "Kalender; Ås",
    )
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
    parsed, read = both(body)
    [event] = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == long_title
    assert str(event["DESCRIPTION"]) == text.replace("\x07", "")
    assert read.vevent.description.value == text.replace("\x07", "")
    assert read.vevent.location.value == "Ås kulturhus, sal 2"
    assert str(parsed["X-WR-CALNAME"]) == "Kalender; Ås"
    assert read.vevent.organizer.value == "mailto:lag@example.no"
    assert read.vevent.organizer.params["CN"] == ["Ås IL: fotball; barn"]
    assert read.vevent.categories.value == ["Kultur, musikk"]


def test_status_sequence_and_stamp():
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    body = ical.calendar(
        [entry(sequence=3, status=ical.CANCELLED), entry(uid="other", status=ical.TENTATIVE)],
        "K",
        stamp=stamp,
    )
    cancelled, tentative = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 3)
    assert (str(tentative["STATUS"]), int(tentative["SEQUENCE"])) == ("TENTATIVE", 0)
    assert cancelled["DTSTAMP"].dt == stamp


def test_uid_comes_from_ids_and_a_fixed_domain(settings):
    assert ical.uid("booking", 12) == "booking-12@3218.dugnad"
    settings.DUGNAD_ICAL_UID_DOMAIN = "dugnad.example.no"
    assert ical.uid("booking", 12) == "booking-12@dugnad.example.no"


def test_an_empty_calendar_is_valid():
    parsed, _read = both(ical.calendar([], "Tom"))
    assert parsed.walk("VEVENT") == []


def _dst_nights(first_year: int, end_year: int) -> list[datetime]:
    """Midnight UTC of the last Sundays of March and October: the nights Oslo changes."""
    return [
        max(
            datetime(year, month, day, tzinfo=UTC)
            for day in range(25, 32)
            if datetime(year, month, day).weekday() == 6
        )
        for year in range(first_year, end_year)
        for month in (3, 10)
    ]


def test_timezone_rules_match_zoneinfo_for_every_dst_change():
    """Every half hour around each change from 2024 to 2037 reads back as the same instant,
    the repeated hour of October included."""
    moments = [
        night + timedelta(minutes=30 * n) for night in _dst_nights(2024, 2038) for n in range(-4, 8)
    ]
    moments.append(datetime(2026, 7, 1, 12, tzinfo=UTC))
    entries = [
        entry(uid=f"m{n}", start=m, end=m + timedelta(hours=1)) for n, m in enumerate(moments)
    ]
    _parsed, read = both(ical.calendar(entries, "DST"))
    read_back = [event.dtstart.value for event in read.vevent_list]
    assert read_back == moments
    # Summer time is written as local time, not as UTC.
    assert read_back[-1].utcoffset() == timedelta(hours=2) and read_back[-1].hour == 14


def _as_feed(entries: list[ical.Entry], stamp: datetime) -> bytes:
    """The same entries through ical.feed: rows keyed by an event, sequence split in two."""
    uids = ical.UidPattern("occurrence")
    rows, events = [], {}
    for pk, e in enumerate(entries, start=1):
        events[pk % 3] = events.get(pk % 3) or (ical.shared_lines(e), 1)
        rows.append(
            (pk, pk % 3, int(e.start.timestamp()), int(e.end.timestamp()), e.sequence - 1, e.status)
        )
    return ical.feed(rows, events, "Kalender", uids, cancelled=ical.CANCELLED, stamp=stamp)


def test_a_feed_of_rows_writes_what_calendar_writes(settings):
    # ical.feed is the subscription feeds' fast path (times as seconds since 1970, the UID's
    # fixed parts escaped once): it must write the very text calendar() writes, including
    # the repeated October hour (UTC), summer and winter times and a UID that needs folding.
    stamp = datetime(2026, 6, 1, 12, tzinfo=UTC)
    repeated = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 summer time, then again
    moments = [START, repeated, repeated + timedelta(hours=1), datetime(2027, 7, 1, 9, tzinfo=UTC)]
    for domain in ("", "kommune,no;" + "x" * 70):
        settings.DUGNAD_ICAL_UID_DOMAIN = domain
        entries = [
            entry(
                uid=ical.uid("occurrence", pk),
                start=moment,
                end=moment + timedelta(hours=1),
                sequence=pk,
                status=ical.CANCELLED if pk == 2 else ical.CONFIRMED,
            )
            for pk, moment in enumerate(moments, start=1)
        ]
        assert _as_feed(entries, stamp) == ical.calendar(entries, "Kalender", stamp)
    assert b"DTSTART:20261025T003000Z" in _as_feed(entries, stamp)


def test_a_feed_writes_every_time_as_calendar_does_across_the_dst_changes():
    # The feed formats a time from a memo per UTC hour plus the minutes and seconds; that holds
    # only while Oslo's offset changes on whole hours. Every 7 min 13 s through both changes
    # of six years, and through two ordinary days, against calendar(), which uses zoneinfo.
    stamp = datetime(2026, 6, 1, 12, tzinfo=UTC)
    moments = [
        night + timedelta(seconds=433 * n)
        for night in _dst_nights(2025, 2031)
        for n in range(-20, 60)
    ]
    moments += [datetime(2027, 1, 5, tzinfo=UTC) + timedelta(seconds=433 * n) for n in range(400)]
    entries = [
        entry(uid=ical.uid("occurrence", pk), start=m, end=m + timedelta(minutes=95), sequence=1)
        for pk, m in enumerate(moments, start=1)
    ]
    assert _as_feed(entries, stamp) == ical.calendar(entries, "Kalender", stamp)
