"""Booking, series, blocked period and allocation pages (and the booking API) find an object only
under the host of its room's or round's municipality."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.organisations.models import OrganisationRole
from dugnad.premises.models import (
    AllocatedSlot,
    AllocationRound,
    BlockedPeriod,
    Booking,
    BookingSeries,
    Building,
    Room,
    SlotWish,
)
from tests.factories import (
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UserFactory,
)
from tests.hosts import HOME_HOST, OTHER_HOST, serve_two_municipalities

pytestmark = pytest.mark.django_db


@pytest.fixture
def renter(db):
    return UserFactory()


@pytest.fixture
def made(settings, renter):
    """A room with a booking, a series, a blocked period and an allocation wish in each
    municipality, by "home" and "other"."""
    home, other = serve_two_municipalities(settings)
    made = {}
    start = timezone.now() + dt.timedelta(days=5)
    for key, municipality in (("home", home), ("other", other)):
        building = Building.objects.create(
            municipality=municipality,
            unit=UnitFactory(municipality=municipality),
            name=f"Bydelshus {key}",
            slug=f"bydelshus-{key}",
            kind="culture",
            address="Veien 1",
        )
        room = Room.objects.create(
            building=building, name=f"Storsal {key}", kind="hall", capacity=80
        )
        organisation = OrganisationFactory(municipality=municipality)
        series = BookingSeries.objects.create(
            room=room,
            booked_by=renter,
            title=f"Korøving {key}",
            rrule="FREQ=WEEKLY",
            first_date=start.date(),
            last_date=start.date() + dt.timedelta(days=21),
        )
        booking = Booking.objects.create(
            room=room,
            series=series,
            booked_by=renter,
            renter_type="private",
            title=f"Korøving {key}",
            start=start,
            end=start + dt.timedelta(hours=2),
        )
        blocked = BlockedPeriod.objects.create(
            room=room,
            start=start + dt.timedelta(days=30),
            end=start + dt.timedelta(days=31),
            reason="Vedlikehold",
        )
        allocation_round = AllocationRound.objects.create(
            municipality=municipality,
            name=f"Sesong {key}",
            season_start=timezone.localdate() + dt.timedelta(days=60),
            season_end=timezone.localdate() + dt.timedelta(days=300),
            deadline=timezone.now() + dt.timedelta(days=20),
            status=AllocationRound.Status.OPEN,
        )
        wish = SlotWish.objects.create(
            round=allocation_round,
            organisation=organisation,
            submitted_by=renter,
            room=room,
            weekday=1,
            start_time=dt.time(18),
            minutes=90,
            participants=20,
        )
        made[key] = {
            "room": room,
            "booking": booking,
            "series": series,
            "blocked": blocked,
            "round": allocation_round,
            "wish": wish,
        }
    return made


# (URL name, method, which object the URL's id names, who asks, the answer for the own object).
# The renter asks where only the booker (or an organisation's member) may: cancelling a series
# they booked, applying for a slot for their organisation.
STAFF_PAGES = [
    ("premises:booking", "get", "booking", "site_admin", 200),
    ("premises:booking_ics", "get", "booking", "site_admin", 200),
    ("premises:series", "get", "series", "site_admin", 200),
    ("premises:series_cancel", "post", "series", "renter", 200),
    ("premises:unblock", "post", "blocked", "site_admin", 302),
    ("premises:allocation", "get", "round", "site_admin", 200),
    ("premises:allocation_publish", "get", "round", "site_admin", 200),
    ("premises:allocation_report", "get", "round", "site_admin", 200),
    ("premises:apply", "get", "round", "renter", 200),
    ("premises:allocate", "post", "wish", "site_admin", 302),
]


@pytest.mark.parametrize(("name", "method", "kind", "who", "own_status"), STAFF_PAGES)
def test_staff_pages_find_only_the_hosts_own_objects(
    client, request, made, name, method, kind, who, own_status
):
    user = request.getfixturevalue(who)
    OrganisationRoleFactory(
        organisation=made["home"]["wish"].organisation,
        user=request.getfixturevalue("renter"),
        role=OrganisationRole.Role.LEADER,
    )
    client.force_login(user)
    send = getattr(client, method)
    other = send(reverse(name, args=[made["other"][kind].pk]), HTTP_HOST=HOME_HOST)
    own = send(reverse(name, args=[made["home"][kind].pk]), HTTP_HOST=HOME_HOST)
    assert other.status_code == 404
    assert own.status_code == own_status


def test_booking_transition_finds_only_the_hosts_own_bookings(client, renter, made):
    client.force_login(renter)
    url = reverse("premises:transition", args=[made["other"]["booking"].pk, "cancel"])
    assert client.post(url, HTTP_HOST=HOME_HOST).status_code == 404
    made["other"]["booking"].refresh_from_db()
    assert made["other"]["booking"].state == "requested"
    assert client.post(url, HTTP_HOST=OTHER_HOST).status_code == 302
    made["other"]["booking"].refresh_from_db()
    assert made["other"]["booking"].state == "cancelled"


def test_a_wish_is_not_allocated_to_another_municipalitys_room(client, site_admin, made):
    client.force_login(site_admin)
    wish = made["home"]["wish"]
    client.post(
        reverse("premises:allocate", args=[wish.pk]),
        {"room": made["other"]["room"].pk, "weekday": 1, "start_time": "18:00"},
        HTTP_HOST=HOME_HOST,
    )
    # The unknown room is ignored: the wish keeps its own room.
    assert AllocatedSlot.objects.get(wish=wish).room == made["home"]["room"]


def test_api_cancels_only_the_hosts_own_bookings(client, renter, made, api_token):
    headers = api_token(renter)
    url = f"/api/v1/bookings/{made['other']['booking'].pk}/cancel"
    response = client.post(url, {}, content_type="application/json", HTTP_HOST=HOME_HOST, **headers)
    assert response.status_code == 404
    response = client.post(
        url, {}, content_type="application/json", HTTP_HOST=OTHER_HOST, **headers
    )
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
