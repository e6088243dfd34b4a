"""/api/v1/participation: processes, their ideas with support counts and the municipality's
answers. Nothing about the people who sent ideas in: not even the first name the page shows,
since many of them are minors."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from dugnad.core.api import MappedRows
from dugnad.core.caching import public_page
from dugnad.core.params import DbId

from . import queries

router = Router(tags=["participation"])

IDEAS_IN_DETAIL = 500


class ProcessOut(Schema):
    id: int
    title: str
    summary: str
    unit: str
    phase: str
    min_age: int
    max_age: int
    budget_ore: int | None = Field(None, description="in øre; null: no budget")
    ideas_start: dt.date
    assessment_start: dt.date
    vote_start: dt.date
    vote_end: dt.date = Field(description="the vote's last day is the day before")
    follow_up_start: dt.date
    idea_count: int
    url: str


class IdeaOut(Schema):
    id: int
    title: str
    text: str
    category: str
    area: str | None = Field(None, description="area slug")
    support_count: int
    estimated_cost_ore: int | None
    answered: bool
    feasible: bool | None
    answer: str
    answer_cost_ore: int | None
    votes: int | None = Field(None, description="when the results are out")
    chosen: bool | None = Field(None, description="when the results are out")
    follow_up_state: str | None
    from_school_class: bool
    url: str


class ProcessDetailOut(ProcessOut):
    description: str
    ideas: list[IdeaOut]


def _process(p) -> dict:
    return {
        "id": p.pk,
        "title": p.title,
        "summary": p.summary,
        "unit": p.unit.name,
        "phase": p.phase,
        "min_age": p.min_age,
        "max_age": p.max_age,
        "budget_ore": p.budget_ore,
        "ideas_start": p.ideas_start,
        "assessment_start": p.assessment_start,
        "vote_start": p.vote_start,
        "vote_end": p.vote_end,
        "follow_up_start": p.follow_up_start,
        "idea_count": p.idea_count,
        "url": p.get_absolute_url(),
    }


def _idea(i, results_shown: bool) -> dict:
    follow_up = getattr(i, "follow_up", None) if i.chosen else None
    return {
        "id": i.pk,
        "title": i.title,
        "text": i.text,
        "category": i.category,
        "area": i.area.slug if i.area else None,
        "support_count": i.support_count,
        "estimated_cost_ore": i.estimated_cost_ore,
        "answered": i.answered,
        "feasible": i.feasible,
        "answer": i.answer,
        "answer_cost_ore": i.answer_cost_ore,
        "votes": i.votes if results_shown else None,
        "chosen": i.chosen if results_shown else None,
        "follow_up_state": follow_up.state if follow_up else None,
        "from_school_class": i.school_class_id is not None,
        "url": i.get_absolute_url(),
    }


@router.get("/processes", response=list[ProcessOut], summary="Participation processes")
@decorate_view(public_page("participation"))
@paginate
def list_processes(request):
    return MappedRows(queries.processes(request.municipality), _process)


@router.get(
    "/processes/{process_id}",
    response=ProcessDetailOut,
    summary="One process with its ideas, their support and the municipality's answers",
)
@decorate_view(public_page("participation"))
def get_process(request, process_id: DbId):
    process = get_object_or_404(queries.processes(request.municipality), pk=process_id)
    if not process.published:
        raise Http404
    shown = process.results_shown
    ideas = queries.ideas_of(process, order="votes" if shown else "support")[:IDEAS_IN_DETAIL]
    body = _process(process)
    body.update(description=process.description, ideas=[_idea(i, shown) for i in ideas])
    return body
