import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dugnad.core import feed_tokens, params
from dugnad.core import ical as core_ical
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.paging import page_of
from dugnad.core.privacy import note_people_shown
from dugnad.core.uploads import serve_file

from . import actions, export, ical, queries
from .forms import (
    BookingForm,
    InvoiceForm,
    ReasonForm,
    RoomPhotoForm,
    RoomSearchForm,
    WishForm,
)
from .models import ACTIVE_STATES, BookingState, Room
from .rules import (
    can_cancel_series,
    can_follow_feed,
    can_manage_premises,
    can_manage_room,
    can_seek_slots,
    can_transition,
    can_view_booking,
    can_view_series,
    manages_room,
    may_follow_feed,
)
from .workflow import transitions_from


def index(request):
    form = RoomSearchForm(request.GET or None, municipality=request.municipality)
    rooms = queries.search_rooms(request.municipality)
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.period()
        data = form.cleaned_data
        rooms = queries.search_rooms(
            request.municipality,
            q=data["q"],
            building=data["building"],
            area=data["area"],
            kind=data["kind"],
            capacity=data["capacity"],
            facilities=data["facilities"],
            start=start,
            end=end,
        )
    page = page_of(rooms, request.GET.get("page"))
    open_rounds = queries.open_allocation_rounds(request.municipality)
    return render(
        request,
        "premises/index.html",
        {
            "form": form,
            "page_obj": page,
            "rooms": page.object_list,
            "start": start,
            "end": end,
            "is_manager": bool(can_manage_premises(request.user)),
            "open_rounds": open_rounds,
        },
    )


def _parse_week(value):
    # A week or date (2026-W48, 2026-11-30); one that is not, or lies outside the years the
    # platform handles, is a 400 page with the reason (core.params and ParameterMiddleware).
    return params.parse_week(value, name="uke") or timezone.localdate()


def room(request, pk):
    try:
        room = queries.room_detail(pk, request.municipality)
    except Room.DoesNotExist as exc:
        raise Http404 from exc
    monday = queries.monday_of(_parse_week(request.GET.get("uke")))
    today = timezone.localdate()
    prices = queries.current_prices(room, today)
    return render(
        request,
        "premises/room.html",
        {
            "room": room,
            "days": queries.week_view(room, monday),
            "monday": monday,
            "previous_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "prices": prices,
            "is_manager": manages_room(request.user, room),
            "feed_links": feed_tokens.links(request, ical.ROOM_FEED, [room.pk])[room.pk]
            if manages_room(request.user, room)
            else None,
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "Place",
                "name": str(room),
                "address": room.building.address,
                "maximumAttendeeCapacity": room.capacity,
            },
        },
    )


@login_required
def book(request, pk):
    room = get_object_or_404(queries.rooms_for_booking(request.municipality), pk=pk)
    organisations = queries.user_organisations(request.user)
    form = BookingForm(request.POST or None, user=request.user, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "title": data["title"],
            "organisation": form.organisation,
            "renter_type": data["renter_type"],
            "attendees": data["attendees"],
            "is_public": data["is_public"],
        }
        try:
            if data["repeat"] == BookingForm.SINGLE:
                start, end = form.times()
                booking = actions.book_room(request.user, room, start, end, **common)
            else:
                result = actions.book_series(
                    request.user,
                    room,
                    first_date=data["date"],
                    last_date=data["last_date"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    interval=1 if data["repeat"] == BookingForm.WEEKLY else 2,
                    **common,
                )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if data["repeat"] == BookingForm.SINGLE:
                if booking.state == "confirmed":
                    messages.success(request, _("The booking is confirmed."))
                else:
                    messages.info(request, _("The request is sent to the premises manager."))
                return redirect(booking)
            messages.success(request, _("The series is saved. See which dates were booked."))
            return redirect("premises:series", pk=result.series.pk)
    prices = queries.current_prices(room, timezone.localdate())
    return render(request, "premises/book.html", {"room": room, "form": form, "prices": prices})


@login_required
def booking(request, pk):
    booking = get_object_or_404(queries.bookings_in(request.municipality), pk=pk)
    can_view_booking(request.user, booking).enforce()
    steps = [
        {"transition": t, "verdict": can_transition(request.user, booking, t.name)}
        for t in transitions_from(booking.state)
    ]
    return render(
        request,
        "premises/booking.html",
        {
            "booking": booking,
            "steps": [s for s in steps if s["verdict"]],
            "refused": [
                s
                for s in steps
                if not s["verdict"]
                and s["transition"].actor == "renter"
                and booking.booked_by_id == request.user.pk
            ],
            "form": ReasonForm(),
            "can_manage": manages_room(request.user, booking.room),
            "deadline": actions.describe_deadline(booking),
            "history": queries.booking_history(booking),
        },
    )


@login_required
@require_POST
def booking_transition(request, pk, name):
    booking = get_object_or_404(queries.bookings_in(request.municipality), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        booking = actions.transition(request.user, booking, name, reason)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("The booking is now: %(state)s.") % {"state": booking.get_state_display().lower()},
        )
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/lokaler/")
        else booking.get_absolute_url()
    )


