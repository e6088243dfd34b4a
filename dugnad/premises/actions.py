"""Every write on premises: bookings, series, the workflow, blocked times and allocation."""

import datetime as dt
from dataclasses import dataclass, field

from dateutil.rrule import WEEKLY, rrule
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dugnad.accounts.roles import Role, has_unit_role
from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from . import schedule, season, staff_actions
from .models import (
    AllocatedSlot,
    AllocationRound,
    BlockedPeriod,
    Booking,
    BookingSeries,
    BookingState,
    RenterType,
    Room,
    RoomPhoto,
    SeriesSkip,
    SlotWish,
)
from .queries import manager_emails, renter_emails
from .rules import (
    can_allocate,
    can_apply_for_slots,
    can_book,
    can_cancel_series,
    can_manage_room,
    can_transition,
)
from .workflow import TRANSITIONS

MAX_SERIES_DATES = 60


_renter_emails = renter_emails


def resolve_renter_type(user, organisation, renter_type) -> str:
    if organisation is not None:
        # Approved organisations in the directory are the voluntary sector the policy favours.
        return RenterType.VOLUNTARY
    if renter_type in (None, "", RenterType.VOLUNTARY):
        return RenterType.PRIVATE
    if renter_type == RenterType.MUNICIPAL and not has_unit_role(user, *Role.values):
        raise DomainError(
            _("Only municipal staff can book as a municipal unit."),
            code="renter_type",
            field="renter_type",
        )
    if renter_type not in RenterType.values:
        raise DomainError(_("Choose who the booking is for."), field="renter_type")
    return renter_type


def validate_times(room: Room, start: dt.datetime, end: dt.datetime, now=None) -> None:
    """Shape of the requested time, independent of other bookings."""
    now = now or timezone.now()
    if start is None or end is None:
        raise DomainError(_("Give both start and end."), code="invalid_time")
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise DomainError(_("Times must include a time zone."), code="invalid_time")
    if schedule.duration(start, end) <= dt.timedelta(0):
        raise DomainError(
            _("The end must be after the start."), code="end_before_start", field="end"
        )
    if start < now:
        raise DomainError(
            _("The start time has already passed."), code="in_the_past", field="start"
        )
    if start > now + dt.timedelta(days=room.max_days_ahead):
        raise DomainError(
            _("This room can be booked at most %(days)s days ahead.")
            % {"days": room.max_days_ahead},
            code="too_far_ahead",
            field="start",
        )
    minutes = schedule.duration(start, end).total_seconds() / 60
    if minutes > room.max_minutes:
        raise DomainError(
            _("A booking of this room can last at most %(minutes)s minutes.")
            % {"minutes": room.max_minutes},
            code="too_long",
            field="end",
        )
    if minutes < room.min_minutes:
        raise DomainError(
            _("A booking of this room must last at least %(minutes)s minutes.")
            % {"minutes": room.min_minutes},
            code="too_short",
            field="end",
        )


