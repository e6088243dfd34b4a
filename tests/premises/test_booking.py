import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.premises import actions
from dugnad.premises.models import (
    BlockedPeriod,
    Booking,
    BookingSeries,
    BookingState,
    OpeningException,
    OpeningHours,
    PriceModel,
    PriceRule,
    RenterType,
)

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


def book(user, room, start, end, **kwargs):
    kwargs.setdefault("title", "Øving")
    return actions.book_room(user, room, start, end, **kwargs)


def test_voluntary_organisation_books_school_room_free_and_confirmed(
    leader, organisation, room, django_capture_on_commit_callbacks
):
    start, end = slot(next_weekday(2))
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(leader, room, start, end, organisation=organisation)
    assert booking.state == BookingState.CONFIRMED
    assert booking.renter_type == RenterType.VOLUNTARY
    assert booking.price_ore == 0
    assert ActivityLog.objects.filter(event="booking.confirmed").exists()
    assert any("Øving" in m.subject for m in mail.outbox)


def test_private_person_pays_per_hour(citizen, room):
    start, end = slot(next_weekday(2), "18:00", "19:30")
    booking = book(citizen, room, start, end)
    assert booking.renter_type == RenterType.PRIVATE
    assert booking.price_ore == 22500  # 1.5 h at 150 kr


def test_company_pays_per_booking(citizen, room):
    start, end = slot(next_weekday(2))
    assert book(citizen, room, start, end, renter_type=RenterType.COMPANY).price_ore == 100000


def test_newest_valid_price_rule_applies(citizen, room):
    day = next_weekday(2, weeks=2)
    PriceRule.objects.create(
        room=room,
        renter_type=RenterType.PRIVATE,
        model=PriceModel.PER_HOUR,
        amount_ore=20000,
        valid_from=day,
    )
    before = book(citizen, room, *slot(next_weekday(2)))
    after = book(citizen, room, *slot(day))
    assert (before.price_ore, after.price_ore) == (30000, 40000)


def test_renter_type_without_price_rule_is_refused(citizen, room):
    PriceRule.objects.filter(room=room, renter_type=RenterType.COMPANY).delete()
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(next_weekday(2)), renter_type=RenterType.COMPANY)
    assert exc.value.code == "not_let"


def test_citizen_cannot_book_as_municipal_unit(citizen, room):
    with pytest.raises(DomainError):
        book(citizen, room, *slot(next_weekday(2)), renter_type=RenterType.MUNICIPAL)


def test_outside_opening_hours_waits_for_manager(
    leader, organisation, room, premises_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(
            leader, room, *slot(next_weekday(2), "22:00", "23:00"), organisation=organisation
        )
    assert booking.state == BookingState.REQUESTED
    assert any(premises_manager.email in m.to for m in mail.outbox)


def test_room_that_always_needs_approval(leader, organisation, room):
    room.confirm_automatically = False
    room.save()
    booking = book(leader, room, *slot(next_weekday(2)), organisation=organisation)
    assert booking.state == BookingState.REQUESTED


def test_weekday_without_opening_hours_waits(leader, organisation, room):
    OpeningHours.objects.filter(building=room.building, weekday=5).delete()
    booking = book(leader, room, *slot(next_weekday(5)), organisation=organisation)
    assert booking.state == BookingState.REQUESTED


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ("20:00", "18:00", "end_before_start"),
        ("18:00", "18:00", "end_before_start"),
        ("08:00", "20:00", "too_long"),
        ("18:00", "18:10", "too_short"),
    ],
)
def test_bad_times_are_refused(citizen, room, start, end, code):
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(next_weekday(2), start, end))
    assert exc.value.code == code
    assert not Booking.objects.exists()


def test_past_and_far_future_are_refused(citizen, room):
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(timezone.localdate() - dt.timedelta(days=1)))
    assert exc.value.code == "in_the_past"
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(timezone.localdate() + dt.timedelta(days=400)))
    assert exc.value.code == "too_far_ahead"


def test_over_capacity_is_refused(citizen, room):
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(next_weekday(2)), attendees=31)
    assert exc.value.code == "over_capacity"


def test_public_holiday_is_closed_unless_room_opens(citizen, room):
    christmas = dt.date(2026, 12, 25)
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(christmas))
    assert exc.value.code == "closed"
    room.open_on_holidays = True
    room.save()
    assert book(citizen, room, *slot(christmas)).pk


def test_dated_exception_closes_a_day(citizen, room):
    day = next_weekday(3)
    OpeningException.objects.create(building=room.building, date=day, note="Eksamen")
    with pytest.raises(DomainError) as exc:
        book(citizen, room, *slot(day))
    assert "Eksamen" in str(exc.value.message)


def test_blocked_period_refuses_booking(citizen, room):
    start, end = slot(next_weekday(2), "08:00", "16:00")
    BlockedPeriod.objects.create(room=room, start=start, end=end, reason="Skolens bruk")
    with pytest.raises(Conflict) as exc:
        book(citizen, room, *slot(next_weekday(2), "15:00", "17:00"))
    assert exc.value.code == "blocked"


def test_a_block_is_named_before_a_booking_when_both_are_in_the_way(citizen, room):
    book(citizen, room, *slot(next_weekday(2), "18:00", "20:00"))
    start, end = slot(next_weekday(2), "19:00", "22:00")
    BlockedPeriod.objects.create(room=room, start=start, end=end, reason="Vannlekkasje")
    with pytest.raises(Conflict) as exc:
        book(citizen, room, *slot(next_weekday(2), "18:30", "19:30"))
    assert exc.value.code == "blocked"
    assert "Vannlekkasje" in str(exc.value.message)


