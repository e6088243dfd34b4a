"""The premises manager's writes on many bookings at once: deciding requests in one step,
blocking a room with the bookings in the way cancelled, and closing requests nobody decided
before their date (the scheduled job).

Each tells every renter once, with all of their bookings the step touched in one message."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.locking import lock
from dugnad.core.notify import notify
from dugnad.core.tasks import claim

from . import schedule
from .models import BlockedPeriod, Booking, BookingState
from .queries import renter_emails as _renter_emails
from .rules import can_manage_room, can_transition
from .workflow import TRANSITIONS

MAX_AT_ONCE = 200


@dataclass
class Decided:
    name: str
    done: list = field(default_factory=list)  # Booking
    refused: list = field(default_factory=list)  # (Booking, reason)


def _renter_key(booking):
    return (
        ("org", booking.organisation_id)
        if booking.organisation_id
        else ("user", booking.booked_by_id)
    )


def _tell_renters(
    bookings, *, event, actor, reason, template="premises/email/bookings_changed.txt"
):
    """One message per renter about all of their `bookings` (and one log entry per booking)."""
    by_renter = defaultdict(list)
    for booking in bookings:
        by_renter[_renter_key(booking)].append(booking)
    for group in by_renter.values():
        group.sort(key=lambda b: b.start)
        first = group[0]
        for booking in group[1:]:
            notify(event, actor=actor, target=booking, reason=reason, data={"state": booking.state})
        notify(
            event,
            actor=actor,
            target=first,
            reason=reason,
            recipients=_renter_emails(first),
            template=template,
            context={
                "bookings": group,
                "event": event,
                "reason": reason,
                "renter": first.organiser_name,
            },
            data={"state": first.state, "bookings": [b.pk for b in group]},
        )


@transaction.atomic
def decide_requests(user, bookings, name: str, reason: str = "") -> Decided:
    """Approve or deny many requests in one step (a selection, or a whole series): those the
    user may decide are changed, the others are returned with why; each renter gets one
    message listing their bookings."""
    if name not in ("approve", "deny"):
        raise DomainError(_("Choose approve or deny."), code="unknown_step")
    bookings = list(bookings)
    if not bookings:
        raise DomainError(_("Choose at least one request."), code="nothing_chosen")
    if len(bookings) > MAX_AT_ONCE:
        raise DomainError(
            _("Decide at most %(count)s requests at once.") % {"count": MAX_AT_ONCE},
            code="too_many",
        )
    step = TRANSITIONS[name]
    reason = (reason or "").strip()
    if step.reason_required and not reason:
        raise DomainError(
            _("Give a reason; it is sent to the renter."), code="reason_required", field="reason"
        )
    result = Decided(name=name)
    for booking in lock(*bookings):
        verdict = can_transition(user, booking, name)
        if not verdict:
            result.refused.append((booking, verdict.reason))
            continue
        if name == "approve":
            # A request approved here must still fit: nothing confirmed in its way since.
            family = schedule.family_ids(booking.room)
            obstacle = schedule.first_obstacle(family, booking.start, booking.end)
            clash = schedule.active_overlaps(family, booking.start, booking.end).exclude(
                pk=booking.pk
            )
            if (obstacle and obstacle[0] == schedule.BLOCKED) or clash.exists():
                result.refused.append((booking, _("Something else is booked or blocked then.")))
                continue
        booking.state = step.target
        booking.state_reason = reason
        booking.sequence += 1
        booking.save(update_fields=["state", "state_reason", "sequence", "updated_at"])
        result.done.append(booking)
    if result.done:
        _tell_renters(result.done, event=step.event, actor=user, reason=reason)
    return result


@dataclass
class BlockResult:
    period: BlockedPeriod
    cancelled: list = field(default_factory=list)  # Booking


def bookings_in_the_way(room, start, end):
    """Active bookings of the room, its whole and its parts between start and end."""
    return list(
        schedule.active_overlaps(schedule.family_ids(room), start, end)
        .select_related("room__building", "organisation", "booked_by")
        .order_by("start", "pk")
    )


@transaction.atomic
def block_room_cancelling(
    user, room, start, end, reason, *, cancel: list[int] | None = None, now=None
) -> BlockResult:
    """Block a room from start to end. Bookings in the way are named in the refusal; those
    whose ids are in `cancel` (the ones the manager saw and chose) are cancelled first, each
    renter told once with the block's reason. A block in the past, or the same block again,
    is refused."""
    can_manage_room(user, room).enforce()
    now = now or timezone.now()
    if start is None or end is None or end <= start:
        raise DomainError(
            _("The end must be after the start."), code="end_before_start", field="end"
        )
    if end <= now:
        raise DomainError(
            _("The period is over already; a block is for time ahead."), code="past", field="end"
        )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give a reason."), field="reason")
    family = schedule.lock_family(room)
    if BlockedPeriod.objects.filter(room=room, start__lte=start, end__gte=end).exists():
        raise Conflict(_("The room is already blocked for this whole period."), code="duplicate")
    in_the_way = list(
        schedule.active_overlaps(family, start, end)
        .select_related("room__building", "organisation", "booked_by")
        .order_by("start", "pk")
    )
    chosen = set(cancel or [])
    left = [b for b in in_the_way if b.pk not in chosen]
    if left:
        names = "; ".join(
            f"{b.title} ({b.organiser_name}, {timezone.localtime(b.start):%d.%m.%Y %H:%M})"
            for b in left[:10]
        )
        raise Conflict(
            _(
                "%(count)s active bookings fall in this period: %(names)s. "
                "Choose to cancel them, or pick another period."
            )
            % {"count": len(left), "names": names},
            code="has_bookings",
        )
    cancelled = []
    for booking in lock(*in_the_way) if in_the_way else []:
        booking.state = BookingState.CANCELLED
        booking.state_reason = reason
        booking.sequence += 1
        booking.save(update_fields=["state", "state_reason", "sequence", "updated_at"])
        cancelled.append(booking)
    period = BlockedPeriod.objects.create(
        room=room, start=start, end=end, reason=reason, created_by=user
    )
    if cancelled:
        _tell_renters(cancelled, event="booking.revoked", actor=user, reason=reason)
    notify(
        "room.blocked",
        actor=user,
        target=room,
        reason=reason,
        data={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "cancelled": [b.pk for b in cancelled],
        },
    )
    return BlockResult(period=period, cancelled=cancelled)


def expire_past_requests(now: dt.datetime | None = None) -> int:
    """Close every request whose time has come without a decision, and tell its renter once.

    Each booking is claimed (`expired_at`) in the transaction that changes its state and
    queues the message, so a second run, or a second worker, does nothing more."""
    now = now or timezone.now()
    due = (
        Booking.objects.filter(
            state=BookingState.REQUESTED, start__lte=now, expired_at__isnull=True
        )
        .select_related("room__building", "organisation", "booked_by")
        .order_by("start", "pk")
    )
    expired = 0
    for booking in due:
        with transaction.atomic():
            if not claim(booking, "expired_at", now):
                continue
            changed = Booking.objects.filter(pk=booking.pk, state=BookingState.REQUESTED).update(
                state=BookingState.EXPIRED, sequence=booking.sequence + 1, updated_at=now
            )
            if not changed:
                continue  # decided in the meantime
            booking.state = BookingState.EXPIRED
            notify(
                "booking.expired",
                target=booking,
                reason=_("The time came before the request was decided."),
                recipients=_renter_emails(booking),
                template="premises/email/bookings_changed.txt",
                context={
                    "bookings": [booking],
                    "event": "booking.expired",
                    "renter": booking.organiser_name,
                },
                data={"state": booking.state},
            )
        expired += 1
    return expired
