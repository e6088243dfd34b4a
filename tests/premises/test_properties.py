"""Property-based tests: whatever order and shape of bookings, active ones never overlap
within a room family, and durations are real time across DST."""

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dugnad.core.errors import DomainError
from dugnad.premises import actions, schedule
from dugnad.premises.models import Booking

from .conftest import next_weekday

pytestmark = pytest.mark.django_db

# (room index: 0 = whole, 1..3 = parts; start in quarter hours from 08:00; length in quarters)
requests = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(2, 16)), min_size=1, max_size=12
)


def _clashes(a, b, whole_id):
    related = a.room_id == b.room_id or whole_id in (a.room_id, b.room_id)
    return related and a.start < b.end and b.start < a.end


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(requests=requests)
def test_no_active_overlap_in_a_room_family(citizen, gym, requests):
    Booking.objects.all().delete()
    rooms = [gym, *gym.part_list]
    day = next_weekday(2)
    base = schedule.local(day, dt.time(8))
    for index, quarter, length in requests:
        start = base + dt.timedelta(minutes=15 * quarter)
        end = start + dt.timedelta(minutes=15 * length)
        with contextlib.suppress(DomainError):
            actions.book_room(citizen, rooms[index], start, end, title="P")
    active = list(Booking.objects.active())
    assert active  # the first request always fits
    for i, a in enumerate(active):
        for b in active[i + 1 :]:
            assert not _clashes(a, b, gym.pk), (a.room_id, a.start, b.room_id, b.start)


@given(
    date=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    start_minute=st.integers(0, 22 * 60),
    minutes=st.integers(15, 120),
)
def test_duration_is_real_time(date, start_minute, minutes):
    start = schedule.local(date, dt.time(start_minute // 60, start_minute % 60))
    end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(schedule.OSLO)
    assert schedule.duration(start, end) == dt.timedelta(minutes=minutes)
