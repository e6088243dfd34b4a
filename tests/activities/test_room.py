"""An event held in a room from the premises module: the building's name and address show."""

import json
import re

import icalendar
from django.urls import reverse

from dugnad.activities.models import Event
from dugnad.premises.models import Building, Room


def _room(municipality, unit):
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        name="Ås kulturhus",
        slug="as-kulturhus",
        kind="culture_house",
        address="Kulturveien 2",
        postal_code="1430",
        postal_town="Ås",
    )
    return Room.objects.create(building=building, name="Storsalen", kind="hall", capacity=300)


def test_room_gives_place_on_page_jsonld_and_feed(client, make_event, municipality, unit):
    room = _room(municipality, unit)
    event = make_event(venue_name="", address="", room=room)
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Ås kulturhus, Storsalen, Kulturveien 2, 1430 Ås" in body
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1]
    )
    place = data["location"]
    assert place["name"] == "Ås kulturhus, Storsalen"
    assert place["address"]["streetAddress"] == "Kulturveien 2"
    assert place["address"]["postalCode"] == "1430"
    feed = icalendar.Calendar.from_ical(client.get(reverse("activities:calendar_ics")).content)
    (vevent,) = feed.walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Ås kulturhus, Storsalen, Kulturveien 2, 1430 Ås"
    listing = client.get(reverse("activities:calendar"), {"q": "kulturhus"}).content.decode()
    assert "Ås kulturhus, Storsalen" in listing


def test_without_room_the_free_text_venue_is_used(client, make_event):
    event = make_event(venue_name="Nordby bygdetun", address="Nordbyveien 5")
    body = client.get(event.get_absolute_url()).content.decode()
    assert "Nordby bygdetun, Nordbyveien 5" in body


def test_room_chosen_in_the_event_form(
    client, leader, organisation, age_groups, municipality, unit
):
    room = _room(municipality, unit)
    client.force_login(leader)
    url = reverse("activities:event_create")
    assert "Ås kulturhus: Storsalen" in client.get(url).content.decode()
    data = {
        "organiser": f"org:{organisation.pk}",
        "title": "Kulturhack",
        "category": "course",
        "first_day": "2030-03-01",
        "start_time": "18:00",
        "end_time": "20:00",
        "languages": "norsk",
        "price_kroner": "0",
        "waitlist_capacity": "0",
        "room": str(room.pk),
    }
    assert client.post(url, {**data, "room": "999999"}).status_code == 200
    assert not Event.objects.exists()
    assert client.post(url, data).status_code == 302
    assert Event.objects.get().room == room


def test_api_gives_the_room_with_constant_queries(
    client, make_event, municipality, unit, django_assert_max_num_queries
):
    room = _room(municipality, unit)
    event = make_event(venue_name="", address="", room=room)
    make_event(title="Uten rom", venue_name="Bygdetunet")
    items = client.get("/api/v1/events").json()["items"]
    by_title = {item["event"]["title"]: item["event"] for item in items}
    assert by_title["Uten rom"]["room"] is None
    assert by_title[event.title]["room"] == {
        "id": room.pk,
        "name": "Storsalen",
        "building": {
            "id": room.building.pk,
            "name": "Ås kulturhus",
            "address": "Kulturveien 2",
            "postal_code": "1430",
            "postal_town": "Ås",
        },
    }
    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert detail["room"]["building"]["name"] == "Ås kulturhus"

    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/events", {"limit": 100})
    with django_assert_max_num_queries(20) as one:
        client.get(f"/api/v1/events/{event.pk}")
    for n in range(6):
        other = Room.objects.create(
            building=room.building, name=f"Rom {n}", kind="hall", capacity=20
        )
        make_event(title=f"E{n}", room=other, rule="FREQ=WEEKLY;COUNT=2")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/events", {"limit": 100})
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(f"/api/v1/events/{event.pk}")
