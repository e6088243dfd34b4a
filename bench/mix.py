"""The fixed request mix: what each request type asks for, built from a sample of the data.

Used by the locustfile (load), by the runner (query counts) and by the tests (query counts in
CI), so that the three measure the same requests.
"""

import datetime as dt
import random
from dataclasses import dataclass
from urllib.parse import urlencode

import holidays

# Words that a citizen types in the directory search: common ones match many organisations,
# place names few (the generator builds names from the same words).
SEARCH_WORDS = [
    "idrettslag", "kor", "speider", "fotball", "korps", "historielag", "turlag", "sjakk",
    "Solberg", "Nordby", "Kroer", "Rustad", "dans", "Røde Kors", "språkkafé", "velforening",
]  # fmt: skip


@dataclass(frozen=True)
class RequestType:
    name: str
    weight: int  # share in the mixed phase
    ok: tuple[int, ...] = (200,)
    public_read: bool = True


# The floor first: a minimal view through the same server and middleware, with no database
# query (GET /livez), the yardstick for every other type.
TYPES = [
    RequestType("floor", 5),
    RequestType("home", 10),
    RequestType("directory_search", 10),
    RequestType("organisation", 15),
    RequestType("calendar", 15),
    RequestType("event", 15),
    RequestType("ical", 5),
    RequestType("availability", 10),
    RequestType("events_api", 10),
    # 409 is a valid answer: someone else (another simulated user) booked the slot first.
    RequestType("booking", 5, ok=(201, 409), public_read=False),
]
BY_NAME = {t.name: t for t in TYPES}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: dict | None = None
    auth: bool = False


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def build(name: str, sample: dict, rng: random.Random) -> Request:
    """One request of type `name`, with parameters drawn from `sample`."""
    week = dt.date.fromisoformat(rng.choice(sample["weeks"]))
    age = rng.choice(sample["age_groups"])
    if name == "floor":
        return Request("GET", "/livez")
    if name == "home":
        return Request("GET", "/")
    if name == "directory_search":
        return Request("GET", "/organisasjoner/?" + urlencode({"q": rng.choice(SEARCH_WORDS)}))
    if name == "organisation":
        return Request("GET", f"/organisasjoner/{rng.choice(sample['organisations'])}/")
    if name == "calendar":
        end = week + dt.timedelta(days=6)
        query = {"start": week.isoformat(), "end": end.isoformat(), "age_group": age}
        return Request("GET", "/kalender/?" + urlencode(query))
    if name == "event":
        return Request("GET", f"/kalender/arrangement/{rng.choice(sample['events'])}/")
    if name == "ical":
        end = week + dt.timedelta(days=27)
        query = {"start": week.isoformat(), "end": end.isoformat(), "age_group": age}
        return Request("GET", "/kalender.ics?" + urlencode(query))
    if name == "availability":
        end = week + dt.timedelta(days=7)
        query = {"start": f"{week.isoformat()}T00:00", "end": f"{end.isoformat()}T00:00"}
        room = rng.choice(sample["rooms"])
        return Request("GET", f"/api/v1/premises/rooms/{room}/availability?" + urlencode(query))
    if name == "events_api":
        end = week + dt.timedelta(days=6)
        query = {"start": week.isoformat(), "end": end.isoformat(), "limit": 20}
        return Request("GET", "/api/v1/events?" + urlencode(query))
    if name == "booking":
        room, start, end = rng.choice(sample["booking_slots"])
        body = {
            "room_id": room,
            "start": start,
            "end": end,
            "title": "Trening (benk)",
            "organisation_id": sample["organisation_id"],
        }
        return Request("POST", "/api/v1/bookings", body, auth=True)
    raise ValueError(f"unknown request type {name!r}")


def send(client, request: Request, token: str | None):
    """`request` through Django's test client, with the bearer token when it needs one."""
    headers = {"Authorization": f"Bearer {token}"} if request.auth and token else {}
    if request.method == "GET":
        return client.get(request.path, headers=headers)
    return client.post(request.path, request.body, content_type="application/json", headers=headers)


def collect_sample(today: dt.date | None = None, limit: int = 500) -> dict:
    """Ids, slugs and times the mix draws from, read from the database (served municipality)."""
    from django.utils import timezone

    from dugnad.activities.models import Event
    from dugnad.core.models import AgeGroup
    from dugnad.core.queries import current_municipality
    from dugnad.organisations.models import Organisation, OrganisationRole
    from dugnad.premises.models import Room

    from .generate import BENCH_LEADER_EMAIL, OSLO

    today = today or timezone.localdate()
    home = current_municipality()
    organisations = list(
        Organisation.objects.public()
        .filter(municipality=home)
        .order_by("id")
        .values_list("slug", flat=True)[:limit]
    )
    events = list(
        Event.objects.published()
        .filter(municipality=home, occurrences__start__gte=timezone.now())
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    rooms = list(
        Room.objects.filter(building__municipality=home, is_active=True)
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    role = (
        OrganisationRole.objects.filter(user__email=BENCH_LEADER_EMAIL, role="leader")
        .select_related("organisation")
        .first()
    )
    # Weeks from two months back to four months ahead: people look at now and soon.
    weeks = [(_monday(today) + dt.timedelta(weeks=w)).isoformat() for w in range(-8, 17)]
    # Bookable slots: weekdays that are not public holidays, inside the generated opening hours
    # (08-23); 08-10 is never taken by generated bookings, the later ones often are.
    holiday_dates = holidays.country_holidays("NO", years=[today.year, today.year + 1])
    slots = []
    for offset in range(3, 200):
        day = today + dt.timedelta(days=offset)
        if day.weekday() >= 5 or day in holiday_dates:
            continue
        for first_hour in (8, 10, 16, 18, 20):
            start = dt.datetime(day.year, day.month, day.day, first_hour, tzinfo=OSLO)
            slots.append((start.isoformat(), (start + dt.timedelta(hours=2)).isoformat()))
    rng = random.Random(11)
    booking_slots = [(rng.choice(rooms), s, e) for s, e in rng.sample(slots, min(400, len(slots)))]
    return {
        "organisations": organisations,
        "events": events,
        "rooms": rooms,
        "age_groups": list(AgeGroup.objects.values_list("code", flat=True)),
        "weeks": weeks,
        "booking_slots": booking_slots if rooms else [],
        "organisation_id": role.organisation_id if role else None,
        "bench_user": BENCH_LEADER_EMAIL,
    }


def missing(sample: dict) -> list[str]:
    """What the sample lacks for a full mix (an empty database, or a failed generation)."""
    keys = ["organisations", "events", "rooms", "age_groups", "booking_slots", "organisation_id"]
    return [key for key in keys if not sample.get(key)]
