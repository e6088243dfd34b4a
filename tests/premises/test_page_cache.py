"""A booking changes the cached availability of its own building only."""

import pytest
from django.test import Client

from dugnad.core.caching import CACHE_STATUS_HEADER
from dugnad.premises import actions
from dugnad.premises.models import Building, Room

from .conftest import _prices, next_weekday, slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def availability(room, day, **extra):
    start, end = slot(day, "00:00", "23:59")
    response = Client().get(
        f"/api/v1/premises/rooms/{room.pk}/availability",
        {"start": start.isoformat(), "end": end.isoformat(), **extra},
    )
    assert response.status_code == 200
    return response


@pytest.fixture
def other_room(building):
    other = Building.objects.create(
        municipality=building.municipality,
        unit=building.unit,
        name="Rustad skole",
        slug="rustad-skole",
        kind="school",
        address="Rustadveien 2, Ås",
    )
    for hours in building.opening_hours.all():
        hours.pk, hours.building = None, other
        hours.save()
    room = Room.objects.create(building=other, name="Aula", kind="hall", capacity=200)
    _prices(room)
    return room


def test_a_booking_leaves_other_buildings_availability_cached(
    citizen, room, other_room, django_capture_on_commit_callbacks
):
    day = next_weekday(2)
    availability(room, day), availability(other_room, day)
    with django_capture_on_commit_callbacks(execute=True):
        actions.book_room(citizen, room, *slot(day, "18:00", "20:00"), title="Privat")
    assert availability(other_room, day)[CACHE_STATUS_HEADER] == "hit"
    fresh = availability(room, day)
    assert fresh[CACHE_STATUS_HEADER] == "miss"
    assert len(fresh.json()["busy"]) == 1


def test_unknown_parameters_do_not_bypass_availability(room):
    day = next_weekday(3)
    availability(room, day)
    assert availability(room, day, x="random")[CACHE_STATUS_HEADER] == "hit"