def _create_booking(
    actor,
    room,
    start,
    end,
    *,
    title,
    organisation,
    renter_type,
    attendees,
    is_public,
    series=None,
    force_state=None,
    within_opening_hours=False,
) -> Booking:
    """Check and insert one booking. The caller holds a transaction; raises DomainError.

    `within_opening_hours` refuses a time outside the day's opening hours (a season's slot:
    a confirmed booking there would otherwise bypass the manager's check)."""
    validate_times(room, start, end)
    if attendees is not None and attendees > room.capacity:
        raise DomainError(
            _("The room has room for %(capacity)s people.") % {"capacity": room.capacity},
            code="over_capacity",
            field="attendees",
        )
    hours = schedule.day_hours(room, start.astimezone(schedule.OSLO).date())
    if reason := hours.closed_reason:
        raise DomainError(
            _("The room is closed that day (%(reason)s).") % {"reason": reason},
            code="closed",
            field="start",
        )
    if within_opening_hours and not schedule.within_opening_hours(room, start, end, hours):
        raise DomainError(
            _("outside the opening hours (%(opens)s–%(closes)s)")
            % {
                "opens": hours.opens.strftime("%H:%M") if hours.opens else "–",
                "closes": hours.closes.strftime("%H:%M") if hours.closes else "–",
            },
            code="outside_opening_hours",
            field="start",
        )
    price = schedule.price_for(room, renter_type, start, end)
    if price is None:
        raise DomainError(
            _("This room is not let to: %(renter)s.") % {"renter": RenterType(renter_type).label},
            code="not_let",
        )
    # Bookings of a room, its whole and its parts are serialised on the building's room rows,
    # so that a whole and a part can never be booked at once by two parallel requests.
    family = schedule.lock_family(room)
    obstacle = schedule.first_obstacle(family, start, end)
    if obstacle is not None and obstacle[0] == schedule.BLOCKED:
        raise Conflict(
            _("The room is blocked at that time: %(reason)s.") % {"reason": obstacle[1]},
            code="blocked",
        )
    if obstacle is not None:
        raise Conflict(_("The room is already booked at that time."), code="already_booked")
    if force_state:
        state = force_state
    elif room.confirm_automatically and schedule.within_opening_hours(room, start, end, hours):
        state = BookingState.CONFIRMED
    else:
        state = BookingState.REQUESTED
    try:
        # No savepoint of its own: a refused insert ends the caller's atomic block (a single
        # booking's transaction, or a series date's savepoint), which rolls back.
        with transaction.atomic(savepoint=False):
            return Booking.objects.create(
                room=room,
                series=series,
                booked_by=actor,
                organisation=organisation,
                renter_type=renter_type,
                title=title,
                is_public=is_public,
                attendees=attendees or 1,
                start=start,
                end=end,
                state=state,
                price_ore=price.total_ore,
            )
    except IntegrityError as exc:
        # The PostgreSQL exclusion constraint is the last line of defence.
        raise Conflict(
            _("The room is already booked at that time."), code="already_booked"
        ) from exc


def _notify_booking(booking, actor, event):
    notify(
        event,
        actor=actor,
        target=booking,
        recipients=_renter_emails(booking)
        + (manager_emails(booking.room) if booking.state == BookingState.REQUESTED else []),
        template="premises/email/booking.txt",
        context={"booking": booking, "event": event},
        data={"state": booking.state},
    )


@transaction.atomic
def book_room(
    user,
    room,
    start,
    end,
    *,
    title,
    organisation=None,
    renter_type=None,
    attendees=1,
    is_public=True,
) -> Booking:
    can_book(user, room, organisation).enforce()
    renter_type = resolve_renter_type(user, organisation, renter_type)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the booking a title."), field="title")
    booking = _create_booking(
        user,
        room,
        start,
        end,
        title=title,
        organisation=organisation,
        renter_type=renter_type,
        attendees=attendees,
        is_public=is_public,
    )
    _notify_booking(
        booking,
        user,
        "booking.confirmed" if booking.state == BookingState.CONFIRMED else "booking.requested",
    )
    return booking


@dataclass
class SeriesResult:
    series: BookingSeries
    bookings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # SeriesSkip rows


def series_dates(first: dt.date, last: dt.date, interval: int) -> list[dt.date]:
    rule = rrule(
        WEEKLY,
        interval=interval,
        dtstart=dt.datetime.combine(first, dt.time()),
        until=dt.datetime.combine(last, dt.time()),
    )
    return [d.date() for d in rule]


def _book_series(
    actor,
    room,
    first,
    last,
    start_time,
    end_time,
    interval,
    *,
    title,
    organisation,
    renter_type,
    attendees,
    is_public,
    force_state=None,
    within_opening_hours=False,
) -> SeriesResult:
    if interval not in (1, 2):
        raise DomainError(_("Choose every week or every other week."), field="interval")
    if last < first:
        raise DomainError(_("The last date must be on or after the first."), field="last_date")
    if end_time <= start_time:
        raise DomainError(
            _("The end must be after the start."), code="end_before_start", field="end_time"
        )
    dates = series_dates(first, last, interval)
    if len(dates) > MAX_SERIES_DATES:
        raise DomainError(
            _("A series can have at most %(count)s dates.") % {"count": MAX_SERIES_DATES},
            field="last_date",
        )
    series = BookingSeries.objects.create(
        room=room,
        booked_by=actor,
        organisation=organisation,
        title=title,
        rrule=f"FREQ=WEEKLY;INTERVAL={interval};UNTIL={last:%Y%m%d}",
        first_date=first,
        last_date=last,
    )
    result = SeriesResult(series)
    for date in dates:
        start, end = schedule.local(date, start_time), schedule.local(date, end_time)
        try:
            with transaction.atomic():
                booking = _create_booking(
                    actor,
                    room,
                    start,
                    end,
                    title=title,
                    organisation=organisation,
                    renter_type=renter_type,
                    attendees=attendees,
                    is_public=is_public,
                    series=series,
                    force_state=force_state,
                    within_opening_hours=within_opening_hours,
                )
        except DomainError as exc:
            result.skipped.append(SeriesSkip(series=series, date=date, reason=str(exc.message)))
        else:
            result.bookings.append(booking)
    SeriesSkip.objects.bulk_create(result.skipped)
    return result


