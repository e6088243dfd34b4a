import pytest
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
def test_recommended_assignments_skip_joined_and_give_reasons(
    volunteer, assignment, moertunet, municipality
):
    other = make_assignment(unit=moertunet, title="Turvenn", topics=["elderly"], languages=["ar"])
    make_assignment(unit=moertunet, title="Fotballtrener", topics=["sports"], times=["weekend"])
    with translation.override("en"):
        found = matching.recommended_assignments(volunteer, municipality)
    titles = [m.obj.title for m in found]
    assert titles == ["Turvenn", "Vert på Kulturfesten"]
    assert "Fotballtrener" not in titles
    assert found[0].reasons == [
        "interested in spending time with the elderly",
        "speaks Arabic",
        "free on weekday evenings",
    ]
    express_interest(volunteer, other)
    assert "Turvenn" not in [
        m.obj.title for m in matching.recommended_assignments(volunteer, municipality)
    ]


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
    with django_assert_max_num_queries(6):
        found = matching.recommended_volunteers(assignment, limit=10)
    assert len(found) == 10 and found[0].obj == volunteer


def _varied_profiles(count, area):
    """Deterministic, varied profiles: every combination the scoring distinguishes."""
    from dugnad.volunteering.models import Commitment, Language, Skill, Slot, Topic

    topics, skills, languages, slots = Topic.values, Skill.values, Language.values, Slot.values
    users = []
    for i in range(count):
        user = person()
        VolunteerProfile.objects.create(
            user=user,
            interests=[topics[i % len(topics)], topics[(i * 3) % len(topics)]][: 1 + i % 2],
            skills=[skills[(i * 5) % len(skills)]] if i % 3 else [],
            languages=[languages[i % len(languages)]],
            availability=[slots[i % len(slots)]],
            commitment=Commitment.values[i % 3],
            area=area if i % 4 == 0 else None,
            birth_year=[1950, 1990, 2012, None][i % 4],
            contactable=i % 7 != 0,
        )
        users.append(user)
    return users


@pytest.mark.django_db
def test_database_ranking_equals_the_reference_ranking(organisation, nordby):
    """The database ranks with the same formula as `score`: same order, same points."""
    _varied_profiles(60, nordby)
    year = matching.timezone.localdate().year
    needs = [
        make_assignment(
            organisation=organisation,
            topics=["culture", "elderly"],
            skills=["music"],
            languages=["ar", "uk"],
            times=["weekend"],
            area=nordby,
            min_age=18,
            kind="ongoing",
        ),
        make_assignment(organisation=organisation, topics=["tech"], skills=["programming"]),
        make_assignment(organisation=organisation, topics=[], languages=["pl"], times=[]),
    ]
    rows = VolunteerProfile.objects.filter(contactable=True).values_list(*matching.CANDIDATE_FIELDS)
    candidates = [matching.candidate_from_row(row) for row in rows]
    for assignment in needs:
        need = matching.need_from_row([getattr(assignment, f) for f in matching.NEED_FIELDS])
        fitting = len(rank_candidates(candidates, need, year, 100))
        for limit in (3, 6):
            # Fewer places than fitting volunteers: the database must choose, not just sort.
            assert fitting > limit
            expected = rank_candidates(candidates, need, year, limit)
            found = matching.recommended_volunteers(assignment, limit=limit)
            assert [(m.score, m.obj.pk) for m in found] == [(p, c.user_id) for p, c in expected]


@pytest.mark.django_db
def test_assignment_ranking_equals_the_reference_ranking(
    organisation, nordby, volunteer, municipality
):
    from dugnad.volunteering.models import Assignment, Language, Slot, Topic

    for i in range(40):
        make_assignment(
            organisation=organisation,
            title=f"Oppdrag {i}",
            topics=[Topic.values[i % 8], Topic.values[(i * 3) % 8]][: 1 + i % 2],
            languages=[Language.values[(i * 2) % 7]] if i % 3 else [],
            kind=Assignment.Kind.values[i % 2],
            min_age=[None, 18, 40, 0][i % 4],
            times=[Slot.values[i % 3]],
            area=nordby if i % 5 == 0 else None,
        )
    profile = VolunteerProfile.objects.get(user=volunteer)
    candidate = matching.candidate_from_row(
        [getattr(profile, f) for f in matching.CANDIDATE_FIELDS]
    )
    year = matching.timezone.localdate().year
    expected = sorted(
        (
            (points, a.pk)
            for a in Assignment.objects.all()
            if (
                points := score(
                    candidate,
                    matching.need_from_row([getattr(a, f) for f in matching.NEED_FIELDS]),
                    year,
                )
            )
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    assert len(expected) > 6
    found = matching.recommended_assignments(volunteer, municipality, limit=6)
    assert [(m.score, m.obj.pk) for m in found] == expected[:6]
    too_old = set(Assignment.objects.filter(min_age=40).values_list("pk", flat=True))
    assert too_old and not too_old & {m.obj.pk for m in found}  # born 1990


@pytest.mark.django_db
def test_matching_queries_do_not_grow_with_volunteers_or_assignments(
    assignment, volunteer, organisation, municipality, django_assert_num_queries
):
    VolunteerProfile.objects.create(user=person(), interests=["culture"], contactable=True)
    # One query ranks and reads the best volunteers, one names the assignment's area.
    with django_assert_num_queries(2):
        few = matching.recommended_volunteers(assignment)
    with django_assert_num_queries(2):
        matching.recommended_assignments(volunteer, municipality)
    for _n in range(40):
        VolunteerProfile.objects.create(
            user=person(), interests=["culture"], languages=["ar"], contactable=True
        )
        make_assignment(organisation=organisation, topics=["culture"])
    with django_assert_num_queries(2):
        many = matching.recommended_volunteers(assignment)
    with django_assert_num_queries(2):
        assert len(matching.recommended_assignments(volunteer, municipality)) == 5
    assert len(few) == 2 and len(many) == 10
