"""Premises managers of a unit manage the buildings of its sub-units to any depth."""

import pytest
from django.core import mail

from dugnad.accounts.models import UnitRole
from dugnad.core.errors import NotAllowed
from dugnad.premises import actions, queries
from dugnad.premises.models import Booking, BookingState, Building, Room
from dugnad.premises.rules import can_manage_room, can_transition, can_view_booking
from tests.unit_tree import build_unit_tree, person_with_role

from .conftest import _prices, next_weekday, slot

pytestmark = pytest.mark.django_db

MANAGER = UnitRole.Role.PREMISES_MANAGER


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


def room_owned_by(unit) -> Room:
    building = Building.objects.create(
        municipality=unit.municipality,
        unit=unit,
        name=f"Hus for {unit.name}",
        slug=f"hus-{unit.slug}",
        kind="school",
        address="Skoleveien 1, Ås",
    )
    # Not confirmed automatically: every booking waits for a manager.
    room = Room.objects.create(
        building=building, name="Sal", kind="hall", capacity=50, confirm_automatically=False
    )
    _prices(room)
    return room


@pytest.fixture
def room_of_d(tree):
    return room_owned_by(tree.d)


@pytest.fixture
def room_of_b(tree):
    return room_owned_by(tree.b)


def request_booking(room, citizen) -> Booking:
    start, end = slot(next_weekday(2))
    return actions.book_room(citizen, room, start, end, title="Øving")


def test_manager_at_the_top_manages_a_building_owned_by_the_lowest_unit(
    tree, room_of_d, citizen, django_capture_on_commit_callbacks
):
    manager = person_with_role(tree.a, MANAGER)
    assert can_manage_room(manager, room_of_d)
    assert room_of_d in queries.managed_rooms(manager, tree.a.municipality)

    with django_capture_on_commit_callbacks(execute=True):
        booking = request_booking(room_of_d, citizen)
    assert booking.state == BookingState.REQUESTED
    # The request is mailed to the managers above the building's unit too.
    assert any(manager.email in message.to for message in mail.outbox)

    assert can_view_booking(manager, booking)
    assert booking in queries.waiting_requests(manager, tree.a.municipality)
    assert can_transition(manager, booking, "approve")
    assert actions.transition(manager, booking, "approve").state == BookingState.CONFIRMED


def test_manager_lower_down_manages_nothing_above(tree, room_of_b, room_of_d, citizen):
    manager = person_with_role(tree.c, MANAGER)
    assert can_manage_room(manager, room_of_d)
    assert not can_manage_room(manager, room_of_b)
    assert set(queries.managed_rooms(manager, tree.a.municipality)) == {room_of_d}

    booking_of_b = request_booking(room_of_b, citizen)
    assert not can_view_booking(manager, booking_of_b)
    assert booking_of_b not in queries.waiting_requests(manager, tree.a.municipality)
    with pytest.raises(NotAllowed):
        actions.transition(manager, booking_of_b, "approve")


def test_request_mails_only_the_managers_whose_unit_covers_the_building(
    tree, room_of_b, citizen, django_capture_on_commit_callbacks
):
    above = person_with_role(tree.a, MANAGER)
    below = person_with_role(tree.c, MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        request_booking(room_of_b, citizen)
    recipients = {address for message in mail.outbox for address in message.to}
    assert above.email in recipients
    assert below.email not in recipients


def test_blocked_periods_follow_the_same_tree(tree, room_of_b, room_of_d):
    top = person_with_role(tree.a, MANAGER)
    lower = person_with_role(tree.c, MANAGER)
    start, end = slot(next_weekday(3))
    period_of_d = actions.block_room(top, room_of_d, start, end, "Eksamen")
    period_of_b = actions.block_room(top, room_of_b, start, end, "Eksamen")
    assert set(queries.managed_blocked_periods(top, tree.a.municipality)) == {
        period_of_b,
        period_of_d,
    }
    assert set(queries.managed_blocked_periods(lower, tree.a.municipality)) == {period_of_d}
    with pytest.raises(NotAllowed):
        actions.block_room(lower, room_of_b, start, end, "Eksamen")
