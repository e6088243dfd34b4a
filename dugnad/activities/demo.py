# ruff: noqa: E501, S311  (demo data: long Norwegian texts; random is for variety, not security)
"""Demo events for Ås from the seed documents, plus events for every approved demo organisation.

Idempotent: an event is keyed by (organiser, title) and created only when missing. Occurrences
are bulk-created so the whole load stays within a few seconds.
"""

import random
from datetime import date, time, timedelta

from django.utils import timezone

from dugnad.core.caching import public_data_changed
from dugnad.core.models import AgeGroup, Area, Municipality, Unit
from dugnad.organisations.models import Organisation

from .models import Category, Event, Occurrence, PriceGroup, SignUpQuestion
from .recurrence import expand


def _next(month: int, day: int) -> date:
    today = timezone.localdate()
    candidate = date(today.year, month, day)
    return candidate if candidate > today else date(today.year + 1, month, day)


def _next_weekday(weekday: int) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


# (unit slug, title, summary, category, age groups, first day, start, end, rule, extra)
def _unit_events():
    return [
        (
            "as-kulturhus",
            "Kulturfesten",
            "Ås' store kulturfest med konserter, dans og mat fra hele verden.",
            Category.FESTIVAL,
            ["children", "youth", "adults", "elderly"],
            _next(6, 13),
            time(12),
            time(20),
            "",
            {"address": "Ås sentrum"},
        ),
        (
            "kultur-idrett-og-frivillighet",
            "Barnas verdensdag",
            "Gratis familiefest med aktiviteter, mat og kultur fra mange land. Rundt 3 000 besøkende hvert år.",
            Category.FESTIVAL,
            ["children", "adults"],
            _next(9, 20),
            time(12),
            time(16),
            "",
            {"address": "Ås sentrum"},
        ),
        (
            "as-kulturhus",
            "HAV – ukrainsk kveld",
            "HAV-kveld med ukrainsk musikk, mat og fortellinger.",
            Category.MEETING,
            ["young_adults", "adults", "elderly"],
            _next(3, 14),
            time(18),
            time(22),
            "",
            {"languages": "norsk, ukrainsk"},
        ),
        (
            "as-kulturhus",
            "HAV – vårkveld",
            "Musikk og mat fra hele verden på kulturhuset.",
            Category.MEETING,
            ["young_adults", "adults"],
            _next(5, 16),
            time(18),
            time(22),
            "",
            {},
        ),
        (
            "as-kulturhus",
            "HAV – høstkveld",
            "Musikk og mat fra hele verden på kulturhuset.",
            Category.MEETING,
            ["young_adults", "adults"],
            _next(10, 24),
            time(18),
            time(22),
            "",
            {},
        ),
        (
            "kultur-idrett-og-frivillighet",
            "SmakÅs",
            "Matfestival med lokale produsenter og frivillige organisasjoner.",
            Category.FOOD,
            ["children", "adults", "elderly"],
            _next(10, 3),
            time(11),
            time(17),
            "",
            {"address": "Torget, Ås sentrum"},
        ),
        (
            "kultur-idrett-og-frivillighet",
            "SmakÅs Jul",
            "Julemarked med lokal mat og håndverk.",
            Category.FOOD,
            ["children", "adults", "elderly"],
            _next(12, 6),
            time(11),
            time(17),
            "",
            {"address": "Torget, Ås sentrum"},
        ),
        (
            "ungdomsklubben-midtgard",
            "Kulturhack",
            "Et verksted der unge 13–30 år skaper kultur sammen og får støtte til egne ideer.",
            Category.COURSE,
            ["youth", "young_adults"],
            _next(2, 7),
            time(10),
            time(16),
            "",
            {
                "min_age": 13,
                "max_age": 30,
                "signup_enabled": True,
                "capacity": 40,
                "waitlist_capacity": 10,
            },
        ),
        (
            "ungdomsklubben-midtgard",
            "AdAstra breakdance",
            "Gratis breakdance-økter for ungdom hver uke.",
            Category.THEATRE,
            ["youth", "young_adults"],
            _next_weekday(2),
            time(18),
            time(20),
            "FREQ=WEEKLY",
            {},
        ),
        (
            "kulturskolen",
            "Kulturskolens vårkonsert",
            "Elevene i kulturskolen spiller for familie og venner.",
            Category.MUSIC,
            ["children", "youth", "adults"],
            _next(5, 28),
            time(18),
            time(19, 30),
            "",
            {},
        ),
        (
            "kulturskolen",
            "Kulturskolens julekonsert",
            "Julekonsert med kulturskolens elever og ensembler.",
            Category.MUSIC,
            ["children", "youth", "adults", "elderly"],
            _next(12, 10),
            time(18),
            time(19, 30),
            "",
            {},
        ),
        (
            "kulturskolen",
            "Åpent verksted: prøv et instrument",
            "Barn kan prøve instrumenter sammen med lærerne.",
            Category.COURSE,
            ["children"],
            _next_weekday(5),
            time(11),
            time(13),
            "FREQ=MONTHLY;BYDAY=1SA;COUNT=8",
            {
                "signup_enabled": True,
                "capacity": 15,
                "waitlist_capacity": 5,
                "min_age": 6,
                "max_age": 12,
            },
        ),
        (
            "bibliotek",
            "Eventyrstund på biblioteket",
            "Høytlesning for de minste.",
            Category.LITERATURE,
            ["children"],
            _next_weekday(3),
            time(10),
            time(11),
            "FREQ=WEEKLY;INTERVAL=2",
            {"easy_read": True},
        ),
        (
            "bibliotek",
            "Språkkafé",
            "Øv på norsk i en uformell prat over en kopp kaffe.",
            Category.MEETING,
            ["young_adults", "adults", "elderly"],
            _next_weekday(1),
            time(17),
            time(19),
            "FREQ=WEEKLY",
            {"languages": "norsk, engelsk, ukrainsk, arabisk"},
        ),
        (
            "kultur-idrett-og-frivillighet",
            "Frivilligkonferansen",
            "Kommunens årlige konferanse for frivillige organisasjoner: lokaler, tilskudd og samarbeid.",
            Category.CONFERENCE,
            ["adults", "elderly"],
            _next(11, 12),
            time(17),
            time(21),
            "",
            {"signup_enabled": True, "capacity": 120, "waitlist_capacity": 30, "price_ore": 0},
        ),
    ]


