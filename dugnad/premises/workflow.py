"""The booking workflow as data: every state change, who may take it and whether it needs a
reason. Views, API and emails read this table; nothing else decides which steps exist."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import BookingState

MANAGER = "manager"  # a premises manager of the building's unit
RENTER = "renter"  # the person who booked, or a representative of the organisation


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str
    reason_required: bool
    label: str | Promise
    event: str


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("approve", (BookingState.REQUESTED,), BookingState.CONFIRMED, MANAGER, False,
                   _("Approve"), "booking.confirmed"),
        Transition("deny", (BookingState.REQUESTED,), BookingState.DENIED, MANAGER, True,
                   _("Deny"), "booking.denied"),
        Transition("cancel", (BookingState.REQUESTED, BookingState.CONFIRMED),
                   BookingState.CANCELLED, RENTER, False, _("Cancel booking"), "booking.cancelled"),
        Transition("revoke", (BookingState.REQUESTED, BookingState.CONFIRMED),
                   BookingState.CANCELLED, MANAGER, True, _("Cancel as manager"),
                   "booking.revoked"),
    )
}  # fmt: skip


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