@transaction.atomic
def book_series(
    user,
    room,
    *,
    first_date,
    last_date,
    start_time,
    end_time,
    interval=1,
    title,
    organisation=None,
    renter_type=None,
    attendees=1,
    is_public=True,
) -> SeriesResult:
    """Book a weekly series; clashing or closed dates are listed as skipped with the reason."""
    can_book(user, room, organisation).enforce()
    renter_type = resolve_renter_type(user, organisation, renter_type)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the booking a title."), field="title")
    result = _book_series(
        user,
        room,
        first_date,
        last_date,
        start_time,
        end_time,
        interval,
        title=title,
        organisation=organisation,
        renter_type=renter_type,
        attendees=attendees,
        is_public=is_public,
    )
    if not result.bookings:
        # Raising rolls back the series row too: nothing half-saved.
        reasons = "; ".join(f"{s.date:%d.%m.%Y}: {s.reason}" for s in result.skipped[:5])
        raise DomainError(
            _("None of the dates in the series could be booked. %(reasons)s")
            % {"reasons": reasons},
            code="no_valid_dates",
        )
    notify(
        "booking.series_created",
        actor=user,
        target=result.series,
        recipients=[user.email],
        template="premises/email/series.txt",
        context={"result": result},
        data={"booked": len(result.bookings), "skipped": len(result.skipped)},
    )
    return result


@transaction.atomic
def transition(user, booking: Booking, name: str, reason: str = "") -> Booking:
    [booking] = lock(booking)
    can_transition(user, booking, name).enforce()
    step = TRANSITIONS[name]
    reason = (reason or "").strip()
    if step.reason_required and not reason:
        raise DomainError(
            _("Give a reason; it is sent to the renter."), code="reason_required", field="reason"
        )
    booking.state = step.target
    booking.state_reason = reason
    booking.sequence += 1
    booking.save(update_fields=["state", "state_reason", "sequence", "updated_at"])
    notify(
        step.event,
        actor=user,
        target=booking,
        reason=reason,
        recipients=_renter_emails(booking)
        + (manager_emails(booking.room) if name == "cancel" else []),
        template="premises/email/booking.txt",
        context={"booking": booking, "event": step.event, "reason": reason},
        data={"state": booking.state},
    )
    return booking


@dataclass
class SeriesCancelResult:
    series: BookingSeries
    cancelled: list = field(default_factory=list)  # Booking
    kept: list = field(default_factory=list)  # (Booking, reason) past their deadline


@transaction.atomic
def cancel_series(user, series: BookingSeries) -> SeriesCancelResult:
    """Cancel every coming active date of a series; dates past their deadline stay, with why."""
    can_cancel_series(user, series).enforce()
    now = timezone.now()
    candidates = list(series.bookings.active().filter(end__gt=now).order_by("start"))
    result = SeriesCancelResult(series=series)
    if not candidates:
        raise DomainError(
            _("The series has no coming bookings to cancel."), code="nothing_to_cancel"
        )
    # One lock over all dates keeps a manager's approval from slipping in between the checks.
    for booking in lock(*candidates):
        verdict = can_transition(user, booking, "cancel")
        if not verdict:
            result.kept.append((booking, verdict.reason))
            continue
        booking.state = BookingState.CANCELLED
        booking.state_reason = ""
        booking.sequence += 1
        booking._change_reason = "series cancelled"
        booking.save(update_fields=["state", "state_reason", "sequence", "updated_at"])
        result.cancelled.append(booking)
    if result.cancelled:
        # One message for the whole series rather than one per date.
        notify(
            "booking.series_cancelled",
            actor=user,
            target=series,
            recipients=[series.booked_by.email, *manager_emails(series.room)],
            template="premises/email/series_cancelled.txt",
            context={"series": series, "result": result},
            data={
                "cancelled": [b.pk for b in result.cancelled],
                "kept": [b.pk for b, _reason in result.kept],
            },
        )
    return result


