"""Background work: the email task, and the one pattern every scheduled job follows.

A scheduled job is a task (django-tasks) that calls an action; a management command named
`send_<thing>_reminders` (a `TaskCommand`) runs it for cron. A job that must do something once
per row (a reminder) claims the row first with `claim()`, in the same transaction as the work,
so a second run, or a second worker running at the same moment, finds nothing left to do.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task


@task()
def send_email(
    to: list[str], subject: str, body: str, attachments: list[tuple[str, str, str]] | None = None
) -> int:
    """Send one plain-text email; attachments are (filename, text content, mimetype)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.from_email = settings.DEFAULT_FROM_EMAIL
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


def claim(instance, field: str, value=None) -> bool:
    """Set `instance.<field>` (a nullable "done at" column) if it is still empty; True when this
    call did it, so the caller alone goes on to do the work.

    One UPDATE ... WHERE field IS NULL: of two workers racing for the row exactly one updates it.
    A row that another transaction holds locked (a worker busy with it, or someone editing it)
    is skipped rather than waited for (PostgreSQL's SKIP LOCKED), and is left for the next run if
    that transaction rolls back. Call it inside the transaction that does the work, so that a
    failure undoes the claim too.
    """
    manager = type(instance)._default_manager
    empty = {f"{field}__isnull": True}
    value = timezone.now() if value is None else value
    with transaction.atomic():
        free = manager.filter(pk=instance.pk, **empty).select_for_update(skip_locked=True)
        won = manager.filter(pk__in=free.values("pk"), **empty).update(**{field: value}) == 1
    if won:
        setattr(instance, field, value)
    return won


class TaskCommand(BaseCommand):
    """A management command that runs one scheduled task, for cron or a systemd timer.

    By default the task runs in this process, so the scheduler sees a failure in the exit
    status; `--enqueue` hands it to the task worker instead. Running it twice is safe: the
    task's actions claim each row once.
    """

    task: str = ""  # dotted path of the task
    done: str = "{}"  # what to print with the task's result

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the job for the task worker."
        )

    def handle(self, *args, **options):
        job = import_string(self.task)
        if options["enqueue"]:
            result = job.enqueue()
            self.stdout.write(f"Queued {job.name} ({result.id}).")
        else:
            self.stdout.write(self.done.format(job.call()))


@task()
def expire_form_submissions() -> int:
    """Forget one-time form tokens older than a day (`core.submit`)."""
    from .submit import forget_old_submissions

    return forget_old_submissions()
