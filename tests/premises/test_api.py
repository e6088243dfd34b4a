import datetime as dt

import pytest

from dugnad.premises import actions
from dugnad.premises.models import Booking

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


def test_list_rooms_with_filters(client, room, gym):
    response = client.get("/api/v1/premises/rooms", {"kind": "gym", "capacity": 100})
    assert response.status_code == 200
    assert [r["name"] for r in response.json()["items"]] == ["Gymsal"]
    response = client.get("/api/v1/premises/rooms", {"facility": "projektor"})
    assert [r["id"] for r in response.json()["items"]] == [room.pk]


def test_list_rooms_free_at_time_excludes_whole_when_part_booked(client, citizen, gym):
    start, end = slot(next_weekday(2))
    actions.book_room(citizen, gym.part_list[0], start, end, title="X")
    response = client.get(
        "/api/v1/premises/rooms",
        {"kind": "gym", "start": start.isoformat(), "end": end.isoformat()},
    )
    names = {r["name"] for r in response.json()["items"]}
    assert names == {"Gymsal del 2", "Gymsal del 3"}


def test_availability(client, citizen, room, django_assert_max_num_queries):
    day = next_weekday(2)
    actions.book_room(citizen, room, *slot(day, "18:00", "20:00"), title="Privat")
    start, end = slot(day, "00:00", "23:59")
    with django_assert_max_num_queries(6):
        response = client.get(
            f"/api/v1/premises/rooms/{room.pk}/availability",
            {"start": start.isoformat(), "end": end.isoformat()},
        )
    body = response.json()
    assert response.status_code == 200
    assert len(body["busy"]) == 1 and body["busy"][0]["label"] == ""  # private: no name
    assert len(body["free"]) == 2


def test_availability_of_a_whole_names_the_booked_part(
    client, leader, organisation, gym, django_assert_max_num_queries
):
    day = next_weekday(3)
    part = gym.part_list[1]
    actions.book_room(
        leader, part, *slot(day, "17:00", "18:00"), title="Trening", organisation=organisation
    )
    start, end = slot(day, "00:00", "23:59")
    with django_assert_max_num_queries(5):
        body = client.get(
            f"/api/v1/premises/rooms/{gym.pk}/availability",
            {"start": start.isoformat(), "end": end.isoformat()},
        ).json()
    assert [b["label"] for b in body["busy"]] == [f"{organisation.name} ({part.name})"]
    sibling = client.get(
        f"/api/v1/premises/rooms/{gym.part_list[0].pk}/availability",
        {"start": start.isoformat(), "end": end.isoformat()},
    ).json()
    assert sibling["busy"] == []  # a part does not clash with the part beside it


def test_availability_bad_input(client, room):
    url = f"/api/v1/premises/rooms/{room.pk}/availability"
    assert (
        client.get(url, {"start": "2026-10-02T10:00", "end": "2026-10-01T10:00"}).status_code == 400
    )
    assert (
        client.get(url, {"start": "2026-10-01T10:00", "end": "2027-10-01T10:00"}).status_code == 400
    )
    assert client.get(url, {"start": "nonsense", "end": "x"}).status_code == 422
    assert (
        client.get(
            "/api/v1/premises/rooms/999999/availability",
            {"start": "2026-10-01T10:00", "end": "2026-10-02T10:00"},
        ).status_code
        == 404
    )


def _payload(room, day, start="18:00", end="20:00", **extra):
    s, e = slot(day, start, end)
    return {
        "room_id": room.pk,
        "start": s.isoformat(),
        "end": e.isoformat(),
        "title": "Trening",
        **extra,
    }


def test_create_booking(client, leader, organisation, room, api_token):
    response = client.post(
        "/api/v1/bookings",
        _payload(room, next_weekday(2), organisation_id=organisation.pk),
        content_type="application/json",
        **api_token(leader),
    )
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "confirmed"
    assert response.json()["price_ore"] == 0


def test_create_booking_conflict_and_errors(client, leader, citizen, organisation, room, api_token):
    day = next_weekday(2)
    headers = api_token(leader)
    client.post("/api/v1/bookings", _payload(room, day), content_type="application/json", **headers)
    taken = client.post(
        "/api/v1/bookings",
        _payload(room, day, "19:00", "21:00"),
        content_type="application/json",
        **headers,
    )
    assert taken.status_code == 409
    assert taken.json()["code"] == "already_booked"
    backwards = client.post(
        "/api/v1/bookings",
        _payload(room, day, "21:00", "20:00"),
        content_type="application/json",
        **headers,
    )
    assert (backwards.status_code, backwards.json()["code"]) == (400, "end_before_start")
    closed = client.post(
        "/api/v1/bookings",
        _payload(room, dt.date(2026, 12, 25)),
        content_type="application/json",
        **headers,
    )
    assert (closed.status_code, closed.json()["code"]) == (400, "closed")
    no_rights = client.post(
        "/api/v1/bookings",
        _payload(room, next_weekday(3), organisation_id=organisation.pk),
        content_type="application/json",
        **api_token(citizen),
    )
    assert no_rights.status_code == 403
    assert (
        client.post(
            "/api/v1/bookings", _payload(room, day), content_type="application/json"
        ).status_code
        == 401
    )
    assert (
        client.post(
            "/api/v1/bookings", {"room_id": "x"}, content_type="application/json", **headers
        ).status_code
        == 422
    )


def test_my_bookings_and_cancel(client, leader, citizen, room, api_token):
    mine = actions.book_room(leader, room, *slot(next_weekday(2)), title="Mitt")
    actions.book_room(citizen, room, *slot(next_weekday(3)), title="Ikke mitt")
    headers = api_token(leader)
    response = client.get("/api/v1/bookings", **headers)
    assert [b["title"] for b in response.json()["items"]] == ["Mitt"]
    response = client.post(
        f"/api/v1/bookings/{mine.pk}/cancel",
        {"reason": "Syk"},
        content_type="application/json",
        **headers,
    )
    assert response.json()["state"] == "cancelled"
    other = Booking.objects.get(title="Ikke mitt")
    response = client.post(
        f"/api/v1/bookings/{other.pk}/cancel", {}, content_type="application/json", **headers
    )
    assert response.status_code == 403


def test_booking_list_documents_no_parameter_it_would_ignore(client, municipality):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/bookings"]["get"]
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    assert names == {"limit", "offset"}
