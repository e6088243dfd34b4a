"""Background work that a scheduler triggers through the management commands."""

from django_tasks import task

from . import actions


@task()
def expire_place_offers() -> int:
    return actions.expire_offers()


@task()
def anonymise_departed_pupils() -> int:
    from .privacy import anonymise_departed_pupils as run

    return run()


@task()
def apply_reregistration_deadlines() -> int:
    from .continuation import apply_due_deadlines

    return apply_due_deadlines()
