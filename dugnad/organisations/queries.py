"""Reads for the directory: the filtered public list, one organisation, the review queue.

Every list prefetches what its rows show, so the number of queries stays the same however many
organisations there are (tests assert it).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from dugnad.core import queries as core_queries
from dugnad.core.models import AgeGroupChoice, Area
from dugnad.core.paging import page_of
from dugnad.core.plugins import QueueItem, SearchGroup, SearchHit
from dugnad.core.prepared import Joined, Prepared, sample_int, sample_str

from .models import ActivityType, Category, Invitation, Organisation, OrganisationRole
from .search import apply_search

FILTER_KEYS = ("q", "category", "activity", "age", "area", "register")


@dataclass
class DirectoryFilters:
    q: str = ""
    category: str = ""
    activities: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)
    area: str = ""
    area_id: int | None = None  # the area's key, so that filtering by it needs no join
    in_voluntary_register: bool | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(
            self.q or self.category or self.activities or self.age_groups or self.area
            or self.in_voluntary_register is not None
        )  # fmt: skip

    @property
    def narrowed(self) -> bool:
        """A filter besides the search words is in use (or was not understood): the page then
        shows the filter panel open, so the visitor sees what narrows the list."""
        return bool(
            self.category or self.activities or self.age_groups or self.area
            or self.in_voluntary_register is not None or self.errors
        )  # fmt: skip


def _values(params, key) -> list[str]:
    if hasattr(params, "getlist"):
        raw = params.getlist(key)
    else:
        raw = params.get(key) or []
        raw = raw if isinstance(raw, list | tuple) else [raw]
    return [str(value).strip() for value in raw if str(value).strip()]


# The query parameters the directory reads (its page cache is keyed on these alone).
DIRECTORY_PARAMS = ("q", "category", "activity", "age", "area", "register", "page")


def parse_filters(params, municipality, choices: dict | None = None) -> DirectoryFilters:
    """Read the directory's filters from a query dict; unknown values become field errors.

    A bad value is dropped (the rest of the filters still apply) and reported, so a stale
    bookmark still shows something useful together with a clear message. The page passes the
    form's `filter_choices`, which hold every activity and area, so checking a value costs no
    query of its own.
    """
    filters = DirectoryFilters(q=" ".join(_values(params, "q"))[:200])
    errors = filters.errors

    categories = _values(params, "category")
    if categories:
        if categories[0] in Category.values:
            filters.category = categories[0]
        else:
            errors["category"] = _("There is no category called “%(value)s”.") % {
                "value": categories[0][:50]
            }

    activities = _values(params, "activity")
    if activities:
        if choices is not None:
            known = {activity["slug"] for activity in choices["activities"]}
        else:
            known = set(
                ActivityType.objects.filter(slug__in=activities).values_list("slug", flat=True)
            )
        unknown = [slug for slug in activities if slug not in known]
        filters.activities = [slug for slug in activities if slug in known]
        if unknown:
            errors["activity"] = _("Unknown activity: %(value)s.") % {
                "value": ", ".join(unknown)[:100]
            }

    ages = _values(params, "age")
    if ages:
        unknown = [code for code in ages if code not in AgeGroupChoice.values]
        filters.age_groups = [code for code in ages if code in AgeGroupChoice.values]
        if unknown:
            errors["age"] = _("Unknown age group: %(value)s.") % {"value": ", ".join(unknown)[:100]}

    areas = _values(params, "area")
    if areas:
        if choices is not None:
            area_id = next((a["id"] for a in choices["areas"] if a["slug"] == areas[0]), None)
        else:
            found = Area.objects.filter(municipality=municipality, slug=areas[0])
            area_id = found.values_list("pk", flat=True).first()
        if area_id is not None:
            filters.area, filters.area_id = areas[0], area_id
        else:
            errors["area"] = _("There is no part of the municipality called “%(value)s”.") % {
                "value": areas[0][:50]
            }

    register = _values(params, "register")
    if register:
        if register[0] in ("1", "true", "yes"):
            filters.in_voluntary_register = True
        elif register[0] in ("0", "false", "no"):
            filters.in_voluntary_register = False
        else:
            errors["register"] = _("Choose yes or no for the Register of Non-Profit Organisations.")
    return filters


def public_roles_prefetch():
    return Prefetch(
        "roles",
        queryset=OrganisationRole.objects.filter(show_publicly=True).select_related("user"),
        to_attr="public_roles",
    )


def directory(municipality, filters: DirectoryFilters):
    """Approved organisations matching `filters`, with what a list row shows prefetched."""
    queryset = (
        Organisation.objects.public()
        .filter(municipality=municipality)
        # The stored search vector is for the database to match and rank; a row needs none.
        .defer("search_vector")
        .select_related("area")
        .prefetch_related("activity_types", "age_groups")
    )
    return _filtered(queryset, filters)


# What a row of the directory page shows (organisations/list.html); the area's name comes from
# the filter's list of areas, so the page joins no table.
DIRECTORY_ROW_FIELDS = (
    "name",
    "slug",
    "logo",
    "logo_alt",
    "category",
    "purpose",
    "in_voluntary_register",
    "register_status",
    "area_id",
)


def directory_page(municipality, filters: DirectoryFilters, page_number, areas: list[dict]):
    """The directory page's page of `filters`: the columns a row shows (no timestamps, texts
    or search vector to load), each row's activity names (`activity_names`) from one query of
    name pairs rather than a prefetch of model instances, its area's name (`area_name`) from
    `areas` (filter_choices' list, which the page reads anyway), and its links (`url`,
    `logo_url`) from one reverse() each per page. A first page that holds every match costs
    no COUNT (core.paging)."""
    queryset = (
        Organisation.objects.public().filter(municipality=municipality).only(*DIRECTORY_ROW_FIELDS)
    )
    page = page_of(_filtered(queryset, filters), page_number)
    rows = page.object_list
    names: dict[int, list[str]] = {}
    if rows:
        pairs = (
            Organisation.activity_types.through.objects.filter(
                organisation_id__in=[row.pk for row in rows]
            )
            .order_by("activitytype__name")
            .values_list("organisation_id", "activitytype__name")
        )
        for organisation_id, name in pairs:
            names.setdefault(organisation_id, []).append(name)
    area_names = {area["id"]: area["name"] for area in areas}
    # Slugs are ASCII letters, digits, - and _ (SlugField), which reverse() leaves as they are.
    detail = reverse("organisations:detail", kwargs={"slug": "-slug-"})
    logo = reverse("organisations:logo", args=["-slug-"])
    for row in rows:
        row.activity_names = names.get(row.pk, ())
        row.area_name = area_names.get(row.area_id, "")
        row.url = detail.replace("-slug-", row.slug)
        row.logo_url = logo.replace("-slug-", row.slug) if row.logo else ""
    return page


def _filtered(queryset, filters: DirectoryFilters):
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.activities:
        # Any of the chosen activities: a multi-sport club is found by each of its sports.
        ids = Organisation.activity_types.through.objects.filter(
            activitytype__slug__in=filters.activities
        ).values("organisation_id")
        queryset = queryset.filter(pk__in=ids)
    if filters.age_groups:
        ids = Organisation.age_groups.through.objects.filter(
            agegroup_id__in=filters.age_groups
        ).values("organisation_id")
        queryset = queryset.filter(pk__in=ids)
    if filters.area_id is not None:
        queryset = queryset.filter(area_id=filters.area_id)
    if filters.in_voluntary_register is not None:
        queryset = queryset.filter(in_voluntary_register=filters.in_voluntary_register)
    return apply_search(queryset, filters.q)


# Compiled once per process (core.prepared): the directory reads it on every page.
_ACTIVITY_OPTIONS = Prepared(lambda: ActivityType.objects.order_by("name").values("slug", "name"))


def filter_choices(municipality) -> dict:
    """The options of the filter form, three small queries (compiled once per process) whatever
    the size of the directory; activities and areas as {slug, name} rows, since an option needs
    nothing else."""
    return {
        "categories": Category.choices,
        "activities": _ACTIVITY_OPTIONS(),
        "age_groups": core_queries.age_groups(),
        "areas": [
            {"id": area.pk, "slug": area.slug, "name": area.name}
            for area in core_queries.areas_of(municipality)
        ],
    }


def organisation_detail(slug: str, municipality):
    return (
        Organisation.objects.in_municipality(municipality)
        .select_related("area", "merged_into", "municipality")
        .prefetch_related("activity_types", "age_groups", public_roles_prefetch())
        .filter(slug=slug)
        .first()
    )


# The organisation with its area and the organisation it was merged into (for the redirect:
# its id and slug), as select_related gives them, from one query compiled once per process
# (core.prepared); the stored search columns, which the page never shows, are left out.
_SEARCH_COLUMNS = ("search_vector", "search_document")
_MERGED_COLUMNS = tuple(
    f.attname for f in Organisation._meta.concrete_fields if f.attname not in ("id", "slug")
)
_ORGANISATION_JOINED = Joined(
    Organisation,
    _SEARCH_COLUMNS,
    area=(Area, ()),
    merged_into=(Organisation, _MERGED_COLUMNS),
)
_ORGANISATION_PAGE = Prepared(
    lambda municipality_id, slug: Organisation.objects.filter(
        municipality_id=municipality_id, slug=slug
    ).values_list(*_ORGANISATION_JOINED.fields())[:1],
    sample_int(1),
    sample_str(2),
)


def organisation_page(slug: str, municipality):
    """The organisation for its public page, or None: its area and the organisation it was
    merged into joined, nothing prefetched (the page reads its lists through
    `organisation_lists`), without the stored search columns the page never shows."""
    rows = _ORGANISATION_PAGE(municipality.pk, slug)
    if not rows:
        return None
    organisation = _ORGANISATION_JOINED.build(rows[0])
    # The filter above made it the served municipality: no join or query for it.
    organisation.municipality = municipality
    return organisation


@dataclass(frozen=True)
class OrganisationLists:
    """What the organisation's page lists beside its own fields, as plain values."""

    activities: list[str]  # names, by name
    age_groups: list[str]  # codes, in the groups' order
    people: list[tuple[str, str]]  # (name or email, title or role) of the public roles

    @property
    def age_labels(self) -> list[str]:
        return AgeGroupChoice.labels_of(self.age_groups)


