"""GET /api/v1/events: the public calendar as JSON, with the same filters as /kalender/."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from dugnad.core.api import MappedRows, Pagination
from dugnad.core.caching import public_page
from dugnad.core.errors import DomainError
from dugnad.core.params import DbId, SaneDate

from . import feeds, queries
from .forms import CalendarFilterForm
from .views import event_or_404

router = Router(tags=["activities"])


class OccurrenceOut(Schema):
    id: int
    start: datetime
    end: datetime
    status: str
    moved: bool
    places_left: int | None = None
    waiting_list: bool = False


class EventBuildingOut(Schema):
    id: int
    name: str
    address: str
    postal_code: str
    postal_town: str


class EventRoomOut(Schema):
    id: int
    name: str
    building: EventBuildingOut


class EventSummaryOut(Schema):
    id: int
    title: str
    summary: str
    category: str
    organiser: str
    url: str
    free: bool
    price_ore: int
    venue_name: str
    address: str
    room: EventRoomOut | None = None
    age_groups: list[str]


class CalendarItemOut(Schema):
    occurrence: OccurrenceOut
    event: EventSummaryOut


class EventOut(EventSummaryOut):
    description: str
    min_age: int | None
    max_age: int | None
    wheelchair_access: bool
    hearing_loop: bool
    easy_read: bool
    sign_language: bool
    languages: str
    external_url: str
    signup_enabled: bool
    occurrences: list[OccurrenceOut]


class Filters(Schema):
    q: str | None = None
    start: SaneDate | None = Field(None, description="First day; today when left out.")
    end: SaneDate | None = Field(
        None, description="Last day; 90 days after the start when left out."
    )
    category: str | None = None
    age_group: str | None = None
    area: DbId | None = None
    organisation: str | None = None
    accessibility: list[str] = []
    free: bool = False


# What the list reads from the query: its page-cache key holds these alone.
LIST_PARAMS = (*Filters.model_fields, *Pagination.Input.model_fields)


def _date(row) -> dict:
    """A date of the event from a row of queries.event_dates."""
    state = row["state"]
    return {
        "id": row["id"],
        "start": row["start"].astimezone(feeds.OSLO),
        "end": row["end"].astimezone(feeds.OSLO),
        "status": row["status"],
        "moved": row["start"] != row["original_start"],
        "places_left": state.get("left"),
        "waiting_list": bool(state.get("waiting_list")),
    }


def _event(event, request, age_groups: list[str]) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "summary": event.summary,
        "category": event.category,
        "organiser": str(event.organiser),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "free": event.is_free,
        "price_ore": event.price_ore,
        "venue_name": event.venue_name,
        "address": event.address,
        "room": _room(event.room) if event.room_id else None,
        "age_groups": age_groups,
    }


def _room(room) -> dict:
    # The room and building come from select_related in the queries: no query per event.
    building = room.building
    return {
        "id": room.pk,
        "name": room.name,
        "building": {
            "id": building.pk,
            "name": building.name,
            "address": building.address,
            "postal_code": building.postal_code,
            "postal_town": building.postal_town,
        },
    }


def _items(request, dates) -> list[dict]:
    """A page of the calendar's dates as list items: the rows (queries.ITEM_FIELDS) and their
    events' age groups read as plain rows, one reverse() and one absolute address for the page."""
    rows = queries.calendar_item_rows(dates)
    ages = queries.age_group_codes({row["event_id"] for row in rows})
    # The event's id is its address's last part.
    prefix, _sep, suffix = request.build_absolute_uri(
        reverse("activities:event", kwargs={"pk": 999999999})
    ).rpartition("999999999")
    return [_item(row, ages.get(row["event_id"], []), prefix, suffix) for row in rows]


def _item(row, age_groups, prefix, suffix) -> dict:
    event_id = row["event_id"]
    # signup_state's rule, from the row: the date's own places, else the event's.
    capacity = row["capacity"] if row["capacity"] is not None else row["event__capacity"]
    left = waiting_list = None
    if row["event__signup_enabled"] and capacity is not None:
        left = max(capacity - row["confirmed_count"], 0)
        waiting_left = max(row["event__waitlist_capacity"] - row["waiting_count"], 0)
        waiting_list = left == 0 and waiting_left > 0
    room = None
    if row["event__room_id"]:
        room = {
            "id": row["event__room_id"],
            "name": row["event__room__name"],
            "building": {
                "id": row["event__room__building_id"],
                "name": row["event__room__building__name"],
                "address": row["event__room__building__address"],
                "postal_code": row["event__room__building__postal_code"],
                "postal_town": row["event__room__building__postal_town"],
            },
        }
    return {
        "occurrence": {
            "id": row["id"],
            "start": row["start"].astimezone(feeds.OSLO),
            "end": row["end"].astimezone(feeds.OSLO),
            "status": row["status"],
            "moved": row["start"] != row["original_start"],
            "places_left": left,
            "waiting_list": bool(waiting_list),
        },
        "event": {
            "id": event_id,
            "title": row["event__title"],
            "summary": row["event__summary"],
            "category": row["event__category"],
            # Event.organiser: the organisation, else the unit.
            "organiser": row["event__organisation__name"] or row["event__unit__name"] or "",
            "url": f"{prefix}{event_id}{suffix}",
            "free": row["event__price_ore"] == 0,
            "price_ore": row["event__price_ore"],
            "venue_name": row["event__venue_name"],
            "address": row["event__address"],
            "room": room,
            "age_groups": age_groups,
        },
    }


@router.get("", response=list[CalendarItemOut], summary="Coming occurrences, filtered")
@decorate_view(public_page(*queries.PUBLIC_TOPICS, params=LIST_PARAMS, per_row=queries.PLACES_LEFT))
@paginate
def list_events(request, filters: Query[Filters]):
    data = {
        key: value for key, value in filters.dict().items() if value not in (None, "", [], False)
    }
    form = CalendarFilterForm(data, municipality=request.municipality)
    if not form.is_valid():
        raise DomainError(
            "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()),
            code="invalid_filter",
        )
    return MappedRows(
        queries.ordered_dates(form.cleaned_data, request.municipality),
        lambda page: _items(request, page),
        whole_page=True,
    )


@router.get("/{event_id}", response=EventOut, summary="One event with its coming occurrences")
@decorate_view(public_page(*queries.PUBLIC_TOPICS, params=(), per_row=queries.PLACES_LEFT))
def get_event(request, event_id: DbId):
    event = event_or_404(request, event_id, read=queries.event_page)
    body = _event(event, request, queries.age_group_codes([event.pk]).get(event.pk, []))
    body.update(
        description=event.description,
        min_age=event.min_age,
        max_age=event.max_age,
        wheelchair_access=event.wheelchair_access,
        hearing_loop=event.hearing_loop,
        easy_read=event.easy_read,
        sign_language=event.sign_language,
        languages=event.languages,
        external_url=event.external_url,
        signup_enabled=event.signup_enabled,
        occurrences=[_date(row) for row in queries.event_dates(event)],
    )
    return body
