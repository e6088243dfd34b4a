"""/api/v1/initiatives and /api/v1/stories: the public co-creation initiatives and the
published good stories, filtered, as `{"items": [...], "count": n}` with limit/offset."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from dugnad.core.api import MappedRows
from dugnad.core.richtext import sanitise

from . import queries

initiatives_router = Router(tags=["initiatives"])
stories_router = Router(tags=["stories"])


class InitiativeFilters(Schema):
    age_group: str = Field("", description="age group code, e.g. youth")
    unit: str = Field("", description="municipal unit slug (lead or partner)")
    partner: str = Field("", description="partner organisation slug")
    state: str = Field("", description="planned, running, completed or paused")
    q: str = Field("", description="words in the title or aim")


class InitiativeOut(Schema):
    id: int
    slug: str
    title: str
    aim: str
    state: str
    age_groups: list[str]
    lead_unit: str = Field(..., description="unit slug")
    partner_units: list[str]
    partner_organisations: list[str] = Field(..., description="organisation slugs")
    external_partners: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    place: str
    url: str


def _initiative(i) -> dict:
    return {
        "id": i.pk,
        "slug": i.slug,
        "title": i.title,
        "aim": i.aim,
        "state": i.state,
        "age_groups": [g.code for g in i.age_groups.all()],
        "lead_unit": i.lead_unit.slug,
        "partner_units": [u.slug for u in i.partner_units.all()],
        "partner_organisations": [o.slug for o in i.partner_organisations.all()],
        "external_partners": i.external_partner_list,
        "starts_on": i.starts_on,
        "ends_on": i.ends_on,
        "place": i.place,
        "url": i.get_absolute_url(),
    }


@initiatives_router.get("", response=list[InitiativeOut], summary="Co-creation initiatives")
@paginate
def list_initiatives(request, filters: Query[InitiativeFilters]):
    return MappedRows(queries.initiatives(request.municipality, filters.dict()), _initiative)


class ReachOut(Schema):
    signed_up: int = Field(..., description="confirmed sign-ups for its events (computed)")
    attended: int | None = Field(..., description="attended, where attendance was taken")
    entered: int = Field(..., description="numbers entered by staff")
    total: int


class InitiativeDetailOut(InitiativeOut):
    events: list[int]
    assignments: list[int]
    reach: ReachOut


@initiatives_router.get("/{slug}", response=InitiativeDetailOut, summary="One initiative")
def get_initiative(request, slug: str):
    initiative = queries.initiative_for_page(request.municipality, slug[:120])
    if initiative is None or initiative.state == initiative.State.IDEA:
        raise Http404
    reach = queries.reach_of(initiative)
    return {
        **_initiative(initiative),
        "events": [e.pk for e in initiative.events.all() if e.status == "published"],
        "assignments": [a.pk for a in initiative.assignments.all()],
        "reach": {
            "signed_up": reach.signed_up,
            "attended": reach.attended if reach.attendance_recorded else None,
            "entered": reach.entered,
            "total": reach.total,
        },
    }


class StoryFilters(Schema):
    initiative: str = Field("", description="initiative slug")
    organisation: str = Field("", description="organisation slug")
    age_group: str = Field("", description="age group code of the story's initiative")
    q: str = ""


class StoryOut(Schema):
    id: int
    title: str
    summary: str
    body_html: str = Field(..., description="sanitised HTML")
    author: str
    published_at: dt.datetime
    initiative: str | None = Field(None, description="initiative slug")
    organisation: str | None = Field(None, description="organisation slug")
    event: int | None
    photos: list[dict]
    url: str


def _story(s) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "summary": s.summary,
        "body_html": sanitise(s.body),
        "author": s.author_name,
        "published_at": s.published_at,
        "initiative": s.initiative.slug if s.initiative_id else None,
        "organisation": s.organisation.slug if s.organisation_id else None,
        "event": s.event_id,
        "photos": [
            {"url": f"{s.get_absolute_url()}bilder/{p.pk}/", "alt": p.alt_text}
            for p in s.photos.all()
        ],
        "url": s.get_absolute_url(),
    }


@stories_router.get("", response=list[StoryOut], summary="Published good stories")
@paginate
def list_stories(request, filters: Query[StoryFilters]):
    return MappedRows(queries.stories(request.municipality, filters.dict()), _story)
