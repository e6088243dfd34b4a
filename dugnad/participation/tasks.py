"""Scheduled work: the results of every process whose vote has closed, claimed once each."""

from django_tasks import task

from . import actions


@task()
def compute_due_results() -> int:
    return actions.compute_due_results()
