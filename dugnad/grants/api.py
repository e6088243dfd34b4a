"""The grants API: open lists of schemes and awards, and the caller's own applications."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session
from dugnad.core.api import MappedRows
from dugnad.core.params import MAX_YEAR, MIN_YEAR

from . import queries

router = Router(tags=["grants"])


class RoundOut(Schema):
    name: str
    year: int
    opens_at: datetime
    deadline: datetime
    is_open: bool


class SchemeOut(Schema):
    slug: str
    name: str
    purpose: str
    eligibility: str
    max_amount_ore: int | None
    url: str
    rounds: list[RoundOut]


class AwardOut(Schema):
    year: int
    scheme: str
    organisation: str
    org_number: str
    purpose: str
    amount_ore: int


class ApplicationOut(Schema):
    id: int
    reference: str
    title: str
    scheme: str
    organisation: str
    state: str
    state_name: str
    amount_requested_ore: int
    amount_awarded_ore: int | None
    submitted_at: datetime | None


@router.get("/schemes", response=list[SchemeOut])
@paginate
def schemes(request):
    def scheme_out(scheme):
        return {
            "slug": scheme.slug,
            "name": scheme.name,
            "purpose": scheme.purpose,
            "eligibility": scheme.eligibility,
            "max_amount_ore": scheme.max_amount,
            "url": request.build_absolute_uri(scheme.get_absolute_url()),
            "rounds": [
                {
                    "name": r.name,
                    "year": r.year,
                    "opens_at": r.opens_at,
                    "deadline": r.deadline,
                    "is_open": r.is_open(),
                }
                for r in scheme.rounds.all()
            ],
        }

    return MappedRows(queries.public_schemes(request.municipality, all_rounds=True), scheme_out)


@router.get("/awards", response=list[AwardOut])
@paginate
def awards(request, year: Annotated[int | None, Field(ge=MIN_YEAR, le=MAX_YEAR)] = None):
    def award_out(d):
        return {
            "year": d.application.round.year,
            "scheme": d.application.scheme.name,
            "organisation": d.application.org_name,
            "org_number": d.application.org_number,
            "purpose": d.purpose,
            "amount_ore": d.amount,
        }

    return MappedRows(queries.awards(request.municipality, year=year), award_out)


@router.get("/applications/mine", response=list[ApplicationOut], auth=token_or_session)
@paginate
def my_applications(request):
    rows = queries.my_applications(request.auth, with_decision=True)

    def application_out(a):
        return {
            "id": a.pk,
            "reference": a.reference,
            "title": a.title,
            "scheme": a.scheme.name,
            "organisation": a.org_name,
            "state": a.state.kind if a.state else "draft",
            "state_name": a.state.name if a.state else "",
            "amount_requested_ore": a.amount_requested,
            "amount_awarded_ore": a.decision.amount if hasattr(a, "decision") else None,
            "submitted_at": a.submitted_at,
        }

    return MappedRows(rows, application_out)
