"""Queries compiled to SQL once per process, run again with other values (issue 15).

Building and compiling a queryset costs this process 0.3-1 ms a query, several times what the
database takes to answer a page's small reads (an event's age groups, an organisation's
activities). `Prepared` compiles a queryset once per process and database, and each call then
runs the same SQL with its own values, converting the columns as the ORM would. The SQL is the
same for every request and changes only with the code, so it is a compiled constant, not a
cache of data: every call reads the database.

Only for querysets of rows (values() or values_list(): no model instances) whose SQL does not
depend on the values: no None that would turn `=` into IS NULL, and no list of varying length
except as `InIds` (a list of keys sent as one parameter, given a `sample_ids` stand-in).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Lookup
from django.db.models.query import FlatValuesListIterable, ValuesIterable, ValuesListIterable


def sample_int(n: int) -> int:
    """A stand-in integer no real row or constant of a query uses."""
    return 2_000_000_000 + n


def sample_small_int(n: int) -> int:
    """A stand-in for a value compared with a small-integer column: Django compiles a lookup
    away when its value is out of the column's range (sample_int would be)."""
    return 30_000 + n


def sample_datetime(n: int) -> datetime:
    """A stand-in aware datetime no real value of a query uses."""
    return datetime(2001, 2, 3, 4, 5, 6, 700 + n, tzinfo=UTC)


def sample_str(n: int) -> str:
    return f"prepared-sample-{n}-x"


class Ids(tuple):
    """A stand-in list of integer keys for an InIds lookup in a Prepared query (sample_ids)."""


def sample_ids(n: int) -> Ids:
    return Ids((sample_int(n),))


def encode_ids(ids, vendor: str) -> str:
    """Integer keys as InIds sends them: one PostgreSQL array literal ("{1,2}") or one JSON
    array for SQLite ("[1,2]"). operator.index refuses anything but an integer (a float, a
    string of digits), so nothing else can reach the SQL."""
    joined = ",".join(map(str, map(operator.index, ids)))
    return f"{{{joined}}}" if vendor == "postgresql" else f"[{joined}]"


class InIds(Lookup):
    """`column IN (ids)` for a list of integer keys, sent as one parameter.

    A municipality's calendar filters its dates by several hundred event ids (489 at Ås). As
    an IN list, the SQL has a placeholder per id, so each length is a new statement that psycopg
    parses again, and Prepared could not compile it once. As psycopg's list parameter, each id
    went through its array dumper in Python (0.6 ms for 489 ids). Here the ids are one text
    parameter made by one join: `column = ANY(%s::bigint[])` on PostgreSQL, which plans it as
    the list (an index probe per id), and `column IN (SELECT value FROM json_each(%s))` on
    SQLite. Other databases get the IN list. No ids: nothing matches (no query, as `__in=[]`).
    """

    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        ids = [value for value in self.rhs if value is not None]
        if not ids:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            array_type = self.lhs.output_field.db_type(connection)
            sql = f"{lhs} = ANY(%s::{array_type}[])"
        elif connection.vendor == "sqlite":
            sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (lhs: a column)
        else:
            return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", (*lhs_params, *ids)
        return sql, (*lhs_params, encode_ids(ids, connection.vendor))


def _adapt_datetime(value, connection):
    return connection.ops.adapt_datetimefield_value(value)


def _adapt_ids(value, connection):
    return encode_ids(value, connection.vendor)


def _typed_as(kind):
    return lambda value, connection: kind(value)


def _adapter(sample):
    """How a value in `sample`'s place becomes the parameter the compiled SQL takes (None:
    as it is)."""
    if isinstance(sample, datetime):
        return _adapt_datetime
    if isinstance(sample, Ids):
        return _adapt_ids
    return None


