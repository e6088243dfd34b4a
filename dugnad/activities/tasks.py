"""Background work that a scheduler triggers through the management commands."""

from django.conf import settings
from django_tasks import task

from . import actions


@task()
def send_event_reminders() -> int:
    return actions.send_reminders()


@task()
def anonymise_event_participants() -> int:
    return actions.anonymise_participants(settings.DUGNAD_SIGNUP_RETENTION_DAYS)
