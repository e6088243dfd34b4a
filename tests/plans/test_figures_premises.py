"""Premises' key figures on fixed data: a booking counts for the hours that fall in the period
(across midnight and across the new year), free rent is valued at the ordinary price, and
requests are answered within the promise or not."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from dugnad.premises import figures
from dugnad.premises.models import Booking, BookingState, Building, PriceRule, RenterType, Room
from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OSLO = timezone.get_default_timezone()
YEAR = (dt.date(2025, 1, 1), dt.date(2026, 1, 1))


def at(*args):
    return dt.datetime(*args, tzinfo=OSLO)


def make_room(municipality, unit, name="Gymsal"):
    building = Building.objects.create(
        municipality=municipality,
        unit=unit,
        name=f"{name} skole",
        slug=f"{name.lower()}-skole",
        kind="school",
        address="Skoleveien 1",
    )
    return Room.objects.create(building=building, name=name, kind="hall", capacity=100)


@pytest.fixture
def room(municipality, unit):
    room = make_room(municipality, unit)
    PriceRule.objects.create(
        room=room, renter_type=RenterType.VOLUNTARY, model="free", valid_from=dt.date(2020, 1, 1)
    )
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.OTHER_ORGANISATION,
        model="per_hour",
        amount_ore=300_00,
        valid_from=dt.date(2020, 1, 1),
    )
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.OTHER_ORGANISATION,
        model="per_hour",
        amount_ore=400_00,
        valid_from=dt.date(2025, 7, 1),
    )
    return room


def book(room, organisation, start, end, state=BookingState.CONFIRMED, renter=None, price=0):
    return Booking.objects.create(
        room=room,
        booked_by=UserFactory(),
        organisation=organisation,
        renter_type=renter or RenterType.VOLUNTARY,
        title="Trening",
        start=start,
        end=end,
        state=state,
        price_ore=price,
    )


@pytest.fixture
def bookings(room, organisation, municipality, unit):
    book(room, organisation, at(2025, 3, 4, 18), at(2025, 3, 4, 20))  # 2 h
    book(room, organisation, at(2025, 6, 14, 22), at(2025, 6, 15, 2))  # across midnight: 4 h
    book(room, organisation, at(2025, 12, 31, 22), at(2026, 1, 1, 3))  # new year: 2 h in 2025
    book(room, organisation, at(2024, 12, 31, 23), at(2025, 1, 1, 1))  # new year: 1 h in 2025
    book(room, organisation, at(2025, 9, 1, 18), at(2025, 9, 1, 20), BookingState.CANCELLED)
    book(room, organisation, at(2025, 9, 2, 18), at(2025, 9, 2, 20), BookingState.REQUESTED)
    book(room, None, at(2025, 9, 3, 18), at(2025, 9, 3, 20), renter=RenterType.PRIVATE, price=1)
    other = MunicipalityFactory(number="3207", name="Nordre Follo")
    elsewhere = make_room(other, unit, name="Langhus")
    book(elsewhere, OrganisationFactory(municipality=other), at(2025, 4, 1, 18), at(2025, 4, 1, 22))


def test_voluntary_hours_split_across_midnight_and_the_new_year(municipality, bookings):
    figure = figures.voluntary_hours(municipality, *YEAR)
    assert figure.value == 9.0  # 2 + 4 + 2 + 1
    table = dict(figure.table)
    assert table["2025-01"] == 1.0
    assert table["2025-03"] == 2.0
    assert table["2025-06"] == 4.0
    assert table["2025-12"] == 2.0
    assert table["2025-09"] == 0  # cancelled and requested do not count
    following = figures.voluntary_hours(municipality, dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    assert following.value == 3.0


def test_free_rent_is_valued_at_the_ordinary_price_valid_on_the_day(municipality, bookings):
    figure = figures.free_rent_value(municipality, *YEAR)
    # 300 kr an hour until July, 400 kr after: (2 + 4 + 1) h at 300 + 2 h at 400.
    assert figure.value == 7 * 300_00 + 2 * 400_00
    assert figure.unit == "ore"
    assert dict(figure.table) == {"Gymsal skole": figure.value}


def test_no_bookings_no_value(municipality, room):
    assert figures.voluntary_hours(municipality, *YEAR).value is None
    assert figures.free_rent_value(municipality, *YEAR).value is None
    assert figures.requests_answered_in_time(municipality, *YEAR).value is None


def test_requests_answered_within_the_promise(municipality, room, organisation, settings):
    def request(sent, answer_after=None, state=BookingState.CONFIRMED):
        with time_machine.travel(sent, tick=False):
            booking = book(
                room, organisation, sent + dt.timedelta(days=20),
                sent + dt.timedelta(days=20, hours=2), BookingState.REQUESTED,
            )  # fmt: skip
        if answer_after is not None:
            with time_machine.travel(sent + answer_after, tick=False):
                booking.state = state
                booking.save()
        return booking

    request(at(2025, 2, 1, 12), dt.timedelta(days=1))  # in time
    request(at(2025, 3, 1, 12), dt.timedelta(days=4, hours=23), BookingState.DENIED)  # in time
    request(at(2025, 4, 1, 12), dt.timedelta(days=9))  # late
    request(at(2025, 5, 1, 12))  # never answered: late
    request(at(2025, 6, 1, 12), dt.timedelta(hours=2), BookingState.CANCELLED)  # withdrawn
    with time_machine.travel(at(2026, 2, 1, 12), tick=False):
        figure = figures.requests_answered_in_time(municipality, *YEAR)
    assert figure.value == 50.0
    assert [n for _label, n in figure.table] == [2, 2]
    assert "5" in figure.definition


def test_a_request_still_within_the_promise_is_left_out(municipality, room, organisation):
    sent = at(2025, 12, 30, 12)
    with time_machine.travel(sent, tick=False):
        book(room, organisation, at(2026, 2, 1, 18), at(2026, 2, 1, 20), BookingState.REQUESTED)
    with time_machine.travel(sent + dt.timedelta(days=2), tick=False):
        assert figures.requests_answered_in_time(municipality, *YEAR).value is None