class Prepared:
    """`build(*values)` returns the queryset for the values; it is called once per database
    with `samples` (stand-ins of the same types: sample_int, sample_datetime, sample_str, and
    sample_ids for the list of keys an InIds lookup takes), and
    the SQL it compiles to is kept. `prepared(*values)` then runs that SQL with the values put
    where the samples were, and returns the rows as the queryset would (dicts for values(),
    tuples for values_list(), single values for flat=True), as a list."""

    def __init__(self, build: Callable[..., Any], *samples):
        self.build, self.samples = build, samples
        self._compiled: dict[tuple[str, str], tuple] = {}

    def __call__(self, *values, using: str = "default") -> list:
        connection = connections[using]
        key = (using, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(connection, using)
        sql, template, slots, converters, shape = compiled
        params = list(template)
        for position, index, adapt in slots:
            value = values[index]
            params[position] = value if adapt is None else adapt(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [self._convert(row, converters, connection) for row in rows]
        kind, names, width = shape
        if kind == "dict":
            return [dict(zip(names, row, strict=False)) for row in rows]
        if kind == "flat":
            return [row[0] for row in rows]
        return [tuple(row[:width]) for row in rows]

    @staticmethod
    def _convert(row, converters, connection):
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return row

    def _compile(self, connection, using):
        queryset = self.build(*self.samples).using(using)
        query = queryset.query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        adapters = [_adapter(sample) for sample in self.samples]
        adapted = [
            sample if adapt is None else adapt(sample, connection)
            for sample, adapt in zip(self.samples, adapters, strict=True)
        ]
        slots, found = [], set()
        for position, param in enumerate(params):
            for index, sample in enumerate(adapted):
                if type(param) is type(sample) and param == sample:
                    slots.append((position, index, adapters[index]))
                    found.add(index)
                elif type(sample) is int and isinstance(param, int) and param == sample:
                    # An integer the backend typed for its column (psycopg's Int2 for a
                    # small-integer field): each value goes in typed the same way.
                    slots.append((position, index, _typed_as(type(param))))
                    found.add(index)
        if len(found) != len(self.samples) or any(
            isinstance(s, date) and not isinstance(s, datetime) for s in self.samples
        ):
            raise ValueError(f"Not every sample went into the SQL as it is: {sql}")
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        converters = list(compiler.get_converters(fields).items())
        iterable = queryset._iterable_class
        if iterable is ValuesIterable:
            if query.selected:
                names = list(query.selected)
            else:
                names = [*query.extra_select, *query.values_select, *query.annotation_select]
            shape = ("dict", names, len(names))
        elif iterable is FlatValuesListIterable:
            shape = ("flat", (), 1)
        elif iterable is ValuesListIterable:
            shape = ("tuple", (), compiler.col_count)
        else:
            raise ValueError("Prepared runs values() and values_list() querysets only.")
        return sql, tuple(params), slots, converters, shape


class PreparedShapes:
    """Prepared queries whose SQL depends on a shape (which filters are given, a slice's
    bounds), each made by `make(shape)` on the shape's first use and kept. At most `limit` are
    kept: past it `get` gives None and the caller runs its queryset as it is, so no address can
    make a process compile and keep queries without end."""

    def __init__(self, make: Callable[[Any], Prepared], limit: int):
        self.make, self.limit = make, limit
        self._kept: dict[Any, Prepared] = {}

    def get(self, shape) -> Prepared | None:
        prepared = self._kept.get(shape)
        if prepared is None and len(self._kept) < self.limit:
            prepared = self._kept[shape] = self.make(shape)
        return prepared

    def __len__(self) -> int:
        return len(self._kept)


class Joined:
    """A model instance and the instances joined to it (what select_related gives), built from
    one row of plain values: the row of a Prepared values_list(*joined.fields()) query.

    `exclude` leaves columns out (they are deferred, read on first use as with defer());
    `joins` maps a forward foreign-key path ("room", "room__building") to (model, exclude),
    parents before children. A join whose key is empty gives None, as select_related does.
    """

    def __init__(self, model, exclude=(), **joins):
        self.model, self.own = model, _columns(model, exclude)
        self.joins = [(path, m, _columns(m, ex)) for path, (m, ex) in joins.items()]

    def fields(self) -> list[str]:
        names = list(self.own)
        for path, _model, columns in self.joins:
            names += [f"{path}__{column}" for column in columns]
        return names

    def build(self, row, using: str = "default"):
        start = len(self.own)
        instance = self.model.from_db(using, self.own, row[:start])
        made = {"": instance}
        for path, model, columns in self.joins:
            values = row[start : start + len(columns)]
            start += len(columns)
            parent_path, _sep, name = path.rpartition("__")
            parent = made[parent_path]
            if parent is None:
                made[path] = None
                continue
            pk = values[columns.index(model._meta.pk.attname)]
            related = None if pk is None else model.from_db(using, columns, values)
            parent._meta.get_field(name).set_cached_value(parent, related)
            made[path] = related
        return instance


def _columns(model, exclude) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
