"""The directory as open data: the same search and filters as the HTML list."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from dugnad.core.errors import DomainError, NotFound

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
    page: int = 1
    page_size: int = settings.DUGNAD_PAGE_SIZE


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


class DirectoryPage(Schema):
    count: int
    page: int
    pages: int
    results: list[OrganisationOut]


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


@router.get("", response=DirectoryPage, summary="Search the directory")
def list_organisations(request, params: Query[DirectoryQuery]):
    """Approved organisations, filtered like /organisasjoner/; `activity` and `age` repeat."""
    municipality = request.municipality
    raw = params.dict(by_alias=True)
    filters = queries.parse_filters(raw, municipality)
    if filters.errors:
        key, message = next(iter(filters.errors.items()))
        raise DomainError(message, code="invalid_filter", field=key)
    if params.page < 1 or not 1 <= params.page_size <= settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE:
        raise DomainError(
            _("Page and page size must be positive (page size at most 100)."), code="invalid_page"
        )
    page = queries.paginate(queries.directory(municipality, filters), params.page, params.page_size)
    if params.page > page.paginator.num_pages and page.paginator.count:
        raise NotFound(_("There is no such page."), code="invalid_page")
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_summary(request, org) for org in page.object_list],
    }


@router.get("/{organisation_id}", response=OrganisationDetailOut, summary="One organisation")
def get_organisation(request, organisation_id: int):
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