@login_required
def booking_ics(request, pk):
    booking = get_object_or_404(queries.bookings_in(request.municipality), pk=pk)
    if not can_view_booking(request.user, booking):
        raise Http404
    body = ical.calendar([booking], booking.title)
    return core_ical.response(body, f"booking-{booking.pk}.ics", download=True)


def _visible_series(request, pk):
    series = get_object_or_404(queries.series_with_related(request.municipality), pk=pk)
    can_view_series(request.user, series).enforce()
    return series


def _render_series(request, series, **extra):
    bookings = queries.series_bookings(series)
    now = timezone.now()
    return render(
        request,
        "premises/series.html",
        {
            "series": series,
            "bookings": bookings,
            "skips": queries.series_skips(series),
            "can_cancel": can_cancel_series(request.user, series)
            and any(b.state in ACTIVE_STATES and b.end > now for b in bookings),
            **extra,
        },
    )


@login_required
def series(request, pk):
    return _render_series(request, _visible_series(request, pk))


@login_required
@require_POST
def series_cancel(request, pk):
    series = _visible_series(request, pk)
    can_cancel_series(request.user, series).enforce()
    try:
        result = actions.cancel_series(request.user, series)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("premises:series", pk=pk)
    # Rendered, not redirected: the dates that could not be cancelled are listed with their reason.
    return _render_series(request, series, cancel_result=result)


@login_required
def my_bookings(request):
    when = request.GET.get("when", "upcoming")
    when = when if when in queries.MY_BOOKING_WHEN else "upcoming"
    state = request.GET.get("state", "")
    state = state if state in BookingState.values else ""
    page = page_of(
        queries.my_bookings_filtered(request.user, when=when, state=state), request.GET.get("page")
    )
    organisations = queries.user_organisations(request.user)
    links = feed_tokens.links(request, ical.ORGANISATION_FEED, [o.pk for o in organisations])
    feeds = [(o, links[o.pk]) for o in organisations]
    return render(
        request,
        "premises/my_bookings.html",
        {
            "page_obj": page,
            "bookings": page.object_list,
            "feeds": feeds,
            "when": when,
            "state": state,
            "states": BookingState.choices,
        },
    )


def _feed_target(feed: str, pk: int, municipality):
    """The municipality's room or organisation a feed shows, or 404."""
    try:
        return queries.feed_target(feed, pk, municipality)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_POST
def feed_link_create(request, kind, pk):
    """A new private feed address for the user, shown once on the page the request came from."""
    feed = ical.FEEDS.get(kind)
    if feed is None:
        raise Http404
    target = _feed_target(feed, pk, request.municipality)
    can_follow_feed(request.user, feed, target).enforce()
    token, raw = feed_tokens.issue(request.user, feed, pk)
    url = request.build_absolute_uri(reverse("premises:feed", args=[kind, pk, raw]))
    feed_tokens.remember_new_link(request, token, url)
    if feed == ical.ROOM_FEED:
        return redirect("premises:room", pk=pk)
    return redirect("premises:my_bookings")


