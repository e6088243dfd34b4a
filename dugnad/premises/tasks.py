"""Background work that a scheduler triggers through the management commands."""

from django_tasks import task

from . import actions, staff_actions


@task()
def send_booking_reminders() -> int:
    return actions.send_booking_reminders()


@task()
def expire_booking_requests() -> int:
    return staff_actions.expire_past_requests()
