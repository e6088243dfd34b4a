from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from dugnad.grants import actions
from dugnad.grants.models import Application, Round

pytestmark = pytest.mark.django_db


def test_send_grant_report_reminders_command(
    in_review, case_handler, django_capture_on_commit_callbacks
):
    actions.decide(
        case_handler, in_review, outcome="approved", amount=12_500_00, justification="Bra"
    )
    Round.objects.filter(pk=in_review.round_id).update(report_due=date.today() - timedelta(days=1))
    mail.outbox.clear()
    first, second = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_grant_report_reminders", stdout=first)
        # A scheduler that runs twice on one day must not remind twice.
        call_command("send_grant_report_reminders", stdout=second)
    assert "1 report reminder(s) sent." in first.getvalue()
    assert "0 report reminder(s) sent." in second.getvalue()
    assert [m.to for m in mail.outbox] == [[in_review.contact_email]]
    application = Application.objects.get(pk=in_review.pk)
    assert application.report_reminded_after_at and not application.report_reminded_before_at


def test_send_grant_report_reminders_command_with_nothing_due(in_review):
    out = StringIO()
    call_command("send_grant_report_reminders", stdout=out)
    assert "0 report reminder(s) sent." in out.getvalue()
