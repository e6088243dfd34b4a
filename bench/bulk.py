"""Bulk loading through PostgreSQL COPY.

Rows are tuples of the columns that vary; every other concrete field of the model gets one
value computed once (its default, `now` for auto_now fields, NULL or "" where allowed), so that
the Python side does as little as possible per row. Django's bulk_create builds an INSERT with
every value as a parameter; COPY streams them, which is what lets `norway` build in minutes.
"""

import json
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone
from tqdm import tqdm


def _constant(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(field, models.JSONField) else value
    if field.null:
        return None
    if field.empty_strings_allowed and field.blank:
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value in the generator")


def next_id(model) -> int:
    """The first free primary key: explicit ids let later tables refer to rows without reading
    them back."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def copy_rows(
    model,
    columns: list[str],
    rows: Iterable[tuple],
    *,
    total: int | None = None,
    desc: str = "",
    progress: bool = True,
) -> int:
    """COPY `rows` (tuples in the order of `columns`, given as attnames) into `model`'s table."""
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    unknown = set(columns) - set(by_attname)
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    now = timezone.now()
    constants = [
        (f.column, _constant(f, now))
        for f in meta.concrete_fields
        if f.attname not in columns and not f.primary_key and not f.generated
    ]
    names = [by_attname[c].column for c in columns] + [name for name, _ in constants]
    tail = tuple(value for _, value in constants)
    quote = connection.ops.quote_name
    sql = f"COPY {quote(meta.db_table)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    count = 0
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        with cursor.copy(sql) as copy:
            for row in tqdm(
                rows,
                total=total,
                desc=desc or meta.verbose_name_plural,
                disable=not progress,
                unit=" rows",
                mininterval=0.5,
                leave=False,
            ):
                copy.write_row(row + tail)
                count += 1
        if "id" in columns:
            # Explicit ids leave the sequence behind; the app's own inserts must not collide.
            table = meta.db_table
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {quote(table)}))",
                [table],
            )
    return count


def through(model, field_name):
    """The auto-created many-to-many table of `model.field_name` and its two column attnames."""
    m2m = model._meta.get_field(field_name)
    table = m2m.remote_field.through
    source = m2m.m2m_field_name() + "_id"
    target = m2m.m2m_reverse_field_name() + "_id"
    return table, source, target
