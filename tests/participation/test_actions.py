"""The domain's writes, their failure paths and the rules they enforce."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from dugnad.core.errors import Conflict, DomainError, NotAllowed
from dugnad.participation import actions
from dugnad.participation.models import (
    FollowUp,
    Idea,
    ModerationEntry,
    Phase,
    Process,
    Support,
    Visibility,
    Vote,
)
from tests.factories import UserFactory

from .conftest import idea_data, make_process, move_to, participant, propose, young

pytestmark = pytest.mark.django_db


def test_phases_follow_the_dates_in_oslo(youth_unit):
    process = make_process(
        youth_unit,
        ideas_start=dt.date(2026, 3, 1),
        assessment_start=dt.date(2026, 3, 29),
        vote_start=dt.date(2026, 4, 10),
        vote_end=dt.date(2026, 4, 20),
        follow_up_start=dt.date(2026, 5, 1),
    )
    expected = [
        ("2026-02-28 22:59:00+00:00", Phase.UPCOMING),  # 23:59 in Oslo
        ("2026-02-28 23:00:00+00:00", Phase.IDEAS),  # midnight in Oslo
        ("2026-03-28 22:30:00+00:00", Phase.IDEAS),  # 23:30 on the day before DST
        ("2026-03-28 23:00:00+00:00", Phase.ASSESSMENT),  # 00:00 CET on 29 March
        ("2026-04-12 12:00:00+00:00", Phase.VOTE),
        ("2026-04-19 22:00:00+00:00", Phase.RESULTS),  # midnight CEST
        ("2026-05-02 10:00:00+00:00", Phase.FOLLOW_UP),
    ]
    for moment, phase in expected:
        with time_machine.travel(moment, tick=False):
            assert process.phase == phase, moment


def test_the_database_refuses_phases_out_of_order(youth_unit):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        make_process(youth_unit, vote_start=timezone.localdate() - dt.timedelta(days=30))


def test_join_asks_for_birth_year_and_first_name_only(citizen, municipality):
    year = timezone.localdate().year
    with pytest.raises(DomainError) as error:
        actions.join(citizen, municipality, birth_year=year - 15, shown_name="Sara Hansen")
    assert error.value.field == "shown_name"
    with pytest.raises(DomainError) as error:
        actions.join(citizen, municipality, birth_year=year - 10, shown_name="Sara")
    assert error.value.code == "too_young"
    with pytest.raises(DomainError):
        actions.join(citizen, municipality, birth_year=20, shown_name="Sara")
    joined = actions.join(citizen, municipality, birth_year=year - 15, shown_name="Sara")
    citizen.refresh_from_db()
    assert citizen.birth_year == year - 15 and joined.shown_name == "Sara"


def test_eligibility_by_age_and_municipality(process, municipality):
    for age, allowed in ((12, False), (13, True), (19, True), (20, False)):
        user = young(municipality, age, name=f"P{age}")
        if allowed:
            assert propose(user, process, title=f"Ide {age}")
        else:
            with pytest.raises(NotAllowed):
                propose(user, process, title=f"Ide {age}")
    stranger = UserFactory(birth_year=timezone.localdate().year - 15)  # has not joined here
    with pytest.raises(NotAllowed):
        actions.propose_idea(stranger, process, None, idea_data())
    no_year = young(municipality, 15, "Nils")
    no_year.birth_year = None
    no_year.save()
    with pytest.raises(NotAllowed, match="year"):
        propose(no_year, process)


def test_an_idea_of_ten_thousand_characters_is_refused_with_the_count(process, sara):
    with pytest.raises(DomainError) as error:
        propose(sara, process, text="a" * 10_000)
    assert error.value.field == "text" and "10000" in str(error.value.message)
    assert not Idea.objects.exists()


def test_double_submit_makes_one_idea(process, sara):
    assert propose(sara, process) == propose(sara, process)
    assert Idea.objects.count() == 1


def test_the_author_edits_until_assessment(process, sara, ali):
    idea = propose(sara, process)
    with pytest.raises(NotAllowed):
        actions.update_idea(ali, idea, idea_data(title="Overtatt"))
    actions.update_idea(sara, idea, idea_data(title="Bedre tittel"))
    move_to(process, Phase.ASSESSMENT)
    idea.refresh_from_db()
    with pytest.raises(NotAllowed, match="no longer"):
        actions.update_idea(sara, idea, idea_data(title="For sent"))
    assert Idea.objects.get().title == "Bedre tittel"


def test_word_filter_holds_for_a_moderator_and_logs_it(process, sara, youth_moderator):
    idea = propose(sara, process, text="Faen så kjedelig det er her, vi trenger noe")
    assert idea.visibility == Visibility.PENDING
    entry = ModerationEntry.objects.get()
    assert entry.action == ModerationEntry.Action.FILTERED and entry.idea == idea
    actions.show(youth_moderator, idea)
    idea.refresh_from_db()
    assert idea.visibility == Visibility.VISIBLE
    assert ModerationEntry.objects.filter(action="shown", moderator=youth_moderator).exists()


def test_hiding_needs_a_reason_the_author_gets(process, sara, staff, ali, mailoutbox,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    idea = propose(sara, process)
    with pytest.raises(NotAllowed):
        actions.hide(ali, idea, "Liker den ikke")
    with pytest.raises(DomainError) as error:
        actions.hide(staff, idea, "  ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        actions.hide(staff, idea, "Navnet på en annen elev står i teksten.")
    idea.refresh_from_db()
    assert idea.visibility == Visibility.HIDDEN
    assert idea.hidden_reason == "Navnet på en annen elev står i teksten."
    assert [m.to for m in mailoutbox] == [[sara.email]]
    assert "Navnet på en annen elev" in mailoutbox[0].body
    log = ModerationEntry.objects.get(action="hidden")
    assert log.moderator == staff and log.reason == idea.hidden_reason


def test_staff_of_another_unit_cannot_moderate_or_answer(process, sara, other_staff):
    idea = propose(sara, process)
    with pytest.raises(NotAllowed):
        actions.hide(other_staff, idea, "Nei")
    move_to(process, Phase.ASSESSMENT)
    with pytest.raises(NotAllowed):
        actions.answer(other_staff, idea, feasible=True, text="Ja", cost_ore=100)


def test_youth_moderator_moderates_but_does_not_answer(process, sara, youth_moderator):
    idea = propose(sara, process)
    actions.hide(youth_moderator, idea, "Dobbelt sendt inn.")
    move_to(process, Phase.ASSESSMENT)
    with pytest.raises(NotAllowed):
        actions.answer(youth_moderator, idea, feasible=True, text="Ja", cost_ore=0)


def test_support_once_not_own_and_only_before_the_vote(process, sara, ali):
    idea = propose(sara, process)
    with pytest.raises(NotAllowed, match="own"):
        actions.support(sara, idea, participant(sara, process.municipality))
    p = participant(ali, process.municipality)
    actions.support(ali, idea, p)
    actions.support(ali, idea, p)
    assert Support.objects.count() == 1
    move_to(process, Phase.VOTE)
    idea.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.support(young(process.municipality, 14, "Ida"), idea,
                        participant(Support.objects.get().user, process.municipality))  # fmt: skip


@override_settings(PARTICIPATION_RATE_LIMITS={"comment": (2, 60), "idea": (2, 60)})
def test_rate_limits_on_comments_and_ideas(process, sara, ali):
    idea = propose(sara, process)
    p = participant(ali, process.municipality)
    actions.add_comment(ali, idea, p, "Bra!")
    actions.add_comment(ali, idea, p, "Veldig bra!")
    with pytest.raises(DomainError) as error:
        actions.add_comment(ali, idea, p, "Enda en")
    assert error.value.code == "rate_limited"
    propose(sara, process, title="To")
    with pytest.raises(DomainError, match="many ideas"):
        propose(sara, process, title="Tre")


def test_comment_with_a_filtered_word_waits_for_a_moderator(process, sara, ali):
    idea = propose(sara, process)
    comment = actions.add_comment(ali, idea, participant(ali, process.municipality), "for en dust")
    assert comment.visibility == Visibility.PENDING
    assert ModerationEntry.objects.filter(comment=comment, action="filtered").exists()


def _answered(process, staff, user, title, cost, feasible=True):
    idea = propose(user, process, title=title)
    return idea, cost, feasible


def test_answer_required_before_the_vote_and_feasible_needs_a_cost(process, sara, staff, ali):
    idea = propose(sara, process)
    unanswered = propose(sara, process, title="Ubesvart")
    move_to(process, Phase.ASSESSMENT)
    idea.refresh_from_db()
    with pytest.raises(DomainError) as error:
        actions.answer(staff, idea, feasible=True, text="Det går", cost_ore=None)
    assert error.value.field == "cost"
    actions.answer(staff, idea, feasible=True, text="Det går.", cost_ore=500_000)
    move_to(process, Phase.VOTE)
    p = participant(ali, process.municipality)
    with pytest.raises(DomainError) as error:
        actions.cast_vote(ali, process, p, [unanswered])
    assert error.value.code == "not_on_ballot"
    vote = actions.cast_vote(ali, process, p, [idea])
    assert vote.choices.get().idea == idea
    idea.refresh_from_db()
    with pytest.raises(NotAllowed, match="vote has started"):
        actions.answer(staff, idea, feasible=False, text="Likevel ikke", cost_ore=None)


def _ballot(process, staff, author, costs):
    move_to(process, Phase.IDEAS)
    ideas = [propose(author, process, title=f"Ide {i}") for i in range(len(costs))]
    move_to(process, Phase.ASSESSMENT)
    for idea, cost in zip(ideas, costs, strict=True):
        idea.refresh_from_db()
        actions.answer(staff, idea, feasible=True, text="Kan gjøres.", cost_ore=cost)
    move_to(process, Phase.VOTE)
    return ideas


def test_vote_twice_outside_phase_and_age(process, staff, sara, ali, municipality):
    (idea, other) = _ballot(process, staff, sara, [0, 0])
    p = participant(ali, municipality)
    actions.cast_vote(ali, process, p, [idea])
    with pytest.raises(Conflict, match="already"):
        actions.cast_vote(ali, process, p, [other])
    with pytest.raises(DomainError, match="one idea"):
        actions.cast_vote(sara, process, participant(sara, municipality), [idea, other])
    old = young(municipality, 25, "Per")
    with pytest.raises(NotAllowed, match="13 to 19"):
        actions.cast_vote(old, process, participant(old, municipality), [idea])
    move_to(process, Phase.RESULTS)
    with pytest.raises(NotAllowed, match="not open"):
        actions.cast_vote(sara, process, participant(sara, municipality), [idea])
    assert Vote.objects.count() == 1


def test_budget_voting_rules_on_fixed_data(youth_unit, staff, sara, municipality):
    process = make_process(youth_unit, budget_ore=10_000_00)  # 10 000 kroner
    a, b, c = _ballot(process, staff, sara, [6_000_00, 4_000_00, 5_000_00])
    voters = [young(municipality, 15, f"V{i}") for i in range(5)]
    with pytest.raises(DomainError) as error:
        actions.cast_vote(voters[0], process, participant(voters[0], municipality), [a, c])
    assert error.value.code == "over_budget" and "11000" in str(error.value.message)
    choices = [[a, b], [a, b], [c], [c, b], [a]]
    for voter, chosen in zip(voters, choices, strict=True):
        actions.cast_vote(voter, process, participant(voter, municipality), chosen)
    move_to(process, Phase.RESULTS)
    assert actions.compute_results(process) is True
    assert actions.compute_results(process) is False  # claimed once
    votes = {i.title: (i.votes, i.chosen) for i in Idea.objects.all()}
    # a: 3 votes (6000), b: 3 votes (4000), c: 2 votes (5000): a and b fill 10 000 exactly.
    assert votes == {"Ide 0": (3, True), "Ide 1": (3, True), "Ide 2": (2, False)}
    assert FollowUp.objects.count() == 2


def test_without_budget_the_most_voted_wins_ties_included(process, staff, sara, municipality):
    a, b, c = _ballot(process, staff, sara, [0, 0, 0])
    for i, chosen in enumerate([a, b, a, b, c]):
        voter = young(municipality, 15, f"V{i}")
        actions.cast_vote(voter, process, participant(voter, municipality), [chosen])
    with pytest.raises(DomainError, match="not over"):
        actions.compute_results(process)
    move_to(process, Phase.RESULTS)
    assert actions.compute_due_results() == 1
    assert set(Idea.objects.filter(chosen=True).values_list("title", flat=True)) == {
        "Ide 0",
        "Ide 1",
    }


def test_follow_up_to_done_with_dated_updates(process, staff, sara, municipality, ali):
    (idea,) = _ballot(process, staff, sara, [1000_00])
    actions.cast_vote(ali, process, participant(ali, municipality), [idea])
    move_to(process, Phase.RESULTS)
    actions.compute_results(process)
    idea.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.follow_up(ali, idea, state="done", text="Ferdig")
    actions.follow_up(staff, idea, state="in_progress", text="Utstyr er bestilt.",
                      day=dt.date(2026, 5, 2))  # fmt: skip
    row = actions.follow_up(staff, idea, state="done", text="Første kveld holdt.")
    assert row.state == "done" and row.updates.count() == 2
    row.realised_by = process  # any model can be linked; plans/initiatives are not imported
    row.save()
    assert FollowUp.objects.get().realised_by == process


def test_teacher_sends_in_the_classes_ideas_named_after_the_class(process, staff, citizen):
    school_class = actions.add_school_class(
        staff, process, name="6B", school="Solberg skole", teacher=citizen
    )
    idea = actions.propose_for_class(citizen, process, school_class, idea_data())
    assert idea.shown_name == "6B, Solberg skole" and idea.author == citizen
    other = UserFactory()
    with pytest.raises(NotAllowed, match="teacher"):
        actions.propose_for_class(other, process, school_class, idea_data(title="X"))


def test_creating_a_process_checks_unit_role_and_dates(staff, other_staff, youth_unit,
                                                       municipality):  # fmt: skip
    today = timezone.localdate()
    data = {
        "unit": youth_unit, "title": "Kultur & Helse", "summary": "Festivalprogram",
        "description": "", "min_age": 13, "max_age": 19, "budget_ore": None, "winners": 3,
        "ideas_start": today, "assessment_start": today + dt.timedelta(days=10),
        "vote_start": today + dt.timedelta(days=20), "vote_end": today + dt.timedelta(days=30),
        "follow_up_start": today + dt.timedelta(days=40),
    }  # fmt: skip
    with pytest.raises(NotAllowed):
        actions.create_process(other_staff, municipality, data)
    with pytest.raises(DomainError, match="order"):
        actions.create_process(staff, municipality, {**data, "vote_start": today})
    with pytest.raises(DomainError, match="13"):
        actions.create_process(staff, municipality, {**data, "min_age": 10})
    assert actions.create_process(staff, municipality, data).phase == Phase.IDEAS
    assert Process.objects.count() == 1
