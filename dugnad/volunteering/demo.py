"""Demo volunteering for Ås, from the seed documents: Moertunet, the library's language café,
Kulturhack, Kulturfesten, Barnas verdensdag and the summer school for refugee children.

Idempotent: assignments are keyed by title, volunteers by email; shifts are added only to
assignments that have none. 300 demo volunteers are bulk-created with unusable passwords.
"""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from dugnad.accounts.models import User
from dugnad.core.models import AgeGroup, Area, Unit
from dugnad.organisations.models import Organisation

from .models import Assignment, Interest, Language, Shift, Skill, Slot, Topic, VolunteerProfile

VOLUNTEERS = 300

# (title, unit slug or None for a demo organisation, area slug, kind, topics, skills, languages,
#  times, min age, police certificate, people, description, shifts as (days ahead, hour, hours))
ASSIGNMENTS = [
    (
        "Aktivitetsvenn på Moertunet",
        "moertunet-demenssenter",
        "as-sentrum",
        "ongoing",
        ["elderly"],
        [],
        ["nb"],
        ["weekday_day", "weekday_evening"],
        18,
        True,
        6,
        "Bli med på tur, kaffe og en prat med en beboer på Moertunet demenssenter, en time i uka. "
        "Del av arbeidet med Ås som demensvennlig samfunn.",
        [],
    ),
    (
        "Kulturvert på Moertunet",
        "moertunet-demenssenter",
        "as-sentrum",
        "ongoing",
        ["elderly", "culture"],
        ["music"],
        ["nb"],
        ["weekday_evening"],
        18,
        True,
        4,
        "Ta imot artister og beboere når det er konsert, allsang eller film på Moertunet.",
        [(6, 17, 2), (13, 17, 2), (20, 17, 2)],
    ),
    (
        "Hjelpere til Barnas verdensdag",
        None,
        "as-sentrum",
        "one_off",
        ["children", "culture"],
        ["organising"],
        [],
        ["weekend"],
        15,
        False,
        15,
        "Barnas verdensdag er en gratis familiefestival. Vi trenger hjelpere til verksteder, "
        "rigging og vertskap.",
        [(12, 10, 4), (12, 14, 4)],
    ),
    (
        "Verter på Kulturfesten",
        "as-kulturhus",
        "as-sentrum",
        "one_off",
        ["culture", "language"],
        ["cooking", "organising"],
        ["en", "ar", "uk"],
        ["weekend"],
        None,
        False,
        12,
        "Kulturfesten er en internasjonal festdag med workshops, forestillinger og mat fra hele "
        "verden. Bli vert, hjelp på kjøkkenet eller ta imot gjester.",
        [(19, 11, 4), (19, 15, 4)],
    ),
    (
        "Vert for språkkafé på biblioteket",
        "bibliotek",
        "as-sentrum",
        "ongoing",
        ["language"],
        ["teaching"],
        ["nb", "ar", "uk", "so", "ti"],
        ["weekday_evening"],
        16,
        False,
        5,
        "Språkkafé hver tirsdag kveld: snakk norsk med folk som er nye i Norge. Det hjelper å "
        "kunne et annet språk også.",
        [(2, 18, 2), (9, 18, 2), (16, 18, 2)],
    ),
    (
        "Mentor på Kulturhack",
        "kulturskolen",
        "as-sentrum",
        "one_off",
        ["tech", "children"],
        ["programming", "crafts"],
        ["nb", "en"],
        ["weekday_evening", "weekend"],
        18,
        True,
        6,
        "Kulturhack er et kunst- og teknologiprosjekt for unge 13-30 år. Vær mentor for et lag "
        "som lager spill, kunst eller elektronikk.",
        [(26, 17, 4), (27, 10, 6)],
    ),
    (
        "Hjelper på sommerskole for flyktningbarn",
        "kulturskolen",
        "as-sentrum",
        "one_off",
        ["children", "language"],
        ["crafts", "teaching"],
        ["uk", "ar"],
        ["weekday_day"],
        18,
        True,
        8,
        "Kulturskolen gir barn og unge som har flyktet et kulturtilbud i sommerferien: e-sport, "
        "dans og visuell kunst. Hjelp pedagogene og vær en trygg voksen.",
        [(40, 10, 5)],
    ),
    (
        "Turvenn i Nordby",
        "sykehjem-og-boliger",
        "nordby",
        "ongoing",
        ["elderly", "sports"],
        [],
        ["nb"],
        ["weekday_day"],
        16,
        False,
        3,
        "Gå en fast tur i nærmiljøet med en eldre som bor hjemme.",
        [],
    ),
]

