"""The grants API: open lists of schemes and awards, and the caller's own applications."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from dugnad.accounts.auth import token_or_session

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
def schemes(request):
    result = []
    for scheme in queries.public_schemes(request.municipality, all_rounds=True):
        result.append(
            {
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
        )
    return result


@router.get("/awards", response=list[AwardOut])
@paginate
def awards(request, year: int | None = None):
    return [
        {
            "year": d.application.round.year,
            "scheme": d.application.scheme.name,
            "organisation": d.application.org_name,
            "org_number": d.application.org_number,
            "purpose": d.purpose,
            "amount_ore": d.amount,
        }
        for d in queries.awards(request.municipality, year=year)
    ]


@router.get("/applications/mine", response=list[ApplicationOut], auth=token_or_session)
@paginate
def my_applications(request):
    rows = queries.my_applications(request.auth, with_decision=True)
    return [
        {
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
        for a in rows
    ]
