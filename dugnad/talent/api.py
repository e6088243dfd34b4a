"""The talent API: the programmes (tracks, calls and deadlines, member municipalities by
sub-region, partners), open to all; a call's nominations for the administration and, for a
coordinator's token, their own sub-region's."""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session
from dugnad.core.api import MappedRows
from dugnad.core.params import DbId

from . import queries, rules
from .models import Programme

router = Router(tags=["talent"])


class TrackOut(Schema):
    name: str
    by_audition: bool


class CallOut(Schema):
    id: int
    year: int
    opens_at: datetime
    nomination_deadline: datetime
    completion_deadline: datetime
    places: int


class MemberOut(Schema):
    number: str
    name: str


class SubRegionOut(Schema):
    name: str
    municipalities: list[MemberOut]


class PartnerOut(Schema):
    name: str
    kind: str
    role: str


class ProgrammeOut(Schema):
    id: int
    slug: str
    name: str
    summary: str
    min_age: int
    max_age: int
    url: str


class ProgrammeDetailOut(ProgrammeOut):
    tracks: list[TrackOut]
    disciplines: list[str]
    calls: list[CallOut]
    subregions: list[SubRegionOut]
    partners: list[PartnerOut]


class NominationOut(Schema):
    id: int
    reference: str
    pupil_name: str
    birth_date: date
    subregion: str
    home_municipality: str
    discipline: str
    track: str
    completed: bool
    outcome: str
    offer: str


def _programme_out(request, p):
    return {
        "id": p.pk,
        "slug": p.slug,
        "name": p.name,
        "summary": p.summary,
        "min_age": p.min_age,
        "max_age": p.max_age,
        "url": request.build_absolute_uri(p.get_absolute_url()),
    }


@router.get("/programmes", response=list[ProgrammeOut])
@paginate
def programmes(request):
    return MappedRows(
        queries.public_programmes(request.municipality), lambda p: _programme_out(request, p)
    )


@router.get("/programmes/{programme_id}", response=ProgrammeDetailOut)
def programme(request, programme_id: DbId):
    try:
        p = queries.api_programme(programme_id, request.municipality)
    except Programme.DoesNotExist:
        raise Http404 from None
    return {
        **_programme_out(request, p),
        "tracks": [{"name": t.name, "by_audition": t.by_audition} for t in p.tracks.all()],
        "disciplines": [d.name for d in p.disciplines.all()],
        "calls": [
            {
                "id": c.pk,
                "year": c.year,
                "opens_at": c.opens_at,
                "nomination_deadline": c.nomination_deadline,
                "completion_deadline": c.completion_deadline,
                "places": c.places,
            }
            for c in p.calls.all()
        ],
        "subregions": [
            {
                "name": s.name,
                "municipalities": [
                    {"number": m.municipality.number, "name": m.municipality.name}
                    for m in s.memberships.all()
                ],
            }
            for s in p.subregions.all()
        ],
        "partners": [{"name": x.name, "kind": x.kind, "role": x.role} for x in p.partners.all()],
    }


@router.get("/calls/{call_id}/nominations", response=list[NominationOut], auth=token_or_session)
@paginate
def nominations(request, call_id: DbId):
    call = get_object_or_404(queries.calls(request.municipality), pk=call_id)
    rules.can_list_nominations(request.auth, call).enforce()

    def nomination_out(n):
        return {
            "id": n.pk,
            "reference": n.reference,
            "pupil_name": n.pupil_name,
            "birth_date": n.birth_date,
            "subregion": n.subregion.name,
            "home_municipality": n.home_municipality.name,
            "discipline": n.discipline.name,
            "track": n.track.name,
            "completed": n.submitted_at is not None,
            "outcome": n.outcome,
            "offer": n.offer,
        }

    return MappedRows(queries.visible_nominations(request.auth, call), nomination_out)
