"""Parallel sign-ups on PostgreSQL: the shift row lock keeps capacity exact."""

import threading

import pytest
from django.db import connection

from dugnad.core.errors import DomainError
from dugnad.volunteering import actions
from dugnad.volunteering.models import Assignment, Shift, ShiftSignUp

from .conftest import make_shift, person


def run_in_threads(count, work):
    barrier = threading.Barrier(count)
    results = []

    def target(i):
        try:
            barrier.wait()
            results.append(work(i))
        except DomainError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_never_overfill(organisation):
    assignment = Assignment.objects.create(
        organisation=organisation, title="Barnas verdensdag", description="Hjelpere"
    )
    shift = make_shift(assignment, needed=3)
    people = [person() for _ in range(8)]
    results = run_in_threads(
        8, lambda i: actions.sign_up(people[i], Shift.objects.get(pk=shift.pk)) and "ok"
    )
    assert results.count("ok") == 3
    assert results.count("full") == 5
    assert ShiftSignUp.objects.filter(shift=shift).count() == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_clashing_sign_ups_of_one_person(organisation):
    assignment = Assignment.objects.create(
        organisation=organisation, title="Kulturfesten", description="Verter"
    )
    shifts = [make_shift(assignment, hour=17, needed=5), make_shift(assignment, hour=18, needed=5)]
    me = person()
    results = run_in_threads(2, lambda i: actions.sign_up(me, shifts[i]) and "ok")
    assert sorted(results) == ["clash", "ok"]
