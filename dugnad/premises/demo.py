"""Demo premises in Ås: the culture house, the library, Midtgard youth club and the schools
(gyms split in thirds), with opening hours, prices, a few hundred bookings and a seasonal
allocation round with wishes from the demo organisations. Idempotent."""

import datetime as dt
import random

from django.utils import timezone

from dugnad.accounts.models import User
from dugnad.core.demo import unit
from dugnad.core.models import AgeGroup, Area, Municipality
from dugnad.organisations.models import Organisation

from .models import (
    AllocatedSlot,
    AllocationRound,
    Booking,
    BookingState,
    Building,
    Facility,
    OpeningHours,
    PriceModel,
    PriceRule,
    RenterType,
    Room,
    SlotWish,
)
from .schedule import holiday_name, local

FACILITIES = [
    ("scene", "Scene"),
    ("piano", "Piano"),
    ("kjokken", "Kjøkken"),
    ("projektor", "Projektor"),
    ("idrettsutstyr", "Idrettsutstyr"),
    ("lydanlegg", "Lydanlegg"),
    ("speil", "Speilvegg"),
]

# (slug, name, kind, managing unit, area, address, access)
BUILDINGS = [
    (
        "as-kulturhus",
        "Ås kulturhus",
        "culture_house",
        "as-kulturhus",
        "as-sentrum",
        "Rådhusplassen 2, 1430 Ås",
        "Hovedinngang fra Rådhusplassen. Heis til alle etasjer.",
    ),
    (
        "as-bibliotek",
        "Ås bibliotek",
        "library",
        "bibliotek",
        "as-sentrum",
        "Rådhusplassen 1, 1430 Ås",
        "Inngang gjennom biblioteket. Nøkkel hentes i skranken.",
    ),
    (
        "midtgard",
        "Ungdomsklubben Midtgard",
        "youth_club",
        "ungdomsklubben-midtgard",
        "as-sentrum",
        "Idrettsveien 2, 1430 Ås",
        "Dørkode sendes på e-post før bruk.",
    ),
    (
        "solberg-skole",
        "Solberg skole",
        "school",
        "kultur-idrett-og-frivillighet",
        "solberg",
        "Solbergveien 20, 1407 Vinterbro",
        "Inngang ved gymsalen. Vaktmester låser opp.",
    ),
    (
        "rustad-skole",
        "Rustad skole",
        "school",
        "kultur-idrett-og-frivillighet",
        "rustad",
        "Rustadveien 10, 1430 Ås",
        "Inngang fra skolegården, dør C.",
    ),
    (
        "nordby-skole",
        "Nordby skole",
        "school",
        "kultur-idrett-og-frivillighet",
        "nordby",
        "Nordbyveien 55, 1407 Vinterbro",
        "Inngang ved hovedinngangen.",
    ),
    (
        "as-ungdomsskole",
        "Ås ungdomsskole",
        "school",
        "kultur-idrett-og-frivillighet",
        "as-sentrum",
        "Kirkeveien 10, 1430 Ås",
        "Inngang ved flerbrukshallen.",
    ),
]

# building slug -> [(name, kind, capacity, m², facilities, parts)]
ROOMS = {
    "as-kulturhus": [
        ("Store sal", "hall", 300, 400, ["scene", "piano", "lydanlegg"], 0),
        ("Lille sal", "hall", 80, 120, ["scene", "projektor"], 0),
        ("Øvingsrom 1", "music_room", 12, 30, ["piano"], 0),
        ("Kjøkkenet", "kitchen", 20, 40, ["kjokken"], 0),
    ],
    "as-bibliotek": [
        ("Møterommet", "meeting_room", 20, 35, ["projektor"], 0),
        ("Verkstedet", "meeting_room", 15, 40, ["projektor"], 0),
    ],
    "midtgard": [
        ("Klubbrommet", "hall", 60, 150, ["lydanlegg", "kjokken"], 0),
        ("Musikkrommet", "music_room", 10, 25, ["lydanlegg", "piano"], 0),
        ("Dansesalen", "hall", 30, 90, ["speil", "lydanlegg"], 0),
    ],
    "solberg-skole": [
        ("Gymsal", "gym", 90, 450, ["idrettsutstyr"], 3),
        ("Klasserom 5A", "classroom", 28, 60, ["projektor"], 0),
        ("Musikkrom", "music_room", 25, 50, ["piano"], 0),
        ("Skolekjøkken", "kitchen", 16, 50, ["kjokken"], 0),
    ],
    "rustad-skole": [
        ("Gymsal", "gym", 90, 450, ["idrettsutstyr"], 3),
        ("Klasserom 3B", "classroom", 28, 60, ["projektor"], 0),
        ("Musikkrom", "music_room", 25, 50, ["piano"], 0),
    ],
    "nordby-skole": [
        ("Gymsal", "gym", 60, 300, ["idrettsutstyr"], 3),
        ("Klasserom 6", "classroom", 28, 60, ["projektor"], 0),
    ],
    "as-ungdomsskole": [
        ("Flerbrukshall", "gym", 150, 1200, ["idrettsutstyr", "lydanlegg"], 3),
        ("Auditoriet", "hall", 120, 180, ["projektor", "scene"], 0),
        ("Musikkrom", "music_room", 30, 60, ["piano", "lydanlegg"], 0),
    ],
}


