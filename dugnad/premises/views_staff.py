"""The premises manager's pages: the booking queue with its decisions in one step, and blocking
a room with the bookings in the way."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dugnad.core import params
from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error
from dugnad.core.privacy import note_people_shown
from dugnad.core.submit import mark_submitted

from . import actions, booking_queue, queries, schedule, season, staff_actions
from .forms import BlockForm, ReasonForm
from .models import Weekday
from .rules import can_allocate, can_manage_premises


def _back_to_queue(request) -> str:
    """The queue page the decision was made on, with its filters and page, at the list."""
    base = reverse("premises:requests")
    back = request.POST.get("next", "")
    if not back.startswith(base) or "//" in back or "\\" in back:
        back = base
    return back.split("#", 1)[0] + "#queue"


@login_required
def requests(request):
    can_manage_premises(request.user).enforce()
    filters = booking_queue.QueueFilters.from_query(request.GET)
    page = booking_queue.queue_page(
        request.user, request.municipality, filters, request.GET.get("page")
    )
    note_people_shown(request, (b.booked_by for b in page.object_list if not b.organisation_id))
    return render(
        request,
        "premises/requests.html",
        {
            "page_obj": page,
            "bookings": page.object_list,
            "filters": filters,
            "choices": booking_queue.filter_choices(request.user, request.municipality),
            "deciding": filters.state == "requested",
            "form": ReasonForm(),
        },
    )


@login_required
@require_POST
def decide_requests(request):
    can_manage_premises(request.user).enforce()
    decision, series = request.POST.get("decision", ""), None
    if whole := request.POST.get("whole_series", ""):
        # "<series id>:approve" from a row's "the whole series" buttons.
        series_id, _sep, decision = whole.partition(":")
        series = params.int_or_default(series_id, minimum=1, maximum=params.MAX_DB_INT, default=0)
    # A row's series button decides that series alone, whatever else is ticked.
    ids = (
        []
        if series is not None
        else [
            value
            for value in (
                params.int_or_default(v, minimum=1, maximum=params.MAX_DB_INT, default=0)
                for v in request.POST.getlist("booking")[: staff_actions.MAX_AT_ONCE + 1]
            )
            if value
        ]
    )
    chosen = queries.requests_to_decide(request.user, request.municipality, ids=ids, series=series)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        result = staff_actions.decide_requests(request.user, chosen, decision, reason)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(_back_to_queue(request))
    if result.done:
        text = (
            ngettext(
                "%(count)s request approved.", "%(count)s requests approved.", len(result.done)
            )
            if decision == "approve"
            else ngettext(
                "%(count)s request denied.", "%(count)s requests denied.", len(result.done)
            )
        )
        messages.success(
            request,
            text % {"count": len(result.done)}
            + " "
            + _("Each renter gets one message with their bookings."),
        )
    for booking, why in result.refused[:10]:
        messages.warning(request, f"{booking_queue.describe(booking)}: {why}")
    return redirect(_back_to_queue(request))


@login_required
def block(request):
    can_manage_premises(request.user).enforce()
    form = BlockForm(
        request.POST or None, rooms=queries.managed_rooms(request.user, request.municipality)
    )
    in_the_way = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        in_the_way = staff_actions.bookings_in_the_way(data["room"], data["start"], data["end"])
        cancel = (
            [b.pk for b in in_the_way if str(b.pk) in request.POST.getlist("cancel")]
            if request.POST.get("confirm_cancel") == "1"
            else []
        )
        try:
            result = staff_actions.block_room_cancelling(
                request.user,
                data["room"],
                data["start"],
                data["end"],
                data["reason"],
                cancel=cancel,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            text = _("The time is blocked.")
            if result.cancelled:
                text += " " + ngettext(
                    "%(count)s booking is cancelled; its renter is told.",
                    "%(count)s bookings are cancelled; each renter is told once.",
                    len(result.cancelled),
                ) % {"count": len(result.cancelled)}
            messages.success(request, text)
            return redirect("premises:manage")
    note_people_shown(request, (b.booked_by for b in in_the_way if not b.organisation_id))
    return render(request, "premises/block.html", {"form": form, "in_the_way": in_the_way})


# --- Season allocation ------------------------------------------------------------------------


def _grid_place(query, state, rooms):
    """The building and weekday the grid shows: from the address (or the form that allocated),
    else the first building with wishes and Monday."""
    buildings = {}
    for room in rooms:
        buildings.setdefault(room.building_id, room.building)
    for wish in state["wishes"]:
        if wish.room_id:
            buildings.setdefault(wish.room.building_id, wish.room.building)
    building = params.int_or_default(
        query.get("bygg"), minimum=1, maximum=params.MAX_DB_INT, default=0
    )
    if building not in buildings:
        with_wishes = [w.room.building_id for w in state["wishes"] if w.room_id]
        building = with_wishes[0] if with_wishes else next(iter(buildings), None)
    day = params.int_or_default(query.get("dag"), minimum=0, maximum=6, default=-1)
    if day not in Weekday.values:
        day = Weekday.values[0]
    return sorted(buildings.values(), key=lambda b: b.name), building, day


def _form_values(wishes) -> None:
    """What each wish's allocate form shows: its slot if allocated, else what was wished."""
    for wish in wishes:
        place = wish.allocated or wish
        wish.form_room = place.room_id
        wish.form_weekday = place.weekday
        wish.form_start = place.start_time.strftime("%H:%M")


