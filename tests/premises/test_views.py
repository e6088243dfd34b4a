import datetime as dt

import pytest
from django.urls import reverse

from dugnad.core import feed_tokens
from dugnad.premises import actions
from dugnad.premises.models import Booking, BookingState, Room

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


def _more_rooms(building, n):
    for i in range(n):
        room = Room.objects.create(
            building=building, name=f"Rom {i}", kind="meeting_room", capacity=10
        )
        room.facilities.set(Room.objects.get(name="Klasserom 1").facilities.all())


@pytest.mark.parametrize("extra", [0, 15])
def test_index_query_count_does_not_grow(client, room, gym, extra, django_assert_max_num_queries):
    _more_rooms(room.building, extra)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("premises:index"))
    assert response.status_code == 200
    assert "Klasserom 1" in response.content.decode()


def test_index_search_for_free_time(client, citizen, room, gym):
    day = next_weekday(2)
    actions.book_room(citizen, room, *slot(day), title="Opptatt")
    response = client.get(
        reverse("premises:index"),
        {"date": day.isoformat(), "time_from": "18:30", "time_to": "19:00"},
    )
    content = response.content.decode()
    assert "Gymsal" in content and "Klasserom 1" not in content


def test_index_bad_input_is_not_an_error(client, room):
    response = client.get(
        reverse("premises:index"), {"date": "nope", "capacity": "-3", "time_from": "25:00"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("bookings", [1, 12])
def test_room_page_query_count(client, citizen, room, bookings, django_assert_max_num_queries):
    for i in range(bookings):
        day = next_weekday(0, weeks=1) + dt.timedelta(days=i % 7)
        actions.book_room(
            citizen, room, *slot(day, f"{8 + i // 7:02d}:00", f"{8 + i // 7:02d}:45"), title=f"B{i}"
        )
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("premises:room", args=[room.pk]), {"uke": next_weekday(0, weeks=1).isoformat()}
        )
    assert response.status_code == 200
    assert "150\xa0kr" in response.content.decode()  # the price is shown before booking


def test_room_page_shows_public_organiser_only(client, leader, citizen, organisation, room):
    actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Hemmelig", organisation=organisation
    )
    actions.book_room(citizen, room, *slot(next_weekday(3)), title="Bursdag")
    content = client.get(
        reverse("premises:room", args=[room.pk]), {"uke": next_weekday(2).isoformat()}
    ).content.decode()
    assert organisation.name in content
    assert "Bursdag" not in content and "Hemmelig" not in content


def test_book_form_single_and_errors(client, leader, organisation, room):
    client.force_login(leader)
    url = reverse("premises:book", args=[room.pk])
    day = next_weekday(2)
    data = {
        "on_behalf": str(organisation.pk),
        "renter_type": "private",
        "title": "Trening",
        "date": day.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "attendees": "12",
        "is_public": "on",
        "repeat": "single",
    }
    response = client.post(url, data)
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == booking.get_absolute_url()
    assert booking.organisation == organisation
    # The same slot again: the form keeps the values and says why.
    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Trening"' in content and "ds-error-summary" in content
    response = client.post(url, {**data, "end_time": "17:00"})
    assert response.status_code == 200 and Booking.objects.count() == 1


def test_book_form_series_shows_skipped_dates(client, citizen, room):
    client.force_login(citizen)
    response = client.post(
        reverse("premises:book", args=[room.pk]),
        {
            "on_behalf": "",
            "renter_type": "private",
            "title": "Kor",
            "date": "2026-12-18",
            "start_time": "18:00",
            "end_time": "19:00",
            "attendees": "5",
            "repeat": "weekly",
            "last_date": "2027-01-08",
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "25." in page and "1." in page


def test_booking_page_and_transitions(client, leader, organisation, room, premises_manager):
    room.confirm_automatically = False
    room.save()
    booking = actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Møte", organisation=organisation
    )
    client.force_login(premises_manager)
    page = client.get(booking.get_absolute_url()).content.decode()
    assert reverse("premises:transition", args=[booking.pk, "approve"]) in page
    manage = client.get(reverse("premises:manage")).content.decode()
    assert "Møte" in manage
    client.post(reverse("premises:transition", args=[booking.pk, "deny"]), {"reason": ""})
    booking.refresh_from_db()
    assert booking.state == BookingState.REQUESTED  # no reason: nothing changed
    client.post(reverse("premises:transition", args=[booking.pk, "approve"]))
    booking.refresh_from_db()
    assert booking.state == BookingState.CONFIRMED


def test_booking_page_is_private(client, citizen, leader, room):
    booking = actions.book_room(leader, room, *slot(next_weekday(2)), title="Møte")
    client.force_login(citizen)
    assert client.get(booking.get_absolute_url()).status_code == 403
    assert client.get(reverse("premises:booking_ics", args=[booking.pk])).status_code == 404


def test_ical_and_private_feeds(client, leader, premises_manager, organisation, room):
    booking = actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Møte", organisation=organisation
    )
    client.force_login(leader)
    ics = client.get(reverse("premises:booking_ics", args=[booking.pk])).content.decode()
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Møte" in ics
    client.logout()
    _token, raw = feed_tokens.issue(leader, "premises.organisation", organisation.pk)
    good = reverse("premises:feed", args=["organisasjon", organisation.pk, raw])
    assert "Møte" in client.get(good).content.decode()
    wrong = reverse("premises:feed", args=["organisasjon", organisation.pk, "wrong"])
    assert client.get(wrong).status_code == 404
    _token, raw = feed_tokens.issue(premises_manager, "premises.room", room.pk)
    room_feed = reverse("premises:feed", args=["rom", room.pk, raw])
    assert "BEGIN:VCALENDAR" in client.get(room_feed).content.decode()


def test_manager_pages_are_for_managers(client, citizen):
    client.force_login(citizen)
    for name in ("premises:manage", "premises:block", "premises:invoice"):
        assert client.get(reverse(name)).status_code == 403


def test_block_form(client, premises_manager, room):
    client.force_login(premises_manager)
    start, end = slot(next_weekday(2), "08:00", "16:00")
    response = client.post(
        reverse("premises:block"),
        {
            "room": room.pk,
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": end.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Skolens bruk",
        },
    )
    assert response.status_code == 302
    assert room.blocked_periods.count() == 1


def test_invoice_basis_csv_and_xlsx(client, premises_manager, citizen, leader, organisation, room):
    actions.book_room(citizen, room, *slot(next_weekday(2), "18:00", "20:00"), title="=cmd()")
    actions.book_room(
        leader, room, *slot(next_weekday(3)), title="Trening", organisation=organisation
    )
    client.force_login(premises_manager)
    params = {"first": next_weekday(2).isoformat(), "last": next_weekday(3).isoformat()}
    csv = client.get(reverse("premises:invoice"), {**params, "format": "csv"}).content.decode()
    assert "300.0" in csv and organisation.name in csv
    assert "'=cmd()" in csv  # no formula injection
    xlsx = client.get(reverse("premises:invoice"), {**params, "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    html = client.get(reverse("premises:invoice"), {**params, "format": "html"}).content.decode()
    assert "300\xa0kr" in html
    bad = client.get(reverse("premises:invoice"), {"first": "2026-10-10", "last": "2026-10-01"})
    assert bad.status_code == 200 and "ds-error-summary" in bad.content.decode()
