"""Reads for the calendar, the event page, the feeds and the API."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from dugnad.organisations.models import Organisation

from .models import Event, Occurrence, OrganiserPolicy, SignUp
from .recurrence import OSLO

ACCESSIBILITY_FIELDS = ("wheelchair_access", "hearing_loop", "easy_read", "sign_language")
DEFAULT_SPAN = timedelta(days=90)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min).replace(tzinfo=OSLO)


def public_occurrences(filters: dict | None = None):
    """Scheduled and cancelled occurrences of published events, filtered, in time order.

    `filters` are the cleaned values of CalendarFilterForm (or the API's query schema).
    """
    filters = filters or {}
    start_day = filters.get("start") or timezone.localdate()
    end_day = filters.get("end") or start_day + DEFAULT_SPAN
    qs = Occurrence.objects.filter(
        event__status=Event.Status.PUBLISHED,
        start__gte=_day_start(start_day),
        start__lt=_day_start(end_day + timedelta(days=1)),
    )
    if category := filters.get("category"):
        qs = qs.filter(event__category=category)
    if age_group := filters.get("age_group"):
        qs = qs.filter(event__age_groups=age_group)
    if filters.get("free"):
        qs = qs.filter(event__price_ore=0)
    if area := filters.get("area"):
        qs = qs.filter(event__area=area)
    if organisation := filters.get("organisation"):
        qs = qs.filter(Q(event__organisation=organisation) | Q(event__co_organisers=organisation))
    if unit := filters.get("unit"):
        qs = qs.filter(event__unit=unit)
    for feature in filters.get("accessibility") or ():
        if feature in ACCESSIBILITY_FIELDS:
            qs = qs.filter(**{f"event__{feature}": True})
    if text := (filters.get("q") or "").strip():
        for word in text.split()[:5]:
            qs = qs.filter(
                Q(event__title__icontains=word)
                | Q(event__summary__icontains=word)
                | Q(event__venue_name__icontains=word)
                | Q(event__room__building__name__icontains=word)
            )
    return with_details(qs.distinct())


def with_details(qs):
    return (
        qs.select_related(
            "event", "event__organisation", "event__unit", "event__area", "event__room__building"
        )
        .prefetch_related("event__age_groups")
        .annotate(
            confirmed_count=Count(
                "signups", filter=Q(signups__status=SignUp.Status.CONFIRMED), distinct=True
            ),
            waiting_count=Count(
                "signups", filter=Q(signups__status=SignUp.Status.WAITING), distinct=True
            ),
        )
        .order_by("start", "id")
    )


def event_detail(pk: int):
    return (
        Event.objects.select_related(
            "organisation", "unit", "area", "municipality", "room__building"
        )
        .prefetch_related("age_groups", "co_organisers")
        .get(pk=pk)
    )


def event_occurrences(event: Event, include_past: bool = False):
    qs = Occurrence.objects.filter(event=event)
    if not include_past:
        qs = qs.filter(end__gte=timezone.now())
    return with_details(qs)


def organisation_occurrences(organisation: Organisation, limit: int = 200):
    return public_occurrences(
        {"organisation": organisation, "end": timezone.localdate() + timedelta(days=366)}
    )[:limit]


def upcoming_occurrences(key: str, organiser, limit: int = 10) -> list[Occurrence]:
    """The next occurrences of one organisation or unit, for the embeddable widget."""
    qs = public_occurrences({key: organiser, "end": timezone.localdate() + timedelta(days=366)})
    return list(qs.filter(end__gte=timezone.now())[:limit])


def participants(occurrence: Occurrence):
    return (
        occurrence.signups.exclude(status=SignUp.Status.CANCELLED)
        .select_related("booked_by")
        .order_by("status", "created_at", "id")
    )


def approval_policies():
    return (
        OrganiserPolicy.objects.filter(requires_approval=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def pending_events():
    return Event.objects.filter(status=Event.Status.PENDING).select_related("organisation", "unit")


def signup_state(occurrence) -> dict:
    """Places left and waiting-list state, from annotated counts when present."""
    event = occurrence.event
    capacity = occurrence.effective_capacity
    confirmed = getattr(occurrence, "confirmed_count", None)
    waiting = getattr(occurrence, "waiting_count", None)
    if confirmed is None:
        confirmed = occurrence.signups.filter(status=SignUp.Status.CONFIRMED).count()
        waiting = occurrence.signups.filter(status=SignUp.Status.WAITING).count()
    if not event.signup_enabled or capacity is None:
        return {"enabled": False}
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
