"""/api/v1/volunteering: open assignments for everyone; a person's own interests, shifts, hours."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session
from dugnad.core.api import MappedRows

from . import queries

router = Router(tags=["volunteering"])


class AssignmentFilters(Schema):
    q: str = ""
    area: str = Field("", description="area slug, e.g. nordby")
    topic: str = Field("", description="topic code, e.g. elderly")
    kind: str = Field("", description="one_off or ongoing")
    organisation: str = Field("", description="organisation slug")
    unit: str = Field("", description="municipal unit slug")


class AssignmentOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    place: str
    area: str | None
    organiser: str
    organisation: str | None = Field(None, description="organisation slug")
    unit: str | None = Field(None, description="unit slug")
    topics: list[str]
    skills: list[str]
    languages: list[str]
    times: list[str]
    min_age: int | None
    requires_police_certificate: bool
    people_needed: int
    people_found: int
    url: str


def _assignment(a) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "description": a.description,
        "kind": a.kind,
        "place": a.place,
        "area": a.area.slug if a.area else None,
        "organiser": str(a.organiser),
        "organisation": a.organisation.slug if a.organisation else None,
        "unit": a.unit.slug if a.unit else None,
        "topics": a.topics,
        "skills": a.skills,
        "languages": a.languages,
        "times": a.times,
        "min_age": a.min_age,
        "requires_police_certificate": a.requires_police_certificate,
        "people_needed": a.people_needed,
        "people_found": a.accepted_count,
        "url": a.get_absolute_url(),
    }


@router.get("/assignments", response=list[AssignmentOut], summary="Open volunteer assignments")
@paginate
def list_assignments(request, filters: Query[AssignmentFilters]):
    return MappedRows(queries.assignments(filters.dict(), request.municipality), _assignment)


class InterestOut(Schema):
    id: int
    assignment_id: int
    assignment: str
    status: str
    answer: str
    created_at: dt.datetime
    answered_at: dt.datetime | None


class ShiftOut(Schema):
    id: int
    shift_id: int
    assignment_id: int
    assignment: str
    starts_at: dt.datetime
    ends_at: dt.datetime


class HoursOut(Schema):
    id: int
    assignment_id: int
    assignment: str
    date: dt.date
    minutes: int
    status: str


@router.get("/me/interests", response=list[InterestOut], auth=token_or_session)
@paginate
def my_interests(request):
    def interest_out(i):
        return {
            "id": i.pk,
            "assignment_id": i.assignment_id,
            "assignment": i.assignment.title,
            "status": i.status,
            "answer": i.answer,
            "created_at": i.created_at,
            "answered_at": i.answered_at,
        }

    return MappedRows(queries.my_interests(request.user), interest_out)


@router.get("/me/shifts", response=list[ShiftOut], auth=token_or_session)
@paginate
def my_shifts(request, past: bool = False):
    def shift_out(s):
        return {
            "id": s.pk,
            "shift_id": s.shift_id,
            "assignment_id": s.shift.assignment_id,
            "assignment": s.shift.assignment.title,
            "starts_at": timezone.localtime(s.shift.starts_at),
            "ends_at": timezone.localtime(s.shift.ends_at),
        }

    return MappedRows(queries.my_shifts(request.user, upcoming_only=not past), shift_out)


@router.get("/me/hours", response=list[HoursOut], auth=token_or_session)
@paginate
def my_hours(request):
    def hours_out(h):
        return {
            "id": h.pk,
            "assignment_id": h.assignment_id,
            "assignment": h.assignment.title,
            "date": h.date,
            "minutes": h.minutes,
            "status": h.status,
        }

    return MappedRows(queries.my_hours(request.user), hours_out)
