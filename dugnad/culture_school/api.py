"""/api/v1/culture-school: the public catalogue of offers, and a guardian's own children."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session
from dugnad.core.api import MappedRows

from . import fees, queries
from .models import Programme, SubjectArea, Teaching

router = Router(tags=["culture_school"])


class OfferFilters(Schema):
    age: int | None = Field(None, ge=0, le=120, description="the pupil's age")
    grade: int | None = Field(None, ge=1, le=13, description="the pupil's school grade")
    area: SubjectArea | None = Field(None, description="music, dance, theatre, visual_art, media")
    programme: Programme | None = Field(None, description="broad, core or in_depth")
    teaching: Teaching | None = Field(None, description="individual or group")


class OfferOut(Schema):
    id: int
    subject: str
    area: str
    programme: str
    teaching: str
    minutes_per_week: int
    min_age: int
    max_age: int
    min_grade: int | None = Field(None, description="set when the offer is limited by grade")
    max_grade: int | None = None
    places: int
    free_places: int
    waiting: int
    fee_per_semester_ore: int
    venue: str
    school_year: str
    url: str


def _offer(offer) -> dict:
    return {
        "id": offer.pk,
        "subject": offer.subject.name,
        "area": offer.subject.area,
        "programme": offer.programme,
        "teaching": offer.teaching,
        "minutes_per_week": offer.minutes,
        "min_age": offer.min_age,
        "max_age": offer.max_age,
        "min_grade": offer.min_grade,
        "max_grade": offer.max_grade,
        "places": offer.places,
        "free_places": queries.free_places(offer),
        "waiting": offer.waiting,
        "fee_per_semester_ore": offer.fee_plan.semester_fee_ore,
        "venue": offer.venue,
        "school_year": offer.school_year.name,
        "url": offer.get_absolute_url(),
    }


@router.get("/offers", response=list[OfferOut], summary="This school year's offers")
@paginate
def list_offers(request, filters: Query[OfferFilters]):
    year = queries.current_year(queries.school_for(request.municipality))
    data = {k: (v.value if hasattr(v, "value") else v) for k, v in filters.dict().items()}
    rows = queries.catalogue(request.municipality, data, year) if year else queries.no_offers()
    return MappedRows(rows, _offer)


class ApplicationOut(Schema):
    id: int
    offer_id: int
    subject: str
    preference: int
    status: str
    position: int | None
    applied_at: dt.datetime
    offer_deadline: dt.datetime | None


class PlaceOut(Schema):
    id: int
    offer_id: int
    subject: str
    started_on: dt.date
    free_place: bool
    fee_per_semester_ore: int


class FeeLineOut(Schema):
    label: str
    amount_ore: int


class FeeOut(Schema):
    place_id: int
    pupil: str
    subject: str
    amount_ore: int
    lines: list[FeeLineOut]


class FeesOut(Schema):
    semester: str
    total_ore: int
    places: list[FeeOut]


@router.get(
    "/me/fees",
    response=FeesOut | None,
    auth=token_or_session,
    summary="What you pay this semester for the pupils you are payer for, line by line",
)
def my_fees(request, semester: Literal["autumn", "spring"] | None = None):
    year = queries.current_year(queries.school_for(request.municipality))
    if year is None:
        return None
    chosen = fees.semester_of(year, semester) if semester else fees.current_semester(year)
    payer = fees.for_payer(request.user, chosen)
    return {
        "semester": chosen.label,
        "total_ore": payer.total_ore,
        "places": [
            {
                "place_id": fee.place.pk,
                "pupil": fee.place.pupil.first_name,
                "subject": fee.place.offer.subject.name,
                "amount_ore": fee.total_ore,
                "lines": [
                    {"label": line.label, "amount_ore": line.amount_ore} for line in fee.lines
                ],
            }
            for fee in payer.places
        ],
    }


class ChildOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date
    applications: list[ApplicationOut]
    places: list[PlaceOut]


@router.get(
    "/me/children",
    response=list[ChildOut],
    auth=token_or_session,
    summary="The pupils you act for: applications, positions, offers and places",
)
def my_children(request):
    pupils = queries.family(request.user, request.municipality)
    applications = [a for p in pupils for a in p.applications.all()]
    positions = queries.positions(applications)

    def application_out(a):
        open_offer = a.open_offers[0] if a.open_offers else None
        return {
            "id": a.pk,
            "offer_id": a.offer_id,
            "subject": a.offer.subject.name,
            "preference": a.preference,
            "status": a.status,
            "position": positions.get(a.pk),
            "applied_at": a.applied_at,
            "offer_deadline": open_offer.deadline if open_offer else None,
        }

    return [
        {
            "id": p.pk,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "birth_date": p.birth_date,
            "applications": [application_out(a) for a in p.applications.all()],
            "places": [
                {
                    "id": place.pk,
                    "offer_id": place.offer_id,
                    "subject": place.offer.subject.name,
                    "started_on": place.started_on,
                    "free_place": place.free_place,
                    "fee_per_semester_ore": 0
                    if place.free_place
                    else place.offer.fee_plan.semester_fee_ore,
                }
                for place in p.active_places
            ],
        }
        for p in pupils
    ]