# The page's reads, compiled once per process (core.prepared): the same for every page.
_ACTIVITIES = Prepared(
    lambda pk: (
        Organisation.activity_types.through.objects.filter(organisation_id=pk)
        .order_by("activitytype__name", "activitytype_id")
        .values_list("activitytype__name", flat=True)
    ),
    sample_int(1),
)
_AGE_GROUPS = Prepared(
    lambda pk: (
        Organisation.age_groups.through.objects.filter(organisation_id=pk)
        .order_by("agegroup__position", "agegroup_id")
        .values_list("agegroup_id", flat=True)
    ),
    sample_int(1),
)
_PUBLIC_PEOPLE = Prepared(
    lambda pk: (
        OrganisationRole.objects.filter(organisation_id=pk, show_publicly=True)
        .order_by("role", "created_at", "id")
        .values_list("user__first_name", "user__last_name", "user__email", "title", "role")
    ),
    sample_int(1),
)


def organisation_lists(organisation) -> OrganisationLists:
    """The organisation's activities, age groups and the people it shows, as rows: three small
    queries, no prefetch and no model instances (the orders are the models' own)."""
    pk = organisation.pk
    roles = dict(OrganisationRole.Role.choices)
    people = []
    for first, last, email, title, role in _PUBLIC_PEOPLE(pk):
        # User.get_full_name()|default:email, and the title or else the role's name.
        name = f"{first} {last}".strip() or email
        people.append((name, title or str(roles.get(role, role))))
    return OrganisationLists(activities=_ACTIVITIES(pk), age_groups=_AGE_GROUPS(pk), people=people)


