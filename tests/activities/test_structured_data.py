"""What search engines and other calendars read: the event page's JSON-LD, and feeds and
subscribe links that follow every filter the calendar page offers."""

import html as html_lib
import json
import re
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.activities.structured import language_codes
from dugnad.organisations.models import OrganisationRole
from dugnad.premises.models import Building, Room
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitRoleFactory,
)

pytestmark = pytest.mark.django_db


def jsonld(client, event) -> dict:
    body = client.get(event.get_absolute_url()).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(script)


def test_event_jsonld_has_organiser_url_language_codes_address_parts_and_image(
    client, make_event, municipality, unit
):
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
    room = Room.objects.create(building=building, name="Storsalen", kind="hall", capacity=300)
    event = make_event(
        room=room,
        venue_name="",
        languages="norsk, engelsk og ukrainsk",
        image="events/2026/dans.jpg",
        image_alt="Barn som danser",
    )
    data = jsonld(client, event)
    organiser = event.organisation
    assert data["organizer"]["url"] == f"http://testserver{organiser.get_absolute_url()}"
    assert data["inLanguage"] == ["no", "en", "uk"]
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kulturveien 2",
        "postalCode": "1430",
        "addressLocality": "Ås",
        "addressCountry": "NO",
    }
    assert data["image"] == f"http://testserver/kalender/arrangement/{event.pk}/bilde/"


def test_typed_address_is_split_into_postal_code_and_town(client, make_event):
    event = make_event(address="Nordbyveien 5, 1407 Vinterbro", languages="nynorsk")
    data = jsonld(client, event)
    address = data["location"]["address"]
    assert address["streetAddress"] == "Nordbyveien 5"
    assert address["postalCode"] == "1407"
    assert address["addressLocality"] == "Vinterbro"
    assert data["inLanguage"] == "nn"
    assert "image" not in data


def test_unit_organiser_links_its_events_in_the_calendar(client, make_event, culture_school):
    editor = UnitRoleFactory(unit=culture_school, role=UnitRole.Role.EDITOR).user
    event = make_event(user=editor, organiser=culture_school, address="Skoleveien 1")
    data = jsonld(client, event)
    assert data["organizer"]["name"] == "Kulturskolen"
    assert data["organizer"]["url"].endswith(f"/kalender/?unit={culture_school.pk}")
    # The street alone: the town is the municipality's.
    assert data["location"]["address"]["addressLocality"] == event.municipality.name


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("norsk", ["no"]),
        ("Bokmål, nynorsk", ["nb", "nn"]),
        ("English / arabisk", ["en", "ar"]),
        ("en, uk", ["en", "uk"]),
        ("klingon", ["no"]),
        ("", ["no"]),
    ],
)
def test_language_names_become_codes(typed, codes):
    assert language_codes(typed) == codes


# Each filter the calendar page offers, with an event that only it selects: the others copy
# the plain event, which no filter selects.
def _filters(world):
    day = timezone.localdate() + timedelta(days=30)
    return {
        "q": ({"q": "sjakk"}, {"title": "Sjakkturnering"}),
        "dates": ({"start": day.isoformat(), "end": day.isoformat()}, {"days": 30}),
        "category": ({"category": "music"}, {"category": "music"}),
        "age_group": ({"age_group": world["youth"].pk}, {"groups": ("youth",)}),
        "area": ({"area": world["area"].pk}, {"area": world["area"]}),
        "age": ({"age": 70}, {"max_age": None, "min_age": 60}),
        "organisation": (
            {"organisation": world["other"].slug},
            {"organiser": world["other"], "user": world["other_leader"]},
        ),
        "unit": (
            {"unit": world["unit"].pk},
            {"organiser": world["unit"], "user": world["unit_editor"]},
        ),
        "accessibility": ({"accessibility": "hearing_loop"}, {"hearing_loop": True}),
        "free": ({"free": "on"}, {"price_ore": 0}),
    }


FILTERS = ["q", "dates", "category", "age_group", "area", "age", "organisation", "unit"]
FILTERS += ["accessibility", "free"]


@pytest.mark.parametrize("name", FILTERS)
def test_feed_and_subscribe_link_honour_every_filter(
    client, make_event, municipality, culture_school, age_groups, name
):
    other = OrganisationFactory(municipality=municipality)
    world = {
        "youth": age_groups["youth"],
        "area": AreaFactory(municipality=municipality),
        "other": other,
        "other_leader": OrganisationRoleFactory(
            organisation=other, role=OrganisationRole.Role.LEADER
        ).user,
        "unit": culture_school,
        "unit_editor": UnitRoleFactory(unit=culture_school, role=UnitRole.Role.EDITOR).user,
    }
    plain = {"title": "Vanlig kveld", "price_ore": 10000, "max_age": 12, "category": "other"}
    make_event(**plain)
    params, differs = _filters(world)[name]
    chosen = {**plain, "title": "Valgt", **differs}
    make_event(**chosen)
    page = client.get(reverse("activities:calendar"), params).content.decode()
    webcal = html_lib.unescape(re.search(r'href="(webcal://[^"]+)"', page)[1])
    feed_url = webcal.replace("webcal://testserver", "")
    feed = icalendar.Calendar.from_ical(client.get(feed_url).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == [chosen["title"]]
    # The page lists the same single event.
    assert chosen["title"] in page and "Vanlig kveld" not in page
