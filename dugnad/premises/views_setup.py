"""The premises managers' set-up pages: buildings, opening hours, rooms with parts and price
lists, each with its history. (The Django admin stays for site administrators.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dugnad.core.errors import DomainError
from dugnad.core.forms import add_domain_error

from . import queries, setup
from .models import AllocationRound, Room
from .rules import can_manage_premises, can_set_up_building, can_set_up_round
from .setup_forms import AllocationRoundForm, BuildingForm, OpeningHoursForm, PriceForm, RoomForm


@login_required
def buildings(request):
    can_manage_premises(request.user).enforce()
    return render(
        request,
        "premises/setup/buildings.html",
        {"buildings": queries.managed_buildings(request.user, request.municipality)},
    )


def _building_form(request, instance=None):
    return BuildingForm(
        request.POST or None,
        instance=instance,
        units=queries.managed_units(request.user, request.municipality),
        areas=queries.areas_of(request.municipality),
    )


@login_required
def building_create(request):
    can_set_up_building(request.user).enforce()
    form = _building_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            building = setup.save_building(request.user, form, request.municipality)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The building is saved. Now give its opening hours."))
            return redirect("premises:setup_building", pk=building.pk)
    return render(request, "premises/setup/building_form.html", {"form": form, "building": None})


@login_required
def building(request, pk):
    building = get_object_or_404(queries.buildings_in(request.municipality), pk=pk)
    can_set_up_building(request.user, building).enforce()
    part = request.POST.get("part")
    form = BuildingForm(
        request.POST if part == "building" else None,
        instance=building,
        units=queries.managed_units(request.user, request.municipality),
        areas=queries.areas_of(request.municipality),
    )
    hours = OpeningHoursForm(
        request.POST if part == "hours" else None, current=queries.opening_hours_of(building)
    )
    if part == "building" and form.is_valid():
        try:
            setup.save_building(request.user, form, request.municipality)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The building is saved."))
            return redirect("premises:setup_building", pk=pk)
    if part == "hours" and hours.is_valid():
        setup.save_opening_hours(request.user, building, hours.week())
        messages.success(request, _("The opening hours are saved."))
        return redirect("premises:setup_building", pk=pk)
    return render(
        request,
        "premises/setup/building.html",
        {
            "building": building,
            "form": form,
            "hours": hours,
            "rooms": queries.rooms_of_building(building),
            "history": queries.setup_history(building),
        },
        status=400 if request.method == "POST" else 200,
    )


def _room_form(data, building, instance=None):
    # The model's own check (a part in its whole's building) needs the building before saving.
    instance = instance or Room(building=building)
    return RoomForm(data, instance=instance, wholes=queries.wholes_of(building, instance))


@login_required
def room_create(request, pk):
    building = get_object_or_404(queries.buildings_in(request.municipality), pk=pk)
    can_set_up_building(request.user, building).enforce()
    form = _room_form(request.POST or None, building)
    if request.method == "POST" and form.is_valid():
        try:
            room = setup.save_room(request.user, form, building)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The room is saved. Now give its prices."))
            return redirect("premises:setup_room", pk=room.pk)
    return render(
        request, "premises/setup/room_form.html", {"form": form, "building": building, "room": None}
    )


@login_required
def room(request, pk):
    room = get_object_or_404(queries.rooms_with_building(request.municipality), pk=pk)
    building = room.building
    can_set_up_building(request.user, building).enforce()
    today = timezone.localdate()
    current = queries.current_price_rules(room, today)
    part = request.POST.get("part")
    form = _room_form(request.POST if part == "room" else None, building, room)
    prices = PriceForm(
        request.POST if part == "prices" else None,
        current=current,
        initial={"valid_from": today},
    )
    if part == "room" and form.is_valid():
        try:
            setup.save_room(request.user, form, building)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The room is saved."))
            return redirect("premises:setup_room", pk=pk)
    if part == "prices" and prices.is_valid():
        try:
            setup.save_prices(
                request.user, room, prices.cleaned_data["valid_from"], prices.prices()
            )
        except DomainError as exc:
            add_domain_error(prices, exc)
        else:
            messages.success(request, _("The price list is saved."))
            return redirect("premises:setup_room", pk=pk)
    return render(
        request,
        "premises/setup/room.html",
        {
            "room": room,
            "building": building,
            "form": form,
            "prices": prices,
            "current": current,
            "parts": queries.parts_of(room),
            "history": queries.setup_history(room),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- Allocation rounds ------------------------------------------------------------------------


def _round_form(request, instance=None):
    return AllocationRoundForm(
        request.POST or None,
        instance=instance or AllocationRound(municipality=request.municipality),
        rooms=queries.managed_rooms(request.user, request.municipality, active_only=True),
        rounds=queries.allocation_rounds(request.municipality),
    )


@login_required
def round_create(request):
    can_set_up_round(request.user).enforce()
    form = _round_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            allocation_round = setup.save_round(request.user, form, request.municipality)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The allocation round is saved."))
            return redirect("premises:setup_round", pk=allocation_round.pk)
    return render(
        request,
        "premises/setup/round_form.html",
        {"form": form, "round": None, "history": []},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def round_edit(request, pk):
    allocation_round = get_object_or_404(queries.allocation_rounds(request.municipality), pk=pk)
    can_manage_premises(request.user).enforce()
    editable = can_set_up_round(request.user, allocation_round)
    form = _round_form(request, allocation_round)
    if request.method == "POST":
        editable.enforce()
        if form.is_valid():
            try:
                setup.save_round(request.user, form, request.municipality)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("The allocation round is saved."))
                return redirect("premises:setup_round", pk=pk)
    return render(
        request,
        "premises/setup/round_form.html",
        {
            "form": form,
            "round": allocation_round,
            "editable": editable,
            "history": queries.setup_history(allocation_round),
        },
        status=400 if request.method == "POST" else 200,
    )
