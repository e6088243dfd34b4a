"""Fill a PostgreSQL database with realistic data at a chosen scale.

    python -m bench.generate --scale as [--reset] [--seed 7]

DATABASE_URL chooses the database (default postgres://postgres@127.0.0.1:5432/dugnad_bench).
`--reset` drops and re-creates it first (only databases whose name starts with "dugnad_bench"),
then migrates. SQLite is refused: the generator streams rows with PostgreSQL's COPY.

Dates spread over two years (one back, one ahead of today) so that calendar and availability
filters see realistic selectivity. The served municipality (Ås, 3218) keeps the `as` amounts at
every scale; the other municipalities share the rest.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import unicodedata
from zoneinfo import ZoneInfo

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dugnad_bench"
OSLO = ZoneInfo("Europe/Oslo")
BENCH_LEADER_EMAIL = "bench-leder@dugnad.example"
BENCH_LEADER_PASSWORD = "Benk-passord-2026"  # a bench-only login, never in production data
UNUSABLE_PASSWORD = "!bench-generated"  # Django reads a leading "!" as "no password"

# Booking slots a day (local time), so that bookings of one room never overlap by construction.
# Weekdays, weekends (local time); the booking slots and the benchmark's attempts fit inside.
OPENING = [(dt.time(8), dt.time(23)), (dt.time(9), dt.time(22))]
PAST_STATES = ["confirmed"] * 17 + ["cancelled"] * 2 + ["denied"]
FUTURE_STATES = ["confirmed"] * 15 + ["requested"] * 3 + ["cancelled"] * 2
BOOKING_SLOTS = [(10, 12), (12, 14), (14, 16), (16, 18), (18, 20), (20, 22)]


def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().replace(" ", "")


def split(total: int, parts: int, home: int, rng: random.Random) -> list[int]:
    """`total` over `parts` municipalities: the first gets `home` (capped), the others share the
    rest with uneven weights, like real municipalities of different sizes."""
    first = min(total, home) if parts > 1 else total
    rest = total - first
    if parts == 1:
        return [total]
    weights = [rng.paretovariate(1.5) for _ in range(parts - 1)]
    scale = rest / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(rest - sum(counts)):
        counts[i % len(counts)] += 1
    return [first, *counts]


class Generator:
    def __init__(self, scale, *, seed: int = 7, progress: bool = True, today=None, out=None):
        from django.utils import timezone

        from .scales import SCALES

        self.scale = SCALES[scale] if isinstance(scale, str) else scale
        self.rng = random.Random(seed)
        self.progress = progress
        self.today = today or timezone.localdate()
        self.out = out or sys.stdout
        self.counts: dict[str, int] = {}

    # --- helpers ---------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def copy(self, model, columns, rows, total=None, desc=""):
        from .bulk import copy_rows

        count = copy_rows(model, columns, rows, total=total, desc=desc, progress=self.progress)
        key = desc or model._meta.model_name
        self.counts[key] = self.counts.get(key, 0) + count
        return count

    def local(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)

    def person_name(self) -> tuple[str, str]:
        from .names import FIRST_NAMES, LAST_NAMES

        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    # --- the run ---------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        from django.db import connection, transaction

        if connection.vendor != "postgresql":
            raise SystemExit("The generator needs PostgreSQL (it uses COPY): set DATABASE_URL.")
        from dugnad.organisations.models import Organisation

        if Organisation.objects.exists():
            raise SystemExit("The database already has organisations: run with --reset.")
        started = time.monotonic()
        with transaction.atomic():
            self.municipalities()
            self.areas_and_units()
            self.activity_types()
            self.users()
            self.organisations()
            self.premises()
            self.bookings()
            self.events()
            self.volunteering()
            self.grants()
            self.bench_leader()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.counts["seconds"] = round(time.monotonic() - started, 1)
        return self.counts

    def municipalities(self):
        """The home municipality and a sample of the others from the register of municipalities
        (loaded by a core migration); invented ones only when a scale asks for more."""
        from django.conf import settings

        from dugnad.core.models import Municipality
        from dugnad.core.register import municipality_from_register

        from .names import PLACE_PREFIXES, PLACE_STEMS, PLACE_SUFFIXES

        home = municipality_from_register(settings.DUGNAD_MUNICIPALITY_NUMBER)
        known = list(Municipality.objects.exclude(pk=home.pk).order_by("number"))
        wanted = self.scale.municipalities - 1
        chosen = self.rng.sample(known, min(wanted, len(known)))
        taken = {m.number for m in known} | {home.number}
        free = [n for n in range(1001, 9999) if f"{n:04d}" not in taken]
        invented = []
        for number in sorted(self.rng.sample(free, wanted - len(chosen))):
            stem = self.rng.choice(PLACE_STEMS) + self.rng.choice(PLACE_SUFFIXES)
            if self.rng.random() < 0.3:
                stem = f"{self.rng.choice(PLACE_PREFIXES)}-{stem}"
            invented.append(Municipality(number=f"{number:04d}", name=stem))
        Municipality.objects.bulk_create(invented, batch_size=1000)
        others = chosen + list(Municipality.objects.filter(pk__in=[m.pk for m in invented]))
        self.munis = [home, *sorted(others, key=lambda m: m.number)]
        self.counts["municipalities"] = len(self.munis)

    def areas_and_units(self):
        from dugnad.core.models import Area, Unit
        from dugnad.core.text import norwegian_slug

        from .names import PLACE_STEMS, UNITS

        areas, units = [], []
        for muni in self.munis:
            for stem in self.rng.sample(sorted(set(PLACE_STEMS)), 6):
                areas.append(Area(municipality=muni, name=stem, slug=norwegian_slug(stem)))
            for name, slug in UNITS:
                units.append(Unit(municipality=muni, name=name, slug=slug, email=f"{slug}@k.no"))
        Area.objects.bulk_create(areas, batch_size=2000)
        Unit.objects.bulk_create(units, batch_size=2000)
        self.areas: dict[int, list[int]] = {}
        for area in Area.objects.filter(municipality__in=self.munis).values("id", "municipality"):
            self.areas.setdefault(area["municipality"], []).append(area["id"])
        self.units: dict[int, list[int]] = {}
        for unit in Unit.objects.filter(municipality__in=self.munis).order_by("id"):
            self.units.setdefault(unit.municipality_id, []).append(unit.pk)
        # Kulturskolen and Biblioteket sit under Kultur, idrett og frivillighet.
        for ids in self.units.values():
            Unit.objects.filter(pk__in=ids[1:3]).update(parent_id=ids[0])
        self.counts["areas"], self.counts["units"] = len(areas), len(units)

    def activity_types(self):
        from dugnad.organisations.models import ActivityType

        from .names import ACTIVITY_TYPES

        ActivityType.objects.bulk_create(
            [ActivityType(name=n, slug=s, category=c) for n, s, c in ACTIVITY_TYPES],
            ignore_conflicts=True,
        )
        self.types_by_category: dict[str, list[tuple[int, str]]] = {}
        for t in ActivityType.objects.all():
            self.types_by_category.setdefault(t.category, []).append((t.pk, t.name))
        self.all_types = [t for ts in self.types_by_category.values() for t in ts]

    def users(self):
        """Organisation leaders (one per organisation) and volunteers, in one COPY."""
        from django.contrib.auth import get_user_model

        from .bulk import next_id

        User = get_user_model()
        total = self.scale.organisations + self.scale.volunteers
        first = next_id(User)
        self.leader_ids = list(range(first, first + self.scale.organisations))
        self.volunteer_ids = list(range(first + self.scale.organisations, first + total))

        def rows():
            for pk in range(first, first + total):
                given, family = self.person_name()
                email = f"{_ascii(given)}.{_ascii(family)}.{pk}@bench.dugnad.example"
                yield (pk, email, given, family, UNUSABLE_PASSWORD)

        cols = ["id", "email", "first_name", "last_name", "password"]
        self.copy(User, cols, rows(), total, "users")

    def organisations(self):
        from django.utils.translation import override

        from dugnad.core.models import AgeGroup, AgeGroupChoice, Area
        from dugnad.organisations.actions import build_search_document
        from dugnad.organisations.identifiers import org_number_check_digit
        from dugnad.organisations.models import Organisation, OrganisationRole

        from .bulk import next_id, through
        from .names import DESCRIPTION_SENTENCES, ORG_KINDS, PLACE_STEMS, PURPOSES

        rng = self.rng
        per_muni = split(self.scale.organisations, len(self.munis), 400, rng)
        area_names = dict(
            Area.objects.filter(municipality__in=self.munis).values_list("id", "name")
        )
        # A migration creates the age groups; a flushed test database may have lost them.
        for position, code in enumerate(AgeGroupChoice.values):
            AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
        self.age_codes = list(AgeGroup.objects.values_list("code", flat=True))
        first = self.first_org_id = next_id(Organisation)
        body = rng.randrange(90_000_000, 98_000_000)
        categories = list(ORG_KINDS)
        self.orgs_by_muni: dict[int, list[int]] = {}
        self.org_muni: dict[int, int] = {}
        type_rows, age_rows, role_rows = [], [], []
        statuses = ["approved"] * 90 + ["pending"] * 7 + ["hidden"] * 3

        def rows():
            nonlocal body
            pk = first
            for muni, count in zip(self.munis, per_muni, strict=True):
                areas = self.areas[muni.pk]
                for _ in range(count):
                    category = rng.choice(categories)
                    place = rng.choice(PLACE_STEMS)
                    name = f"{place} {rng.choice(ORG_KINDS[category])}"
                    while (digit := org_number_check_digit(str(body))) is None:
                        body += 1
                    org_number = f"{body}{digit}"
                    body += 1
                    area_id = rng.choice(areas)
                    own_types = rng.sample(
                        self.types_by_category.get(category, self.all_types), 1
                    ) + rng.sample(self.all_types, rng.randint(0, 2))
                    own_types = list(dict.fromkeys(own_types))
                    org = Organisation(
                        name=name,
                        category=category,
                        purpose=rng.choice(PURPOSES),
                        description=" ".join(rng.sample(DESCRIPTION_SENTENCES, 3)),
                        meeting_places=f"{place} grendehus",
                        postal_town=muni.name,
                    )
                    # The shared builder, then what it reads from saved relations.
                    document = " ".join(
                        [
                            build_search_document(org),
                            *(type_name for _, type_name in own_types),
                            area_names[area_id],
                        ]
                    )
                    status = rng.choice(statuses)
                    founded = dt.date(rng.randint(1890, 2024), rng.randint(1, 12), 1)
                    self.orgs_by_muni.setdefault(muni.pk, []).append(pk)
                    self.org_muni[pk] = muni.pk
                    type_rows.extend((pk, type_id) for type_id, _ in own_types)
                    age_rows.extend((pk, c) for c in rng.sample(self.age_codes, rng.randint(1, 3)))
                    leader = self.leader_ids[pk - first]
                    role_rows.append((pk, leader, "leader", "Leder", True))
                    yield (
                        pk, muni.pk, name, f"{_ascii(place)}-{category}-{pk}", org_number,
                        category, area_id, org.purpose, org.description,
                        f"post.{pk}@lag.example", org.meeting_places, org.postal_town,
                        founded, rng.random() < 0.7, status, document,
                    )  # fmt: skip
                    pk += 1

        cols = [
            "id", "municipality_id", "name", "slug", "org_number", "category", "area_id",
            "purpose", "description", "email", "meeting_places", "postal_town", "founded_on",
            "in_voluntary_register", "status", "search_document",
        ]  # fmt: skip
        with override("nb"):
            self.copy(Organisation, cols, rows(), self.scale.organisations, "organisations")
        table, source, target = through(Organisation, "activity_types")
        self.copy(table, [source, target], iter(type_rows), len(type_rows), "organisation types")
        table, source, target = through(Organisation, "age_groups")
        self.copy(table, [source, target], iter(age_rows), len(age_rows), "organisation ages")
        role_cols = ["organisation_id", "user_id", "role", "title", "show_publicly"]
        self.copy(OrganisationRole, role_cols, iter(role_rows), len(role_rows), "roles")
        self.approved = set(
            Organisation.objects.filter(status="approved").values_list("id", flat=True)
        )

    def premises(self):
        from dugnad.premises.models import Building, OpeningHours, PriceRule, Room

        from .names import BUILDING_KINDS, BUILDING_WORDS, PLACE_STEMS, ROOMS

        rng = self.rng
        per_muni = split(self.scale.rooms, len(self.munis), 60, rng)
        buildings, room_specs = [], []
        for muni, rooms in zip(self.munis, per_muni, strict=True):
            count = max(1, rooms // 5) if rooms else 0
            muni_buildings = []
            for i in range(count):
                kind = rng.choice(BUILDING_KINDS)
                place = rng.choice(PLACE_STEMS)
                building = Building(
                    municipality=muni,
                    unit_id=self.units[muni.pk][3],  # Eiendom manages the buildings
                    name=f"{place} {BUILDING_WORDS[kind]}",
                    slug=f"{_ascii(place)}-{kind}-{muni.number}-{i}",
                    kind=kind,
                    area_id=rng.choice(self.areas[muni.pk]),
                    address=f"{place}veien {rng.randint(1, 120)}",
                    postal_code=f"{rng.randint(1000, 9999)}",
                    postal_town=muni.name,
                    contact_email=f"utleie.{muni.number}@k.example",
                )
                buildings.append(building)
                muni_buildings.append(building)
            for i in range(rooms):
                room_specs.append((muni_buildings[i % len(muni_buildings)], rng.choice(ROOMS)))
        Building.objects.bulk_create(buildings, batch_size=1000)
        hours = []
        for building in buildings:
            for weekday in range(7):
                opens, closes = (
                    (dt.time(8), dt.time(23)) if weekday < 5 else (dt.time(9), dt.time(22))
                )
                hours.append(
                    OpeningHours(building=building, weekday=weekday, opens=opens, closes=closes)
                )
        OpeningHours.objects.bulk_create(hours, batch_size=5000)
        rooms = [
            Room(building=b, name=f"{name} {i % 4 + 1}", kind=kind, capacity=cap, size_m2=size,
                 step_free=i % 3 != 0, max_days_ahead=365)
            for i, (b, (name, kind, cap, size)) in enumerate(room_specs)
        ]  # fmt: skip
        Room.objects.bulk_create(rooms, batch_size=2000)
        valid_from = self.today - dt.timedelta(days=800)
        prices = []
        for room in rooms:
            prices += [
                PriceRule(room=room, renter_type="voluntary", model="free", valid_from=valid_from),
                PriceRule(room=room, renter_type="municipal", model="free", valid_from=valid_from),
                PriceRule(room=room, renter_type="private", model="per_hour",
                          amount_ore=rng.choice([15000, 25000, 40000]), valid_from=valid_from),
                PriceRule(room=room, renter_type="company", model="per_hour",
                          amount_ore=rng.choice([50000, 80000]), valid_from=valid_from),
                PriceRule(room=room, renter_type="other_organisation", model="per_booking",
                          amount_ore=rng.choice([30000, 60000]), valid_from=valid_from),
            ]  # fmt: skip
        PriceRule.objects.bulk_create(prices, batch_size=5000)
        self.rooms = [(room.pk, room.building.municipality_id, room.capacity) for room in rooms]
        self.counts.update(buildings=len(buildings), rooms=len(rooms), price_rules=len(prices))

    def bookings(self):
        from dugnad.premises.models import Booking

        from .names import BOOKING_TITLES

        rng = self.rng
        days = 730
        start_day = self.today - dt.timedelta(days=365)
        capacity = days * len(BOOKING_SLOTS)
        per_room = [self.scale.bookings // len(self.rooms)] * len(self.rooms)
        for i in range(self.scale.bookings - sum(per_room)):
            per_room[i] += 1
        today = self.today

        def rows():
            for (room_id, muni_id, room_capacity), count in zip(self.rooms, per_room, strict=True):
                orgs = [o for o in self.orgs_by_muni.get(muni_id, []) if o in self.approved]
                for cell in rng.sample(range(capacity), min(count, capacity)):
                    day = start_day + dt.timedelta(days=cell // len(BOOKING_SLOTS))
                    first_hour, last_hour = BOOKING_SLOTS[cell % len(BOOKING_SLOTS)]
                    state = rng.choice(PAST_STATES if day < today else FUTURE_STATES)
                    if orgs and rng.random() < 0.8:
                        org = rng.choice(orgs)
                        booked_by = self.leader_ids[org - self.first_org_id]
                        renter, price = "voluntary", 0
                    else:
                        org, booked_by = None, rng.choice(self.volunteer_ids or self.leader_ids)
                        renter, price = "private", 2 * 25000
                    yield (
                        room_id, booked_by, org, renter, rng.choice(BOOKING_TITLES), True,
                        rng.randint(1, room_capacity), self.local(day, first_hour),
                        self.local(day, last_hour), state, price,
                    )  # fmt: skip

        cols = [
            "room_id", "booked_by_id", "organisation_id", "renter_type", "title", "is_public",
            "attendees", "start", "end", "state", "price_ore",
        ]  # fmt: skip
        self.copy(Booking, cols, rows(), self.scale.bookings, "bookings")

    def events(self):
        from dugnad.activities.models import Event, Occurrence, event_search_text

        from .bulk import next_id, through
        from .names import EVENT_CATEGORIES, EVENT_SUMMARIES, EVENT_TITLES, VENUES

        rng = self.rng
        per_muni = split(self.scale.occurrences, len(self.munis), 6000, rng)
        first = next_id(Event)
        event_rows, age_rows, occ_plan = [], [], []
        pk = first
        for muni, wanted in zip(self.munis, per_muni, strict=True):
            orgs = [o for o in self.orgs_by_muni.get(muni.pk, []) if o in self.approved]
            made = 0
            while made < wanted:
                # A third are one-off events; the rest repeat weekly for a term or a season.
                count = 1 if rng.random() < 0.35 else rng.randint(4, 30)
                count = min(count, wanted - made)
                title, venue = rng.choice(EVENT_TITLES), rng.choice(VENUES)
                full_title, summary = f"{title} på {venue}", rng.choice(EVENT_SUMMARIES)
                address = f"Storgata {rng.randint(1, 80)}"
                if orgs and rng.random() < 0.85:
                    org, unit = rng.choice(orgs), None
                else:
                    org, unit = None, self.units[muni.pk][rng.randrange(3)]
                signup = rng.random() < 0.2
                roll = rng.random()
                status = "published" if roll < 0.92 else "pending" if roll < 0.97 else "unpublished"
                event_rows.append(
                    (
                        pk, muni.pk, org, unit, full_title,
                        summary, rng.choice(EVENT_SUMMARIES),
                        rng.choice(EVENT_CATEGORIES), rng.choice([0, 0, 0, 5000, 10000, 15000]),
                        venue, address,
                        rng.choice(self.areas[muni.pk]), rng.random() < 0.6,
                        rng.random() < 0.3, rng.random() < 0.2, rng.random() < 0.05,
                        "FREQ=WEEKLY" if count > 1 else "", signup,
                        rng.randint(15, 60) if signup else None, status,
                        # What Event.save() stores for the calendar's search (no room here).
                        event_search_text(full_title, summary, venue, address, ""),
                    )
                )  # fmt: skip
                age_rows.extend((pk, c) for c in rng.sample(self.age_codes, rng.randint(1, 2)))
                occ_plan.append((pk, count))
                made += count
                pk += 1
        cols = [
            "id", "municipality_id", "organisation_id", "unit_id", "title", "summary",
            "description", "category", "price_ore", "venue_name", "address", "area_id",
            "wheelchair_access", "hearing_loop", "easy_read", "sign_language", "rrule",
            "signup_enabled", "capacity", "status", "search_text",
        ]  # fmt: skip
        self.copy(Event, cols, iter(event_rows), len(event_rows), "events")
        table, source, target = through(Event, "age_groups")
        self.copy(table, [source, target], iter(age_rows), len(age_rows), "event ages")
        first_day = self.today - dt.timedelta(days=365)

        def occurrences():
            for event_id, count in occ_plan:
                day = first_day + dt.timedelta(days=rng.randrange(730 - 7 * (count - 1)))
                hour = rng.choice([10, 12, 16, 17, 18, 19])
                length = rng.choice([1, 2, 2, 3])
                for week in range(count):
                    start = self.local(day + dt.timedelta(weeks=week), hour)
                    status = "cancelled" if rng.random() < 0.03 else "scheduled"
                    yield (event_id, start, start + dt.timedelta(hours=length), start, status)

        occ_cols = ["event_id", "start", "end", "original_start", "status"]
        self.copy(Occurrence, occ_cols, occurrences(), self.scale.occurrences, "occurrences")

    def volunteering(self):
        import json

        from dugnad.volunteering.models import (
            Assignment,
            Commitment,
            Language,
            Skill,
            Slot,
            Topic,
            VolunteerProfile,
        )

        from .names import ASSIGNMENT_TITLES, DESCRIPTION_SENTENCES

        rng = self.rng
        topics, skills = list(Topic.values), list(Skill.values)
        languages, slots, commitments = list(Language.values), list(Slot.values), Commitment.values
        per_muni = split(len(self.volunteer_ids), len(self.munis), 3000, rng)
        volunteer_muni = [m.pk for m, n in zip(self.munis, per_muni, strict=True) for _ in range(n)]

        def profiles():
            for user_id, muni_id in zip(self.volunteer_ids, volunteer_muni, strict=True):
                yield (
                    user_id, json.dumps(rng.sample(topics, rng.randint(1, 3))),
                    json.dumps(rng.sample(skills, rng.randint(0, 2))),
                    json.dumps(["nb", *rng.sample(languages[1:], rng.randint(0, 1))]),
                    json.dumps(rng.sample(slots, rng.randint(1, 2))), rng.choice(commitments),
                    rng.choice(self.areas[muni_id]), rng.choice(self.age_codes),
                    rng.randint(1940, 2010), rng.random() < 0.6,
                )  # fmt: skip

        cols = [
            "user_id", "interests", "skills", "languages", "availability", "commitment",
            "area_id", "age_group_id", "birth_year", "contactable",
        ]  # fmt: skip
        self.copy(VolunteerProfile, cols, profiles(), len(self.volunteer_ids), "volunteers")
        approved = sorted(self.approved)

        def assignments():
            for _ in range(self.scale.assignments):
                org = rng.choice(approved)
                yield (
                    org, rng.choice(ASSIGNMENT_TITLES),
                    " ".join(rng.sample(DESCRIPTION_SENTENCES, 2)),
                    rng.choice(["one_off", "ongoing"]), rng.choice(self.areas[self.org_muni[org]]),
                    json.dumps(rng.sample(topics, rng.randint(1, 2))),
                    json.dumps(rng.sample(skills, rng.randint(0, 2))),
                    json.dumps(rng.sample(slots, 1)), rng.randint(1, 6),
                    "open" if rng.random() < 0.8 else "closed",
                    self.leader_ids[org - self.first_org_id],
                )  # fmt: skip

        cols = [
            "organisation_id", "title", "description", "kind", "area_id", "topics", "skills",
            "times", "people_needed", "status", "created_by_id",
        ]  # fmt: skip
        self.copy(Assignment, cols, assignments(), self.scale.assignments, "assignments")

    def grants(self):
        """A scheme per municipality with applications, two rounds, a workflow, applications."""
        import json

        from dugnad.grants.models import Application, GrantScheme, Round, StateKind, WorkflowState

        rng = self.rng
        per_muni = split(self.scale.applications, len(self.munis), 150, rng)
        kinds = [StateKind.RECEIVED, StateKind.REVIEW, StateKind.APPROVED, StateKind.REJECTED]
        schemes, rounds, states = [], [], []
        for muni, count in zip(self.munis, per_muni, strict=True):
            if not count or not self.orgs_by_muni.get(muni.pk):
                continue
            scheme = GrantScheme(
                municipality=muni,
                unit_id=self.units[muni.pk][0],
                name=f"Tilskudd til frivillige lag og foreninger i {muni.name}",
                slug=f"tilskudd-frivillige-{muni.number}",
                purpose="Stimulere til aktivitet og deltakelse i frivillige organisasjoner.",
                max_amount=5_000_000,
            )
            schemes.append((scheme, count))
        GrantScheme.objects.bulk_create([s for s, _ in schemes], batch_size=1000)
        year = self.today.year
        for scheme, _ in schemes:
            for offset in (1, 0):
                opens = dt.datetime(year - offset, 1, 15, tzinfo=OSLO)
                rounds.append(
                    Round(
                        scheme=scheme,
                        name=f"Vårtildeling {year - offset}",
                        year=year - offset,
                        opens_at=opens,
                        deadline=opens + dt.timedelta(days=60),
                        report_due=dt.date(year - offset + 1, 3, 1),
                    )
                )
            for position, kind in enumerate(kinds):
                states.append(
                    WorkflowState(scheme=scheme, kind=kind, name=kind.label, position=position)
                )
        Round.objects.bulk_create(rounds, batch_size=2000)
        WorkflowState.objects.bulk_create(states, batch_size=2000)
        rounds_of = {}
        for r in rounds:
            rounds_of.setdefault(r.scheme_id, []).append(r)
        states_of = {}
        for state in states:
            states_of.setdefault(state.scheme_id, []).append(state.pk)

        def rows():
            for scheme, count in schemes:
                orgs = [o for o in self.orgs_by_muni[scheme.municipality_id] if o in self.approved]
                orgs = orgs or self.orgs_by_muni[scheme.municipality_id]
                for _ in range(count):
                    org = rng.choice(orgs)
                    chosen = rng.choice(rounds_of[scheme.pk])
                    draft = rng.random() < 0.2
                    submitted = None if draft else chosen.opens_at + dt.timedelta(days=30)
                    yield (
                        scheme.pk, chosen.pk, org, self.leader_ids[org - self.first_org_id],
                        rng.choice(["Nytt utstyr", "Sommerleir", "Kurs for trenere", "Konsert"]),
                        f"Lag {org}", json.dumps({"beskrivelse": "Vi søker støtte til aktivitet."}),
                        rng.randrange(5_000, 50_000) * 100,
                        None if draft else rng.choice(states_of[scheme.pk]), submitted,
                    )  # fmt: skip

        cols = [
            "scheme_id", "round_id", "organisation_id", "created_by_id", "title", "org_name",
            "answers", "amount_requested", "state_id", "submitted_at",
        ]  # fmt: skip
        self.copy(Application, cols, rows(), self.scale.applications, "applications")

    def bench_leader(self):
        """The organisation leader the benchmark logs in as, with a known password."""
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        from dugnad.organisations.models import Organisation, OrganisationRole

        User = get_user_model()
        user = User.objects.create_user(
            BENCH_LEADER_EMAIL, BENCH_LEADER_PASSWORD, first_name="Benk", last_name="Leder"
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        home = self.munis[0]
        organisation = (
            Organisation.objects.filter(municipality=home, status="approved").order_by("id").first()
        )
        OrganisationRole.objects.create(
            organisation=organisation, user=user, role="leader", title="Leder"
        )
        self.counts["bench_leader_organisation"] = organisation.pk


def _reset(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1].split("?")[0]
    if not name.startswith("dugnad_bench"):
        raise SystemExit(f"--reset only drops databases named dugnad_bench*, not {name!r}.")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(argv=None) -> int:
    from .scales import SCALES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="as")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reset", action="store_true", help="drop and re-create the database")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)

    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        print("The generator needs PostgreSQL (it streams rows with COPY); SQLite is not "
              "supported. Set DATABASE_URL=postgres://...", file=sys.stderr)  # fmt: skip
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dugnad.settings")
    os.environ.setdefault("DEBUG", "1")  # settings need a SECRET_KEY otherwise; nothing is served
    if args.reset:
        _reset(url)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    print(f"migrated in {time.monotonic() - started:.0f} s; generating scale {args.scale!r}")
    counts = Generator(args.scale, seed=args.seed, progress=not args.no_progress).run()
    print("  " + ", ".join(f"{key}: {value}" for key, value in counts.items()))
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
