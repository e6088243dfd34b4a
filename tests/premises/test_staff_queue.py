"""The premises manager's queue: past requests expire, requests decided many at once with one
message per renter, blocks that name (and may cancel) the bookings in the way."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.core.submit import FIELD, new_token
from dugnad.premises import actions, booking_queue, staff_actions
from dugnad.premises.models import BlockedPeriod, Booking, BookingState
from dugnad.premises.queries import work_queue

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking_room(room):
    room.confirm_automatically = False
    room.save()
    return room


def _request(user, room, day, start="18:00", end="20:00", **kwargs):
    return actions.book_room(user, room, *slot(day, start, end), title="Trening", **kwargs)


def _series(user, room, organisation, weeks=4):
    first = next_weekday(2)
    return actions.book_series(
        user,
        room,
        first_date=first,
        last_date=first + dt.timedelta(weeks=weeks - 1),
        start_time=dt.time(18),
        end_time=dt.time(20),
        title="Korøving",
        organisation=organisation,
    ).series


# --- Past requests expire -----------------------------------------------------------------


def test_a_request_past_its_time_expires_once_and_the_renter_is_told(
    citizen, asking_room, django_capture_on_commit_callbacks
):
    day = next_weekday(2)
    booking = _request(citizen, asking_room, day)
    later = _request(citizen, asking_room, day + dt.timedelta(days=7))
    mail.outbox.clear()
    with (
        time_machine.travel(slot(day, "18:30")[0], tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert staff_actions.expire_past_requests() == 1
        assert staff_actions.expire_past_requests() == 0
    booking.refresh_from_db()
    later.refresh_from_db()
    assert booking.state == BookingState.EXPIRED and booking.expired_at is not None
    assert later.state == BookingState.REQUESTED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [citizen.email]
    assert "Trening" in mail.outbox[0].body
    assert ActivityLog.objects.filter(event="booking.expired").count() == 1


def test_the_command_expires_requests(citizen, asking_room):
    day = next_weekday(2)
    _request(citizen, asking_room, day)
    with time_machine.travel(slot(day, "19:00")[0], tick=False):
        call_command("expire_booking_requests", stdout=__import__("io").StringIO())
    assert Booking.objects.get().state == BookingState.EXPIRED


def test_a_past_request_cannot_be_approved(citizen, asking_room, premises_manager):
    day = next_weekday(2)
    booking = _request(citizen, asking_room, day)
    with time_machine.travel(slot(day, "18:30")[0], tick=False), pytest.raises(NotAllowed):
        actions.transition(premises_manager, booking, "approve")
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED


def test_the_queue_shows_coming_requests_oldest_first(
    citizen, leader, organisation, asking_room, premises_manager
):
    first = _request(citizen, asking_room, next_weekday(3))
    second = _request(leader, asking_room, next_weekday(2), organisation=organisation)
    filters = booking_queue.QueueFilters()
    found = list(
        booking_queue.booking_queue(premises_manager, asking_room.building.municipality, filters)
    )
    assert found == [first, second]  # asked first, listed first, whatever the date
    with time_machine.travel(slot(next_weekday(2), "19:00")[0], tick=False):
        found = list(
            booking_queue.booking_queue(
                premises_manager, asking_room.building.municipality, filters
            )
        )
    assert found == [first]


# --- Decide many in one step ---------------------------------------------------------------


def test_a_whole_series_is_approved_with_one_message(
    leader, organisation, asking_room, premises_manager, django_capture_on_commit_callbacks
):
    series = _series(leader, asking_room, organisation)
    mail.outbox.clear()
    chosen = list(series.bookings.all())
    with django_capture_on_commit_callbacks(execute=True):
        result = staff_actions.decide_requests(premises_manager, chosen, "approve")
    assert len(result.done) == 4 and not result.refused
    assert set(series.bookings.values_list("state", flat=True)) == {BookingState.CONFIRMED}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.count("Korøving") >= 4


def test_denying_needs_a_reason_and_changes_nothing_without_one(
    citizen, asking_room, premises_manager
):
    booking = _request(citizen, asking_room, next_weekday(2))
    with pytest.raises(DomainError):
        staff_actions.decide_requests(premises_manager, [booking], "deny", "")
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED


def test_requests_the_user_may_not_decide_are_refused_with_why(
    citizen, asking_room, premises_manager, leader
):
    booking = _request(citizen, asking_room, next_weekday(2))
    result = staff_actions.decide_requests(leader, [booking], "approve")
    assert not result.done and result.refused[0][0] == booking


def test_queue_page_decides_a_selection_and_returns_to_the_same_page(
    client, citizen, asking_room, premises_manager
):
    bookings = [_request(citizen, asking_room, next_weekday(d)) for d in (2, 3, 4)]
    client.force_login(premises_manager)
    url = reverse("premises:requests") + f"?room={asking_room.pk}&page=1"
    page = client.get(url)
    assert page.status_code == 200
    assert all(b.title in page.content.decode() for b in bookings)
    response = client.post(
        reverse("premises:decide_requests"),
        {
            "booking": [bookings[0].pk, bookings[2].pk],
            "decision": "deny",
            "reason": "Skolen bruker salen",
            "next": url,
            FIELD: new_token(),
        },
    )
    assert response.status_code == 302 and response["Location"] == url + "#queue"
    states = [Booking.objects.get(pk=b.pk).state for b in bookings]
    assert states == [BookingState.DENIED, BookingState.REQUESTED, BookingState.DENIED]


def test_queue_page_decides_the_whole_series_from_a_row(
    client, leader, organisation, asking_room, premises_manager
):
    series = _series(leader, asking_room, organisation, weeks=3)
    client.force_login(premises_manager)
    response = client.post(
        reverse("premises:decide_requests"),
        {"whole_series": f"{series.pk}:approve", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("premises:requests") + "#queue"
    assert set(series.bookings.values_list("state", flat=True)) == {BookingState.CONFIRMED}


def test_queue_filters_and_conflicts(
    client, citizen, leader, organisation, asking_room, gym, premises_manager
):
    day = next_weekday(2)
    mine = _request(leader, asking_room, day, organisation=organisation)
    other = _request(citizen, asking_room, day + dt.timedelta(days=1))
    # Made in the way after the request (as an allocation does, bypassing the checks).
    BlockedPeriod.objects.create(
        room=asking_room, start=mine.start, end=mine.end, reason="Vannlekkasje"
    )
    client.force_login(premises_manager)
    page = client.get(
        reverse("premises:requests"), {"organisation": organisation.pk}
    ).content.decode()
    assert mine.get_absolute_url() in page and other.get_absolute_url() not in page
    assert "Vannlekkasje" in page


@pytest.mark.parametrize("extra", [0, 12])
def test_queue_page_queries_do_not_grow(
    client, citizen, asking_room, premises_manager, extra, django_assert_max_num_queries
):
    for n in range(extra):
        _request(
            citizen,
            asking_room,
            next_weekday(2, weeks=n // 3),
            start=f"{8 + 2 * (n % 3):02d}:00",
            end=f"{9 + 2 * (n % 3):02d}:00",
        )
    client.force_login(premises_manager)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("premises:requests")).status_code == 200


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("citizen", False), ("leader", False), ("case_handler", False), ("premises_manager", True)],
)
def test_permission_matrix_for_queue_writes(request, client, asking_room, role, allowed):
    renter = (
        request.getfixturevalue("citizen")
        if role != "citizen"
        else request.getfixturevalue("leader")
    )
    booking = _request(renter, asking_room, next_weekday(2))
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("premises:requests")).status_code == (200 if allowed else 403)
    response = client.post(
        reverse("premises:decide_requests"), {"booking": [booking.pk], "decision": "approve"}
    )
    booking.refresh_from_db()
    assert response.status_code == (302 if allowed else 403)
    assert (booking.state == BookingState.CONFIRMED) is allowed
    start, end = slot(next_weekday(4), "08:00", "10:00")
    response = client.post(
        reverse("premises:block"),
        {
            "room": asking_room.pk,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": end.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Maling",
        },
    )
    assert response.status_code == (302 if allowed else 403)
    assert BlockedPeriod.objects.exists() is allowed


# --- Blocks ---------------------------------------------------------------------------------


def test_a_block_names_the_bookings_in_the_way(
    citizen, leader, organisation, room, gym, premises_manager
):
    day = next_weekday(2)
    actions.book_room(leader, room, *slot(day), title="Styremøte", organisation=organisation)
    start, end = slot(day, "08:00", "22:00")
    with pytest.raises(Conflict) as refused:
        staff_actions.block_room_cancelling(premises_manager, room, start, end, "Maling")
    assert "Styremøte" in str(refused.value.message) and organisation.name in str(
        refused.value.message
    )
    assert not BlockedPeriod.objects.exists()


def test_a_block_cancels_the_chosen_bookings_with_one_message_to_each_renter(
    citizen, leader, organisation, gym, premises_manager, django_capture_on_commit_callbacks
):
    day = next_weekday(2)
    part = gym.part_list[0]
    a = actions.book_room(
        leader, part, *slot(day, "17:00", "18:00"), title="Håndball", organisation=organisation
    )
    b = actions.book_room(
        leader, part, *slot(day, "18:00", "19:00"), title="Basket", organisation=organisation
    )
    c = actions.book_room(citizen, gym.part_list[1], *slot(day, "19:00", "20:00"), title="Bursdag")
    mail.outbox.clear()
    start, end = slot(day, "16:00", "22:00")
    with django_capture_on_commit_callbacks(execute=True):
        result = staff_actions.block_room_cancelling(
            premises_manager, gym, start, end, "Nytt gulv", cancel=[a.pk, b.pk, c.pk]
        )
    assert {x.pk for x in result.cancelled} == {a.pk, b.pk, c.pk}
    assert set(Booking.objects.values_list("state", flat=True)) == {BookingState.CANCELLED}
    assert len(mail.outbox) == 2  # the club once for two bookings, the citizen once
    club_mail = next(m for m in mail.outbox if leader.email in m.to)
    assert (
        "Håndball" in club_mail.body
        and "Basket" in club_mail.body
        and "Nytt gulv" in club_mail.body
    )


def test_blocks_in_the_past_and_repeated_blocks_are_refused(room, premises_manager):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(DomainError, match="over"):
        staff_actions.block_room_cancelling(
            premises_manager, room, *slot(yesterday, "08:00", "10:00"), "Maling"
        )
    start, end = slot(next_weekday(2), "08:00", "16:00")
    staff_actions.block_room_cancelling(premises_manager, room, start, end, "Maling")
    with pytest.raises(Conflict):
        staff_actions.block_room_cancelling(
            premises_manager, room, start + dt.timedelta(hours=1), end, "Maling igjen"
        )
    assert BlockedPeriod.objects.count() == 1


def test_block_page_offers_to_cancel_and_then_does(
    client, leader, organisation, room, premises_manager
):
    day = next_weekday(2)
    booking = actions.book_room(
        leader, room, *slot(day), title="Styremøte", organisation=organisation
    )
    client.force_login(premises_manager)
    start, end = slot(day, "08:00", "22:00")
    data = {
        "room": room.pk,
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": end.strftime("%Y-%m-%dT%H:%M"),
        "reason": "Maling",
    }
    page = client.post(reverse("premises:block"), data)
    assert page.status_code == 200
    assert f'name="cancel" value="{booking.pk}"' in page.content.decode()
    done = client.post(
        reverse("premises:block"), {**data, "cancel": [booking.pk], "confirm_cancel": "1"}
    )
    assert done.status_code == 302
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED and BlockedPeriod.objects.count() == 1


# --- The work queue -----------------------------------------------------------------------


def test_work_queue_counts_requests_and_the_start_page_shows_them(
    client, citizen, asking_room, premises_manager
):
    _request(citizen, asking_room, next_weekday(2))
    _request(citizen, asking_room, next_weekday(3))
    items = work_queue(premises_manager, asking_room.building.municipality)
    assert [(i.count, i.url) for i in items] == [(2, reverse("premises:requests"))]
    assert work_queue(citizen, asking_room.building.municipality) == []
    client.force_login(premises_manager)
    page = client.get(reverse("accounts:work")).content.decode()
    assert reverse("premises:requests") in page


def test_start_page_figures_value_free_rent_at_the_ordinary_price(
    client, leader, organisation, room, premises_manager
):
    from dugnad.premises.figures import free_rent_value, voluntary_hours

    # The fixture's room: free for clubs, 150 kr an hour for private persons.
    actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Trening", organisation=organisation
    )
    today = timezone.localdate()
    period = (room.building.municipality, dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1))
    assert voluntary_hours(*period).value == 2.0
    assert free_rent_value(*period).value == 30000
    client.force_login(premises_manager)
    page = client.get(reverse("accounts:work")).content.decode()
    assert "300\u00a0kr" in page
