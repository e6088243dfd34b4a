"""PostgreSQL plans a statement the site runs often once per connection, not on every run."""

import pytest
from django.db import connection

from dugnad.core.models import Area
from tests.factories import AreaFactory, MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_query_run_often_is_prepared_with_its_values_apart():
    municipalities = [MunicipalityFactory(), MunicipalityFactory(number="3220", name="Enebakk")]
    AreaFactory(municipality=municipalities[0], name="Nord", slug="nord")
    # The connection outlives a test: only what this test's query prepared counts.
    before = set(_prepared_statements())
    counts = [
        Area.objects.filter(municipality=municipalities[n % 2], slug__startswith="nor").count()
        for n in range(8)
    ]

    assert counts == [1, 0] * 4  # the values of each run, not of the run it was prepared on
    prepared = [
        sql
        for sql in set(_prepared_statements()) - before
        if '"core_area"' in sql and "COUNT" in sql and "LIKE" in sql
    ]
    assert len(prepared) == 1
    assert "$1" in prepared[0] and "nor" not in prepared[0].replace("core_area", "")


def test_timestamps_load_through_psycopgs_own_loader_with_djangos_values():
    from datetime import UTC, datetime

    import psycopg
    from django.contrib.sessions.models import Session
    from psycopg.pq import Format

    moments = [
        datetime(2027, 3, 4, 17, 30, 15, 250, tzinfo=UTC),
        datetime(1999, 12, 31, tzinfo=UTC),
    ]
    for n, moment in enumerate(moments):
        Session.objects.create(session_key=f"timestamps-{n}", session_data="", expire_date=moment)
    read = list(
        Session.objects.filter(session_key__startswith="timestamps-")
        .order_by("session_key")
        .values_list("expire_date", flat=True)
    )
    assert read == moments
    assert all(value.tzinfo is UTC for value in read)  # what Django's own loader gives
    # Django registers its loader (in Python) again on a cursor whose loader does not say it
    # is in the connection's time zone: it must not have.
    with connection.cursor() as cursor:
        loader = cursor.cursor.adapters.get_loader(
            psycopg.adapters.types["timestamptz"].oid, Format.TEXT
        )
    assert loader.timezone is UTC
    made = loader(psycopg.adapters.types["timestamptz"].oid, cursor.cursor)
    assert type(made) is psycopg.adapters.get_loader(
        psycopg.adapters.types["timestamptz"].oid, Format.TEXT
    )
