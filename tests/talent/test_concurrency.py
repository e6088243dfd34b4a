"""A place is never given twice: parallel decisions and declines on PostgreSQL (tests/race.py)."""

import pytest

from dugnad.core.errors import Conflict
from dugnad.talent import actions
from dugnad.talent.actions.decisions import places_held
from dugnad.talent.models import Nomination
from tests.race import errors, race, race_each

from .conftest import NOW, completed

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_the_last_place_goes_to_one_of_many(call, teacher, guardian, admin):
    call.places = 1
    call.save()
    entries = [completed(call, teacher, guardian, name=f"Elev {i}", when=NOW) for i in range(6)]
    results = race(lambda i: actions.decide(admin, entries[i], "admitted", now=NOW), 6)
    assert len(errors(results, Conflict)) == 5
    assert not [r for r in errors(results) if not isinstance(r, Conflict)]
    assert places_held(call) == 1


def test_parallel_declines_offer_each_place_once(call, teacher, guardian, admin):
    a, b, w1, w2, w3 = (
        completed(call, teacher, guardian, name=n, when=NOW) for n in ("A", "B", "W1", "W2", "W3")
    )
    actions.decide(admin, a, "admitted", now=NOW)
    actions.decide(admin, b, "admitted", now=NOW)
    for waiting in (w1, w2, w3):
        actions.decide(admin, waiting, "waiting", now=NOW)
    results = race_each(
        [
            lambda: actions.answer_offer(guardian, a, accept=False, now=NOW),
            lambda: actions.answer_offer(guardian, b, accept=False, now=NOW),
            lambda: actions.decide(admin, w3, "admitted", now=NOW),
        ]
    )
    unexpected = [r for r in errors(results) if not isinstance(r, Conflict)]
    assert not unexpected
    assert places_held(call) == 2
    offered = set(
        Nomination.objects.filter(call=call, offer="offered").values_list("pupil_name", flat=True)
    )
    assert len(offered) == 2 and offered <= {"W1", "W2", "W3"}
