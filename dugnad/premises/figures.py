"""Key figures of the premises for a period (core.figures): hours booked, and the value of the
free rent given, at what the price list asks otherwise."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from dugnad.core.figures import KeyFigure

from . import schedule
from .models import Booking, BookingState, PriceRule, RenterType

# The ordinary price a free booking is valued at: what a private person would pay, or, for a
# room not let to private persons, a company.
ORDINARY_RENTERS = (RenterType.PRIVATE, RenterType.COMPANY)


def _confirmed(municipality, start: dt.date, end: dt.date):
    return Booking.objects.in_municipality(municipality).filter(
        state=BookingState.CONFIRMED,
        start__gte=schedule.local(start, dt.time()),
        start__lt=schedule.local(end, dt.time()),
    )


def free_rent(municipality, start: dt.date, end: dt.date) -> dict:
    """Hours booked, hours given free and their value at the ordinary price (øre), per renter
    type, in [start, end). Two queries whatever the number of bookings."""
    bookings = list(
        _confirmed(municipality, start, end).only(
            "room_id", "start", "end", "renter_type", "price_ore"
        )
    )
    rules = defaultdict(list)
    for rule in PriceRule.objects.filter(
        room_id__in={b.room_id for b in bookings}, renter_type__in=ORDINARY_RENTERS
    ):
        rules[rule.room_id].append(rule)
    hours = free_hours = 0.0
    value = 0
    by_type: dict[str, int] = defaultdict(int)
    for booking in bookings:
        length = schedule.duration(booking.start, booking.end).total_seconds() / 3600
        hours += length
        if booking.price_ore:
            continue
        free_hours += length
        room_rules = rules[booking.room_id]
        for renter in ORDINARY_RENTERS:
            # With the rules given, the price needs no room row (so no query per booking).
            price = room_rules and schedule.price_for(
                None, renter, booking.start, booking.end, room_rules
            )
            if price:
                value += price.total_ore
                by_type[booking.renter_type] += price.total_ore
                break
    return {
        "hours": round(hours, 1),
        "free_hours": round(free_hours, 1),
        "free_value_ore": value,
        "by_type": dict(by_type),
    }


def key_figures(municipality, start: dt.date, end: dt.date) -> list[KeyFigure]:
    figures = free_rent(municipality, start, end)
    labels = dict(RenterType.choices)
    return [
        KeyFigure(
            key="premises.hours_booked",
            label=_("Hours booked"),
            definition=_("Confirmed bookings of the municipality's rooms, in hours."),
            value=figures["hours"] if figures["hours"] else None,
            unit="hours",
        ),
        KeyFigure(
            key="premises.free_rent_value",
            label=_("Value of free rent"),
            definition=_(
                "What the free bookings would have cost at the price list's ordinary price "
                "(a private person's, or a company's where the room is not let to private persons)."
            ),
            value=figures["free_value_ore"] if figures["free_hours"] else None,
            unit="ore",
            table_label=_("By renter"),
            table=tuple((str(labels.get(k, k)), v) for k, v in sorted(figures["by_type"].items())),
        ),
    ]
