"""What each new database connection is set up with, beyond settings.DATABASES.

**Timestamps load in C on PostgreSQL.** Django registers its own loader for `timestamptz` on
every psycopg connection, a Python subclass of psycopg's loader that sets the time zone on each
value. psycopg's C loader cannot stand in for a Python subclass, so every timestamp a query read
was parsed in Python: 0.4 ms of a calendar page's 40 dates (three timestamps each), a thousand
per feed. With USE_TZ the session's time zone is UTC (Django sets it), and psycopg's own
loader then gives the same values, aware and in `datetime.timezone.utc`, as Django's does. So
on such a connection psycopg's loader is registered again, and psycopg swaps in its C version.
A session in another time zone, or USE_TZ off, keeps Django's loader.
"""

from datetime import UTC

import psycopg  # a dependency on every machine (pyproject), whichever database is used
from django.conf import settings
from django.db.backends.signals import connection_created
from psycopg.pq import Format

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid


class _UtcTimestamps:
    """Registered as the connection's timestamptz loader: psycopg makes a loader by calling
    it, and gets its own C loader. `timezone` is what Django compares, on every cursor, with
    the connection's (it registers its own loader again when they differ); `format` is what
    psycopg files the loader under. psycopg's C class cannot be subclassed to carry them."""

    timezone = UTC
    format = Format.TEXT
    _optimised = None

    def __new__(cls, oid, context=None):
        if cls._optimised is None:
            cls._optimised = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        return cls._optimised(oid, context)


def _timestamps_in_c(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or not settings.USE_TZ:
        return
    raw = connection.connection
    if connection.timezone is UTC and raw.info.timezone is UTC:
        raw.adapters.register_loader(TIMESTAMPTZ_OID, _UtcTimestamps)


def connect_signals() -> None:
    connection_created.connect(_timestamps_in_c, dispatch_uid="dugnad-timestamps-in-c")