def feed(request, kind, pk, token):
    feed = ical.FEEDS.get(kind)
    found = feed_tokens.find(token, feed, pk) if feed else None
    if found is None:
        raise Http404
    target = _feed_target(feed, pk, request.municipality)
    # The key opens the feed only while its owner may still see it (a manager who left, say).
    if not may_follow_feed(found.owner, feed, target):
        raise Http404
    name, bookings = queries.feed_bookings(
        "room" if feed == ical.ROOM_FEED else "organisation",
        target,
        since=timezone.now() - dt.timedelta(days=60),
    )
    return core_ical.response(ical.calendar(bookings, name), "kalender.ics")


@login_required
def manage(request):
    can_manage_premises(request.user).enforce()
    monday = queries.monday_of(_parse_week(request.GET.get("uke")))
    requests = page_of(
        queries.waiting_requests(request.user, request.municipality), request.GET.get("page")
    )
    calendar = queries.week_calendar(request.user, request.municipality, monday)
    note_people_shown(
        request,
        (
            booking.booked_by
            for booking in (*requests.object_list, *calendar)
            if not booking.organisation_id
        ),
    )
    return render(
        request,
        "premises/manage.html",
        {
            "requests": requests.object_list,
            "page_obj": requests,
            "calendar": calendar,
            "monday": monday,
            "previous_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "form": ReasonForm(),
            "rounds": queries.recent_allocation_rounds(request.municipality),
            "blocked": queries.managed_blocked_periods(request.user, request.municipality)[:200],
        },
    )


@login_required
@require_POST
def unblock(request, pk):
    period = get_object_or_404(queries.blocked_periods(request.municipality), pk=pk)
    actions.unblock_room(request.user, period)
    messages.success(request, _("The blocked period is removed."))
    return redirect("premises:manage")


def room_photo_file(request, pk, photo_pk):
    """A room's photo, shown where the room is: rooms are public, so their photos are too."""
    try:
        room = queries.room_detail(pk, request.municipality)
    except Room.DoesNotExist as exc:
        raise Http404 from exc
    photo = get_object_or_404(queries.room_photos(room), pk=photo_pk)
    return serve_file(photo.image, cache="public")


@login_required
def room_photo(request, pk):
    room = get_object_or_404(queries.rooms_with_building(request.municipality), pk=pk)
    can_manage_room(request.user, room).enforce()
    form = RoomPhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_room_photo(
                request.user, room, form.cleaned_data["image"], form.cleaned_data["alt_text"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The photo is added."))
            return redirect(room)
    return render(
        request,
        "premises/room_photo.html",
        {"room": room, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def invoice(request):
    can_manage_premises(request.user).enforce()
    form = InvoiceForm(request.GET or None)
    groups = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        groups = queries.invoice_rows(
            request.user, request.municipality, data["first"], data["last"]
        )
        name = f"fakturagrunnlag-{data['first']:%Y%m%d}-{data['last']:%Y%m%d}"
        if data["format"] == "csv":
            return export.as_csv(groups, name)
        if data["format"] == "xlsx":
            return export.as_xlsx(groups, name)
    return render(request, "premises/invoice.html", {"form": form, "groups": groups})


@login_required
def apply_for_slot(request, pk):
    allocation_round = get_object_or_404(queries.allocation_rounds(request.municipality), pk=pk)
    organisations = queries.user_organisations(request.user)
    can_seek_slots(request.user, organisations).enforce()
    rooms = queries.in_round(allocation_round, queries.active_rooms(request.municipality))
    form = WishForm(request.POST or None, organisations=organisations, rooms=rooms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.submit_wish(
                request.user,
                allocation_round,
                form.organisations[data["organisation"]],
                room=data["room"],
                room_kind=data["room_kind"],
                weekday=data["weekday"],
                start_time=data["start_time"],
                minutes=data["minutes"],
                priority=data["priority"],
                participants=data["participants"],
                age_group=data["age_group"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your wish is received. You will hear from us by email."))
            return redirect("premises:apply", pk=pk)
    wishes = queries.organisation_wishes(allocation_round, organisations)
    return render(
        request, "premises/apply.html", {"round": allocation_round, "form": form, "wishes": wishes}
    )