# Unit events held in the municipal premises of dugnad/premises/demo.py: title -> (building, room).
UNIT_ROOMS = {
    "HAV – ukrainsk kveld": ("as-kulturhus", "Lille sal"),
    "HAV – vårkveld": ("as-kulturhus", "Lille sal"),
    "HAV – høstkveld": ("as-kulturhus", "Lille sal"),
    "Kulturhack": ("midtgard", "Klubbrommet"),
    "AdAstra breakdance": ("midtgard", "Dansesalen"),
    "Kulturskolens vårkonsert": ("as-kulturhus", "Store sal"),
    "Kulturskolens julekonsert": ("as-kulturhus", "Store sal"),
    "Åpent verksted: prøv et instrument": ("as-kulturhus", "Øvingsrom 1"),
    "Eventyrstund på biblioteket": ("as-bibliotek", "Verkstedet"),
    "Språkkafé": ("as-bibliotek", "Møterommet"),
    "Frivilligkonferansen": ("as-ungdomsskole", "Auditoriet"),
}

HEARD_ABOUT = (
    "Venner eller familie\nSkolen eller barnehagen\nSosiale medier\nKommunens nettside\nAnnet"
)


def _place_in_rooms(municipality) -> int:
    """Give demo events their room where the seeds put them; only events still without one."""
    from dugnad.premises.models import Room

    rooms = {
        (room.building.slug, room.name): room
        for room in Room.objects.filter(
            building__municipality=municipality, parent__isnull=True
        ).select_related("building")
    }
    placed = 0
    for title, key in UNIT_ROOMS.items():
        if room := rooms.get(key):
            placed += Event.objects.filter(
                is_demo=True, unit__isnull=False, title=title, room__isnull=True
            ).update(room=room)
    # Organisations' training sessions use the school gyms, as the volunteering policy describes.
    gyms = [
        rooms[key]
        for key in (("solberg-skole", "Gymsal"), ("rustad-skole", "Gymsal"),
                    ("nordby-skole", "Gymsal"), ("as-ungdomsskole", "Flerbrukshall"))
        if key in rooms
    ]  # fmt: skip
    if gyms:
        training = Event.objects.filter(
            is_demo=True, title__startswith="Åpen trening:", room__isnull=True
        ).only("id", "organisation_id")
        for event in training:
            event.room = gyms[(event.organisation_id or 0) % len(gyms)]
            event.save(update_fields=["room"])
            placed += 1
    return placed


