import datetime as dt

import pytest
from django.utils import timezone

from dugnad.premises.models import (
    Building,
    Facility,
    OpeningHours,
    PriceModel,
    PriceRule,
    RenterType,
    Room,
)
from dugnad.premises.schedule import local

# A fixed "now" in the middle of an ordinary week keeps the tests independent of the calendar.
NOW = dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC)  # Monday


@pytest.fixture(autouse=True)
def _frozen_time():
    import time_machine

    with time_machine.travel(NOW, tick=True):
        yield


def next_weekday(weekday: int, weeks: int = 0) -> dt.date:
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=days + 7 * weeks)


def slot(date, start="18:00", end="20:00"):
    return local(date, dt.time.fromisoformat(start)), local(date, dt.time.fromisoformat(end))


@pytest.fixture
def building(municipality, unit):
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        name="Solberg skole",
        slug="solberg-skole",
        kind="school",
        address="Solbergveien 1, Ås",
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            building=building, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    return building


def _prices(room, voluntary=PriceModel.FREE, private_ore=15000):
    PriceRule.objects.create(
        room=room, renter_type=RenterType.VOLUNTARY, model=voluntary, valid_from=dt.date(2020, 1, 1)
    )
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.PRIVATE,
        model=PriceModel.PER_HOUR,
        amount_ore=private_ore,
        valid_from=dt.date(2020, 1, 1),
    )
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.COMPANY,
        model=PriceModel.PER_BOOKING,
        amount_ore=100000,
        valid_from=dt.date(2020, 1, 1),
    )
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.MUNICIPAL,
        model=PriceModel.FREE,
        valid_from=dt.date(2020, 1, 1),
    )


@pytest.fixture
def room(building):
    room = Room.objects.create(
        building=building, name="Klasserom 1", kind="classroom", capacity=30, cancellation_hours=24
    )
    room.facilities.add(Facility.objects.create(slug="projektor", name="Projektor"))
    _prices(room)
    return room


@pytest.fixture
def gym(building):
    whole = Room.objects.create(building=building, name="Gymsal", kind="gym", capacity=120)
    _prices(whole)
    parts = []
    for n in (1, 2, 3):
        part = Room.objects.create(
            building=building, parent=whole, name=f"Gymsal del {n}", kind="gym", capacity=40
        )
        _prices(part)
        parts.append(part)
    whole.part_list = parts
    return whole


@pytest.fixture
def api_token():
    from dugnad.accounts.models import ApiToken

    def make(user):
        raw = ApiToken.new_raw_key()
        ApiToken.objects.create(
            user=user,
            key_hash=ApiToken.hash(raw),
            prefix=raw[:8],
            expires_at=timezone.now() + dt.timedelta(days=1),
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    return make
