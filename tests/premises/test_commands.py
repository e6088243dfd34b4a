import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dugnad.premises import actions

from .conftest import slot

pytestmark = pytest.mark.django_db


def test_send_booking_reminders_command(citizen, room, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    actions.book_room(citizen, room, *slot(tomorrow), title="Øving")
    actions.book_room(citizen, room, *slot(tomorrow + dt.timedelta(days=1)), title="Øving")
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_booking_reminders", stdout=out)
    assert "1 booking reminder(s) sent." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    # Run again (a retried cron job): nothing more is sent.
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_booking_reminders", stdout=out)
    assert "0 booking reminder(s) sent." in out.getvalue()
    assert len(mail.outbox) == 1


def test_send_booking_reminders_command_with_nothing_due(room):
    out = StringIO()
    call_command("send_booking_reminders", stdout=out)
    assert "0 booking reminder(s) sent." in out.getvalue()
    assert mail.outbox == []
