"""Reminders: unanswered interest (7 days organiser, 14 days coordinator), shifts, certificates.

Run by `manage.py volunteering_reminders` (cron, hourly). Each reminder is sent once: the
`*_at` stamp is set in the same transaction as the notification is queued.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dugnad.accounts.models import UnitRole
from dugnad.core.notify import notify

from .actions import organiser_emails
from .models import Interest, PoliceCertificateRecord, ShiftSignUp

ORGANISER_AFTER = dt.timedelta(days=7)
COORDINATOR_AFTER = dt.timedelta(days=14)
SHIFT_AHEAD = dt.timedelta(hours=24)
CERTIFICATE_AHEAD = dt.timedelta(days=30)


def coordinator_emails(municipality_id: int) -> list[str]:
    """The volunteer coordinators of one municipality (the one the assignment belongs to)."""
    return list(
        UnitRole.objects.filter(
            role=UnitRole.Role.VOLUNTEER_COORDINATOR,
            user__is_active=True,
            unit__municipality_id=municipality_id,
        ).values_list("user__email", flat=True)
    )


@task()
def remind_unanswered_interests() -> dict:
    now = timezone.now()
    counts = {"organiser": 0, "coordinator": 0}
    pending = Interest.objects.filter(status=Interest.Status.PENDING).select_related(
        "assignment__organisation", "assignment__unit", "assignment__contact_person", "volunteer"
    )
    for interest in pending.filter(
        created_at__lte=now - ORGANISER_AFTER, organiser_reminded_at__isnull=True
    ):
        with transaction.atomic():
            notify(
                "volunteering.interest_reminder",
                target=interest,
                recipients=organiser_emails(interest.assignment),
                template="volunteering/email/reminder_organiser.txt",
                context={"interest": interest, "assignment": interest.assignment},
            )
            Interest.objects.filter(pk=interest.pk).update(organiser_reminded_at=now)
        counts["organiser"] += 1
    coordinators: dict[int, list[str]] = {}  # by municipality: one query per municipality
    for interest in pending.filter(
        created_at__lte=now - COORDINATOR_AFTER, escalated_at__isnull=True
    ):
        municipality_id = interest.assignment.municipality_id
        if municipality_id not in coordinators:
            coordinators[municipality_id] = coordinator_emails(municipality_id)
        with transaction.atomic():
            notify(
                "volunteering.interest_escalated",
                target=interest,
                recipients=coordinators[municipality_id],
                template="volunteering/email/escalation.txt",
                context={"interest": interest, "assignment": interest.assignment},
            )
            Interest.objects.filter(pk=interest.pk).update(escalated_at=now)
        counts["coordinator"] += 1
    return counts


@task()
def remind_shifts() -> int:
    now = timezone.now()
    due = ShiftSignUp.objects.filter(
        reminded_at__isnull=True, shift__starts_at__gt=now, shift__starts_at__lte=now + SHIFT_AHEAD
    ).select_related("shift__assignment", "volunteer")
    sent = 0
    for signup in due:
        with transaction.atomic():
            notify(
                "volunteering.shift_reminder",
                target=signup.shift,
                recipients=[signup.volunteer.email],
                template="volunteering/email/shift_reminder.txt",
                context={"shift": signup.shift, "assignment": signup.shift.assignment},
            )
            ShiftSignUp.objects.filter(pk=signup.pk).update(reminded_at=now)
        sent += 1
    return sent


@task()
def remind_expiring_certificates() -> int:
    now = timezone.now()
    today = timezone.localdate()
    due = PoliceCertificateRecord.objects.filter(
        reminded_at__isnull=True, expires_on__gte=today, expires_on__lte=today + CERTIFICATE_AHEAD
    ).select_related("volunteer", "recorded_by", "organisation", "unit")
    sent = 0
    for record in due:
        organiser = record.organisation or record.unit
        recipients = [record.recorded_by.email] if record.recorded_by else []
        if organiser is not None and organiser.email:
            recipients.append(organiser.email)
        with transaction.atomic():
            notify(
                "volunteering.certificate_expiring",
                target=record,
                recipients=recipients,
                template="volunteering/email/certificate_expiring.txt",
                context={"record": record},
            )
            PoliceCertificateRecord.objects.filter(pk=record.pk).update(reminded_at=now)
        sent += 1
    return sent


def run_all() -> dict:
    """Run every reminder now (the command calls this; the tasks may also be enqueued)."""
    return {
        "interests": remind_unanswered_interests.call(),
        "shifts": remind_shifts.call(),
        "certificates": remind_expiring_certificates.call(),
    }
