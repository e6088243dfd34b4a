"""No request type of the benchmark's mix issues more than 15 SQL queries (issue #7)."""

import datetime as dt
import random

import pytest
from django.test import RequestFactory

from bench.generate import BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD, OSLO
from bench.mix import TYPES, build, collect_sample, missing, send
from dugnad.accounts.actions import issue_token

pytestmark = pytest.mark.postgres_only

MAX_QUERIES = 15


@pytest.fixture
def sample(tiny):
    data = collect_sample()
    assert missing(data) == []
    # The login policy (allauth's lock-out) reads the request the credentials came with.
    request = RequestFactory().post("/api/v1/auth/token")
    _token, data["token"] = issue_token(BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD, request=request)
    return data


READS = [t for t in TYPES if t.name != "booking"]


@pytest.mark.parametrize("request_type", READS, ids=[t.name for t in READS])
def test_each_read_type_stays_within_the_query_budget(
    request_type, sample, client, django_assert_max_num_queries
):
    rng = random.Random(3)
    for _ in range(3):
        request = build(request_type.name, sample, rng)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = send(client, request, sample["token"])
        assert response.status_code in request_type.ok, response.content[:300]


def _free_slot(sample):
    # 06:00-08:00 is before any generated booking and inside no one's way; pick a weekday.
    day = dt.date.today() + dt.timedelta(days=20)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    start = dt.datetime(day.year, day.month, day.day, 8, tzinfo=OSLO)
    return start, start + dt.timedelta(hours=2)


def _booking(sample):
    start, end = _free_slot(sample)
    return {
        "room_id": sample["rooms"][0],
        "start": start.isoformat(),
        "end": end.isoformat(),
        "title": "Trening",
        "organisation_id": sample["organisation_id"],
    }


def _post(client, body, token):
    return client.post(
        "/api/v1/bookings",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_successful_booking_stays_within_the_query_budget(
    transactional_db, sample, client, django_assert_max_num_queries
):
    # Without the test's wrapping transaction, so that the count is what production runs:
    # the booking's own transaction, not savepoints inside the test's.
    body = _booking(sample)
    _post(client, {**body, "room_id": sample["rooms"][-1]}, sample["token"])  # warm caches
    with django_assert_max_num_queries(MAX_QUERIES):
        response = _post(client, body, sample["token"])
    assert response.status_code == 201, response.content


def test_a_conflicting_booking_attempt_stays_within_the_query_budget(
    sample, client, django_assert_max_num_queries
):
    body = _booking(sample)
    assert _post(client, body, sample["token"]).status_code == 201
    # The same slot again is a conflict, answered as JSON, within the budget.
    with django_assert_max_num_queries(MAX_QUERIES):
        again = _post(client, body, sample["token"])
    assert again.status_code == 409
    assert again.json()["code"] == "already_booked"
