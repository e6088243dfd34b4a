"""Reads for the calendar, the event page, the feeds and the API."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.db.models import BigIntegerField, Count, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from dugnad.core.caching import shows
from dugnad.core.models import AgeGroupChoice, Area, Unit
from dugnad.core.paging import HeadFirstRows
from dugnad.core.plugins import QueueItem, SearchGroup, SearchHit
from dugnad.core.prepared import (
    InIds,
    Joined,
    Prepared,
    PreparedShapes,
    sample_datetime,
    sample_ids,
    sample_int,
    sample_small_int,
    sample_str,
)
from dugnad.core.text import fold
from dugnad.organisations.models import Organisation

from .models import Event, Occurrence, OrganiserPolicy, PriceGroup, SignUp
from .recurrence import OSLO

ACCESSIBILITY_FIELDS = ("wheelchair_access", "hearing_loop", "easy_read", "sign_language")
DEFAULT_SPAN = timedelta(days=90)
SEARCH_SPAN = timedelta(days=3 * 366)
# The data the public calendar pages show (events, organisers, rooms): their cache topics.
PUBLIC_TOPICS = ("activities", "organisations", "premises")
# Pages that show places left (the calendar, an event's page, the API) read sign-ups too, date
# by date: each says which dates it shows (`shows_places`), and a sign-up changes the pages
# that show its date (core.caching's `per_row`). The feeds show no places: a sign-up leaves
# them cached.
SIGNUPS = "signups"
PLACES_LEFT = (SIGNUPS,)  # public_page(per_row=...) of the pages that show places left


def shows_places(date_ids) -> None:
    """The public page being rendered shows the places left of these dates (occurrence ids)."""
    shows(SIGNUPS, date_ids)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min).replace(tzinfo=OSLO)


def _matching_events(filters: dict, municipality):
    """The municipality's (or municipality id's) published events that match the event
    filters of `filters`, as a queryset."""
    events = Event.objects.in_municipality(municipality).filter(status=Event.Status.PUBLISHED)
    if category := filters.get("category"):
        events = events.filter(category=category)
    if filters.get("free"):
        events = events.filter(price_ore=0)
    if (age := filters.get("age")) is not None:
        events = events.filter(Q(min_age__isnull=True) | Q(min_age__lte=age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=age)
        )
    if area := filters.get("area"):
        events = events.filter(area=area)
    if organisation := filters.get("organisation"):
        events = events.filter(Q(organisation=organisation) | Q(co_organisers=organisation))
    if unit := filters.get("unit"):
        events = events.filter(Q(unit=unit) | Q(co_organiser_units=unit))
    for feature in _features(filters):
        events = events.filter(**{feature: True})
    if text := (filters.get("q") or "").strip():
        # Accent- and case-insensitive on both databases: the folded column, each word in it.
        for word in fold(text).split()[:5]:
            events = events.filter(search_text__contains=word)
    return events


def _features(filters: dict) -> tuple[str, ...]:
    """The accessibility features asked for, known ones only, each once and in a fixed order:
    they are one compiled query's shape, so an address that repeats or reorders them must not
    make another."""
    asked = set(filters.get("accessibility") or ())
    return tuple(feature for feature in ACCESSIBILITY_FIELDS if feature in asked)


# The event filters whose values reach the SQL as they are, with a stand-in of each
# (core.prepared; an age is a small integer, which Django would compile away when out of range).
_VALUED_FILTERS = {
    "category": sample_str(1),
    "age": sample_small_int(2),
    "area": sample_int(3),
    "organisation": sample_int(4),
    "unit": sample_int(5),
}


def _event_ids_query(shape) -> Prepared:
    names, free, features = shape
    return Prepared(
        lambda municipality_id, *values: (
            _matching_events(
                {**dict(zip(names, values, strict=True)), "free": free, "accessibility": features},
                municipality_id,
            )
            .values_list("pk", flat=True)
            .order_by()
        ),
        sample_int(0),
        *(_VALUED_FILTERS[name] for name in names),
    )


# The event ids' query for each combination of filters (the valued ones above, free, and the
# accessibility features: 1,024 at most), compiled once per process on first use. Building and
# compiling it cost more than running it.
_EVENT_IDS = PreparedShapes(_event_ids_query, limit=1024)


def _event_ids(filters: dict, municipality) -> list[int]:
    names = tuple(
        name
        for name in _VALUED_FILTERS
        if (filters.get(name) is not None if name == "age" else filters.get(name))
    )
    shape = (names, bool(filters.get("free")), _features(filters))
    # A text search's words go into LIKE patterns, which a compiled query cannot take as they
    # are: its ids come from the queryset itself, as do those of a shape past the limit.
    prepared = None if (filters.get("q") or "").strip() else _EVENT_IDS.get(shape)
    if prepared is None:
        events = _matching_events(filters, municipality)
        return list(events.values_list("pk", flat=True).order_by())
    values = (getattr(filters[name], "pk", filters[name]) for name in names)
    return prepared(municipality.pk, *values)


# The events of an age group among the municipality's (InIds: the ids as one parameter).
_OF_AGE_GROUP = Prepared(
    lambda event_ids, code: Event.age_groups.through.objects.filter(
        InIds(F("event_id"), event_ids), agegroup_id=code
    ).values_list("event_id", flat=True),
    sample_ids(0),
    sample_str(1),
)


def _selection(filters: dict | None, municipality) -> tuple[list[int], datetime, datetime]:
    """The ids of the municipality's published events that match `filters`, and the period
    (from, until) of their dates to show."""
    filters = filters or {}
    start_day = filters.get("start") or timezone.localdate()
    # A search looks through every future date, not only the next 90 days.
    span = SEARCH_SPAN if (filters.get("q") or "").strip() else DEFAULT_SPAN
    end_day = filters.get("end") or start_day + span
    # The ids are fetched first: as a list they let PostgreSQL probe the (event, start) index
    # per event, where a subquery made it read the whole country's dates in the period.
    event_ids = _event_ids(filters, municipality)
    if event_ids and (age_group := filters.get("age_group")):
        # Then those of the age group, by their ids: joined in the query above, PostgreSQL
        # read the whole country's rows of the age group (a hash join, ~5 ms at `norway`)
        # where probing the municipality's few hundred events takes a tenth of that.
        event_ids = _OF_AGE_GROUP(event_ids, getattr(age_group, "pk", age_group))
    return event_ids, _day_start(start_day), _day_start(end_day + timedelta(days=1))


def _dates_of(event_ids, first: datetime, last: datetime):
    return Occurrence.objects.filter(
        InIds(F("event_id"), event_ids), start__gte=first, start__lt=last
    )


def _matching_dates(filters: dict | None, municipality):
    """Scheduled and cancelled dates of the municipality's published events that match
    `filters`, in no particular order and without related rows."""
    return _dates_of(*_selection(filters, municipality))


_SELECTION_SAMPLES = (sample_ids(0), sample_datetime(1), sample_datetime(2))
# COUNT(id) as a column: Count() in values_list() would group by the key.
_DATE_COUNT = Prepared(
    lambda *selection: (
        _dates_of(*selection)
        .order_by()
        .values_list(Func(F("pk"), function="COUNT", output_field=BigIntegerField()), flat=True)
    ),
    *_SELECTION_SAMPLES,
)


def _date_ids_query(low, high):
    return lambda *selection: (
        _dates_of(*selection).order_by("start", "id").values_list("id", flat=True)[low:high]
    )


# A slice's ids for each slice asked for (the calendar's pages of 40, a week or month of 500,
# the API's pages), compiled once per process on first use; 64 slices at most.
_DATE_SLICES = PreparedShapes(
    lambda bounds: Prepared(_date_ids_query(*bounds), *_SELECTION_SAMPLES), limit=64
)


class DateSelection:
    """The dates of a calendar selection in time order, as Paginator and the API's pages read
    them: `count()` and slices of their ids, from queries compiled once per process
    (core.prepared). Building and compiling the ORM's queries for them cost more than running
    them."""

    ordered = True

    def __init__(self, event_ids: list[int], first: datetime, last: datetime):
        self.selection = (event_ids, first, last)

    def count(self) -> int:
        return _DATE_COUNT(*self.selection)[0]

    def __getitem__(self, index) -> list[int]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("DateSelection reads slices of ids.")
        low, high = index.start or 0, index.stop
        if low < 0 or (high is not None and high < low):
            raise ValueError("A slice of the dates starts at 0 and ends after its start.")
        if high == low:
            return []  # what Paginator asks of an empty list; no SQL can be compiled for it
        prepared = _DATE_SLICES.get((low, high))
        if prepared is None:
            return list(_date_ids_query(low, high)(*self.selection))
        return prepared(*self.selection)


def public_occurrences(filters: dict | None, municipality, *, for_feed=False):
    """Scheduled and cancelled occurrences of the municipality's published events, filtered, in
    time order.

    `filters` are the cleaned values of CalendarFilterForm (or the API's query schema). The
    event filters pick event ids first, so no join multiplies rows and no DISTINCT is needed;
    the dates are then read by (event, start) through the occurrence_event_start index, which
    keeps a municipality's calendar as fast when the tables hold the whole country.
    `for_feed` leaves out what a feed does not show (places left, age groups).
    """
    qs = _matching_dates(filters, municipality)
    if for_feed:
        return qs.select_related(*DETAIL_RELATIONS).order_by("start", "id")
    return with_details(qs)


def ordered_dates(filters: dict | None, municipality) -> DateSelection:
    """The ids of the dates public_occurrences gives, in its order, without their related rows
    or counts: for a list that reads a page of ids and then its rows (the API,
    calendar_item_rows), whose COUNT then counts the dates alone."""
    return DateSelection(*_selection(filters, municipality))


def calendar_rows(filters: dict | None, municipality) -> HeadFirstRows:
    """The calendar page's dates (list, week and month) as dicts of ITEM_FIELDS (with
    `confirmed_count` and `waiting_count`), in time order, read a slice at a time: a slice
    reads its dates' ids and then their rows (calendar_item_rows); the count counts the dates
    alone. Every query is compiled once per process."""
    return HeadFirstRows(ordered_dates(filters, municipality), read=calendar_item_rows)


class _EpochSeconds(Func):
    """A timestamp as whole seconds since 1970 (UTC), an integer: the feed formats a thousand
    dates, and PostgreSQL's integers load in C where its timestamps load in Python."""

    template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite keeps a time as UTC text; strftime('%s') reads it. The %s is written %%%%s:
        # one %% for this template, one for Django's SQLite cursor, which turns %s into ?.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
            **extra_context,
        )

    @property
    def convert_value(self):
        # psycopg gives a bigint as an int: no int() per value (two per date of a feed).
        return self._convert_value_noop


