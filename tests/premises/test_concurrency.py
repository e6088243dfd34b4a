"""Parallel bookings on PostgreSQL: the row lock and the exclusion constraint keep one winner."""

import pytest
from django.db import IntegrityError, transaction

from dugnad.core.errors import Conflict
from dugnad.premises import actions
from dugnad.premises.models import Booking, BookingState
from tests.race import race

from .conftest import next_weekday, slot

THREADS = 32


def _fire(targets, start, end, user):
    def book(i):
        actions.book_room(user, targets[i], start, end, title="Kamp")
        return "won"

    # A refusal is its code; anything else is a bug the callers' assertions show.
    return [
        r.code if isinstance(r, Conflict) else r if isinstance(r, str) else repr(r)
        for r in race(book, len(targets))
    ]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_of_one_slot_have_one_winner(citizen, room):
    start, end = slot(next_weekday(2))
    outcomes = _fire([room] * THREADS, start, end, citizen)
    assert outcomes.count("won") == 1, outcomes
    assert outcomes.count("already_booked") == THREADS - 1, outcomes
    assert Booking.objects.filter(room=room).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_whole_and_parts_have_one_winner(citizen, gym):
    start, end = slot(next_weekday(2))
    targets = [gym, *gym.part_list] * 8
    outcomes = _fire(targets, start, end, citizen)
    # Either the whole wins alone, or every part wins once and the whole loses.
    won = Booking.objects.filter(room__in=[gym, *gym.part_list])
    rooms = set(won.values_list("room_id", flat=True))
    assert rooms == {gym.pk} or rooms == {p.pk for p in gym.part_list}, outcomes
    assert won.count() == len(rooms)
    assert all(o in ("won", "already_booked") for o in outcomes), outcomes


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_exclusion_constraint_stops_direct_inserts(citizen, room):
    start, end = slot(next_weekday(2))
    common = {
        "room": room,
        "booked_by": citizen,
        "renter_type": "private",
        "title": "X",
        "state": BookingState.CONFIRMED,
    }
    Booking.objects.create(start=start, end=end, **common)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=start, end=end, **{**common, "state": BookingState.REQUESTED})
    # A cancelled booking does not take the slot.
    Booking.objects.create(start=start, end=end, **{**common, "state": BookingState.CANCELLED})
