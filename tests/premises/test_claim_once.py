"""The kernel's "claim once" helper behind every reminder (shown on a booking), and the
commands that run the reminder jobs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dugnad.core.tasks import claim
from dugnad.premises import actions
from tests.race import race

from .conftest import next_weekday, slot

pytestmark = pytest.mark.django_db


def fresh(booking):
    return type(booking).objects.get(pk=booking.pk)


@pytest.fixture
def booking(citizen, room):
    return actions.book_room(citizen, room, *slot(next_weekday(2)), title="Øving")


def test_the_first_claim_wins_and_the_second_finds_it_taken(booking):
    assert claim(booking, "reminded_at") is True
    first = booking.reminded_at
    assert first is not None and fresh(booking).reminded_at == first
    assert claim(fresh(booking), "reminded_at") is False
    # A copy loaded before the first claim cannot take it either.
    stale = type(booking).objects.get(pk=booking.pk)
    stale.reminded_at = None
    assert claim(stale, "reminded_at") is False
    assert fresh(booking).reminded_at == first


def test_a_claim_rolled_back_with_its_work_is_free_again(booking):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert claim(booking, "reminded_at")
        raise RuntimeError("sending failed")
    assert fresh(booking).reminded_at is None
    assert claim(fresh(booking), "reminded_at")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_of_many_workers_claiming_one_row_one_wins(booking):
    results = race(lambda i: claim(fresh(booking), "reminded_at"), 12)
    assert results.count(True) == 1, results
    assert results.count(False) == 11, results


@pytest.mark.parametrize(
    "command",
    [
        "send_event_reminders",
        "send_booking_reminders",
        "send_grant_report_reminders",
        "send_volunteering_reminders",
    ],
)
def test_every_reminder_command_runs_twice_safely_and_can_enqueue(command):
    for _ in range(2):
        out = StringIO()
        call_command(command, stdout=out)
        assert "sent" in out.getvalue()
    out = StringIO()
    call_command(command, "--enqueue", stdout=out)
    assert out.getvalue().startswith("Queued ")
