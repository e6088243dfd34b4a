"""No index that another one already serves: a one-column index on the first column of a
composite index costs every write and, on PostgreSQL, can be picked over the composite one
for a query that needs both columns (the calendar's dates by event and period did that)."""

from django.apps import apps
from django.db import connection


def _plain_indexes(constraints: dict) -> dict[str, tuple[str, ...]]:
    """The table's non-unique ascending indexes on plain columns, by name."""
    return {
        name: tuple(info["columns"])
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"]
        and None not in info["columns"]  # an index on an expression
        and set(info.get("orders") or ()) <= {"ASC"}
        and info.get("type") in (None, "btree", "idx")
    }


def _redundant_indexes() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if not model.__module__.startswith("dugnad.") or not model._meta.managed:
                continue
            table = model._meta.db_table
            constraints = connection.introspection.get_constraints(cursor, table)
            candidates = _plain_indexes(constraints)
            # Any index (unique ones too) whose leading columns are a candidate's serves it,
            # unless it is partial: it holds only the rows of its condition.
            partial = {
                rule.name
                for rule in (*model._meta.indexes, *model._meta.constraints)
                if getattr(rule, "condition", None) is not None
            }
            every = {
                name: tuple(info["columns"])
                for name, info in constraints.items()
                if info["index"]
                and info["columns"]
                and None not in info["columns"]
                and name not in partial
            }
            for name, columns in candidates.items():
                for other, longer in every.items():
                    if len(longer) > len(columns) and longer[: len(columns)] == columns:
                        found.append(f"{table}.{name} {columns} is served by {other} {longer}")
                        break
    return found


def test_no_index_is_a_prefix_of_another(db):
    assert _redundant_indexes() == []
