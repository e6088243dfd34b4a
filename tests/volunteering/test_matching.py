import pytest
from django.core.cache import cache
from django.utils import translation

from dugnad.volunteering import matching
from dugnad.volunteering.actions import express_interest
from dugnad.volunteering.matching import Candidate, Need, rank_candidates, reasons, score
from dugnad.volunteering.models import VolunteerProfile

from .conftest import make_assignment, person


def cand(uid, topics=(), skills=(), langs=(), times=(), area=None, born=1990, commitment="both"):
    return Candidate(
        uid,
        frozenset(topics),
        frozenset(skills),
        frozenset(langs),
        frozenset(times),
        area,
        born,
        commitment,
    )


NEED = Need(
    1,
    frozenset({"language"}),
    frozenset({"teaching"}),
    frozenset({"ar"}),
    frozenset({"weekday_evening"}),
    7,
    18,
    "ongoing",
)


def test_scores_rank_on_fixed_data():
    arabic_evenings = cand(1, topics={"language"}, langs={"ar", "nb"}, times={"weekday_evening"})
    teacher = cand(
        2, topics={"language"}, skills={"teaching"}, langs={"ar"}, times={"weekday_evening"}, area=7
    )
    unrelated = cand(3, topics={"sports"}, times={"weekend"}, commitment="one_off")
    too_young = cand(4, topics={"language"}, langs={"ar"}, born=2015)
    ranked = rank_candidates([arabic_evenings, teacher, unrelated, too_young], NEED, 2026, 10)
    assert [c.user_id for _s, c in ranked] == [2, 1]
    assert score(teacher, NEED, 2026) == 3 + 2 + 3 + 2 + 1 + 1
    assert score(too_young, NEED, 2026) is None
    assert score(unrelated, NEED, 2026) == 0


def test_reasons_are_readable():
    with translation.override("en"):
        text = reasons(cand(1, langs={"ar"}, times={"weekday_evening"}), NEED, {7: "Nordby"})
    assert text == ["speaks Arabic", "free on weekday evenings", "meets the minimum age"]


@pytest.mark.django_db
def test_recommended_assignments_skip_joined_and_give_reasons(volunteer, assignment, moertunet):
    other = make_assignment(unit=moertunet, title="Turvenn", topics=["elderly"], languages=["ar"])
    make_assignment(unit=moertunet, title="Fotballtrener", topics=["sports"], times=["weekend"])
    with translation.override("en"):
        found = matching.recommended_assignments(volunteer)
    titles = [m.obj.title for m in found]
    assert titles == ["Turvenn", "Vert på Kulturfesten"]
    assert "Fotballtrener" not in titles
    assert found[0].reasons == [
        "interested in spending time with the elderly",
        "speaks Arabic",
        "free on weekday evenings",
    ]
    express_interest(volunteer, other)
    assert "Turvenn" not in [m.obj.title for m in matching.recommended_assignments(volunteer)]


@pytest.mark.django_db
def test_recommended_volunteers_only_contactable_and_constant_queries(
    assignment, volunteer, django_assert_max_num_queries
):
    shy = person()
    VolunteerProfile.objects.create(user=shy, interests=["culture"], contactable=False)
    with django_assert_max_num_queries(6):
        found = matching.recommended_volunteers(assignment)
    assert [m.obj for m in found] == [volunteer]
    for _n in range(30):
        VolunteerProfile.objects.create(user=person(), interests=["culture"], contactable=True)
    cache.clear()  # results are cached for a few minutes per assignment
    with django_assert_max_num_queries(6):
        found = matching.recommended_volunteers(assignment, limit=10)
    assert len(found) == 10 and found[0].obj == volunteer
