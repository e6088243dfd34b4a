"""Daily reminders about grant reports: two weeks before the deadline and the day after it."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from dugnad.core.notify import notify

from .models import Application, GrantReport, ReportReminder

BEFORE_DAYS = 14


def due_reminders(today):
    """(application, kind) pairs for reports still missing; kind is 'before' or 'after'."""
    pending = (
        Application.objects.awarded()
        .exclude(report__status__in=[GrantReport.Status.SUBMITTED, GrantReport.Status.ACCEPTED])
        .select_related("round", "scheme")
    )
    for application in pending:
        due = application.round.report_due
        if today > due:
            yield application, "after"
        elif today >= due - timedelta(days=BEFORE_DAYS):
            yield application, "before"


@task()
def send_report_reminders() -> int:
    today = timezone.localdate()
    sent = 0
    for application, kind in due_reminders(today):
        try:
            with transaction.atomic():
                # The unique row makes a second run on the same day send nothing.
                ReportReminder.objects.create(application=application, kind=kind)
                notify(
                    f"grants.report.reminder_{kind}",
                    target=application,
                    recipients=[application.contact_email],
                    template="grants/email/report_reminder.txt",
                    context={"application": application, "overdue": kind == "after"},
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
