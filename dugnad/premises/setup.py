"""The premises managers' set-up, in the site's own pages: buildings and their opening hours,
rooms with their parts, and price lists. Every change is logged (`notify`) with what changed,
which is the history each set-up page shows."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dugnad.core.errors import Conflict, DomainError
from dugnad.core.notify import notify

from .models import AllocationRound, Building, OpeningHours, PriceRule, Room, Weekday
from .rules import can_set_up_building, can_set_up_round


def _changes(form) -> list[str]:
    return [str(form.fields[name].label) for name in form.changed_data if name in form.fields]


def _unique_slug(name: str, pk=None) -> str:
    base = slugify(name)[:140] or "bygg"
    slug, n = base, 2
    while Building.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_building(user, form, municipality) -> Building:
    """Create or change a building from a valid BuildingForm; the unit must be one the user
    manages premises in."""
    building = form.instance
    can_set_up_building(user, building if building.pk else None).enforce()
    can_set_up_building(
        user, Building(municipality=municipality, unit=form.cleaned_data["unit"])
    ).enforce()
    created = building.pk is None
    building = form.save(commit=False)
    building.municipality = municipality
    if created or "name" in form.changed_data:
        building.slug = _unique_slug(building.name, building.pk)
    building.save()
    notify(
        "premises.building.created" if created else "premises.building.changed",
        actor=user,
        target=building,
        data={"fields": _changes(form)},
    )
    return building


@transaction.atomic
def save_opening_hours(user, building, week: dict) -> None:
    """Set the week's opening hours: {weekday: (opens, closes) or None for closed}."""
    can_set_up_building(user, building).enforce()
    before = {h.weekday: (h.opens, h.closes) for h in building.opening_hours.all()}
    for weekday, hours in week.items():
        if hours is None:
            OpeningHours.objects.filter(building=building, weekday=weekday).delete()
        else:
            OpeningHours.objects.update_or_create(
                building=building, weekday=weekday, defaults={"opens": hours[0], "closes": hours[1]}
            )
    changed = [str(Weekday(day).label) for day, hours in week.items() if before.get(day) != hours]
    if changed:
        notify(
            "premises.opening_hours.changed",
            actor=user,
            target=building,
            data={"weekdays": changed},
        )


@transaction.atomic
def save_room(user, form, building) -> Room:
    """Create or change a room of `building` from a valid RoomForm (a part names its whole)."""
    can_set_up_building(user, building).enforce()
    created = form.instance.pk is None
    room = form.save(commit=False)
    room.building = building
    parent = form.cleaned_data.get("parent")
    if parent is not None:
        if parent.building_id != building.pk:
            raise DomainError(
                _("A part must be in the same building as the room it is part of."), field="parent"
            )
        if parent.pk == room.pk or (room.pk and parent.parent_id == room.pk):
            raise DomainError(
                _("A room cannot be part of itself or of its own part."), field="parent"
            )
    room.save()
    form.save_m2m()
    notify(
        "premises.room.created" if created else "premises.room.changed",
        actor=user,
        target=room,
        data={"fields": _changes(form)},
    )
    return room


@transaction.atomic
def save_prices(user, room, valid_from, prices: dict) -> list[PriceRule]:
    """Set the room's price list from `valid_from`: {renter type: (price model, amount in øre)
    or None for not let to them (their rules are removed; bookings keep their prices)}."""
    can_set_up_building(user, room.building).enforce()
    if not any(prices.values()):
        raise DomainError(_("Let the room to at least one kind of renter."), field="valid_from")
    saved = []
    try:
        with transaction.atomic():
            for renter, price in prices.items():
                if price is None:
                    PriceRule.objects.filter(room=room, renter_type=renter).delete()
                    continue
                model, amount = price
                rule, _created = PriceRule.objects.update_or_create(
                    room=room,
                    renter_type=renter,
                    valid_from=valid_from,
                    defaults={"model": model, "amount_ore": amount if model != "free" else 0},
                )
                saved.append(rule)
    except IntegrityError as exc:
        raise Conflict(_("The price list could not be saved; try again."), code="price") from exc
    notify(
        "premises.prices.changed",
        actor=user,
        target=room,
        data={
            "valid_from": valid_from.isoformat(),
            "prices": {r.renter_type: [r.model, r.amount_ore] for r in saved},
        },
    )
    return saved


@transaction.atomic
def save_round(user, form, municipality) -> AllocationRound:
    """Create or change an allocation round from a valid AllocationRoundForm. A round being
    changed is locked first, so that a change cannot cross its publishing."""
    allocation_round = form.instance
    created = allocation_round.pk is None
    # The form has put its values on the instance; the rule judges the round as stored.
    stored = (
        None if created else AllocationRound.objects.select_for_update().get(pk=allocation_round.pk)
    )
    can_set_up_round(user, stored).enforce()
    if form.cleaned_data["status"] == AllocationRound.Status.PUBLISHED:
        raise DomainError(_("Publish the round from its preview page."), field="status")
    allocation_round = form.save(commit=False)
    allocation_round.municipality = municipality
    allocation_round.save()
    form.save_m2m()
    notify(
        "premises.round.created" if created else "premises.round.changed",
        actor=user,
        target=allocation_round,
        data={"fields": _changes(form)},
    )
    return allocation_round