def _allocation_state(request, allocation_round, place=None):
    rooms = list(
        queries.in_round(
            allocation_round,
            queries.managed_rooms(request.user, request.municipality, active_only=True),
        )
    )
    state = season.round_state(allocation_round, rooms)
    _form_values(state["wishes"])
    buildings, building, day = _grid_place(place or request.GET, state, rooms)
    return {
        "round": allocation_round,
        **state,
        "grid": season.grid(state, building, day) if building else None,
        "buildings": buildings,
        "building": building,
        "day": day,
        "rooms": rooms,
        "weekdays": Weekday.choices,
    }


@login_required
def allocation(request, pk):
    can_manage_premises(request.user).enforce()
    allocation_round = get_object_or_404(queries.allocation_rounds(request.municipality), pk=pk)
    return render(request, "premises/allocation.html", _allocation_state(request, allocation_round))


def _back_to_allocation(request, round_id, wish_id=None) -> str:
    query = {}
    for key in ("bygg", "dag"):
        value = params.int_or_default(
            request.POST.get(key), minimum=0, maximum=params.MAX_DB_INT, default=-1
        )
        if value >= 0:
            query[key] = value
    url = reverse("premises:allocation", args=[round_id])
    if query:
        url += "?" + urlencode(query)
    return url + (f"#wish-{wish_id}" if wish_id else "")


def _allocation_answer(request, wish, back, *, error="", saved="", typed=None, before=None):
    """The answer to an allocation: without JavaScript a message and the page again at the
    wish; with htmx only what changed: the wish's card (keeping what was typed when refused),
    the cards of the wishes on the same room, its whole or its parts (their conflicts follow
    the slot), the counts and the grid, and the result read out in the status region."""
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, f"{wish.organisation.name}: {error}")
        else:
            messages.success(request, saved)
        return redirect(back)
    if not error:
        mark_submitted(request, back)
    context = _allocation_state(request, wish.round, place=request.POST)
    changed = next(w for w in context["wishes"] if w.pk == wish.pk)
    changed.error, changed.saved = error, bool(saved)
    if error and typed:
        changed.form_room, changed.form_weekday, changed.form_start = typed
    touched = set(before or ())
    if changed.allocated:
        touched |= set(schedule.family_ids(changed.allocated.room))
    context.update(
        changed=changed,
        affected=[w for w in context["wishes"] if w.pk != wish.pk and w.room_id in touched],
        status_text=f"{wish.organisation.name}: {error}" if error else saved,
    )
    return render(request, "premises/_allocation_update.html", context)


@login_required
@require_POST
def allocate_wish(request, pk):
    # The answer shows the round's wishes: for premises managers only, before anything else.
    can_manage_premises(request.user).enforce()
    wish = get_object_or_404(queries.wishes_with_related(request.municipality), pk=pk)
    back = _back_to_allocation(request, wish.round_id, wish.pk)
    room = queries.room_choice(request.POST.get("room"), request.municipality)
    typed = (
        room.pk if room else None,
        params.int_or_default(request.POST.get("weekday"), minimum=0, maximum=6, default=None),
        (request.POST.get("start_time") or "")[:5],
    )
    previous = queries.allocated_slot_of(wish)
    before = set(schedule.family_ids(previous.room)) if previous else set()
    try:
        weekday = params.parse_int(
            request.POST.get("weekday"),
            minimum=min(Weekday.values),
            maximum=max(Weekday.values),
            name="weekday",
        )
        start_time = params.parse_time(request.POST.get("start_time"), name="start_time")
    except params.BadParameter as exc:
        error = f"{_('Choose a valid weekday and time.')} {exc.message}"
        return _allocation_answer(request, wish, back, error=error, typed=typed, before=before)
    weekday = wish.weekday if weekday is None else weekday
    start_time = start_time or wish.start_time
    try:
        if request.POST.get("remove"):
            actions.unallocate(request.user, wish)
            saved = _("The slot of %(name)s is removed.") % {"name": wish.organisation.name}
        else:
            actions.allocate(request.user, wish, room=room, weekday=weekday, start_time=start_time)
            saved = _("Saved for %(name)s.") % {"name": wish.organisation.name}
    except DomainError as exc:
        return _allocation_answer(
            request, wish, back, error=str(exc.message), typed=typed, before=before
        )
    return _allocation_answer(request, wish, back, saved=saved, before=before)


@login_required
def allocation_publish(request, pk):
    """GET: the preview of what publishing books and skips, per club, and the confirmation;
    POST (confirmed): publish, then the report."""
    allocation_round = get_object_or_404(queries.allocation_rounds(request.municipality), pk=pk)
    can_allocate(request.user, allocation_round).enforce()
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            error = _("Tick the box to confirm that you want to publish.")
        else:
            try:
                actions.publish_round(request.user, allocation_round)
            except DomainError as exc:
                error = str(exc.message)
            else:
                messages.success(
                    request, _("The allocation is published and the organisations are told.")
                )
                return redirect("premises:allocation_report", pk=pk)
    return render(
        request,
        "premises/allocation_preview.html",
        {"round": allocation_round, "clubs": season.preview(allocation_round), "error": error},
        status=400 if error else 200,
    )


@login_required
def allocation_report(request, pk):
    can_manage_premises(request.user).enforce()
    allocation_round = get_object_or_404(queries.allocation_rounds(request.municipality), pk=pk)
    return render(
        request,
        "premises/allocation_report.html",
        {"round": allocation_round, "clubs": season.report(allocation_round)},
    )
