"""Cancelling a whole booking series in one step: each date's deadline still applies."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dugnad.core.errors import DomainError, NotAllowed
from dugnad.core.models import ActivityLog
from dugnad.premises import actions
from dugnad.premises.models import Booking, BookingState
from dugnad.premises.rules import can_transition
from tests.factories import OrganisationRoleFactory

pytestmark = pytest.mark.django_db


def _series(user, room, organisation=None, weeks=3):
    # Starts this evening, inside the room's 24-hour cancellation deadline.
    first = timezone.localdate()
    return actions.book_series(
        user,
        room,
        first_date=first,
        last_date=first + dt.timedelta(weeks=weeks - 1),
        start_time=dt.time(18),
        end_time=dt.time(20),
        title="Korøving",
        organisation=organisation,
    ).series


def test_cancels_coming_dates_and_keeps_those_past_the_deadline(
    citizen, room, premises_manager, django_capture_on_commit_callbacks
):
    series = _series(citizen, room)
    first, *later = series.bookings.order_by("start")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.cancel_series(citizen, series)
    assert [b.pk for b in result.cancelled] == [b.pk for b in later]
    expected = str(can_transition(citizen, first, "cancel").reason)
    assert [(b.pk, str(reason)) for b, reason in result.kept] == [(first.pk, expected)]
    states = dict(series.bookings.values_list("pk", "state"))
    assert states[first.pk] == BookingState.CONFIRMED
    assert {states[b.pk] for b in later} == {BookingState.CANCELLED}
    # One email for the series, to the renter and the manager, not one per date.
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {citizen.email, premises_manager.email}
    assert ActivityLog.objects.filter(event="booking.series_cancelled").count() == 1


def test_a_second_cancel_has_nothing_left(citizen, room):
    series = _series(citizen, room)
    actions.cancel_series(citizen, series)
    result = actions.cancel_series(citizen, series)
    assert result.cancelled == [] and len(result.kept) == 1


def test_nothing_to_cancel_is_a_clear_error(citizen, room):
    series = _series(citizen, room)
    series.bookings.update(state=BookingState.CANCELLED)
    with pytest.raises(DomainError) as exc:
        actions.cancel_series(citizen, series)
    assert exc.value.code == "nothing_to_cancel"


def test_already_cancelled_dates_are_left_alone(citizen, room):
    series = _series(citizen, room)
    last = series.bookings.order_by("start").last()
    actions.transition(citizen, last, "cancel")
    result = actions.cancel_series(citizen, series)
    assert last.pk not in [b.pk for b in result.cancelled]
    assert len(result.cancelled) == 1


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("booker", True),
        ("org_representative", True),
        ("other_citizen", False),
        ("premises_manager", False),
        ("anonymous", False),
    ],
)
def test_permission_matrix(role, allowed, leader, organisation, room, premises_manager):
    from django.contrib.auth.models import AnonymousUser

    series = _series(leader, room, organisation=organisation)
    people = {
        "booker": leader,
        "org_representative": OrganisationRoleFactory(organisation=organisation).user,
        "other_citizen": OrganisationRoleFactory().user,
        "premises_manager": premises_manager,
        "anonymous": AnonymousUser(),
    }
    if allowed:
        assert len(actions.cancel_series(people[role], series).cancelled) == 2
    else:
        with pytest.raises(NotAllowed):
            actions.cancel_series(people[role], series)
        assert not series.bookings.filter(state=BookingState.CANCELLED).exists()


def test_view_lists_dates_not_cancelled_with_reason(client, citizen, room):
    series = _series(citizen, room)
    client.force_login(citizen)
    page = client.get(reverse("premises:series", args=[series.pk])).content.decode()
    assert reverse("premises:series_cancel", args=[series.pk]) in page
    response = client.post(reverse("premises:series_cancel", args=[series.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds-list not-cancelled"' in body
    first = series.bookings.order_by("start").first()
    assert first.get_absolute_url() in body
    assert Booking.objects.filter(series=series, state=BookingState.CANCELLED).count() == 2


@pytest.mark.parametrize("role, status", [("stranger", 403), ("manager", 403), ("anon", 302)])
def test_view_refuses_others(client, role, status, citizen, room, premises_manager):
    series = _series(citizen, room)
    people = {"stranger": OrganisationRoleFactory().user, "manager": premises_manager}
    if role in people:
        client.force_login(people[role])
    response = client.post(reverse("premises:series_cancel", args=[series.pk]))
    assert response.status_code == status
    assert not series.bookings.filter(state=BookingState.CANCELLED).exists()


def test_series_page_query_count(client, citizen, room, django_assert_max_num_queries):
    small = _series(citizen, room, weeks=2)
    big = _series(citizen, room, weeks=6)
    client.force_login(citizen)
    # Every series clashes with the other's dates, so compare against a fresh room each time.
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("premises:series", args=[small.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("premises:series", args=[big.pk]))
