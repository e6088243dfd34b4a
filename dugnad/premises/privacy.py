"""Premises' part of a person's data (protocol: core.privacy)."""

from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dugnad.core import params
from dugnad.core.privacy import Kept, Shown, Subject, forget_in_activity_log, people_shown

from . import queries
from .forms import InvoiceForm
from .models import ACTIVE_STATES, Booking, BookingSeries, BookingState, SlotWish

PERSONAL_DATA_LABEL = _("Room bookings")
LABELS = {
    "bookings": _("Bookings"),
    "title": _("Title"),
    "room": _("Room"),
    "building": _("Building"),
    "organisation": _("Organisation"),
    "renter": _("Renter"),
    "start": _("Start"),
    "end": _("End"),
    "expected_people": _("Expected number of people"),
    "state": _("Status"),
    "reason": _("Reason"),
    "price_nok": _("Price (NOK)"),
    "booked_at": _("Booked"),
    "series": _("Booking series"),
    "first_date": _("First date"),
    "last_date": _("Last date"),
    "season_wishes": _("Wishes for season slots"),
    "round": _("Round"),
    "weekday": _("Weekday"),
    "start_time": _("Start time"),
    "minutes": _("Minutes"),
}
ERASED = "–"


def export(user) -> dict:
    bookings = Booking.objects.filter(booked_by=user).select_related(
        "room__building", "organisation"
    )
    return {
        "bookings": [
            {
                "title": b.title,
                "room": b.room.name,
                "building": b.room.building.name,
                "organisation": b.organisation.name if b.organisation_id else None,
                "renter": str(b.get_renter_type_display()),
                "start": b.start,
                "end": b.end,
                "expected_people": b.attendees,
                "state": str(b.get_state_display()),
                "reason": b.state_reason,
                "price_nok": b.price_ore / 100,
                "booked_at": b.created_at,
            }
            for b in bookings.order_by("start")
        ],
        "series": [
            {
                "title": s.title,
                "room": s.room.name,
                "first_date": s.first_date,
                "last_date": s.last_date,
            }
            for s in BookingSeries.objects.filter(booked_by=user).select_related("room")
        ],
        "season_wishes": [
            {
                "organisation": w.organisation.name,
                "round": w.round.name,
                "weekday": str(w.get_weekday_display()),
                "start_time": w.start_time,
                "minutes": w.minutes,
            }
            for w in SlotWish.objects.filter(submitted_by=user).select_related(
                "organisation", "round"
            )
        ],
    }


def erase(user) -> list[Kept]:
    kept = []
    private = Booking.objects.filter(booked_by=user, organisation__isnull=True)
    # A private booking still to come is cancelled: nobody will be there to use it.
    private.filter(state__in=ACTIVE_STATES, start__gt=timezone.now()).update(
        state=BookingState.CANCELLED, state_reason=str(_("The person deleted their account."))
    )
    if private.exists():
        ids = list(private.values_list("pk", flat=True))
        forget_in_activity_log(targets=list(private))
        private.update(title=ERASED)
        # The change history holds copies of the title too.
        Booking.history.model.objects.filter(id__in=ids).update(title=ERASED)
        BookingSeries.objects.filter(booked_by=user, organisation__isnull=True).update(title=ERASED)
        kept.append(
            Kept(
                _("Your private room bookings: room, time and price, without your name"),
                _(
                    "The accounting act requires the basis for invoices to be kept for five "
                    "years; the room's use is also part of the municipality's statistics."
                ),
            )
        )
    if Booking.objects.filter(booked_by=user, organisation__isnull=False).exists():
        kept.append(
            Kept(
                _("Bookings you made for an organisation"),
                _("They belong to the organisation; your name is removed from them."),
            )
        )
    return kept


# --- Access log ----------------------------------------------------------------------------


def booking_shown(request, pk, **kwargs) -> Shown | None:
    """A booking's page shows who booked it (the booker's own look is not logged)."""
    booking = Booking.objects.select_related("booked_by").filter(pk=pk).first()
    if booking is None:
        return None
    what = _g("Booking %(id)s: %(title)s") % {"id": booking.pk, "title": booking.title}
    return Shown(what=what, subjects=[Subject(user=booking.booked_by)])


def invoice_shown(request, **kwargs) -> Shown | None:
    """The invoice basis names private renters and their bookings."""
    form = InvoiceForm(request.GET or None)
    if not (form.is_bound and form.is_valid()):
        return None
    first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    renters = (
        queries.invoice_bookings(request.user, request.municipality, first, last)
        .filter(organisation__isnull=True)
        .select_related(None)
        .select_related("booked_by")
    )
    people = {booking.booked_by for booking in renters}
    what = _g("Invoice basis %(first)s–%(last)s") % {
        "first": first.strftime("%d.%m.%Y"),
        "last": last.strftime("%d.%m.%Y"),
    }
    return Shown(what=what, subjects=[Subject(user=person) for person in people])


def manage_shown(request, **kwargs) -> Shown:
    """The managers' page names the private renters of waiting requests and of the week.

    The view notes them as it builds the page (`note_people_shown`): running the page's queries
    again here would double their cost on every visit.
    """
    # The view already refused a bad week with a 400; a logged response had a good one.
    week = params.parse_week(request.GET.get("uke"), name="uke") or timezone.localdate()
    monday = queries.monday_of(week)
    people = people_shown(request)
    what = _g("Booking requests and the week from %(monday)s") % {
        "monday": monday.strftime("%d.%m.%Y")
    }
    return Shown(what=what, subjects=[Subject(user=person) for person in people])


def queue_shown(request, **kwargs) -> Shown:
    """The booking queue and the block form's bookings in the way name private renters; the
    views note them as they build the page."""
    return Shown(
        what=_g("Booking queue"),
        subjects=[Subject(user=person) for person in people_shown(request)],
    )
