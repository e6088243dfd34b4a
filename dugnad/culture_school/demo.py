# ruff: noqa: E501, S311, SIM905  (demo tables read best one per line; random is for variety)
"""Demo data: Ås kulturskole from the seed report (shared/seeds/000_...): music, dance, theatre,
visual art, music lab, game development and e-sport in the three programmes, about 1,200 places
held by invented pupils (siblings among them), a waiting list, and the guardian demo login
`foresatt@demo.example` with two children (one place, one offer of a place to answer).

Idempotent: the school, its year, subjects and offers are keyed by name; the invented families
are made once (bulk-created, marked as demo) and left alone when they exist.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from dugnad.accounts.models import User
from dugnad.core.demo import unit
from dugnad.core.models import Area, Municipality

from .models import (
    Application,
    Continuation,
    FeePlan,
    Guardianship,
    IncomeBand,
    Offer,
    Place,
    PlaceOffer,
    Programme,
    Pupil,
    RuleKind,
    School,
    SchoolYear,
    Subject,
    SubjectArea,
    Teaching,
    WaitingRule,
    grade_ages,
)

FEE_PLANS = [
    ("Gruppeundervisning", 185000),
    ("Individuell undervisning", 295000),
    ("Fordypning", 345000),
]

# (name, area, description)
SUBJECTS = [
    ("Piano", SubjectArea.MUSIC, "Klassisk og rytmisk piano."),
    ("Fiolin", SubjectArea.MUSIC, "Fiolin fra nybegynner til orkesterspill."),
    ("Gitar", SubjectArea.MUSIC, "Akustisk og elektrisk gitar."),
    ("Sang", SubjectArea.MUSIC, "Sang og stemmebruk, solo og kor."),
    ("Musikklab", SubjectArea.MUSIC, "Lag musikk med datamaskin, synth og mikrofon."),
    ("Dans", SubjectArea.DANCE, "Moderne dans, hiphop og breaking."),
    ("Teater", SubjectArea.THEATRE, "Improvisasjon, scenetrening og forestilling."),
    ("Visuell kunst", SubjectArea.VISUAL_ART, "Tegning, maling, grafikk og skulptur."),
    ("Spillutvikling", SubjectArea.MEDIA, "Lag dine egne dataspill."),
    ("E-sport", SubjectArea.MEDIA, "Lagspill, strategi og godt spillmiljø."),
]

# (subject, programme, teaching, minutes, ages, places, fee plan, venue, area slug)
OFFERS = [
    ("Piano", Programme.BROAD, Teaching.GROUP, 45, (6, 9), 75, 0, "Ås kulturhus", "as-sentrum"),
    ("Piano", Programme.CORE, Teaching.INDIVIDUAL, 25, (8, 19), 140, 1, "Ås kulturhus", "as-sentrum"),
    ("Piano", Programme.IN_DEPTH, Teaching.INDIVIDUAL, 60, (13, 19), 12, 2, "Ås kulturhus", "as-sentrum"),
    ("Fiolin", Programme.CORE, Teaching.INDIVIDUAL, 25, (6, 19), 60, 1, "Ås kulturhus", "as-sentrum"),
    ("Fiolin", Programme.IN_DEPTH, Teaching.INDIVIDUAL, 60, (13, 19), 8, 2, "Ås kulturhus", "as-sentrum"),
    ("Gitar", Programme.BROAD, Teaching.GROUP, 45, (8, 12), 70, 0, "Rustad skole", "rustad"),
    ("Gitar", Programme.CORE, Teaching.INDIVIDUAL, 25, (10, 19), 100, 1, "Ås kulturhus", "as-sentrum"),
    ("Sang", Programme.BROAD, Teaching.GROUP, 45, (6, 12), 80, 0, "Nordby skole", "nordby"),
    ("Sang", Programme.CORE, Teaching.INDIVIDUAL, 30, (12, 99), 70, 1, "Ås kulturhus", "as-sentrum"),
    ("Sang", Programme.IN_DEPTH, Teaching.INDIVIDUAL, 60, (14, 19), 8, 2, "Ås kulturhus", "as-sentrum"),
    ("Musikklab", Programme.BROAD, Teaching.GROUP, 60, (10, 16), 40, 0, "Ungdomsklubben Midtgard", "as-sentrum"),
    ("Dans", Programme.BROAD, Teaching.GROUP, 60, (6, 12), 120, 0, "Ungdomsklubben Midtgard", "as-sentrum"),
    ("Dans", Programme.CORE, Teaching.GROUP, 90, (12, 19), 60, 0, "Ungdomsklubben Midtgard", "as-sentrum"),
    ("Teater", Programme.BROAD, Teaching.GROUP, 60, (8, 13), 90, 0, "Solberg skole", "solberg"),
    ("Teater", Programme.CORE, Teaching.GROUP, 90, (13, 19), 40, 0, "Ås kulturhus", "as-sentrum"),
    ("Visuell kunst", Programme.BROAD, Teaching.GROUP, 90, (6, 12), 100, 0, "Ås bibliotek", "as-sentrum"),
    ("Visuell kunst", Programme.CORE, Teaching.GROUP, 90, (12, 99), 45, 0, "Ås bibliotek", "as-sentrum"),
    ("Visuell kunst", Programme.IN_DEPTH, Teaching.GROUP, 120, (14, 19), 12, 2, "Ås bibliotek", "as-sentrum"),
    ("Spillutvikling", Programme.BROAD, Teaching.GROUP, 90, (11, 16), 40, 0, "Ås ungdomsskole", "as-sentrum"),
    ("E-sport", Programme.BROAD, Teaching.GROUP, 90, (12, 19), 40, 0, "Ungdomsklubben Midtgard", "as-sentrum"),
]  # fmt: skip

# Offers limited by school grade instead of age: (subject, programme) -> (lowest, highest grade).
BY_GRADE = {("Sang", Programme.BROAD): (1, 7)}

FIRST_NAMES = (
    "Emma Nora Sofie Olivia Ella Maja Leah Ingrid Frida Sara Aurora Hedda Thea Tiril Amalie "
    "Jakob Noah Lucas Emil Oliver Filip Aksel William Isak Henrik Magnus Olav Johannes Theo "
    "Ali Amir Yusuf Zara Aisha Mariam Oleksandr Sofiia Daria Mykola"
).split()
LAST_NAMES = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Berg "
    "Haugen Hagen Eriksen Bakken Lie Dahl Lund Moen Strand Solberg Rustad Nordby Brekke "
    "Ahmadi Hassan Kovalenko Shevchenko"
).split()

SCHOOL_NAME = "Ås kulturskole"
GUARDIAN_EMAIL = "foresatt@demo.example"


def _year_dates(today: dt.date) -> tuple[str, dt.date, dt.date]:
    start_year = today.year if today.month >= 8 else today.year - 1
    return (
        f"{start_year}/{str(start_year + 1)[-2:]}",
        dt.date(start_year, 8, 18),
        dt.date(start_year + 1, 6, 20),
    )


def load(out) -> None:
    municipality = Municipality.objects.get(number="3218")
    school, _ = School.objects.update_or_create(
        municipality=municipality,
        defaults={"unit": unit("kulturskolen"), "name": SCHOOL_NAME},
    )
    name, starts_on, ends_on = _year_dates(timezone.localdate())
    year, created = SchoolYear.objects.get_or_create(
        school=school,
        name=name,
        defaults={
            "starts_on": starts_on,
            "ends_on": ends_on,
            "lottery_seed": "as-kulturskole-demo",
            "population_6_15": 2900,
        },
    )
    if created:
        for position, kind in enumerate(
            [RuleKind.CHILDREN_FIRST, RuleKind.NEW_PUPILS_FIRST, RuleKind.FIRST_CHOICE_FIRST,
             RuleKind.EARLIER_APPLICATION], 1
        ):  # fmt: skip
            WaitingRule.objects.create(school_year=year, position=position, kind=kind)
    for up_to_g, percent in (("2.0", 100), ("3.0", 50), ("4.0", 25)):
        IncomeBand.objects.get_or_create(
            school_year=year, up_to_g=up_to_g, defaults={"reduction_percent": percent}
        )
    plans = []
    for plan_name, fee in FEE_PLANS:
        plan, _ = FeePlan.objects.update_or_create(
            school=school, name=plan_name, defaults={"semester_fee_ore": fee}
        )
        plans.append(plan)
    subjects = {}
    for subject_name, area, description in SUBJECTS:
        subjects[subject_name], _ = Subject.objects.update_or_create(
            school=school, name=subject_name, defaults={"area": area, "description": description}
        )
    areas = {a.slug: a for a in Area.objects.filter(municipality=municipality)}
    offers = []
    for subj, programme, teaching, minutes, (low, high), places, plan, venue, area in OFFERS:
        grades = BY_GRADE.get((subj, programme), (None, None))
        if grades[0] is not None:
            low, high = grade_ages(*grades)
        offer, _ = Offer.objects.update_or_create(
            school_year=year,
            subject=subjects[subj],
            programme=programme,
            min_age=low,
            defaults={
                "teaching": teaching,
                "minutes": minutes,
                "max_age": high,
                "min_grade": grades[0],
                "max_grade": grades[1],
                "places": places,
                "fee_plan": plans[plan],
                "venue": venue,
                "area": areas.get(area),
            },
        )
        offers.append(offer)
    if not Pupil.objects.filter(school=school, is_demo=True).exists():
        with transaction.atomic():
            _families(school, year, offers, list(areas.values()))
    places = Place.objects.filter(offer__school_year=year).count()
    waiting = Application.objects.filter(offer__school_year=year, status="waiting").count()
    out.write(f"  {SCHOOL_NAME}: {len(offers)} offers, {places} places, {waiting} waiting")
    load_teaching(out)


def _birth_date(rng, year_start: dt.date, low: int, high: int) -> dt.date:
    age = rng.randint(low, min(high, 18))
    return year_start - dt.timedelta(days=365 * age + rng.randint(30, 330))


def _families(school, year, offers, areas) -> None:
    """About 1,200 places: invented families (siblings share guardians), bulk-created."""
    rng = random.Random(3218)
    now = timezone.now()
    families = 700
    guardians = User.objects.bulk_create(
        User(
            email=f"kulturskole-familie-{n}@demo.example",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            is_demo=True,
            password="!",  # unusable: invented families do not log in
        )
        for n in range(families)
    )
    pupils = []
    for guardian in guardians:
        for _child in range(rng.choice((1, 1, 2, 2, 3))):
            pupils.append(
                Pupil(
                    school=school,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=guardian.last_name,
                    birth_date=_birth_date(rng, year.starts_on, 6, 18),
                    area=rng.choice(areas) if areas else None,
                    is_demo=True,
                )
            )
            pupils[-1].guardian = guardian
    # Both databases return the new ids from bulk_create (RETURNING), so the objects are used.
    Pupil.objects.bulk_create(pupils)
    Guardianship.objects.bulk_create(
        Guardianship(pupil=pupil, user=pupil.guardian, is_payer=True) for pupil in pupils
    )

    free = {offer.pk: offer.places for offer in offers}
    new_places, applications = [], []
    applied = now - dt.timedelta(days=200)
    for pupil in pupils:
        age = pupil.age_on(year.starts_on)
        grade = pupil.grade_in(year)
        fitting = [
            o
            for o in offers
            if (
                o.min_grade <= grade <= o.max_grade if o.by_grade else o.min_age <= age <= o.max_age
            )
        ]
        rng.shuffle(fitting)
        wanted = 2 if rng.random() < 0.35 else 1
        for offer in fitting[:wanted]:
            if free[offer.pk] > 0 and len(new_places) < 1200:
                free[offer.pk] -= 1
                new_places.append(Place(pupil=pupil, offer=offer, started_on=year.starts_on))
            elif len(applications) < 180:
                applications.append(
                    Application(
                        pupil=pupil,
                        offer=offer,
                        preference=1,
                        applied_by_id=None,
                        applied_at=applied + dt.timedelta(days=rng.randint(0, 190)),
                    )
                )
    Place.objects.bulk_create(new_places)
    Application.objects.bulk_create(applications)
    # Re-registration for next year is open: about half the families have answered already.
    year.continuation_deadline = min(year.ends_on, timezone.localdate() + dt.timedelta(days=30))
    year.save(update_fields=["continuation_deadline"])
    answers = ["continue"] * 8 + ["quit"]
    Continuation.objects.bulk_create(
        Continuation(place=place, answer=rng.choice(answers))
        for place in new_places
        if rng.random() < 0.5
    )
    _guardian_login(school, year, offers, now)


def _guardian_login(school, year, offers, now) -> None:
    """The guardian demo login's two children: Emma has a place in piano and waits for dance;
    Noah has been offered a place in group guitar and must answer."""
    from dugnad.accounts.demo import demo_user

    guardian = demo_user(GUARDIAN_EMAIL, "Frode", "Foresatt", phone="900 00 001")
    emma = Pupil.objects.create(
        school=school,
        first_name="Emma",
        last_name="Foresatt",
        birth_date=year.starts_on.replace(year=year.starts_on.year - 10),
        is_demo=True,
    )
    noah = Pupil.objects.create(
        school=school,
        first_name="Noah",
        last_name="Foresatt",
        birth_date=year.starts_on.replace(year=year.starts_on.year - 9),
        is_demo=True,
    )
    for pupil in (emma, noah):
        Guardianship.objects.create(pupil=pupil, user=guardian, is_payer=True)
    by_key = {(o.subject.name, o.programme): o for o in offers}
    piano = by_key[("Piano", Programme.CORE)]
    # The bulk pupils may have filled the offer; the guardian's child holds a place within it.
    if piano.place_set.count() >= piano.places:
        piano.places += 1
        piano.save(update_fields=["places"])
    Place.objects.create(pupil=emma, offer=piano, started_on=year.starts_on)
    Application.objects.create(
        pupil=emma,
        offer=by_key[("Dans", Programme.BROAD)],
        preference=1,
        applied_by=guardian,
        applied_at=now - dt.timedelta(days=20),
    )
    guitar = by_key[("Gitar", Programme.BROAD)]
    if guitar.place_set.count() >= guitar.places:
        guitar.places += 1
        guitar.save(update_fields=["places"])
    application = Application.objects.create(
        pupil=noah,
        offer=guitar,
        preference=1,
        applied_by=guardian,
        applied_at=now - dt.timedelta(days=60),
        status=Application.Status.OFFERED,
    )
    PlaceOffer.objects.create(
        application=application,
        offered_at=now - dt.timedelta(days=3),
        deadline=now + dt.timedelta(days=11),
    )


# (offer subject, programme, group name, building slug, room name, weekday, hour)
GROUPS = [
    ("Piano", Programme.CORE, "Piano tirsdag", "as-kulturhus", "Øvingsrom 1", 1, 16),
    ("Gitar", Programme.BROAD, "Gitargruppe Rustad", "rustad-skole", "Musikkrom", 0, 15),
    ("Dans", Programme.BROAD, "Dans 6–9 år", "midtgard", "Dansesalen", 3, 16),
    ("Teater", Programme.BROAD, "Teater Solberg", "solberg-skole", "Musikkrom", 2, 15),
    ("Visuell kunst", Programme.BROAD, "Kunstverkstedet", "as-bibliotek", "Verkstedet", 0, 16),
    ("Musikklab", Programme.BROAD, "Musikklab", "midtgard", "Musikkrommet", 2, 17),
]
GROUP_SIZE = 8


def load_teaching(out) -> None:
    """Groups for the teacher demo login in rooms of the culture house and schools (booked
    through premises from tomorrow on), a semester of past lessons with attendance, levels,
    and the culture school's open workshops in the activity calendar."""
    from dugnad.accounts.models import User
    from dugnad.premises.models import Room

    from . import teaching_actions
    from .models import Attendance, Group, GroupMember, Lesson, LevelEntry

    municipality = Municipality.objects.get(number="3218")
    school = School.objects.filter(municipality=municipality).first()
    teacher = User.objects.filter(email="laerer@demo.example").first()
    admin = User.objects.filter(email="kulturskole@demo.example").first()
    if school is None or teacher is None or admin is None:
        return
    year = school.years.order_by("-starts_on").first()
    if Group.objects.filter(offer__school_year=year).exists():
        out.write(f"  {SCHOOL_NAME}: teaching already loaded")
        return
    offers = {(o.subject.name, o.programme): o for o in year.offers.select_related("subject")}
    today = timezone.localdate()
    rng = random.Random(16)
    lessons_made, marks = 0, []
    for subject, programme, name, building, room_name, weekday, hour in GROUPS:
        offer = offers[(subject, programme)]
        room = Room.objects.filter(building__slug=building, name=room_name).first()
        result = teaching_actions.create_group(
            admin, offer, name=name, teacher=teacher, room=room, weekday=weekday,
            start_time=dt.time(hour), end_time=dt.time(hour, 45), first_date=year.starts_on,
            last_date=min(year.ends_on, today + dt.timedelta(days=120)),
        )  # fmt: skip
        group = result.group
        places = list(offer.place_set.filter(left_on__isnull=True).order_by("id")[:GROUP_SIZE])
        if subject == "Piano":
            places += list(
                offer.place_set.filter(pupil__first_name="Emma", pupil__last_name="Foresatt")
            )
        GroupMember.objects.bulk_create(GroupMember(group=group, place=p) for p in places)
        # The autumn so far: lessons already held (before the booked series starts), with
        # attendance as a teacher would have marked it.
        past = [
            d for d in teaching_actions.weekly_dates(year.starts_on, today, weekday) if d < today
        ]
        held = Lesson.objects.bulk_create(
            Lesson(
                group=group, date=d, starts_at=teaching_actions.local(d, dt.time(hour)),
                ends_at=teaching_actions.local(d, dt.time(hour, 45)),
            )
            for d in past
        )  # fmt: skip
        lessons_made += len(held) + result.lessons
        for lesson in held:
            for place in places:
                roll = rng.random()
                status = "present" if roll < 0.86 else ("notified" if roll < 0.95 else "absent")
                marks.append(
                    Attendance(lesson=lesson, place=place, status=status, recorded_by=teacher)
                )
        LevelEntry.objects.bulk_create(
            LevelEntry(
                pupil=p.pupil, subject=offer.subject, programme=offer.programme,
                level=rng.choice(["Nybegynner", "Trinn 1", "Trinn 2", "Trinn 3"]),
                recorded_on=year.starts_on, recorded_by=teacher,
            )
            for p in places
        )  # fmt: skip
    Attendance.objects.bulk_create(marks)
    _workshops(municipality, admin)
    out.write(
        f"  {SCHOOL_NAME}: {len(GROUPS)} groups, {lessons_made} lessons, {len(marks)} attendance marks"
    )


