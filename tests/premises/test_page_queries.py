"""Query counts of the premises pages that had none: measured with a little data, then held to
the same number with more, so a page that starts to query per row fails here."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core import feed_tokens
from dugnad.organisations.models import OrganisationRole
from dugnad.premises import actions
from dugnad.premises.models import AllocationRound, Room
from tests.factories import OrganisationFactory, OrganisationRoleFactory

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db

CEILING = 25  # loose first cap; the real check is that more data costs no more queries


def _book_many(user, room, n, first=None, **kwargs):
    """n one-hour bookings, four a day from `first` (default: Monday next week)."""
    first = first or next_weekday(0, weeks=1)
    bookings = []
    for i in range(n):
        day, hour = first + dt.timedelta(days=i // 4), 8 + 3 * (i % 4)
        times = slot(day, f"{hour:02d}:00", f"{hour + 1:02d}:00")
        bookings.append(actions.book_room(user, room, *times, title=f"Øving {i}", **kwargs))
    return bookings


def _assert_flat(client, django_assert_max_num_queries, url, grow, params=None, status=200):
    with django_assert_max_num_queries(CEILING) as few:
        response = client.get(url, params or {})
    assert response.status_code == status
    grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, params or {})
    assert response.status_code == status
    return response


def test_book_form(client, citizen, room, django_assert_max_num_queries):
    client.force_login(citizen)

    def grow():
        for _ in range(5):
            OrganisationRoleFactory(
                user=citizen,
                organisation=OrganisationFactory(municipality=room.building.municipality),
                role=OrganisationRole.Role.LEADER,
            )

    response = _assert_flat(
        client, django_assert_max_num_queries, reverse("premises:book", args=[room.pk]), grow
    )
    assert "150\xa0kr" in response.content.decode()  # prices come from the prefetched rules


def test_book_form_for_inactive_room_is_404(client, citizen, room):
    Room.objects.filter(pk=room.pk).update(is_active=False)
    client.force_login(citizen)
    assert client.get(reverse("premises:book", args=[room.pk])).status_code == 404


def test_booking_page_with_long_history(
    client, leader, organisation, room, premises_manager, django_assert_max_num_queries
):
    room.confirm_automatically = False
    room.save()
    booking = actions.book_room(
        leader, room, *slot(next_weekday(2)), title="Møte", organisation=organisation
    )
    client.force_login(leader)

    def grow():
        for n in range(12):
            booking.title = f"Møte {n}"
            booking.save()

    response = _assert_flat(client, django_assert_max_num_queries, booking.get_absolute_url(), grow)
    assert "Møte" in response.content.decode()


def test_my_bookings(client, leader, organisation, room, django_assert_max_num_queries):
    _book_many(leader, room, 1, organisation=organisation)
    client.force_login(leader)
    _assert_flat(
        client,
        django_assert_max_num_queries,
        reverse("premises:my_bookings"),
        lambda: _book_many(leader, room, 12, next_weekday(0, weeks=2), organisation=organisation),
    )


@pytest.mark.parametrize("kind", ["rom", "organisasjon"])
def test_feeds(
    client, leader, premises_manager, organisation, room, kind, django_assert_max_num_queries
):
    _book_many(leader, room, 1, organisation=organisation)
    pk = room.pk if kind == "rom" else organisation.pk
    owner = premises_manager if kind == "rom" else leader
    _token, token = feed_tokens.issue(
        owner, f"premises.{'room' if kind == 'rom' else 'organisation'}", pk
    )
    response = _assert_flat(
        client,
        django_assert_max_num_queries,
        f"/lokaler/feed/{kind}/{pk}/{token}.ics",
        lambda: _book_many(leader, room, 12, next_weekday(0, weeks=2), organisation=organisation),
    )
    assert response.content.decode().count("BEGIN:VEVENT") == 13


def test_feed_of_unknown_room_is_404(client, premises_manager):
    _token, raw = feed_tokens.issue(premises_manager, "premises.room", 999999)
    assert client.get(reverse("premises:feed", args=["rom", 999999, raw])).status_code == 404


def test_booking_ics(client, leader, room, django_assert_max_num_queries):
    [booking] = _book_many(leader, room, 1)
    client.force_login(leader)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("premises:booking_ics", args=[booking.pk]))
    assert response.status_code == 200


def test_block_form_lists_rooms(client, premises_manager, room, django_assert_max_num_queries):
    client.force_login(premises_manager)

    def grow():
        for n in range(10):
            Room.objects.create(
                building=room.building, name=f"Rom {n}", kind="meeting_room", capacity=10
            )

    response = _assert_flat(client, django_assert_max_num_queries, reverse("premises:block"), grow)
    assert "Rom 9" in response.content.decode()


def test_invoice_page(
    client, premises_manager, leader, organisation, citizen, room, django_assert_max_num_queries
):
    _book_many(leader, room, 1, organisation=organisation)
    client.force_login(premises_manager)
    first = next_weekday(0, weeks=1)
    params = {"first": first.isoformat(), "last": (first + dt.timedelta(days=13)).isoformat()}

    def grow():
        _book_many(leader, room, 6, first + dt.timedelta(days=1), organisation=organisation)
        _book_many(citizen, room, 6, first + dt.timedelta(days=7))

    _assert_flat(client, django_assert_max_num_queries, reverse("premises:invoice"), grow, params)


def test_room_photo_form(client, premises_manager, room, django_assert_max_num_queries):
    client.force_login(premises_manager)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("premises:room_photo", args=[room.pk]))
    assert response.status_code == 200


def test_apply_page_with_many_wishes(
    client, leader, organisation, room, municipality, django_assert_max_num_queries
):
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
    )

    def wish(org, weekday):
        actions.submit_wish(
            # Fresh from the database: the user object caches its organisation roles.
            type(leader).objects.get(pk=leader.pk),
            allocation_round,
            org,
            room=room,
            weekday=weekday,
            start_time=dt.time(18),
            minutes=90,
            priority=1,
            participants=20,
        )

    wish(organisation, 1)
    client.force_login(leader)

    def grow():
        for n in range(4):
            other = OrganisationFactory(municipality=municipality)
            OrganisationRoleFactory(
                user=leader, organisation=other, role=OrganisationRole.Role.LEADER
            )
            wish(other, n % 5)

    response = _assert_flat(
        client,
        django_assert_max_num_queries,
        reverse("premises:apply", args=[allocation_round.pk]),
        grow,
    )
    assert response.content.decode().count("18:00 (90 min)") == 5


def test_allocate_with_a_bad_room_value_is_not_an_error(
    client, premises_manager, leader, organisation, room, municipality
):
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    wish = actions.submit_wish(
        leader,
        allocation_round,
        organisation,
        room=room,
        weekday=1,
        start_time=dt.time(18),
        minutes=90,
        priority=1,
        participants=20,
    )
    client.force_login(premises_manager)
    response = client.post(reverse("premises:allocate", args=[wish.pk]), {"room": "abc"})
    assert response.status_code == 302