# What a feed shows of an event, its organiser and its room (Event.place_name/place_address).
FEED_EVENT_FIELDS = (
    "pk",
    "title",
    "summary",
    "category",
    "sequence",
    "venue_name",
    "address",
    "organisation_id",
    "organisation__name",
    "organisation__email",
    "unit_id",
    "unit__name",
    "unit__email",
    "room_id",
    "room__name",
    "room__building__name",
    "room__building__address",
    "room__building__postal_code",
    "room__building__postal_town",
)


class FeedOrganiser(SimpleNamespace):
    """An event's organisation or unit as a feed shows it: both models' str() is their name."""

    def __str__(self) -> str:
        return self.name


def _feed_event(row: tuple) -> SimpleNamespace:
    # Plain values in the shape of an Event (event.room.building.name, event.organiser), so
    # that the model's own place_name, place_address and organiser say what a feed shows.
    (pk, title, summary, category, sequence, venue_name, address, org_id, org_name, org_email,
     unit_id, unit_name, unit_email, room_id, room_name, building_name, building_address,
     postal_code, postal_town) = row  # fmt: skip
    event = SimpleNamespace(
        pk=pk,
        title=title,
        summary=summary,
        category=category,
        sequence=sequence,
        venue_name=venue_name,
        address=address,
        room_id=room_id,
        organisation=FeedOrganiser(name=org_name, email=org_email) if org_id else None,
        unit=FeedOrganiser(name=unit_name, email=unit_email) if unit_id else None,
    )
    if room_id:
        building = SimpleNamespace(
            name=building_name,
            address=building_address,
            postal_code=postal_code,
            postal_town=postal_town,
        )
        event.room = SimpleNamespace(name=room_name, building=building)
    event.place_name = Event.place_name.fget(event)
    event.place_address = Event.place_address.fget(event)
    event.organiser = Event.organiser.fget(event)
    return event