def block_room(user, room, start, end, reason, *, cancel=None) -> BlockedPeriod:
    """Block a room (see `staff_actions.block_room_cancelling`: bookings in the way are
    named, and cancelled when their ids are in `cancel`; past and repeated blocks refused)."""
    return staff_actions.block_room_cancelling(user, room, start, end, reason, cancel=cancel).period


@transaction.atomic
def unblock_room(user, period: BlockedPeriod) -> None:
    can_manage_room(user, period.room).enforce()
    notify(
        "room.unblocked",
        actor=user,
        target=period.room,
        reason=period.reason,
        data={"start": period.start.isoformat(), "end": period.end.isoformat()},
    )
    period.delete()


@transaction.atomic
def add_room_photo(user, room, image, alt_text: str) -> RoomPhoto:
    """`image` is an upload already checked by RoomPhotoForm (sniffed type, size, decodable)."""
    can_manage_room(user, room).enforce()
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise DomainError(_("Describe what the photo shows."), field="alt_text")
    position = room.photos.count()
    photo = RoomPhoto(room=room, alt_text=alt_text, position=position)
    photo.image.save(image.name, image, save=False)
    photo.save()
    notify("room.photo_added", actor=user, target=room, data={"photo": photo.pk})
    return photo


# --- Seasonal allocation ----------------------------------------------------------------------


@transaction.atomic
def submit_wish(user, allocation_round, organisation, **fields) -> SlotWish:
    can_apply_for_slots(user, allocation_round, organisation).enforce()
    if not fields.get("room") and not fields.get("room_kind"):
        raise DomainError(_("Choose a room or a kind of room."), field="room")
    if fields.get("minutes", 0) <= 0:
        raise DomainError(_("Give the length in minutes."), field="minutes")
    if fields.get("room") and not _round_lets(allocation_round, fields["room"]):
        raise DomainError(_("This room is not part of the allocation round."), field="room")
    wish = SlotWish.objects.create(
        round=allocation_round, organisation=organisation, submitted_by=user, **fields
    )
    notify("allocation.wish_submitted", actor=user, target=wish)
    return wish


def _round_lets(allocation_round, room) -> bool:
    """A round with rooms ticked lets only those and their parts; one with none lets every
    room."""
    chosen = set(allocation_round.rooms.values_list("pk", flat=True))
    return not chosen or room.pk in chosen or room.parent_id in chosen


def _end_time(start_time: dt.time, minutes: int) -> dt.time:
    end = dt.datetime.combine(dt.date(2000, 1, 1), start_time) + dt.timedelta(minutes=minutes)
    if end.date() != dt.date(2000, 1, 1):
        raise DomainError(_("A slot must end before midnight."), field="minutes")
    return end.time()


@transaction.atomic
def allocate(user, wish: SlotWish, room=None, weekday=None, start_time=None) -> AllocatedSlot:
    """Give (or move) the wish's slot; the staff may change room, day or time."""
    allocation_round = wish.round
    [allocation_round] = lock(allocation_round)
    can_allocate(user, allocation_round).enforce()
    room = room or wish.room
    if room is None:
        raise DomainError(_("Choose a room for this wish."), field="room")
    if not _round_lets(allocation_round, room):
        raise DomainError(_("This room is not part of the allocation round."), field="room")
    weekday = wish.weekday if weekday is None else weekday
    start_time = start_time or wish.start_time
    end_time = _end_time(start_time, wish.minutes)
    family = schedule.family_ids(room)
    clash = (
        AllocatedSlot.objects.filter(
            round=allocation_round,
            room_id__in=family,
            weekday=weekday,
            start_time__lt=end_time,
            end_time__gt=start_time,
        )
        .exclude(wish=wish)
        .select_related("organisation")
        .first()
    )
    if clash is not None:
        raise Conflict(
            _("%(organisation)s already has this room at that time.")
            % {"organisation": clash.organisation.name},
            code="already_allocated",
        )
    slot, _created = AllocatedSlot.objects.update_or_create(
        wish=wish,
        defaults={
            "round": allocation_round,
            "organisation": wish.organisation,
            "room": room,
            "weekday": weekday,
            "start_time": start_time,
            "end_time": end_time,
        },
    )
    notify("allocation.allocated", actor=user, target=slot)
    return slot


