"""Premises' key figures for the action plan's report (core.figures, one query function each).

A booking counts in a period for the part of it that falls in the period: a booking from 22:00
on New Year's Eve to 02:00 gives two hours to each year.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure, local_bounds, months, overlap_seconds, per_month, share

from .models import Booking, BookingState, PriceModel, PriceRule, RenterType

# What the municipality promises: a booking request is answered within this many days.
ANSWER_PROMISE_DAYS = getattr(settings, "PREMISES_ANSWER_PROMISE_DAYS", 5)
# Free rent is valued at what these renters pay, in this order: the price list's ordinary price.
ORDINARY_RENTERS = (RenterType.OTHER_ORGANISATION, RenterType.PRIVATE, RenterType.COMPANY)


def _voluntary_bookings(municipality, start: dt.date, end: dt.date):
    lower, upper = local_bounds(start, end)
    return (
        Booking.objects.in_municipality(municipality)
        .filter(renter_type=RenterType.VOLUNTARY, state=BookingState.CONFIRMED)
        .overlapping(lower, upper)
    )


def voluntary_hours(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    bounds = [local_bounds(first, last) for first, last in months(start, end)]
    seconds: dict[str, float] = defaultdict(float)
    for booking_start, booking_end in _voluntary_bookings(municipality, start, end).values_list(
        "start", "end"
    ):
        for lower, upper in bounds:
            if part := overlap_seconds(booking_start, booking_end, lower, upper):
                seconds[f"{lower.year:04d}-{lower.month:02d}"] += part
    total = sum(seconds.values())
    return KeyFigure(
        key="premises.voluntary_hours",
        label=_("Hours booked by voluntary organisations"),
        definition=_(
            "Confirmed bookings of municipal premises by voluntary organisations in the "
            "directory, counted for the hours that fall in the period (a booking across "
            "midnight or the new year is split between the days and years it covers)."
        ),
        value=round(total / 3600, 1) if seconds else None,
        unit="hours",
        table_label=_("Hours per month"),
        table=per_month({k: round(v / 3600, 1) for k, v in seconds.items()}, start, end),
    )


def _ordinary_rule(rules: list[PriceRule], on: dt.date) -> PriceRule | None:
    """The ordinary price on `on`: the newest rule valid then, for the first ordinary renter."""
    for renter in ORDINARY_RENTERS:
        for rule in rules:  # ordered newest first
            if rule.renter_type == renter and rule.valid_from <= on:
                return rule
    return None


def free_rent_value(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    lower, upper = local_bounds(start, end)
    bookings = (
        _voluntary_bookings(municipality, start, end)
        .filter(price_ore=0)
        .select_related("room__building")
        .prefetch_related(
            Prefetch("room__price_rules", queryset=PriceRule.objects.order_by("-valid_from"))
        )
    )
    per_building: dict[str, int] = defaultdict(int)
    found = False
    for booking in bookings:
        found = True
        rule = _ordinary_rule(
            list(booking.room.price_rules.all()), timezone.localdate(booking.start)
        )
        if rule is None or rule.model == PriceModel.FREE:
            continue
        seconds = overlap_seconds(booking.start, booking.end, lower, upper)
        if rule.model == PriceModel.PER_HOUR:
            value = round(rule.amount_ore * seconds / 3600)
        else:  # per booking: counted in the period where the booking starts
            value = rule.amount_ore if lower <= booking.start < upper else 0
        per_building[booking.room.building.name] += value
    return KeyFigure(
        key="premises.free_rent_value",
        label=_("Value of free rent"),
        definition=_(
            "What the free bookings of voluntary organisations would have cost at the price "
            "list's ordinary price (what other organisations pay, or else private persons), "
            "for the hours in the period."
        ),
        value=sum(per_building.values()) if found else None,
        unit="ore",
        table_label=_("Per building"),
        table=tuple(sorted(per_building.items())),
    )


def requests_answered_in_time(municipality, start: dt.date, end: dt.date) -> KeyFigure:
    """Of the requests sent in the period that needed a manager's answer, the share answered
    within the promise; a request still waiting past the promise counts as late, one still
    within it or withdrawn by the renter is left out."""
    lower, upper = local_bounds(start, end)
    history = (
        Booking.history.filter(
            room__building__municipality=municipality,
            id__in=Booking.history.filter(
                history_type="+",
                state=BookingState.REQUESTED,
                history_date__gte=lower,
                history_date__lt=upper,
            ).values("id"),
        )
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_type", "state", "history_date")
    )
    promise = dt.timedelta(days=ANSWER_PROMISE_DAYS)
    sent: dict[int, dt.datetime] = {}
    outcome: dict[int, tuple[str, dt.datetime]] = {}
    for pk, kind, state, when in history:
        if kind == "+":
            sent[pk] = when
        elif pk in sent and pk not in outcome and state != BookingState.REQUESTED:
            outcome[pk] = (state, when)
    now = timezone.now()
    in_time = counted = 0
    for pk, sent_at in sent.items():
        state, when = outcome.get(pk, (None, None))
        if state == BookingState.CANCELLED:
            continue
        if state is None:
            if now - sent_at <= promise:
                continue
            counted += 1
            continue
        counted += 1
        in_time += when - sent_at <= promise
    return KeyFigure(
        key="premises.answered_in_time",
        label=_("Booking requests answered in time"),
        definition=_(
            "Share of the booking requests sent in the period that a premises manager "
            "approved or denied within %(days)s days. Requests still waiting past that count "
            "as late; requests withdrawn before an answer are left out."
        )
        % {"days": ANSWER_PROMISE_DAYS},
        value=share(in_time, counted),
        unit="percent",
        table_label=_("Requests"),
        table=((_("Answered in time"), in_time), (_("Late or unanswered"), counted - in_time))
        if counted
        else (),
    )


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    return [
        voluntary_hours(municipality, start, end),
        free_rent_value(municipality, start, end),
        requests_answered_in_time(municipality, start, end),
    ]