def test_overlap_is_refused_and_touching_is_fine(citizen, leader, organisation, room):
    book(citizen, room, *slot(next_weekday(2), "18:00", "20:00"))
    with pytest.raises(Conflict) as exc:
        book(leader, room, *slot(next_weekday(2), "19:00", "21:00"), organisation=organisation)
    assert exc.value.code == "already_booked"
    assert book(leader, room, *slot(next_weekday(2), "20:00", "21:00"), organisation=organisation)


def test_whole_blocks_parts_and_part_blocks_whole(citizen, gym):
    part1, part2, _part3 = gym.part_list
    day = next_weekday(2)
    book(citizen, part1, *slot(day, "18:00", "19:00"))
    # Another part is free.
    assert book(citizen, part2, *slot(day, "18:00", "19:00"))
    with pytest.raises(Conflict):
        book(citizen, gym, *slot(day, "18:30", "19:30"))
    book(citizen, gym, *slot(day, "20:00", "21:00"))
    with pytest.raises(Conflict):
        book(citizen, part1, *slot(day, "20:30", "21:30"))


def test_cancelled_booking_frees_the_slot(citizen, room):
    booking = book(citizen, room, *slot(next_weekday(2)))
    actions.transition(citizen, booking, "cancel")
    assert book(citizen, room, *slot(next_weekday(2))).state == BookingState.CONFIRMED


def test_dst_booking_across_spring_forward_is_real_hours(citizen, room):
    # Sunday 29 March 2026: clocks go from 02:00 to 03:00.
    room.open_on_holidays = True
    room.max_days_ahead = 1000
    room.save()
    with __import__("time_machine").travel(dt.datetime(2026, 3, 20, tzinfo=dt.UTC), tick=True):
        booking = book(citizen, room, *slot(dt.date(2026, 3, 29), "01:00", "04:00"))
    booking.refresh_from_db()
    assert booking.end - booking.start == dt.timedelta(hours=2)
    assert booking.price_ore == 30000
    evening = timezone.localtime(booking.start)
    assert evening.hour == 1


def test_dst_weekly_series_keeps_wall_clock_time(citizen, room):
    # A weekly 18:00 slot stays 18:00 local before and after the October change.
    with __import__("time_machine").travel(dt.datetime(2026, 10, 10, tzinfo=dt.UTC), tick=True):
        result = actions.book_series(
            citizen,
            room,
            first_date=dt.date(2026, 10, 19),
            last_date=dt.date(2026, 11, 2),
            start_time=dt.time(18),
            end_time=dt.time(20),
            title="Kor",
        )
    hours_local = {timezone.localtime(b.start).hour for b in result.bookings}
    hours_utc = [b.start.astimezone(dt.UTC).hour for b in result.bookings]
    assert hours_local == {18}
    assert hours_utc == [16, 17, 17]


def test_series_lists_clashes_and_closed_days(citizen, leader, organisation, room):
    first = dt.date(2026, 12, 11)  # Friday; the 25th and 1st are public holidays
    book(citizen, room, *slot(dt.date(2026, 12, 18)))
    result = actions.book_series(
        leader,
        room,
        first_date=first,
        last_date=dt.date(2027, 1, 8),
        start_time=dt.time(18),
        end_time=dt.time(20),
        title="Trening",
        organisation=organisation,
    )
    booked = [timezone.localtime(b.start).date() for b in result.bookings]
    skipped = {s.date: s.reason for s in result.series.skips.all()}
    assert booked == [dt.date(2026, 12, 11), dt.date(2027, 1, 8)]
    assert set(skipped) == {dt.date(2026, 12, 18), dt.date(2026, 12, 25), dt.date(2027, 1, 1)}
    assert "booke" in skipped[dt.date(2026, 12, 18)] or "booked" in skipped[dt.date(2026, 12, 18)]
    assert (
        "holiday" in skipped[dt.date(2026, 12, 25)] or "helligdag" in skipped[dt.date(2026, 12, 25)]
    )


def test_every_other_week(citizen, room):
    first = next_weekday(1)
    result = actions.book_series(
        citizen,
        room,
        first_date=first,
        last_date=first + dt.timedelta(days=35),
        start_time=dt.time(17),
        end_time=dt.time(18),
        interval=2,
        title="Møte",
    )
    assert len(result.bookings) == 3


def test_series_with_no_valid_dates_saves_nothing(citizen, room):
    day = next_weekday(2)
    BlockedPeriod.objects.create(
        room=room,
        start=slot(day)[0] - dt.timedelta(hours=10),
        end=slot(day)[1] + dt.timedelta(days=30),
        reason="Oppussing",
    )
    with pytest.raises(DomainError) as exc:
        actions.book_series(
            citizen,
            room,
            first_date=day,
            last_date=day + dt.timedelta(days=14),
            start_time=dt.time(18),
            end_time=dt.time(20),
            title="X",
        )
    assert exc.value.code == "no_valid_dates"
    assert not BookingSeries.objects.exists()
    assert not Booking.objects.exists()


def test_renter_without_rights_for_organisation(citizen, organisation, room):
    with pytest.raises(NotAllowed):
        book(citizen, room, *slot(next_weekday(2)), organisation=organisation)
    assert not Booking.objects.exists()


def test_block_room_refuses_when_bookings_exist(premises_manager, citizen, room):
    book(citizen, room, *slot(next_weekday(2)))
    with pytest.raises(Conflict):
        actions.block_room(
            premises_manager, room, *slot(next_weekday(2), "08:00", "21:00"), "Vedlikehold"
        )
    period = actions.block_room(
        premises_manager, room, *slot(next_weekday(3), "08:00", "21:00"), "Vedlikehold"
    )
    assert period.pk