def _workshops(municipality, admin) -> None:
    """Open, free workshops are events in the activity calendar: the culture school organises
    the refugee summer school and co-organises Kulturhack and the AdAstra breakdance."""
    from dugnad.activities import actions as activity_actions
    from dugnad.activities.models import Category, Event

    culture_school = unit("kulturskolen")
    for title in ("Kulturhack", "AdAstra breakdance"):
        for event in Event.objects.filter(municipality=municipality, title=title):
            event.co_organiser_units.add(culture_school)
    title = "Sommerskole for flyktninger"
    if Event.objects.filter(municipality=municipality, title=title).exists():
        return
    first = dt.date(timezone.localdate().year + (timezone.localdate().month > 6), 6, 23)
    activity_actions.create_event(
        admin,
        culture_school,
        {
            "title": title,
            "summary": "Gratis sommerskole i musikk, dans og kunst for barn og unge som er nye i Ås.",
            "description": "Kulturskolen og Ås internasjonale kultursenter inviterer til en uke med "
            "musikk, dans, teater og kunst. Gratis, uten påmelding. Tolk til stede.",
            "category": Category.COURSE,
            "venue_name": "Ås kulturhus",
            "address": "Kulturhusveien 2, 1430 Ås",
            "languages": "norsk, ukrainsk, arabisk",
        },
        activity_actions.Schedule(
            first_day=first,
            start_time=dt.time(10),
            end_time=dt.time(14),
            rule="FREQ=DAILY;COUNT=5",
        ),
    )
