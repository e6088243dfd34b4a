"""Row locks for capacity checks, always taken in one fixed order to avoid deadlocks.

Callers run inside `transaction.atomic()`. On PostgreSQL this is `SELECT ... FOR UPDATE`;
on SQLite, where the whole database is locked by an IMMEDIATE transaction (see settings),
the select simply re-reads the rows.
"""

from django.db import models, transaction


def lock(*instances: models.Model) -> list[models.Model]:
    """Lock the rows of `instances` and return fresh copies in the caller's order."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic().")
    ordered = sorted(instances, key=lambda obj: (obj._meta.label, obj.pk))
    fresh = {}
    for obj in ordered:
        model = type(obj)
        fresh[(model, obj.pk)] = model._default_manager.select_for_update().get(pk=obj.pk)
    return [fresh[(type(obj), obj.pk)] for obj in instances]