def _hours(building):
    if building.kind == "school":
        # School premises are let after school hours on weekdays and all day at weekends.
        hours = [(d, dt.time(16), dt.time(22, 30)) for d in range(5)]
        hours += [(d, dt.time(9), dt.time(20)) for d in (5, 6)]
    elif building.kind == "library":
        hours = [(d, dt.time(10), dt.time(20)) for d in range(5)] + [(5, dt.time(10), dt.time(15))]
    else:
        hours = [(d, dt.time(9), dt.time(23)) for d in range(7)]
    for weekday, opens, closes in hours:
        OpeningHours.objects.update_or_create(
            building=building, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )


def _prices(room, school: bool):
    valid_from = dt.date(2024, 1, 1)
    table = {
        RenterType.VOLUNTARY: (PriceModel.FREE, 0) if school else (PriceModel.PER_HOUR, 15000),
        RenterType.OTHER_ORGANISATION: (PriceModel.PER_HOUR, 25000),
        RenterType.PRIVATE: (PriceModel.PER_HOUR, 30000 if school else 50000),
        RenterType.COMPANY: (PriceModel.PER_BOOKING, 150000 if school else 300000),
        RenterType.MUNICIPAL: (PriceModel.FREE, 0),
    }
    for renter_type, (model, amount) in table.items():
        PriceRule.objects.update_or_create(
            room=room,
            renter_type=renter_type,
            valid_from=valid_from,
            defaults={"model": model, "amount_ore": amount},
        )


