import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from dugnad.core.errors import Conflict, NotAllowed
from dugnad.premises import actions
from dugnad.premises.models import AllocatedSlot, AllocationRound, Booking, BookingState
from dugnad.premises.season import round_state
from tests.factories import OrganisationFactory, OrganisationRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation_round(municipality):
    last = AllocationRound.objects.create(
        municipality=municipality,
        name="Vår 2026",
        season_start=dt.date(2026, 1, 5),
        season_end=dt.date(2026, 6, 15),
        deadline=timezone.now() - dt.timedelta(days=200),
        status=AllocationRound.Status.PUBLISHED,
    )
    return AllocationRound.objects.create(
        municipality=municipality,
        name="Høst 2026",
        season_start=dt.date(2026, 9, 21),
        season_end=dt.date(2026, 12, 15),
        deadline=timezone.now() + dt.timedelta(days=3),
        previous=last,
    )


def _wish(user, allocation_round, organisation, room, weekday=1, start="18:00", minutes=90):
    return actions.submit_wish(
        user,
        allocation_round,
        organisation,
        room=room,
        weekday=weekday,
        start_time=dt.time.fromisoformat(start),
        minutes=minutes,
        priority=1,
        participants=20,
    )


def test_wishes_to_published_series(
    allocation_round,
    leader,
    organisation,
    gym,
    premises_manager,
    django_capture_on_commit_callbacks,
):
    other = OrganisationFactory(municipality=organisation.municipality)
    other_leader = OrganisationRoleFactory(organisation=other).user
    AllocatedSlot.objects.create(
        round=allocation_round.previous,
        organisation=other,
        room=gym,
        weekday=1,
        start_time=dt.time(18),
        end_time=dt.time(19),
    )
    wish_a = _wish(leader, allocation_round, organisation, gym)
    wish_b = _wish(other_leader, allocation_round, other, gym, start="19:00")
    overview = round_state(allocation_round, [gym])
    assert overview["conflict_count"] == 2
    wishes = {w.organisation_id: w for w in overview["wishes"]}
    assert wishes[other.pk].is_returning and not wishes[organisation.pk].is_returning

    actions.allocate(premises_manager, wish_a)
    with pytest.raises(Conflict):
        actions.allocate(premises_manager, wish_b)  # the whole gym is taken 18:00-19:30
    actions.allocate(premises_manager, wish_b, room=gym.part_list[0], weekday=2)  # reallocate

    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_round(premises_manager, allocation_round)
    allocation_round.refresh_from_db()
    assert allocation_round.status == AllocationRound.Status.PUBLISHED
    tuesdays = Booking.objects.filter(room=gym, organisation=organisation)
    assert tuesdays.count() == 13
    assert set(tuesdays.values_list("state", flat=True)) == {BookingState.CONFIRMED}
    assert Booking.objects.filter(room=gym.part_list[0], organisation=other).count() == 12
    assert {a for m in mail.outbox for a in m.to} >= {organisation.email, other.email}
    with pytest.raises(NotAllowed):
        actions.allocate(premises_manager, wish_a)


def test_refused_wish_is_told(
    allocation_round,
    leader,
    organisation,
    room,
    premises_manager,
    django_capture_on_commit_callbacks,
):
    _wish(leader, allocation_round, organisation, room)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_round(premises_manager, allocation_round)
    body = mail.outbox[-1].body
    assert organisation.name in body


def test_deadline_and_rights(allocation_round, leader, citizen, organisation, room):
    with pytest.raises(NotAllowed):
        _wish(citizen, allocation_round, organisation, room)
    allocation_round.deadline = timezone.now() - dt.timedelta(minutes=1)
    allocation_round.save()
    with pytest.raises(NotAllowed):
        _wish(leader, allocation_round, organisation, room)


def test_only_managers_allocate(allocation_round, leader, organisation, room, coordinator):
    wish = _wish(leader, allocation_round, organisation, room)
    with pytest.raises(NotAllowed):
        actions.allocate(coordinator, wish)
    with pytest.raises(NotAllowed):
        actions.publish_round(leader, allocation_round)


@pytest.mark.parametrize("wishes", [1, 8])
def test_allocation_page(
    client,
    allocation_round,
    leader,
    organisation,
    room,
    gym,
    premises_manager,
    wishes,
    django_assert_max_num_queries,
):
    # The season calendar is read once, whatever the number of wishes and rooms.
    for n in range(wishes):
        _wish(
            leader,
            allocation_round,
            organisation,
            gym.part_list[n % 3] if n else room,
            weekday=n % 5,
        )
    client.force_login(premises_manager)
    with django_assert_max_num_queries(18):
        response = client.get(f"/lokaler/tildeling/{allocation_round.pk}/")
    assert organisation.name in response.content.decode()


def test_apply_form_and_allocate_by_staff(
    client, allocation_round, leader, organisation, gym, premises_manager
):
    client.force_login(leader)
    url = f"/lokaler/tildeling/{allocation_round.pk}/soknad/"
    assert "soknad" in client.get("/lokaler/").content.decode()
    bad = client.post(
        url,
        {
            "organisation": organisation.pk,
            "weekday": "1",
            "start_time": "18:00",
            "minutes": "90",
            "priority": "1",
            "participants": "20",
        },
    )
    assert bad.status_code == 200 and "ds-error-summary" in bad.content.decode()
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "room": gym.pk,
            "weekday": "1",
            "start_time": "18:00",
            "minutes": "90",
            "priority": "1",
            "participants": "20",
        },
    )
    assert response.status_code == 302
    wish = allocation_round.wishes.get()
    client.force_login(premises_manager)
    client.post(
        f"/lokaler/tildeling/onske/{wish.pk}/tildel/",
        {"room": gym.part_list[0].pk, "weekday": "3", "start_time": "19:00"},
    )
    slot = AllocatedSlot.objects.get(wish=wish)
    assert (slot.room, slot.weekday, slot.start_time) == (gym.part_list[0], 3, dt.time(19))
    client.post(f"/lokaler/tildeling/onske/{wish.pk}/tildel/", {"weekday": "x"})
    client.post(f"/lokaler/tildeling/onske/{wish.pk}/tildel/", {"remove": "1"})
    assert not AllocatedSlot.objects.exists()
    client.force_login(leader)
    client.post(f"/lokaler/tildeling/onske/{wish.pk}/tildel/", {"room": gym.pk})
    assert not AllocatedSlot.objects.exists()


def test_allocating_with_bad_values_changes_nothing_and_says_why(
    client, allocation_round, leader, organisation, gym, premises_manager
):
    from django.urls import reverse

    wish = _wish(leader, allocation_round, organisation, gym)
    url = reverse("premises:allocate", args=[wish.pk])
    client.force_login(premises_manager)
    for bad in ({"weekday": "9"}, {"weekday": "x"}, {"start_time": "25:00"}):
        response = client.post(url, bad, follow=True, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        shown = [str(m) for m in response.context["messages"]]
        assert any("Choose a valid weekday and time." in m for m in shown), (bad, shown)
    assert not AllocatedSlot.objects.filter(round=allocation_round).exists()
    # Without weekday and time, the wish's own are used; a room id beyond the database's
    # integers is no room (the wish's), not a database error.
    assert client.post(url, {"room": "9" * 19}).status_code == 302
    slot = AllocatedSlot.objects.get(round=allocation_round)
    assert slot.weekday == wish.weekday and slot.start_time == wish.start_time
    assert slot.room == wish.room
