"""Reminders and escalation with time frozen."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dugnad.volunteering import actions, tasks
from dugnad.volunteering.models import Interest

from .conftest import make_shift

pytestmark = pytest.mark.django_db


def test_unanswered_interest_reminds_organiser_then_coordinator(
    assignment, volunteer, leader, coordinator, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        interest = actions.express_interest(volunteer, assignment)
    mail.outbox.clear()

    with time_machine.travel(start + dt.timedelta(days=6), tick=False):
        assert tasks.send_volunteering_reminders.call()["interests"] == {
            "organiser": 0,
            "coordinator": 0,
        }
    with (
        time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_volunteering_reminders.call()["interests"] == {
            "organiser": 1,
            "coordinator": 0,
        }
        assert tasks.send_volunteering_reminders.call()["interests"] == {
            "organiser": 0,
            "coordinator": 0,
        }  # once only
    assert [m.to for m in mail.outbox] == [[leader.email]]
    with (
        time_machine.travel(start + dt.timedelta(days=14, minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_volunteering_reminders.call()["interests"] == {
            "organiser": 0,
            "coordinator": 1,
        }
    assert mail.outbox[-1].to == [coordinator.email]
    interest.refresh_from_db()
    assert interest.organiser_reminded_at and interest.escalated_at


def test_answered_interest_is_not_reminded(assignment, volunteer, leader):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        interest = actions.express_interest(volunteer, assignment)
        actions.answer_interest(leader, interest, accept=True)
    with time_machine.travel(start + dt.timedelta(days=20), tick=False):
        assert tasks.send_volunteering_reminders.call()["interests"] == {
            "organiser": 0,
            "coordinator": 0,
        }
    assert Interest.objects.get().organiser_reminded_at is None


def test_shift_reminder_the_day_before(assignment, volunteer, django_capture_on_commit_callbacks):
    shift = make_shift(assignment, days=3)
    actions.sign_up(volunteer, shift)
    mail.outbox.clear()
    with (
        time_machine.travel(shift.starts_at - dt.timedelta(hours=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_volunteering_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    with (
        time_machine.travel(shift.starts_at - dt.timedelta(hours=20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_volunteering_reminders", stdout=io.StringIO())
        call_command("send_volunteering_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[volunteer.email]]


def test_expiring_certificate_reminds_organiser(
    assignment, volunteer, leader, settings, django_capture_on_commit_callbacks
):
    settings.VOLUNTEERING_CERTIFICATE_VALID_DAYS = 365
    actions.express_interest(volunteer, assignment)
    record = actions.record_certificate(leader, assignment, volunteer, "Vert", timezone.localdate())
    mail.outbox.clear()
    assert tasks.remind_expiring_certificates.call() == 0
    when = timezone.make_aware(
        dt.datetime.combine(record.expires_on - dt.timedelta(days=10), dt.time(12))
    )
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_expiring_certificates.call() == 1
        assert tasks.remind_expiring_certificates.call() == 0
    assert leader.email in mail.outbox[-1].to
