"""Background work that a scheduler triggers through the management commands."""

from django_tasks import task

from . import actions


@task()
def send_booking_reminders() -> int:
    return actions.send_booking_reminders()