FEED_LIMIT = 1000  # the dates a calendar feed holds at most (90 days of a municipality)

_FEED_DATE_FIELDS = (
    "pk",
    "event_id",
    _EpochSeconds("start"),
    _EpochSeconds("end"),
    "sequence",
    "status",
)

# The calendar feed's dates for a selection, compiled once per process like the calendar's.
_FEED_DATES = Prepared(
    lambda *selection: (
        _dates_of(*selection).order_by("start", "id").values_list(*_FEED_DATE_FIELDS)[:FEED_LIMIT]
    ),
    *_SELECTION_SAMPLES,
)


def calendar_feed(filters: dict | None, municipality) -> tuple[list[tuple], dict]:
    """The first FEED_LIMIT dates public_occurrences gives, as `feed_rows` gives them."""
    rows = _FEED_DATES(*_selection(filters, municipality))
    return rows, _feed_events(rows)


def feed_rows(occurrences) -> tuple[list[tuple], dict[int, SimpleNamespace]]:
    """A feed's dates as plain rows (id, event id, start, end, sequence, status, with the
    times as seconds since 1970) and their events by id, each read once as values with its
    organiser and place: two queries, and no model instance at all (a full feed has a
    thousand dates of a hundred events)."""
    rows = list(occurrences.values_list(*_FEED_DATE_FIELDS))
    return rows, _feed_events(rows)


