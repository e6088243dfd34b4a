"""The day-before reminder goes out once per booking, however often or widely the job runs."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from dugnad.core.models import ActivityLog
from dugnad.premises import actions
from dugnad.premises.models import Booking, BookingState
from dugnad.premises.tasks import send_booking_reminders
from tests.race import race

from .conftest import NOW, slot

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def run():
    return send_booking_reminders.call()


def test_reminds_tomorrows_booking_only(citizen, room, django_capture_on_commit_callbacks):
    due = actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    actions.book_room(citizen, room, *slot(tomorrow() + dt.timedelta(days=1)), title="Øving")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 1
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert "Øving" in mail.outbox[0].subject
    due.refresh_from_db()
    assert abs(due.reminded_at - timezone.now()) < dt.timedelta(minutes=1)


def test_second_run_sends_nothing(citizen, room, django_capture_on_commit_callbacks):
    booking = actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 1
    booking.refresh_from_db()
    first_reminded_at = booking.reminded_at
    assert first_reminded_at is not None
    # A scheduler that fires again later the same day (a retry, a second timer) sends nothing.
    with (
        time_machine.travel(NOW + dt.timedelta(hours=6), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run() == 0
    assert len(mail.outbox) == 1
    assert ActivityLog.objects.filter(event="booking.reminder").count() == 1
    booking.refresh_from_db()
    assert booking.reminded_at == first_reminded_at


def test_booking_made_after_a_run_is_reminded_by_the_next(
    citizen, leader, organisation, room, django_capture_on_commit_callbacks
):
    actions.book_room(citizen, room, *slot(tomorrow(), "10:00", "12:00"), title="Først")
    with django_capture_on_commit_callbacks(execute=True):
        assert run() == 1
    later = actions.book_room(
        leader, room, *slot(tomorrow()), title="Etterpå", organisation=organisation
    )
    mail.outbox.clear()
    with (
        time_machine.travel(NOW + dt.timedelta(hours=2), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert run() == 1
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert "Etterpå" in mail.outbox[0].subject
    later.refresh_from_db()
    assert later.reminded_at == NOW + dt.timedelta(hours=2)


def test_unconfirmed_booking_is_not_reminded(citizen, room):
    booking = actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    Booking.objects.filter(pk=booking.pk).update(state=BookingState.REQUESTED)
    assert run() == 0
    assert Booking.objects.get(pk=booking.pk).reminded_at is None


def test_reminded_at_is_not_a_history_entry(citizen, room):
    booking = actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    before = booking.history.count()
    run()
    assert booking.history.count() == before


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_skips_a_booking_another_worker_holds(citizen, room):
    booking = actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    mail.outbox.clear()
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Booking.objects.select_for_update().get(pk=booking.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        # Skipped at once rather than waiting for the lock, and not marked as sent.
        assert run() == 0
        assert Booking.objects.get(pk=booking.pk).reminded_at is None
    finally:
        release.set()
        thread.join()
    # The holder let go without sending, so the next run sends it.
    assert run() == 1
    assert len(mail.outbox) == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_runs_send_each_reminder_once(citizen, leader, organisation, room, gym):
    actions.book_room(citizen, room, *slot(tomorrow()), title="Øving")
    actions.book_room(leader, gym, *slot(tomorrow()), title="Trening", organisation=organisation)
    mail.outbox.clear()
    results = race(lambda i: run(), 8)
    assert sum(r for r in results if isinstance(r, int)) == 2, results
    assert all(isinstance(r, int) for r in results), results
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, leader.email])
    assert ActivityLog.objects.filter(event="booking.reminder").count() == 2