def _bookings(rooms, organisations, booker) -> int:
    if Booking.objects.filter(room__in=rooms).exists():
        return 0
    rng = random.Random(3218)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 14)
    rows = []
    for room in rooms:
        if room.parent_id is not None:
            continue
        parts = list(room.parts.all())
        for week in range(8):
            for weekday in range(7):
                date = monday + dt.timedelta(days=7 * week + weekday)
                if holiday_name(date) or rng.random() < 0.55:
                    continue
                # The whole room in the early evening, its parts later: never overlapping.
                slots = [((17, 0), (18, 30), room)]
                slots += [((18, 30), (20, 0), part) for part in parts if rng.random() < 0.6]
                if not parts and rng.random() < 0.5:
                    slots.append(((19, 0), (21, 0), room))
                for (sh, sm), (eh, em), target in slots:
                    organisation = rng.choice(organisations)
                    state = (
                        BookingState.CONFIRMED if rng.random() < 0.85 else BookingState.REQUESTED
                    )
                    rows.append(
                        Booking(
                            room=target,
                            booked_by=booker,
                            organisation=organisation,
                            renter_type=RenterType.VOLUNTARY,
                            title=organisation.name,
                            start=local(date, dt.time(sh, sm)),
                            end=local(date, dt.time(eh, em)),
                            state=state,
                            attendees=min(target.capacity, 15),
                        )
                    )
    Booking.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _allocation(municipality, rooms, organisations, leader) -> int:
    year = timezone.localdate().year
    spring, _ = AllocationRound.objects.update_or_create(
        municipality=municipality,
        name=f"Vårsesongen {year}",
        defaults={
            "season_start": dt.date(year, 1, 5),
            "season_end": dt.date(year, 6, 15),
            "deadline": local(dt.date(year - 1, 11, 15), dt.time(23, 59)),
            "status": AllocationRound.Status.PUBLISHED,
        },
    )
    autumn, _ = AllocationRound.objects.update_or_create(
        municipality=municipality,
        name=f"Høstsesongen {year}",
        defaults={
            "season_start": dt.date(year, 8, 15),
            "season_end": dt.date(year, 12, 15),
            "deadline": local(dt.date(year, 6, 1), dt.time(23, 59)),
            "status": AllocationRound.Status.ALLOCATING,
            "previous": spring,
        },
    )
    if autumn.wishes.exists():
        return autumn.wishes.count()
    gyms = [r for r in rooms if r.kind == "gym" and r.parent_id is None]
    halls = [r for r in rooms if r.kind in ("hall", "music_room")]
    age_groups = list(AgeGroup.objects.all())
    rng = random.Random(2026)  # noqa: S311 - demo data
    wishes = []
    for index, organisation in enumerate(organisations[:24]):
        room = rng.choice(gyms if index % 3 else halls)
        wishes.append(
            SlotWish(
                round=autumn,
                organisation=organisation,
                submitted_by=leader,
                room=room,
                weekday=rng.randrange(5),
                start_time=dt.time(rng.choice([17, 18, 19, 20])),
                minutes=rng.choice([60, 90, 120]),
                priority=rng.randint(1, 3),
                participants=rng.randint(8, 40),
                age_group=rng.choice(age_groups) if age_groups else None,
            )
        )
    SlotWish.objects.bulk_create(wishes)
    AllocatedSlot.objects.bulk_create(
        [
            AllocatedSlot(
                round=spring,
                organisation=o,
                room=gyms[i % len(gyms)],
                weekday=i % 5,
                start_time=dt.time(18),
                end_time=dt.time(19, 30),
            )
            for i, o in enumerate(organisations[:8])
        ]
    )
    return len(wishes)


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    areas = {a.slug: a for a in Area.objects.filter(municipality=municipality)}
    facilities = {}
    for slug, name in FACILITIES:
        facilities[slug], _ = Facility.objects.update_or_create(slug=slug, defaults={"name": name})
    rooms = []
    for slug, name, kind, unit_slug, area_slug, address, access in BUILDINGS:
        building, _ = Building.objects.update_or_create(
            slug=slug,
            defaults={
                "municipality": municipality,
                "unit": unit(unit_slug),
                "name": name,
                "kind": kind,
                "area": areas.get(area_slug),
                "address": address,
                "access_info": access,
                "contact_name": "Liv Lokalforvalter",
                "contact_email": "lokaler@demo.example",
                "contact_phone": "64 96 20 00",
            },
        )
        _hours(building)
        for room_name, room_kind, capacity, size, room_facilities, parts in ROOMS[slug]:
            common = {
                "kind": room_kind,
                "step_free": True,
                "accessibility": "Trinnfri adkomst og HC-toalett.",
                "rules_of_use": "Rydd etter dere og lås døra. Ingen utesko i salen.",
                "confirm_automatically": building.kind == "school",
                "cancellation_hours": 48 if building.kind == "culture_house" else 24,
            }
            room, _ = Room.objects.update_or_create(
                building=building,
                name=room_name,
                parent=None,
                defaults={**common, "capacity": capacity, "size_m2": size},
            )
            room.facilities.set([facilities[f] for f in room_facilities])
            _prices(room, building.kind == "school")
            rooms.append(room)
            for n in range(1, parts + 1):
                part, _ = Room.objects.update_or_create(
                    building=building,
                    name=f"{room_name}, tredjedel {n}",
                    parent=room,
                    defaults={**common, "capacity": capacity // 3, "size_m2": size // 3},
                )
                part.facilities.set([facilities[f] for f in room_facilities])
                _prices(part, building.kind == "school")
                rooms.append(part)
    organisations = list(
        Organisation.objects.filter(is_demo=True, status="approved").order_by("pk")
    )
    booker = User.objects.filter(email="leder@demo.example").first()
    bookings = wishes = 0
    if organisations and booker is not None:
        bookings = _bookings(rooms, organisations, booker)
        wishes = _allocation(municipality, rooms, organisations, booker)
    out.write(
        f"  {len(BUILDINGS)} buildings, {len(rooms)} rooms, {bookings} new bookings, "
        f"{wishes} allocation wishes"
    )
