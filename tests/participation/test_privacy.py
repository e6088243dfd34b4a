"""A young person's data: export, and erasure that keeps ideas anonymised and votes as numbers."""

import pytest

from dugnad.core.privacy import erase_person, export_person
from dugnad.participation import actions
from dugnad.participation.models import Comment, Idea, Participant, Phase, Support, Vote

from .conftest import move_to, participant, propose

pytestmark = pytest.mark.django_db


def test_export_and_erasure(process, staff, sara, ali):
    idea = propose(sara, process)
    actions.add_comment(sara, idea, participant(sara, process.municipality), "Min kommentar")
    other = propose(ali, process, title="Alis idé")
    actions.support(sara, other, participant(sara, process.municipality))
    move_to(process, Phase.ASSESSMENT)
    other.refresh_from_db()
    actions.answer(staff, other, feasible=True, text="Ja.", cost_ore=0)
    move_to(process, Phase.VOTE)
    actions.cast_vote(sara, process, participant(sara, process.municipality), [other])

    (part,) = [p for p in export_person(sara) if p["app"] == "participation"]
    data = part["data"]
    assert data["ideas"][0]["title"] == "Psykisk helse-kveld"
    assert data["comments"][0]["text"] == "Min kommentar"
    assert data["votes"][0]["ideas"] == ["Alis idé"]
    assert data["taking_part"][0]["shown_name"] == "Sara"

    result = erase_person(sara)
    idea.refresh_from_db()
    assert idea.author is None and idea.shown_name == "–" and idea.text  # kept, anonymised
    assert not Comment.objects.filter(text="Min kommentar").exists()
    assert Support.objects.filter(idea=other, user__isnull=True).count() == 1
    assert Vote.objects.filter(process=process, voter__isnull=True).count() == 1
    assert not Participant.objects.filter(shown_name="Sara").exists()
    assert any("idea" in str(k.what).lower() or "ide" in str(k.what).lower() for k in result.kept)
    assert Idea.objects.count() == 2
