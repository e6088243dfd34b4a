"""Many people sign up for the last places at once: never more confirmed than capacity."""

import threading

import pytest
from django.db import connection

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.errors import Conflict
from tests.factories import UserFactory


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_never_overfill(make_event):
    event = make_event(capacity=3, waitlist=2)
    occurrence = event.occurrences.get()
    users = [UserFactory() for _ in range(10)]
    results, barrier = [], threading.Barrier(len(users))

    def attempt(user):
        try:
            barrier.wait()
            results.append(actions.sign_up(user, occurrence, participant_name=user.email).status)
        except Conflict:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count("confirmed") == 3
    assert results.count("waiting") == 2 and results.count("full") == 5
    assert SignUp.objects.filter(status="confirmed").count() == 3
