"""Blocked periods on the manager page, and removing one."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.core.errors import NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.premises import actions
from dugnad.premises.models import BlockedPeriod
from tests.factories import UnitRoleFactory

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(premises_manager, room):
    return actions.block_room(
        premises_manager, room, *slot(next_weekday(2), "08:00", "16:00"), "Vedlikehold av gulv"
    )


def test_manager_page_lists_coming_blocked_periods(client, premises_manager, room, period):
    BlockedPeriod.objects.create(
        room=room,
        start=timezone.now() - dt.timedelta(days=3),
        end=timezone.now() - dt.timedelta(days=2),
        reason="Gammel sperring",
    )
    client.force_login(premises_manager)
    page = client.get(reverse("premises:manage")).content.decode()
    assert "Vedlikehold av gulv" in page
    assert reverse("premises:unblock", args=[period.pk]) in page
    assert "Gammel sperring" not in page  # over and done with


def test_other_units_periods_are_not_listed(client, room, period):
    stranger = UnitRoleFactory(role=UnitRole.Role.PREMISES_MANAGER).user
    client.force_login(stranger)
    assert "Vedlikehold av gulv" not in client.get(reverse("premises:manage")).content.decode()


def test_removing_frees_the_time(client, premises_manager, citizen, room, period):
    client.force_login(premises_manager)
    response = client.post(reverse("premises:unblock", args=[period.pk]))
    assert response.status_code == 302
    assert not BlockedPeriod.objects.exists()
    assert ActivityLog.objects.filter(event="room.unblocked", reason="Vedlikehold av gulv").exists()
    booking = actions.book_room(
        citizen, room, *slot(next_weekday(2), "10:00", "12:00"), title="Møte"
    )
    assert booking.pk


@pytest.mark.parametrize(
    "role, allowed", [("manager", True), ("other_manager", False), ("citizen", False)]
)
def test_unblock_permission_matrix(role, allowed, premises_manager, citizen, period):
    people = {
        "manager": premises_manager,
        "other_manager": UnitRoleFactory(role=UnitRole.Role.PREMISES_MANAGER).user,
        "citizen": citizen,
    }
    if allowed:
        actions.unblock_room(people[role], period)
        assert not BlockedPeriod.objects.exists()
    else:
        with pytest.raises(NotAllowed):
            actions.unblock_room(people[role], period)
        assert BlockedPeriod.objects.filter(pk=period.pk).exists()


@pytest.mark.parametrize("role, status", [("other_manager", 403), ("citizen", 403), ("anon", 302)])
def test_unblock_view_refuses_others(client, role, status, citizen, period):
    people = {
        "other_manager": UnitRoleFactory(role=UnitRole.Role.PREMISES_MANAGER).user,
        "citizen": citizen,
    }
    if role in people:
        client.force_login(people[role])
    assert client.post(reverse("premises:unblock", args=[period.pk])).status_code == status
    assert BlockedPeriod.objects.filter(pk=period.pk).exists()


def test_unblock_needs_post(client, premises_manager, period):
    client.force_login(premises_manager)
    assert client.get(reverse("premises:unblock", args=[period.pk])).status_code == 405


def test_manager_page_query_count_does_not_grow(
    client, premises_manager, room, django_assert_max_num_queries
):
    client.force_login(premises_manager)
    base = timezone.now() + dt.timedelta(days=30)

    def add(n):
        BlockedPeriod.objects.bulk_create(
            BlockedPeriod(
                room=room,
                start=base + dt.timedelta(days=i),
                end=base + dt.timedelta(days=i, hours=2),
                reason=f"Sperring {i}",
            )
            for i in range(n)
        )

    add(1)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("premises:manage"))
    BlockedPeriod.objects.all().delete()
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("premises:manage"))