@transaction.atomic
def unallocate(user, wish: SlotWish) -> None:
    can_allocate(user, wish.round).enforce()
    AllocatedSlot.objects.filter(wish=wish).delete()
    notify("allocation.unallocated", actor=user, target=wish)


@transaction.atomic
def publish_round(user, allocation_round: AllocationRound) -> dict:
    """Turn every allocated slot into a confirmed booking series and tell each organisation."""
    [allocation_round] = lock(allocation_round)
    can_allocate(user, allocation_round).enforce()
    slots = list(
        allocation_round.slots.select_related(
            "room__building", "room__parent", "organisation", "wish__submitted_by"
        )
    )
    results: dict[int, list] = {}
    for slot in slots:
        first = season.first_date(allocation_round, slot.weekday)
        if first > allocation_round.season_end:
            results.setdefault(slot.organisation_id, []).append((slot, None))
            continue
        booker = slot.wish.submitted_by if slot.wish else user
        result = _book_series(
            booker,
            slot.room,
            first,
            allocation_round.season_end,
            slot.start_time,
            slot.end_time,
            1,
            title=str(slot.organisation.name),
            organisation=slot.organisation,
            renter_type=RenterType.VOLUNTARY,
            attendees=None,
            is_public=True,
            force_state=BookingState.CONFIRMED,
            within_opening_hours=True,
        )
        slot.series = result.series
        slot.save(update_fields=["series"])
        results.setdefault(slot.organisation_id, []).append((slot, result))
    allocation_round.status = AllocationRound.Status.PUBLISHED
    allocation_round.published_at = timezone.now()
    allocation_round.save(update_fields=["status", "published_at"])
    wishes = allocation_round.wishes.select_related(
        "organisation", "submitted_by", "room", "allocation__room"
    )
    by_org: dict[int, list] = {}
    for wish in wishes:
        by_org.setdefault(wish.organisation_id, []).append(wish)
    for org_wishes in by_org.values():
        organisation = org_wishes[0].organisation
        notify(
            "allocation.published",
            actor=user,
            target=organisation,
            recipients=[organisation.email, *(w.submitted_by.email for w in org_wishes)],
            template="premises/email/allocation.txt",
            context={
                "round": allocation_round,
                "organisation": organisation,
                "granted": [w for w in org_wishes if hasattr(w, "allocation")],
                "refused": [w for w in org_wishes if not hasattr(w, "allocation")],
                "results": results.get(organisation.pk, []),
            },
        )
    notify(
        "allocation.round_published",
        actor=user,
        target=allocation_round,
        data={"slots": len(slots)},
    )
    return results


def describe_deadline(booking) -> str:
    deadline = booking.start - dt.timedelta(hours=booking.room.cancellation_hours)
    return date_format(timezone.localtime(deadline), "DATETIME_FORMAT")


# --- Background work -------------------------------------------------------------------------


def send_booking_reminders(now: dt.datetime | None = None) -> int:
    """Remind renters of tomorrow's confirmed single bookings, once each (run once a day)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    due = (
        Booking.objects.filter(
            state=BookingState.CONFIRMED,
            start__gte=schedule.local(tomorrow, dt.time()),
            start__lt=schedule.local(tomorrow + dt.timedelta(days=1), dt.time()),
            series__isnull=True,  # weekly slots would flood the renter's inbox
            reminded_at__isnull=True,
        )
        .select_related("room__building", "organisation", "booked_by")
        .order_by("start", "pk")
    )
    sent = 0
    for booking in due:
        # One transaction per booking: the claim and the enqueued email commit together, so a
        # failure leaves that booking for the next run and the others still go out.
        with transaction.atomic():
            if not claim(booking, "reminded_at", now):
                continue  # sent by an earlier run, or another worker is sending it
            notify(
                "booking.reminder",
                target=booking,
                recipients=[booking.booked_by.email],
                template="premises/email/reminder.txt",
                context={"booking": booking},
            )
        sent += 1
    return sent
