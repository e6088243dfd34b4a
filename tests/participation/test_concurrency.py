"""Parallel votes on PostgreSQL: one vote per person, however many clicks arrive together, and a
budget that parallel votes of different people cannot break per vote."""

import pytest

from dugnad.core.errors import Conflict
from dugnad.participation import actions
from dugnad.participation.models import Phase, Vote, VoteChoice
from tests.race import errors, race

from .conftest import make_process, move_to, participant, propose, young

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _open_vote(process, staff, author, costs):
    ideas = [propose(author, process, title=f"Ide {i}") for i in range(len(costs))]
    move_to(process, Phase.ASSESSMENT)
    for idea, cost in zip(ideas, costs, strict=True):
        idea.refresh_from_db()
        actions.answer(staff, idea, feasible=True, text="Kan gjøres.", cost_ore=cost)
    move_to(process, Phase.VOTE)
    return ideas


def test_eight_parallel_votes_by_one_person_count_once(process, staff, sara, ali):
    (idea,) = _open_vote(process, staff, sara, [0])
    p = participant(ali, process.municipality)
    results = race(lambda i: actions.cast_vote(ali, process, p, [idea]), 8)
    assert len(errors(results, Conflict)) == 7
    assert errors(results, Exception) == errors(results, Conflict)
    assert Vote.objects.filter(voter=ali).count() == 1
    assert VoteChoice.objects.count() == 1


def test_parallel_budget_votes_of_many_people_all_count(youth_unit, staff, sara, municipality):
    process = make_process(youth_unit, budget_ore=10_000_00)
    a, b = _open_vote(process, staff, sara, [6_000_00, 4_000_00])
    voters = [young(municipality, 15, f"V{i}") for i in range(6)]
    parts = [participant(v, municipality) for v in voters]
    results = race(lambda i: actions.cast_vote(voters[i], process, parts[i], [a, b]), 6)
    assert errors(results) == []
    assert Vote.objects.count() == 6 and VoteChoice.objects.count() == 12
