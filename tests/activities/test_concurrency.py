"""Many people sign up for the last places at once: never more confirmed than capacity."""

import pytest

from dugnad.activities import actions
from dugnad.activities.models import SignUp
from dugnad.core.errors import Conflict
from tests.factories import UserFactory
from tests.race import race


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_never_overfill(make_event):
    event = make_event(capacity=3, waitlist=2)
    occurrence = event.occurrences.get()
    users = [UserFactory() for _ in range(10)]

    def attempt(i):
        try:
            return actions.sign_up(users[i], occurrence, participant_name=users[i].email).status
        except Conflict:
            return "full"

    results = race(attempt, len(users))
    assert results.count("confirmed") == 3, results
    assert results.count("waiting") == 2 and results.count("full") == 5
    assert SignUp.objects.filter(status="confirmed").count() == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_families_are_signed_up_whole_or_not_at_all(make_event):
    # 5 places + 2 on the waiting list = 7; families of 3 compete: at most two fit whole.
    event = make_event(capacity=5, waitlist=2)
    occurrence = event.occurrences.get()
    guardians = [UserFactory() for _ in range(6)]

    def attempt(i):
        user = guardians[i]
        people = [
            actions.Participant(participant_name=f"{user.pk}-{n}", participant_age=8)
            for n in range(3)
        ]
        try:
            return [s.status for s in actions.sign_up_many(user, occurrence, people)]
        except Conflict:
            return "full"

    results = race(attempt, len(guardians))
    signed = [statuses for statuses in results if statuses != "full"]
    assert len(signed) == 2
    assert (
        sorted(status for family in signed for status in family)
        == ["confirmed"] * 5 + ["waiting"] * 1
    )
    per_guardian = {user.pk: SignUp.objects.filter(booked_by=user).count() for user in guardians}
    assert sorted(per_guardian.values()) == [0, 0, 0, 0, 3, 3]
    assert SignUp.objects.filter(status="confirmed").count() == 5
