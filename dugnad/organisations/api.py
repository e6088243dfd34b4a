"""The directory as open data: the same search and filters as the HTML list."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from dugnad.core.api import MappedRows
from dugnad.core.errors import DomainError, NotFound
from dugnad.core.params import DbId

from . import queries
from . import rules as org_rules

router = Router(tags=["organisations"])


class DirectoryQuery(Schema):
    q: str = ""
    category: str = ""
    activity: list[str] = []
    age: list[str] = []
    area: str = ""
    # "register" would shadow pydantic's BaseModel.register; the alias keeps the public name.
    in_register: str = Field("", alias="register")


class ActivityOut(Schema):
    slug: str
    name: str


class RoleOut(Schema):
    name: str
    role: str
    title: str


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    url: str
    org_number: str | None
    category: str
    purpose: str
    activities: list[ActivityOut]
    age_groups: list[str]
    area: str | None
    email: str
    phone: str
    website: str
    in_voluntary_register: bool
    register_status: str


class OrganisationDetailOut(OrganisationOut):
    description: str
    meeting_places: str
    facebook_url: str
    instagram_url: str
    postal_address: str
    postal_code: str
    postal_town: str
    founded_on: date | None
    people: list[RoleOut]


def _summary(request, organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "org_number": organisation.org_number,
        "category": organisation.category,
        "purpose": organisation.purpose,
        "activities": [{"slug": a.slug, "name": a.name} for a in organisation.activity_types.all()],
        "age_groups": [g.code for g in organisation.age_groups.all()],
        "area": organisation.area.slug if organisation.area_id else None,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "in_voluntary_register": organisation.in_voluntary_register,
        "register_status": organisation.register_status,
    }


@router.get("", response=list[OrganisationOut], summary="Search the directory")
@paginate
def list_organisations(request, params: Query[DirectoryQuery]):
    """Approved organisations, filtered like /organisasjoner/; `activity` and `age` repeat."""
    municipality = request.municipality
    raw = params.dict(by_alias=True)
    filters = queries.parse_filters(raw, municipality)
    if filters.errors:
        key, message = next(iter(filters.errors.items()))
        raise DomainError(message, code="invalid_filter", field=key)
    return MappedRows(queries.directory(municipality, filters), lambda org: _summary(request, org))


@router.get("/{organisation_id}", response=OrganisationDetailOut, summary="One organisation")
def get_organisation(request, organisation_id: DbId):
    organisation = queries.organisation_by_id(organisation_id, request.municipality)
    if organisation is None or not org_rules.can_view(request.user, organisation):
        raise NotFound(_("Not found."))
    return {
        **_summary(request, organisation),
        "description": organisation.description,
        "meeting_places": organisation.meeting_places,
        "facebook_url": organisation.facebook_url,
        "instagram_url": organisation.instagram_url,
        "postal_address": organisation.postal_address,
        "postal_code": organisation.postal_code,
        "postal_town": organisation.postal_town,
        "founded_on": organisation.founded_on,
        "people": [
            {"name": r.user.get_full_name() or "", "role": r.role, "title": r.title}
            for r in organisation.public_roles
        ],
    }
