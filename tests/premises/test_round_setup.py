"""Allocation rounds set up in the site's own pages: season, rooms, wish deadline and state;
the rooms ticked are the only ones the round lets; a published round is history."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError
from dugnad.core.submit import FIELD, new_token
from dugnad.premises import actions
from dugnad.premises.models import AllocationRound

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, {**data, FIELD: new_token()})


def _data(**extra):
    return {
        "name": "Høst 2027",
        "season_start": "2027-08-23",
        "season_end": "2027-12-17",
        "deadline": "2027-06-01T12:00",
        "status": "open",
        **extra,
    }


def test_manager_creates_and_changes_a_round_from_the_start_page(
    client, premises_manager, gym, room
):
    client.force_login(premises_manager)
    start = client.get(reverse("premises:manage")).content.decode()
    assert reverse("premises:setup_round_create") in start
    response = _post(client, reverse("premises:setup_round_create"), _data(rooms=[gym.pk]))
    assert response.status_code == 302, response.content.decode()[:800]
    allocation_round = AllocationRound.objects.get(name="Høst 2027")
    assert allocation_round.season_start == dt.date(2027, 8, 23)
    assert list(allocation_round.rooms.all()) == [gym]
    url = reverse("premises:setup_round", args=[allocation_round.pk])
    assert response.url == url
    changed = _post(client, url, _data(status="allocating", rooms=[gym.pk, room.pk]))
    assert changed.status_code == 302
    allocation_round.refresh_from_db()
    assert allocation_round.status == "allocating"
    assert set(allocation_round.rooms.all()) == {gym, room}
    history = client.get(url).context["history"]
    assert len(history) == 2 and not any("premises." in entry["what"] for entry in history)
    start = client.get(reverse("premises:manage")).content.decode()
    assert url in start


def test_bad_dates_are_refused_and_nothing_typed_is_lost(client, premises_manager, gym):
    client.force_login(premises_manager)
    response = _post(
        client,
        reverse("premises:setup_round_create"),
        _data(name="Vår 2028", season_end="2027-08-01", deadline="2028-01-01T12:00"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "season_end" in form.errors and "deadline" in form.errors
    page = response.content.decode()
    assert 'value="Vår 2028"' in page and "2027-08-01" in page
    assert not AllocationRound.objects.exists()


def test_published_is_not_a_state_one_types(client, premises_manager):
    client.force_login(premises_manager)
    response = _post(client, reverse("premises:setup_round_create"), _data(status="published"))
    assert response.status_code == 400 and "status" in response.context["form"].errors


def test_a_published_round_cannot_be_changed(client, premises_manager, municipality):
    published = AllocationRound.objects.create(
        municipality=municipality,
        name="Vår 2026",
        season_start=dt.date(2026, 1, 5),
        season_end=dt.date(2026, 6, 15),
        deadline=timezone.now() - dt.timedelta(days=200),
        status=AllocationRound.Status.PUBLISHED,
    )
    client.force_login(premises_manager)
    url = reverse("premises:setup_round", args=[published.pk])
    page = client.get(url)
    assert page.status_code == 200 and "<form" not in page.content.decode().split("<main")[-1]
    assert _post(client, url, _data(name="Endret")).status_code == 403
    published.refresh_from_db()
    assert published.name == "Vår 2026"


def test_only_the_rooms_of_the_round_are_allocated(
    premises_manager, leader, organisation, gym, room, municipality
):
    allocation_round = AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    allocation_round.rooms.add(gym)
    with pytest.raises(DomainError):
        actions.submit_wish(
            leader, allocation_round, organisation, room=room, weekday=1,
            start_time=dt.time(18), minutes=60, priority=1, participants=10,
        )  # fmt: skip
    wish = actions.submit_wish(
        leader, allocation_round, organisation, room=gym, weekday=1,
        start_time=dt.time(18), minutes=60, priority=1, participants=10,
    )  # fmt: skip
    with pytest.raises(DomainError):
        actions.allocate(premises_manager, wish, room=room)
    assert actions.allocate(premises_manager, wish, room=gym.part_list[0]) is not None


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("citizen", False),
        ("leader", False),
        ("case_handler", False),
        ("coordinator", False),
        ("premises_manager", True),
    ],
)
def test_permission_matrix_for_round_set_up(request, client, municipality, room, role, allowed):
    existing = AllocationRound.objects.create(
        municipality=municipality,
        name="Vår 2027",
        season_start=dt.date(2027, 1, 4),
        season_end=dt.date(2027, 6, 18),
        deadline=timezone.now() + dt.timedelta(days=30),
    )
    client.force_login(request.getfixturevalue(role))
    create = reverse("premises:setup_round_create")
    edit = reverse("premises:setup_round", args=[existing.pk])
    assert client.get(create).status_code == (200 if allowed else 403)
    assert client.get(edit).status_code == (200 if allowed else 403)
    assert _post(client, create, _data()).status_code == (302 if allowed else 403)
    assert AllocationRound.objects.filter(name="Høst 2027").exists() is allowed
    assert _post(client, edit, _data(name="Endret")).status_code == (302 if allowed else 403)
    assert AllocationRound.objects.filter(name="Endret").exists() is allowed


def test_anonymous_is_sent_to_log_in(client, municipality):
    response = client.get(reverse("premises:setup_round_create"))
    assert response.status_code == 302 and "login" in response.url.lower()


def test_set_up_page_query_count(client, premises_manager, gym, django_assert_max_num_queries):
    client.force_login(premises_manager)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("premises:setup_round_create")).status_code == 200