def _signup_setup() -> int:
    """Questions and price groups for demo events with sign-up that have none yet."""
    events = Event.objects.filter(
        is_demo=True, signup_enabled=True, signup_questions__isnull=True, price_groups__isnull=True
    ).distinct()
    questions, groups, count = [], [], 0
    for event in events:
        count += 1
        questions += [
            SignUpQuestion(event=event, label="Allergier eller andre behov", position=0),
            SignUpQuestion(
                event=event,
                label="Hvordan hørte du om arrangementet?",
                kind=SignUpQuestion.Kind.CHOICE,
                choices=HEARD_ABOUT,
                position=1,
            ),
        ]
        if event.price_ore:
            groups += [
                PriceGroup(event=event, name="Barn", price_ore=event.price_ore // 2, position=0),
                PriceGroup(event=event, name="Voksen", price_ore=event.price_ore, position=1),
                PriceGroup(event=event, name="Under 3 år", price_ore=0, position=2),
            ]
        elif event.max_age is not None and event.max_age < 13:
            groups.append(PriceGroup(event=event, name="Barn", price_ore=0, position=0))
    SignUpQuestion.objects.bulk_create(questions)
    PriceGroup.objects.bulk_create(groups)
    return count


ORG_TEMPLATES = [
    ("Åpen trening", Category.SPORTS, ["children", "youth"], "FREQ=WEEKLY;COUNT=10"),
    ("Dugnad og grilling", Category.MEETING, ["children", "adults"], ""),
    ("Medlemsmøte", Category.MEETING, ["adults", "elderly"], "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"),
    ("Konsert", Category.MUSIC, ["adults", "elderly"], ""),
    ("Tur i nærmiljøet", Category.SPORTS, ["adults", "elderly"], "FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
]


def _create(
    municipality,
    organiser,
    title,
    summary,
    category,
    groups,
    first,
    start,
    end,
    rule,
    extra,
    areas,
    rng,
):
    pairs = expand(first, start, _duration(first, start, end), rule)
    values = {
        "summary": summary,
        "category": category,
        "venue_name": extra.pop("venue_name", ""),
        "address": extra.pop("address", "Ås"),
        "area": rng.choice(areas) if areas else None,
        "wheelchair_access": rng.random() < 0.7,
        "hearing_loop": rng.random() < 0.3,
        **extra,
    }
    event = Event.objects.create(
        municipality=municipality,
        organisation=organiser if isinstance(organiser, Organisation) else None,
        unit=organiser if isinstance(organiser, Unit) else None,
        title=title,
        status=Event.Status.PUBLISHED,
        rrule=rule,
        is_demo=True,
        **values,
    )
    event.age_groups.set(groups)
    return [Occurrence(event=event, start=s, end=e, original_start=s) for s, e in pairs]


def _duration(first, start, end):
    from datetime import datetime

    return datetime.combine(first, end) - datetime.combine(first, start)


def load(out) -> None:
    municipality = Municipality.objects.filter(number="3218").first()
    if municipality is None:
        out.write("  activities: no municipality, skipped")
        return
    rng = random.Random(3218)
    groups = {g.code: g for g in AgeGroup.objects.all()}
    areas = list(Area.objects.filter(municipality=municipality))
    existing = set(
        Event.objects.filter(is_demo=True).values_list("title", "organisation_id", "unit_id")
    )
    occurrences = []
    created = 0
    venue = {
        "kulturskolen": "Kulturskolen",
        "bibliotek": "Ås bibliotek",
        "as-kulturhus": "Ås kulturhus",
        "ungdomsklubben-midtgard": "Midtgard",
        "kultur-idrett-og-frivillighet": "Ås kulturhus",
    }
    for slug, title, summary, category, codes, first, start, end, rule, extra in _unit_events():
        unit = Unit.objects.filter(municipality=municipality, slug=slug).first()
        if unit is None or (title, None, unit.pk) in existing:
            continue
        extra = {"venue_name": venue.get(slug, ""), **extra}
        occurrences += _create(
            municipality,
            unit,
            title,
            summary,
            category,
            [groups[c] for c in codes if c in groups],
            first,
            start,
            end,
            rule,
            extra,
            areas,
            rng,
        )
        created += 1
    organisations = (
        Organisation.objects.public().filter(municipality=municipality).order_by("name")[:60]
    )
    today = timezone.localdate()
    for org in organisations:
        # Seeded per organisation, so a second run picks the same events and skips them.
        rng = random.Random(org.pk)
        for index, (kind, category, codes, rule) in enumerate(rng.sample(ORG_TEMPLATES, 4)):
            title = f"{kind}: {org.name}"
            if (title, org.pk, None) in existing:
                continue
            first = today + timedelta(days=rng.randint(3, 300))
            start = time(rng.choice([10, 12, 17, 18, 19]))
            end = time(start.hour + 2)
            extra = {
                "venue_name": org.meeting_places.split("\n")[0][:200] if org.meeting_places else ""
            }
            if index == 0 and rng.random() < 0.3:
                extra.update(
                    signup_enabled=True, capacity=rng.choice([10, 20, 30]), waitlist_capacity=5
                )
            if rng.random() < 0.2:
                extra["price_ore"] = rng.choice([5000, 10000, 15000])
            occurrences += _create(
                municipality,
                org,
                title,
                org.purpose[:300],
                category,
                [groups[c] for c in codes if c in groups],
                first,
                start,
                end,
                rule,
                extra,
                areas,
                rng,
            )
            created += 1
    Occurrence.objects.bulk_create(occurrences, batch_size=500)
    placed = _place_in_rooms(municipality)
    set_up = _signup_setup()
    # Bulk writes send no signals: tell the public page cache that the calendar changed.
    public_data_changed("activities")
    total = Event.objects.filter(is_demo=True).count()
    out.write(
        f"  activities: {created} new events ({total} demo events, {len(occurrences)} new dates, "
        f"{placed} placed in rooms, {set_up} given sign-up questions)"
    )