FIRST = [
    "Anna",
    "Ole",
    "Ingrid",
    "Ahmed",
    "Olena",
    "Jonas",
    "Fatima",
    "Sara",
    "Emil",
    "Nora",
    "Mohammed",
    "Kari",
    "Lars",
    "Aisha",
    "Mykola",
    "Liv",
    "Hassan",
    "Maja",
    "Per",
    "Sofie",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Ali",
    "Kovalenko",
    "Berg",
    "Haugen",
    "Hussein",
    "Bakken",
    "Nilsen",
    "Shevchenko",
    "Dahl",
    "Lie",
    "Abdi",
    "Moen",
]


def _organiser(unit_slug, organisations):
    if unit_slug:
        unit = Unit.objects.filter(municipality__number="3218", slug=unit_slug).first()
        if unit is not None:
            return {"unit": unit, "organisation": None}
    if organisations:
        return {"organisation": organisations[0], "unit": None}
    return {"unit": Unit.objects.filter(municipality__number="3218").first(), "organisation": None}


def load(out) -> None:
    areas = {a.slug: a for a in Area.objects.filter(municipality__number="3218")}
    organisations = list(Organisation.objects.public().filter(is_demo=True).order_by("name")[:5])
    rng = random.Random(3218)  # noqa: S311 - demo data, not secrets
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    made = []
    for (
        title,
        unit_slug,
        area,
        kind,
        topics,
        skills,
        languages,
        times,
        min_age,
        certificate,
        people,
        description,
        shifts,
    ) in ASSIGNMENTS:
        organiser = _organiser(unit_slug, organisations)
        if organiser["unit"] is None and organiser["organisation"] is None:
            continue
        assignment, _created = Assignment.objects.update_or_create(
            title=title,
            is_demo=True,
            defaults={
                **organiser,
                "area": areas.get(area),
                "kind": kind,
                "topics": topics,
                "skills": skills,
                "languages": languages,
                "times": times,
                "min_age": min_age,
                "requires_police_certificate": certificate,
                "people_needed": people,
                "description": description,
                "status": Assignment.Status.OPEN,
            },
        )
        if not assignment.shifts.exists():
            Shift.objects.bulk_create(
                Shift(
                    assignment=assignment,
                    starts_at=timezone.make_aware(
                        dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)), tz
                    ),
                    ends_at=timezone.make_aware(
                        dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)), tz
                    )
                    + dt.timedelta(hours=hours),
                    needed=max(2, people // max(1, len(shifts))),
                )
                for days, hour, hours in shifts
            )
        made.append(assignment)

    # 300 demo volunteers with varied profiles, created in two bulk inserts.
    emails = [f"frivillig{n:03d}@demo.example" for n in range(1, VOLUNTEERS + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            email=email,
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            is_demo=True,
            password=unusable,
        )
        for email in emails
        if email not in existing
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    with_profile = set(
        VolunteerProfile.objects.filter(user__in=users).values_list("user_id", flat=True)
    )
    age_groups = list(AgeGroup.objects.all())
    area_list = list(areas.values())
    topics, skills, slots = Topic.values, Skill.values, Slot.values
    profiles = []
    for user in users:
        if user.pk in with_profile:
            continue
        birth_year = rng.randint(today.year - 80, today.year - 14)
        profiles.append(
            VolunteerProfile(
                user=user,
                is_demo=True,
                interests=rng.sample(topics, rng.randint(1, 3)),
                skills=rng.sample(skills, rng.randint(0, 2)),
                languages=["nb", *rng.sample(Language.values[1:], rng.randint(0, 2))],
                availability=rng.sample(slots, rng.randint(1, 2)),
                commitment=rng.choice(["one_off", "ongoing", "both"]),
                area=rng.choice(area_list) if area_list else None,
                age_group=_age_group(age_groups, today.year - birth_year),
                birth_year=birth_year,
                contactable=rng.random() < 0.7,
            )
        )
    VolunteerProfile.objects.bulk_create(profiles)

    # A few pending and answered interests, so that the overview and reminders have content.
    if made and not Interest.objects.filter(assignment__in=made).exists():
        now = timezone.now()
        Interest.objects.bulk_create(
            Interest(
                assignment=rng.choice(made),
                volunteer=user,
                created_at=now - dt.timedelta(days=rng.randint(0, 20)),
            )
            for user in users[:25]
        )
    frida = User.objects.filter(email="frivillig@demo.example").first()
    if frida is not None:
        VolunteerProfile.objects.update_or_create(
            user=frida,
            defaults={
                "interests": ["culture", "language"],
                "languages": ["nb", "en", "ar"],
                "availability": ["weekday_evening", "weekend"],
                "birth_year": 1995,
                "area": areas.get("nordby"),
                "contactable": True,
                "is_demo": True,
            },
        )
    out.write(
        f"  volunteering: {len(made)} assignments, {len(users)} demo volunteers, "
        f"{Shift.objects.filter(assignment__in=made).count()} shifts"
    )


def _age_group(groups, age):
    code = (
        "youth" if age < 19 else "young_adults" if age < 30 else "adults" if age < 67 else "elderly"
    )
    return next((g for g in groups if g.code == code), None)