def organisation_by_id(pk: int, municipality):
    return (
        Organisation.objects.in_municipality(municipality)
        .select_related("area")
        .prefetch_related("activity_types", "age_groups", public_roles_prefetch())
        .filter(pk=pk)
        .first()
    )


def roles_of(organisation):
    return organisation.roles.select_related("user").order_by("role", "created_at")


def open_invitations(organisation):
    return organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invitations_of(organisation):
    """Every invitation to the organisation, accepted ones included."""
    return Invitation.objects.filter(organisation=organisation)


def leader_emails(organisation) -> list[str]:
    return list(
        organisation.roles.filter(
            role=OrganisationRole.Role.LEADER, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def invitation_by_token(token: str):
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def review_queue(municipality):
    """Organisations waiting for the coordinator, oldest first, with who registered them."""
    leaders = OrganisationRole.objects.filter(role=OrganisationRole.Role.LEADER).select_related(
        "user"
    )
    return (
        Organisation.objects.filter(municipality=municipality, status=Organisation.Status.PENDING)
        .select_related("area")
        .prefetch_related(Prefetch("roles", queryset=leaders, to_attr="leaders"))
        .order_by("created_at", "pk")
    )


def recently_reviewed(municipality, limit: int = 20):
    return (
        Organisation.objects.filter(
            municipality=municipality,
            status__in=[Organisation.Status.HIDDEN, Organisation.Status.MERGED],
        )
        .select_related("merged_into")
        .order_by("-updated_at")[:limit]
    )


def merge_targets(municipality, exclude):
    return (
        Organisation.objects.filter(municipality=municipality)
        .exclude(status=Organisation.Status.MERGED)
        .exclude(pk=exclude.pk)
        .only("name", "org_number")
        .order_by("name")
    )


def history_of(organisation, limit: int = 20):
    return organisation.history.select_related("history_user").order_by("-history_date")[:limit]


def my_page(user) -> dict:
    """This app's section of a person's own page: the organisations they hold a role in."""
    return {
        "organisation_roles": OrganisationRole.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role"),
    }


def work_queue(user, municipality) -> list:
    """The volunteer coordinator's queue here: organisations waiting for review."""
    from .rules import can_review

    if not can_review(user):
        return []
    waiting = review_queue(municipality)
    count = waiting.count()
    if not count:
        return []
    oldest = waiting.values_list("created_at", flat=True).first()
    return [
        QueueItem(
            _("Organisations to review"),
            count,
            reverse("organisations:review"),
            urgent=oldest is not None and oldest < timezone.now() - dt.timedelta(days=7),
        )
    ]


def site_search(municipality, text: str, limit: int) -> SearchGroup:
    """Approved organisations matching `text`, best match first, for the site search."""
    found = apply_search(
        Organisation.objects.public().filter(municipality=municipality).defer("search_vector"),
        text,
    )
    hits = tuple(
        SearchHit(organisation.name, organisation.get_absolute_url(), organisation.purpose)
        for organisation in found.only("name", "slug", "purpose")[:limit]
    )
    more = f"{reverse('organisations:list')}?{urlencode({'q': text})}"
    return SearchGroup(_("Organisations"), hits, more)