def _feed_events(rows: list[tuple]) -> dict[int, SimpleNamespace]:
    events = _FEED_EVENTS(sorted({row[1] for row in rows})) if rows else []
    return {row[0]: _feed_event(row) for row in events}


# A feed's events by their ids as one parameter (InIds): the same statement for any number of
# events, compiled once per process, where an IN list of a hundred ids was a new one each time.
_FEED_EVENTS = Prepared(
    lambda ids: Event.objects.filter(InIds(F("pk"), ids)).values_list(*FEED_EVENT_FIELDS),
    sample_ids(0),
)


def _signup_count(status: str):
    # A correlated count per row: PostgreSQL evaluates it only for the rows a page shows, and
    # the paginator's COUNT(*) leaves it out, unlike a join with COUNT(DISTINCT).
    counted = (
        SignUp.objects.filter(occurrence=OuterRef("pk"), status=status)
        .order_by()
        .values("occurrence")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


DETAIL_RELATIONS = (
    "event",
    "event__organisation",
    "event__unit",
    "event__area",
    "event__room__building",
)


def with_details(qs):
    return (
        qs.select_related(*DETAIL_RELATIONS)
        .prefetch_related("event__age_groups")
        .annotate(
            confirmed_count=_signup_count(SignUp.Status.CONFIRMED),
            waiting_count=_signup_count(SignUp.Status.WAITING),
        )
        .order_by("start", "id")
    )


def event_detail(pk: int, municipality):
    return (
        Event.objects.in_municipality(municipality)
        .select_related("organisation", "unit", "area", "municipality", "room__building")
        .prefetch_related("age_groups", "co_organisers")
        .get(pk=pk)
    )


# The room's models through the event's own relation (the calendar does not import the
# premises app's models).
_ROOM = Event._meta.get_field("room").related_model
_BUILDING = _ROOM._meta.get_field("building").related_model

# The event with its organiser and place, as select_related("organisation", "unit", "area",
# "room__building") gives it, from one query compiled once per process (core.prepared); the
# stored search columns, which the page never shows, are left out.
_EVENT_JOINED = Joined(
    Event,
    ("search_text",),
    organisation=(Organisation, ("search_vector", "search_document")),
    unit=(Unit, ()),
    area=(Area, ()),
    room=(_ROOM, ()),
    room__building=(_BUILDING, ()),
)
_EVENT_PAGE = Prepared(
    lambda municipality_id, pk: Event.objects.filter(
        municipality_id=municipality_id, pk=pk
    ).values_list(*_EVENT_JOINED.fields()),
    sample_int(1),
    sample_int(2),
)


def event_page(pk: int, municipality) -> Event:
    """The event for its own page and the API's: its organiser and place joined, nothing
    prefetched (the page reads its lists as rows through `event_lists`)."""
    rows = _EVENT_PAGE(municipality.pk, pk)
    if not rows:
        raise Event.DoesNotExist
    event = _EVENT_JOINED.build(rows[0])
    # The filter above made it the served municipality: no join or query for it.
    event.municipality = municipality
    return event


# Compiled once per process (core.prepared), the ids as one parameter (InIds).
_AGE_GROUPS_OF = Prepared(
    lambda event_ids: (
        Event.age_groups.through.objects.filter(InIds(F("event_id"), event_ids))
        .order_by("agegroup__position", "agegroup_id")
        .values_list("event_id", "agegroup_id")
    ),
    sample_ids(1),
)


def age_group_codes(event_ids) -> dict[int, list[str]]:
    """The age-group codes of each event, in the groups' order: one query of plain rows."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    found: dict[int, list[str]] = {}
    for event_id, code in _AGE_GROUPS_OF(ids):
        found.setdefault(event_id, []).append(code)
    return found


# What a calendar page's row and an API list item read of a date and its event, as one row
# per date: no model instance, no select_related tree and no prefetch per page.
ITEM_FIELDS = (
    "id", "event_id", "start", "end", "original_start", "status", "capacity",
    "confirmed_count", "waiting_count", "event__title", "event__summary", "event__category",
    "event__organisation__name", "event__unit__name", "event__price_ore", "event__venue_name",
    "event__address", "event__signup_enabled", "event__capacity", "event__waitlist_capacity",
    "event__image", "event__image_alt",
    "event__room_id", "event__room__name", "event__room__building_id",
    "event__room__building__name", "event__room__building__address",
    "event__room__building__postal_code", "event__room__building__postal_town",
)  # fmt: skip


# Compiled once per process (core.prepared): the page's dates are picked by the calendar's own
# query, then read by id (InIds, one parameter), in the same order.
_ITEM_ROWS = Prepared(
    lambda ids: (
        with_details(Occurrence.objects.filter(InIds(F("pk"), ids)))
        .prefetch_related(None)
        .values(*ITEM_FIELDS)
    ),
    sample_ids(1),
)


def calendar_item_rows(ids: list[int]) -> list[dict]:
    """The rows (ITEM_FIELDS) of a page (a slice) of ordered_dates' ids, in its order."""
    if not ids:
        return []
    shows_places(ids)
    rows = {row["id"]: row for row in _ITEM_ROWS(ids)}
    return [rows[pk] for pk in ids if pk in rows]


@dataclass(frozen=True)
class EventLists:
    """What the event page lists beside the event's own fields, as plain values."""

    age_groups: list[str]  # codes, in the groups' order
    co_organisers: list[tuple[str, str]]  # (address of the page, name), by name
    co_organiser_units: list[str]  # names, by name
    prices: list[tuple[str, int]]  # (name, øre) of the price groups, in their order

    @property
    def age_labels(self) -> list[str]:
        return AgeGroupChoice.labels_of(self.age_groups)


# The event page's reads, compiled once per process (core.prepared): an event's page runs the
# same five small queries for every event, and compiling them cost more than running them.
_EVENT_CO_ORGANISERS = Prepared(
    lambda pk: (
        Event.co_organisers.through.objects.filter(event_id=pk)
        .order_by("organisation__name", "organisation_id")
        .values_list("organisation__slug", "organisation__name")
    ),
    sample_int(1),
)
_EVENT_CO_ORGANISER_UNITS = Prepared(
    lambda pk: (
        Event.co_organiser_units.through.objects.filter(event_id=pk)
        .order_by("unit__name", "unit_id")
        .values_list("unit__name", flat=True)
    ),
    sample_int(1),
)
_EVENT_PRICES = Prepared(
    lambda pk: (
        PriceGroup.objects.filter(event_id=pk)
        .order_by("position", "id")
        .values_list("name", "price_ore")
    ),
    sample_int(1),
)


def event_lists(event: Event) -> EventLists:
    """The event's age groups, co-organisers and price groups as rows: four small queries, no
    prefetch and no model instances (the orders are the models' own)."""
    pk = event.pk
    return EventLists(
        age_groups=age_group_codes([pk]).get(pk, []),
        co_organisers=[
            (reverse("organisations:detail", kwargs={"slug": slug}), name)
            for slug, name in _EVENT_CO_ORGANISERS(pk)
        ],
        co_organiser_units=_EVENT_CO_ORGANISER_UNITS(pk),
        prices=_EVENT_PRICES(pk),
    )


DATE_FIELDS = ("id", "start", "end", "original_start", "status", "note", "capacity")
_EVENT_DATES = Prepared(
    lambda pk, now: (
        Occurrence.objects.filter(event_id=pk, end__gte=now)
        .order_by("start", "id")
        .values(
            *DATE_FIELDS,
            confirmed=_signup_count(SignUp.Status.CONFIRMED),
            waiting=_signup_count(SignUp.Status.WAITING),
        )
    ),
    sample_int(1),
    sample_datetime(2),
)


def event_dates(event: Event) -> list[dict]:
    """The event's coming dates in time order as rows (DATE_FIELDS, `confirmed`, `waiting`),
    the sign-ups counted in the same query, and `state` (signup_state's) added: no model
    instance and no join per date."""
    rows = _EVENT_DATES(event.pk, timezone.now())
    shows_places([row["id"] for row in rows])
    for row in rows:
        row["state"] = _state(event, row["capacity"], row["confirmed"], row["waiting"])
    return rows


def events(municipality):
    """The municipality's events, for a page that picks one by its id and then checks the
    visitor's rights."""
    return Event.objects.in_municipality(municipality)


def stored_event(pk: int, municipality) -> Event:
    """The event as stored, read afresh: a bound form has already changed its own instance."""
    return Event.objects.in_municipality(municipality).get(pk=pk)


def occurrences_of(event: Event, *, with_event: bool = False):
    """The event's dates (all of them, past and cancelled too), in time order."""
    qs = Occurrence.objects.filter(event=event).order_by("start")
    return qs.select_related("event") if with_event else qs


def signups_of(occurrence: Occurrence):
    return SignUp.objects.filter(occurrence=occurrence)


def signups_with_event():
    """Sign-ups with their date and event, for the cancel link that names them by token."""
    return SignUp.objects.select_related("occurrence__event")


def public_organisations(municipality):
    """The municipality's approved organisations."""
    return Organisation.objects.public().in_municipality(municipality)


def public_organisations_among(ids, municipality):
    """The municipality's approved organisations among `ids` (those a person may publish for)."""
    return public_organisations(municipality).filter(pk__in=ids)


def units_among(ids, municipality):
    """The municipality's units among `ids`, by name."""
    return Unit.objects.in_municipality(municipality).filter(pk__in=ids).order_by("name")


def event_occurrences(event: Event, include_past: bool = False):
    qs = Occurrence.objects.filter(event=event)
    if not include_past:
        qs = qs.filter(end__gte=timezone.now())
    return with_details(qs)


def organisation_occurrences(organisation: Organisation, limit: int = 200):
    return public_occurrences(
        {"organisation": organisation, "end": timezone.localdate() + timedelta(days=366)},
        organisation.municipality,
        for_feed=True,
    )[:limit]


def upcoming_occurrences(key: str, organiser, limit: int = 10) -> list[Occurrence]:
    """The next occurrences of one organisation or unit, for the embeddable widget."""
    qs = public_occurrences(
        {key: organiser, "end": timezone.localdate() + timedelta(days=366)}, organiser.municipality
    )
    return list(qs.filter(end__gte=timezone.now())[:limit])


HOME_EVENTS = 6
HOME_DAYS = 7
# Dates read to find HOME_EVENTS different events: a weekly event has up to seven in a week,
# so a bounded number of rows still fills the cards when some events repeat.
HOME_DATES_READ = 60


def first_dates(occurrences, limit: int) -> list[Occurrence]:
    """The first date of each of up to `limit` different events, in time order."""
    seen, found = set(), []
    for occurrence in occurrences:
        if occurrence.event_id not in seen:
            seen.add(occurrence.event_id)
            found.append(occurrence)
            if len(found) == limit:
                break
    return found


# What a home page card shows, read as plain values (a date with select_related was seven
# model instances, and most of the dates read are skipped as a repeat of an event).
HOME_CARD_FIELDS = (
    "start",
    "event_id",
    "event__title",
    "event__summary",
    "event__image",
    "event__image_alt",
    "event__organisation__name",
    "event__unit__name",
)


def home_section(municipality) -> dict | None:
    """This week's events as cards for the home page: each event once, at its next date, as
    dicts with the event's address made from one reverse()."""
    today = timezone.localdate()
    dates = (
        _matching_dates(
            {"start": today, "end": today + timedelta(days=HOME_DAYS - 1)}, municipality
        )
        .filter(end__gte=timezone.now(), status=Occurrence.Status.SCHEDULED)
        .order_by("start", "id")
        .values(*HOME_CARD_FIELDS)
    )
    event_path = reverse("activities:event", kwargs={"pk": 1}).replace("/1/", "/{}/")
    image_path = reverse("activities:event_image", kwargs={"pk": 1}).replace("/1/", "/{}/")
    cards = []
    for row in first_dates_of(dates[:HOME_DATES_READ], HOME_EVENTS):
        event_id, organiser = row["event_id"], row["event__organisation__name"]
        start = timezone.localtime(row["start"])
        cards.append(
            {
                "start_iso": start.isoformat(),
                "when": date_format(start, "l j. F, H:i"),
                "day": date_format(start, "j"),
                "month": date_format(start, "M"),
                "url": event_path.format(event_id),
                "title": row["event__title"],
                "summary": row["event__summary"],
                "image_url": image_path.format(event_id) if row["event__image"] else "",
                "image_alt": row["event__image_alt"],
                "organiser": organiser if organiser is not None else row["event__unit__name"],
            }
        )
    return {
        "occurrences": cards,
        "feed_links": [
            (_("Activity calendar (iCal)"), reverse("activities:calendar_ics"), "text/calendar")
        ],
    }


def first_dates_of(rows, limit: int) -> list[dict]:
    """first_dates for rows read as dicts."""
    seen, found = set(), []
    for row in rows:
        if row["event_id"] not in seen:
            seen.add(row["event_id"])
            found.append(row)
            if len(found) == limit:
                break
    return found


def site_search(municipality, text: str, limit: int):
    """Published events with a coming date matching `text`, each once, at its next date."""
    dates = public_occurrences({"q": text}, municipality, for_feed=True).filter(
        end__gte=timezone.now()
    )
    hits = tuple(
        SearchHit(
            occurrence.event.title,
            occurrence.event.get_absolute_url(),
            f"{date_format(timezone.localtime(occurrence.start), 'DATETIME_FORMAT')}"
            f"{' · ' + occurrence.event.summary if occurrence.event.summary else ''}",
        )
        for occurrence in first_dates(dates[: limit * 10], limit)
    )
    more = f"{reverse('activities:calendar')}?{urlencode({'q': text})}"
    return SearchGroup(_("Events"), hits, more)


ORGANISATION_EVENTS = 5


# The organisation page's events section, compiled once per process (core.prepared): the
# organisation's published events (as public_occurrences picks them for an organisation), then
# their coming dates, by the events' ids as one parameter (InIds), as public_occurrences reads
# them (an index probe per event).
_ORGANISATION_EVENT_IDS = Prepared(
    lambda municipality_id, organisation_id: (
        Event.objects.filter(municipality_id=municipality_id, status=Event.Status.PUBLISHED)
        .filter(Q(organisation_id=organisation_id) | Q(co_organisers=organisation_id))
        .order_by()
        .values_list("pk", flat=True)
    ),
    sample_int(1),
    sample_int(2),
)
_SECTION_FIELDS = ("event_id", "start", "status", "event__title", "event__summary")
_SECTION_DATES = Prepared(
    lambda first, last, now, ids: (
        Occurrence.objects.filter(
            InIds(F("event_id"), ids), start__gte=first, start__lt=last, end__gte=now
        )
        .order_by("start", "id")
        .values(*_SECTION_FIELDS)[:HOME_DATES_READ]
    ),
    sample_datetime(1),
    sample_datetime(2),
    sample_datetime(3),
    sample_ids(10),
)


def organisation_section(organisation) -> dict | None:
    """An organisation's next events and its calendar feed, for its public page: the dates as
    plain rows (no event, organiser or place instances per date), each event at its next one."""
    ids = sorted(set(_ORGANISATION_EVENT_IDS(organisation.municipality_id, organisation.pk)))
    today = timezone.localdate()
    # public_occurrences' period for an organisation's coming year, and its dates not yet over.
    period = (_day_start(today), _day_start(today + timedelta(days=367)), timezone.now())
    rows = _SECTION_DATES(*period, ids) if ids else []
    seen, found = set(), []
    for row in rows:
        if row["event_id"] not in seen:
            seen.add(row["event_id"])
            found.append(row)
            if len(found) == ORGANISATION_EVENTS:
                break
    # One reverse() for the section: the event's id is its address's last part.
    prefix, _sep, suffix = reverse("activities:event", kwargs={"pk": 999999999}).rpartition(
        "999999999"
    )
    for row in found:
        row["url"] = f"{prefix}{row['event_id']}{suffix}"
    return {
        "occurrences": found,
        "feed_url": reverse("activities:organisation_ics", args=[organisation.slug]),
        "calendar_url": (
            f"{reverse('activities:calendar')}?{urlencode({'organisation': organisation.slug})}"
        ),
    }


def participants(occurrence: Occurrence):
    return (
        occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
        .select_related("booked_by")
        .order_by("status", "created_at", "id")
    )


def participant_emails(occurrence) -> list[str]:
    """The addresses of everyone signed up for the date (confirmed or waiting)."""
    return list(
        occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def approval_policies(municipality):
    return (
        OrganiserPolicy.objects.filter(
            requires_approval=True, organisation__municipality=municipality
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def pending_events(municipality):
    return (
        Event.objects.in_municipality(municipality)
        .filter(status=Event.Status.PENDING)
        .select_related("organisation", "unit")
    )


def signup_state(occurrence) -> dict:
    """Places left and waiting-list state, from annotated counts when present."""
    event = occurrence.event
    capacity = occurrence.effective_capacity
    confirmed = getattr(occurrence, "confirmed_count", None)
    waiting = getattr(occurrence, "waiting_count", None)
    if confirmed is None:
        confirmed = occurrence.signups.filter(status=SignUp.Status.CONFIRMED).count()
        waiting = occurrence.signups.filter(status=SignUp.Status.WAITING).count()
    return _state(event, capacity, confirmed, waiting)


_NO_SIGNUP = {"enabled": False}


def _state(event, capacity, confirmed, waiting) -> dict:
    """signup_state's answer from plain values: `capacity` is the date's own (None for the
    event's)."""
    if capacity is None:
        capacity = event.capacity
    if not event.signup_enabled or capacity is None:
        return dict(_NO_SIGNUP)
    left = max(capacity - confirmed, 0)
    waiting_left = max(event.waitlist_capacity - waiting, 0)
    return {
        "enabled": True,
        "capacity": capacity,
        "confirmed": confirmed,
        "left": left,
        "waiting": waiting,
        "waiting_left": waiting_left,
        "full": left == 0 and waiting_left == 0,
        "waiting_list": left == 0 and waiting_left > 0,
    }


def clashes(pairs, age_groups, area, limit: int = 10) -> list[Occurrence]:
    """Published occurrences at overlapping times for the same age group in the same area."""
    if not pairs or not age_groups or area is None:
        return []
    overlap = Q()
    for start, end in pairs[:100]:
        overlap |= Q(start__lt=end, end__gt=start)
    qs = Occurrence.objects.filter(
        overlap,
        status=Occurrence.Status.SCHEDULED,
        event__status=Event.Status.PUBLISHED,
        event__area=area,
        event__age_groups__in=list(age_groups),
    )
    return list(qs.select_related("event").distinct().order_by("start")[:limit])


def signup_questions(event: Event) -> list:
    return list(event.signup_questions.all())


def price_groups(event: Event) -> list:
    return list(event.price_groups.all())


def participant_table(event: Event, occurrence: Occurrence):
    """The event's sign-up questions and the occurrence's participants, each with
    `answer_list` in question order (empty where not answered): three queries in all."""
    questions = signup_questions(event)
    rows = list(participants(occurrence).prefetch_related("answers"))
    for row in rows:
        given = {answer.question_id: answer.value for answer in row.answers.all()}
        row.answer_list = [given.get(question.pk, "") for question in questions]
    return questions, rows


def work_queue(user, municipality) -> list[QueueItem]:
    """The volunteer coordinator's queue here: events waiting for approval, oldest first."""
    from .rules import can_review_events

    if not can_review_events(user):
        return []
    waiting = pending_events(municipality)
    count = waiting.count()
    if not count:
        return []
    now = timezone.now()
    first_date = (
        Occurrence.objects.filter(event__in=waiting, start__gte=now)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    return [
        QueueItem(
            _("Events to review"),
            count,
            reverse("activities:review"),
            # An event waiting for approval that starts within two days is late.
            urgent=first_date is not None and first_date < now + timedelta(days=2),
        )
    ]


def my_signups(user, limit: int = 50) -> list[SignUp]:
    """The person's upcoming sign-ups (each family member their own row), soonest first.

    A waiting-list row carries `position` (1 = next to get a place), counted in the same query,
    so the section's query count does not grow with the number of sign-ups.
    """
    ahead = (
        SignUp.objects.filter(
            occurrence=OuterRef("occurrence"),
            status=SignUp.Status.WAITING,
            created_at__lte=OuterRef("created_at"),
        )
        .order_by()
        .values("occurrence")
        .annotate(n=Count("id"))
        .values("n")
    )
    return list(
        SignUp.objects.filter(booked_by=user, occurrence__end__gte=timezone.now())
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("occurrence__event")
        .annotate(position=Subquery(ahead))
        .order_by("occurrence__start", "participant_name", "id")[:limit]
    )


def my_page(user) -> dict | None:
    """This app's section of a person's own page: their upcoming sign-ups and waiting places."""
    signups = my_signups(user)
    return {
        "confirmed": [s for s in signups if s.status == SignUp.Status.CONFIRMED],
        "waiting": [s for s in signups if s.status == SignUp.Status.WAITING],
    }


def same_submission(signup: SignUp) -> list[SignUp]:
    """The other people signed up on the same date by the same person (account or email), for
    the page the email's link opens: each can be signed off on their own."""
    others = SignUp.objects.filter(occurrence_id=signup.occurrence_id).exclude(pk=signup.pk)
    if signup.booked_by_id:
        others = others.filter(booked_by_id=signup.booked_by_id)
    elif signup.email:
        others = others.filter(email=signup.email, booked_by__isnull=True)
    else:
        return []
    return list(others.order_by("created_at", "id"))
