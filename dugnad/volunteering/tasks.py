"""Background work that a scheduler triggers through `manage.py send_volunteering_reminders`
(hourly); the reminders themselves are actions (see actions.py)."""

from django_tasks import task

from . import actions


@task()
def send_volunteering_reminders() -> dict:
    return actions.send_volunteering_reminders()


@task()
def remind_unanswered_interests() -> dict:
    return actions.remind_unanswered_interests()


@task()
def remind_shifts() -> int:
    return actions.remind_shifts()


@task()
def remind_expiring_certificates() -> int:
    return actions.remind_expiring_certificates()
