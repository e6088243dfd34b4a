"""The premises managers' set-up pages: a building, its opening hours, a room with two parts
and a price list typed in kroner; each change in the history; only the building's managers."""

import datetime as dt

import pytest
from django.urls import reverse

from dugnad.core.submit import FIELD, new_token
from dugnad.premises.models import Building, OpeningHours, PriceRule, Room

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, {**data, FIELD: new_token()})


def _building(client, unit):
    response = _post(
        client,
        reverse("premises:setup_building_create"),
        {"name": "Rustad skole", "kind": "school", "unit": unit.pk, "address": "Rustadveien 1"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Building.objects.get(name="Rustad skole")


def test_manager_sets_up_a_building_a_room_with_two_parts_and_prices(
    client, premises_manager, unit
):
    client.force_login(premises_manager)
    building = _building(client, unit)
    url = reverse("premises:setup_building", args=[building.pk])
    hours = {"part": "hours"}
    for day in range(5):
        hours |= {f"opens_{day}": "08:00", f"closes_{day}": "22:00"}
    assert _post(client, url, hours).status_code == 302
    assert OpeningHours.objects.filter(building=building).count() == 5
    room_data = {
        "name": "Gymsal", "kind": "gym", "capacity": "120", "cancellation_hours": "24",
        "min_minutes": "30", "max_minutes": "480", "max_days_ahead": "365", "is_active": "on",
    }  # fmt: skip
    create = reverse("premises:setup_room_create", args=[building.pk])
    assert _post(client, create, room_data).status_code == 302
    whole = Room.objects.get(name="Gymsal")
    for n in (1, 2):
        data = {**room_data, "name": f"Gymsal del {n}", "capacity": "40", "parent": whole.pk}
        assert _post(client, create, data).status_code == 302
    assert (
        whole.parts.count() == 2
        if hasattr(whole, "parts")
        else Room.objects.filter(parent=whole).count() == 2
    )
    prices = {
        "part": "prices",
        "valid_from": dt.date.today().isoformat(),
        "model_voluntary": "free",
        "model_private": "per_hour",
        "amount_private": "150,50",
    }
    room_url = reverse("premises:setup_room", args=[whole.pk])
    assert _post(client, room_url, prices).status_code == 302
    rule = PriceRule.objects.get(room=whole, renter_type="private")
    assert rule.amount_ore == 15050 and rule.model == "per_hour"
    assert not PriceRule.objects.filter(room=whole, renter_type="company").exists()
    page = client.get(room_url).content.decode()
    assert "150,50" in page  # shown in kroner
    history = client.get(url).context["history"]
    assert len(history) >= 2 and not any("premises." in entry["what"] for entry in history)


def test_amount_errors_keep_what_was_typed(client, premises_manager, unit, room):
    client.force_login(premises_manager)
    url = reverse("premises:setup_room", args=[room.pk])
    response = _post(
        client,
        url,
        {
            "part": "prices",
            "valid_from": "2026-09-01",
            "model_private": "per_hour",
            "amount_private": "abc",
        },
    )
    assert response.status_code == 400
    assert 'value="abc"' in response.content.decode()


def test_a_part_must_be_of_a_room_in_the_same_building(
    client, premises_manager, unit, room, building
):
    other = Building.objects.create(
        municipality=building.municipality,
        unit=unit,
        name="Annet",
        slug="annet",
        kind="school",
        address="x",
    )
    foreign = Room.objects.create(building=other, name="Sal", kind="gym", capacity=10)
    client.force_login(premises_manager)
    response = _post(
        client,
        reverse("premises:setup_room", args=[room.pk]),
        {"part": "room", "name": room.name, "kind": room.kind, "capacity": 30, "parent": foreign.pk,
         "cancellation_hours": 24, "min_minutes": 30, "max_minutes": 480, "max_days_ahead": 365},
    )  # fmt: skip
    assert response.status_code == 400
    room.refresh_from_db()
    assert room.parent_id is None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("citizen", False), ("leader", False), ("case_handler", False), ("premises_manager", True)],
)
def test_permission_matrix_for_setup_writes(request, client, unit, room, role, allowed):
    client.force_login(request.getfixturevalue(role))
    status = client.get(reverse("premises:setup")).status_code
    assert status == (200 if allowed else 403)
    response = _post(
        client,
        reverse("premises:setup_building", args=[room.building_id]),
        {"part": "hours", "opens_6": "10:00", "closes_6": "14:00"},
    )
    assert response.status_code == (302 if allowed else 403)
    assert (
        OpeningHours.objects.filter(building=room.building, weekday=6, opens=dt.time(10)).exists()
        is allowed
    )
    response = _post(
        client,
        reverse("premises:setup_room", args=[room.pk]),
        {
            "part": "prices",
            "valid_from": "2026-10-01",
            "model_company": "per_booking",
            "amount_company": "500",
        },
    )
    assert response.status_code == (302 if allowed else 403)
    assert (
        PriceRule.objects.filter(room=room, renter_type="company", amount_ore=50000).exists()
        is allowed
    )
    response = _post(
        client,
        reverse("premises:setup_building_create"),
        {"name": "Nytt bygg", "kind": "school", "unit": unit.pk, "address": "x"},
    )
    assert Building.objects.filter(name="Nytt bygg").exists() is allowed
