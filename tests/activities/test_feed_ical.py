"""The calendar feeds through the kernel's iCal writer, read back with two parsers."""

from datetime import timedelta

import icalendar
import pytest
import vobject
from django.urls import reverse

from dugnad.activities import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def any_host(settings):
    settings.ALLOWED_HOSTS = ["*"]


def feed(client, host="testserver"):
    body = client.get(reverse("activities:calendar_ics"), HTTP_HOST=host).content
    vobject.readOne(body.decode())  # the second parser must accept it too
    return icalendar.Calendar.from_ical(body)


def test_uids_do_not_depend_on_the_host(client, make_event, any_host):
    make_event(rule="FREQ=WEEKLY;COUNT=2")
    first = feed(client, "dugnad.as.example")
    second = feed(client, "kalender.example.org")
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(uids) == 2 and uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert all(uid.endswith("@3218.dugnad") for uid in uids)
    # The links inside follow the address the visitor used; only the UIDs stay fixed.
    assert "kalender.example.org" in str(second.walk("VEVENT")[0]["URL"])


def test_moving_an_occurrence_raises_its_sequence_only(client, make_event, leader):
    event = make_event(rule="FREQ=WEEKLY;COUNT=2")
    first, second = event.occurrences.order_by("start")
    before = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed(client).walk("VEVENT")}
    new_start = first.start + timedelta(hours=1)
    actions.move_occurrence(leader, first, new_start, new_start + timedelta(hours=2))
    after = {str(e["UID"]): int(e["SEQUENCE"]) for e in feed(client).walk("VEVENT")}
    assert after[first.ical_uid()] == before[first.ical_uid()] + 1
    assert after[second.ical_uid()] == before[second.ical_uid()]


def test_cancelled_occurrence_stays_in_the_feed_as_cancelled(client, make_event, leader):
    event = make_event(rule="FREQ=WEEKLY;COUNT=2")
    first, second = event.occurrences.order_by("start")
    actions.cancel_occurrence(leader, second, "Sykdom")
    events = {str(e["UID"]): e for e in feed(client).walk("VEVENT")}
    assert str(events[second.ical_uid()]["STATUS"]) == "CANCELLED"
    assert str(events[first.ical_uid()]["STATUS"]) == "CONFIRMED"
    assert int(events[second.ical_uid()]["SEQUENCE"]) > int(events[first.ical_uid()]["SEQUENCE"])


def test_every_activities_feed_has_the_oslo_timezone(client, make_event, organisation):
    event = make_event()
    occurrence = event.occurrences.get()
    for url in (
        reverse("activities:calendar_ics"),
        reverse("activities:organisation_ics", args=[organisation.slug]),
        reverse("activities:occurrence_ics", args=[event.pk, occurrence.pk]),
    ):
        read = vobject.readOne(client.get(url).content.decode())
        assert read.vtimezone.tzid.value == "Europe/Oslo"
        assert read.vevent.dtstart.value == occurrence.start


def test_the_feed_of_rows_is_the_text_of_the_model_path(
    make_event, leader, organisation, municipality, unit
):
    # render_feed reads dates as rows and events with only the fields a feed shows; it must
    # write what render() writes from full model instances (one event's dates, a cancelled
    # one, the organiser's name and address), and read no field it left out.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dugnad.activities import feeds
    from dugnad.activities import queries as queries_module
    from dugnad.activities.models import Event, Occurrence
    from dugnad.premises.models import Building, Room

    organisation.email = "post@lag.example"
    organisation.save()
    event = make_event(rule="FREQ=WEEKLY;COUNT=3")
    actions.cancel_occurrence(leader, event.occurrences.order_by("start")[1], "Sykdom")
    building = Building.objects.create(
        municipality=municipality, unit=unit, name="Ås kulturhus", slug="as-kulturhus",
        kind="culture_house", address="Kulturveien 2", postal_code="1430", postal_town="Ås",
    )  # fmt: skip
    room = Room.objects.create(building=building, name="Storsalen", kind="hall", capacity=300)
    in_room = make_event(title="I salen", venue_name="", address="", room=room, days=2)
    Event.objects.filter(pk=in_room.pk).update(organisation=None, unit=unit)
    unit.email = "enhet@as.example"
    unit.save()
    occurrences = Occurrence.objects.filter(event__in=[event, in_room]).order_by("start", "pk")
    with CaptureQueriesContext(connection) as queries:
        rows_body = feeds.render_feed(
            queries_module.feed_rows(occurrences), "Kalender", "https://x.example"
        )
    assert len(queries) == 2
    model_body = feeds.render(
        occurrences.select_related("event__organisation", "event__unit", "event__room__building"),
        "Kalender",
        "https://x.example",
    )

    def without_stamp(body):
        return b"\n".join(line for line in body.split(b"\n") if not line.startswith(b"DTSTAMP"))

    assert without_stamp(rows_body) == without_stamp(model_body)
    assert b"STATUS:CANCELLED" in rows_body and b"post@lag.example" in rows_body
    assert b"enhet@as.example" in rows_body and b"Storsalen" in rows_body
