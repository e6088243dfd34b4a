"""Accent- and case-insensitive matching for the site search, on both databases.

`Folded(expression)` is the column folded as `core.text.fold` folds the words typed: on
PostgreSQL `lower(unaccent(...))` (the extension is created by core's migration 0002), on
SQLite a function of the same name registered on every connection that runs `fold` itself.
`matching(queryset, fields, text)` keeps the rows where every word typed is in one of `fields`,
so "sprakkafe" finds "Språkkafé" and "ås" finds "As" alike. Tables with a stored folded column
(events) use it instead; this is for the smaller ones (assignments, pages, stories).
"""

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func, Q, Value
from django.db.models.functions import Coalesce

from .text import fold

MAX_WORDS = 5
SQLITE_FUNCTION = "dugnad_fold"


class Folded(Func):
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(Coalesce(expression, Value("")), **extra)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="lower(unaccent(%(expressions)s))", **extra
        )


def words_of(text: str) -> list[str]:
    return fold(text).split()[:MAX_WORDS]


def matching(queryset, fields: tuple[str, ...], text: str):
    """Rows of `queryset` where every word of `text` is found, folded, in one of `fields`."""
    words = words_of(text)
    if not words:
        return queryset.none()
    annotations = {f"folded_{field}": Folded(field) for field in fields}
    queryset = queryset.alias(**annotations)
    for word in words:
        condition = Q()
        for name in annotations:
            condition |= Q(**{f"{name}__contains": word})
        queryset = queryset.filter(condition)
    return queryset


def _register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def connect_signals() -> None:
    connection_created.connect(_register_sqlite_fold, dispatch_uid="dugnad-sqlite-fold")
