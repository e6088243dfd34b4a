# ruff: noqa: E501, S311  (demo data: long Norwegian texts; random is for variety, not security)
"""Demo data: UngMusikk (36 municipalities in 6 sub-regions, each with a coordinator) and
UngKunst (15 municipalities), run by the culture school in Ås, with their partners from the
culture school's report (shared/seeds/000); a call in progress with nominations, booked
auditions, a panel and scores; last year's call finished, with admissions, a waiting list,
sessions and attendance. Pupils, guardians, teachers and coordinators are invented and marked
as demo. Nominations are bulk-created, so the loader takes a second or two; it is idempotent.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from dugnad.accounts.demo import demo_user
from dugnad.core.caching import public_data_changed
from dugnad.core.demo import unit
from dugnad.core.models import Municipality

from .models import (
    Attendance,
    AuditionSlot,
    Call,
    CallQuestion,
    Coordinator,
    Discipline,
    Gender,
    Membership,
    Nomination,
    PanelMember,
    Partner,
    Programme,
    ProgrammeAdmin,
    Score,
    Session,
    SubRegion,
    Teacher,
    Track,
)

# Sub-region -> municipality numbers (2024) of the culture schools in the region around Ås.
UNGMUSIKK_REGION = {
    "Follo": ["3218", "3207", "3212", "3214", "3216", "3220"],
    "Romerike": [
        "3205", "3209", "3222", "3224", "3226", "3228", "3230", "3232", "3238", "3240", "3242",
        "3234", "3236",
    ],
    "Asker, Bærum og Drammen": ["3201", "3203", "3301", "3312", "3314"],
    "Indre Østfold": ["3118", "3114", "3116", "3120", "3122", "3124"],
    "Nedre Glomma": ["3107", "3105", "3110", "3101"],
    "Moss-regionen": ["3103", "3112"],
}  # fmt: skip
UNGKUNST_REGION = {
    "Follo": ["3218", "3207", "3212", "3214", "3216", "3220"],
    "Romerike": ["3205", "3222", "3232", "3209"],
    "Østfold": ["3103", "3107", "3105", "3118", "3112"],
}
# (email, first, last, sub-region)
COORDINATORS = [
    ("koordinator.follo@demo.example", "Frøydis", "Follestad", "Follo"),
    ("koordinator.romerike@demo.example", "Rune", "Romstad", "Romerike"),
    ("koordinator.asker@demo.example", "Anniken", "Askvik", "Asker, Bærum og Drammen"),
    ("koordinator.indre@demo.example", "Ivar", "Indrebø", "Indre Østfold"),
    ("koordinator.glomma@demo.example", "Gunn", "Glommen", "Nedre Glomma"),
    ("koordinator.moss@demo.example", "Morten", "Mossberg", "Moss-regionen"),
]
MUSIC_PARTNERS = [
    ("Norges musikkhøgskole", Partner.Kind.ACADEMY, "Masterklasser, veiledning og opptaksprøver"),
    *[
        (f"{name} videregående skole", Partner.Kind.SCHOOL, "Musikk, dans og drama: samspill")
        for name in (
            "Ski", "Lillestrøm", "Rud", "Sandvika", "Asker", "Drammen", "Fredrik II",
            "Kirkeparken", "Mysen", "Greåker", "Halden", "Eidsvoll",
        )
    ],
    ("De fire fylkeskommunale folkehøgskolene", Partner.Kind.FOLK_HIGH_SCHOOL, "Sommerkurs"),
    ("TalentNorge", Partner.Kind.FOUNDATION, "Finansiering og nettverk"),
    ("Sparebankstiftelsen DNB / Dextra Musica", Partner.Kind.FOUNDATION, "Instrumentlån"),
    ("De profesjonelle ensemblene og distriktsoperaene", Partner.Kind.ENSEMBLE, "Prosjekter"),
]  # fmt: skip
ART_PARTNERS = [
    ("Viken fylkeskommune", Partner.Kind.OTHER, "Eier av de videregående skolene"),
    ("OsloMet", Partner.Kind.ACADEMY, "Veiledning"),
    ("Kunsthøgskolen i Oslo (KhiO)", Partner.Kind.ACADEMY, "Portefølje og opptak"),
    ("Nasjonalgalleriet", Partner.Kind.MUSEUM, "Visninger"),
    ("Munch-museet", Partner.Kind.MUSEUM, "Verksteder"),
    ("Henie Onstad kunstsenter", Partner.Kind.MUSEUM, "Utstilling"),
    ("Nitja kunstsenter", Partner.Kind.MUSEUM, "Verksteder"),
    ("Galleri F15", Partner.Kind.MUSEUM, "Utstilling"),
    ("Kunstnernes Hus", Partner.Kind.MUSEUM, "Visninger"),
    ("Sparebankstiftelsen DNB", Partner.Kind.FOUNDATION, "Finansiering"),
]
MUSIC_DISCIPLINES = [
    "Fiolin", "Bratsj", "Cello", "Kontrabass", "Fløyte", "Klarinett", "Trompet", "Horn",
    "Piano", "Gitar", "Slagverk", "Sang",
]  # fmt: skip
ART_DISCIPLINES = ["Tegning og maleri", "Skulptur", "Fotografi", "Digital kunst"]
FIRST = [
    "Emma", "Nora", "Sofie", "Ingrid", "Ella", "Maja", "Jakob", "Noah", "Filip", "Lukas",
    "Oskar", "Aksel", "Sara", "Leah", "Amir", "Yusuf", "Mia", "Olav", "Tiril", "Selma",
]  # fmt: skip
LAST = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg",
    "Haugen", "Bakke", "Lie", "Moen", "Dahl", "Strand", "Solberg", "Ali",
]  # fmt: skip


def _users():
    admin = demo_user("talent@demo.example", "Tale", "Talentsen")
    teacher = demo_user("laerer@demo.example", "Line", "Lærer")
    panel = demo_user("panel@demo.example", "Petra", "Panelsen")
    guardian = demo_user("foresatt@demo.example", "Frode", "Foresatt")
    coordinators = {sub: demo_user(e, f, last) for e, f, last, sub in COORDINATORS}
    return admin, teacher, panel, guardian, coordinators


def _programme(municipality, slug, name, summary, region, partners, disciplines, tracks):
    culture_school = unit("kulturskolen")
    programme, _created = Programme.objects.update_or_create(
        slug=slug,
        defaults={
            "municipality": municipality, "unit": culture_school, "name": name,
            "summary": summary, "min_age": 13, "max_age": 19, "is_demo": True,
            "description": (
                "Kulturskolen i Ås har etablert og drifter programmet, som bygger på helhetlige "
                "opplæringsløp med samarbeidspartnere lokalt, regionalt og nasjonalt."
            ),
        },
    )  # fmt: skip
    by_number = {
        m.number: m
        for m in Municipality.objects.filter(
            number__in=[n for numbers in region.values() for n in numbers]
        )
    }
    for sub_name, numbers in region.items():
        sub, _ = SubRegion.objects.get_or_create(programme=programme, name=sub_name)
        for number in numbers:
            Membership.objects.update_or_create(
                programme=programme, municipality=by_number[number], defaults={"subregion": sub}
            )
    for partner_name, kind, role in partners:
        Partner.objects.update_or_create(
            programme=programme, name=partner_name, defaults={"kind": kind, "role": role}
        )
    for discipline in disciplines:
        Discipline.objects.get_or_create(programme=programme, name=discipline)
    for track_name, by_audition, description in tracks:
        Track.objects.update_or_create(
            programme=programme, name=track_name,
            defaults={"by_audition": by_audition, "description": description},
        )  # fmt: skip
    return programme


def _call(programme, year, opens, criteria, places):
    call, _ = Call.objects.update_or_create(
        programme=programme,
        year=year,
        defaults={
            "opens_at": opens,
            "nomination_deadline": opens + dt.timedelta(days=40),
            "completion_deadline": opens + dt.timedelta(days=60),
            "places": places,
            "criteria": criteria,
        },
    )
    CallQuestion.objects.get_or_create(
        call=call, key="motivasjon", defaults={"label": "Hvorfor vil du være med i programmet?"}
    )
    CallQuestion.objects.get_or_create(
        call=call, key="erfaring",
        defaults={"label": "Hvilke konserter, utstillinger eller kurs har du vært med på?",
                  "required": False},
    )  # fmt: skip
    return call


def _nominations(call, teacher, count, rng, *, completed_share, when):
    """Bulk-create `count` invented nominations across the programme's member municipalities."""
    if call.nominations.exists():
        return []
    programme = call.programme
    memberships = list(programme.memberships.select_related("subregion"))
    disciplines = list(programme.disciplines.all())
    tracks = list(programme.tracks.order_by("-by_audition"))
    rows = []
    for i in range(count):
        membership = memberships[i % len(memberships)]
        age = rng.randint(max(14, programme.min_age), min(18, programme.max_age))
        birth = dt.date(call.year - age, rng.randint(1, 12), rng.randint(1, 28))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        done = rng.random() < completed_share
        rows.append(
            Nomination(
                call=call, track=tracks[0] if rng.random() < 0.8 else tracks[-1],
                discipline=rng.choice(disciplines), home_municipality=membership.municipality,
                subregion=membership.subregion, teacher=teacher,
                pupil_name=f"{first} {last} {i + 1}", birth_date=birth,
                gender=rng.choice([Gender.GIRL, Gender.BOY, Gender.GIRL, Gender.BOY, Gender.OTHER]),
                guardian_name=f"Foresatt {last}", guardian_email=f"foresatt{i + 1}.{call.pk}@demo.example",
                teacher_statement="Eleven viser stor musikalsk modenhet og arbeidsvilje.",
                repertoire="Et fritt valgt stykke og en etyde." if done else "",
                answers={"motivasjon": "Jeg vil bli bedre og spille med andre."} if done else {},
                guardian_consent_at=when if done else None, submitted_at=when if done else None,
                is_demo=True,
            )
        )  # fmt: skip
    return Nomination.objects.bulk_create(rows, batch_size=500)


def _score(call, panel_users, entries, rng):
    scores = []
    for entry in entries:
        for member in panel_users:
            for criterion in call.criteria:
                scores.append(
                    Score(
                        nomination=entry, member=member, criterion=criterion,
                        value=rng.randint(2, 5),
                    )
                )  # fmt: skip
    Score.objects.bulk_create(scores, batch_size=1000, ignore_conflicts=True)


def _finish(call, rng, now):
    """Last year's call: ranked, admitted (accepted or declined), a waiting list, sessions."""
    entries = list(call.nominations.submitted().order_by("pk"))
    if not entries or call.nominations.exclude(outcome=Nomination.Outcome.PENDING).exists():
        return
    rng.shuffle(entries)
    places = call.places
    admitted, waiting, rest = entries[:places], entries[places : places + 8], entries[places + 8 :]
    decided = call.completion_deadline + dt.timedelta(days=10)
    for i, entry in enumerate(admitted):
        entry.outcome = Nomination.Outcome.ADMITTED
        entry.offer = Nomination.Offer.ACCEPTED
        entry.offer_deadline = decided + dt.timedelta(days=call.answer_days)
        entry.answered_at = decided + dt.timedelta(days=3)
        entry.higher_education = i % 5 == 0
    for position, entry in enumerate(waiting, start=1):
        entry.outcome = Nomination.Outcome.WAITING
        entry.waiting_position = position
    for entry in rest:
        entry.outcome = Nomination.Outcome.NOT_ADMITTED
    for entry in entries:
        entry.decided_at = decided
    Nomination.objects.bulk_update(
        entries,
        ["outcome", "offer", "offer_deadline", "answered_at", "higher_education",
         "waiting_position", "decided_at"],
        batch_size=500,
    )  # fmt: skip


def _sessions(programme, call, admitted, rng):
    from dugnad.activities.models import Event, Occurrence  # the calendar, read only here

    event, created = Event.objects.get_or_create(
        municipality=programme.municipality, unit=programme.unit,
        title=f"{programme.name}: samling", is_demo=True,
        defaults={"summary": f"Samling for elevene i {programme.name}", "category": "culture",
                  "status": Event.Status.PUBLISHED, "venue_name": "Ås kulturhus",
                  "min_age": programme.min_age, "max_age": programme.max_age},
    )  # fmt: skip
    if not created:
        return 0
    base = timezone.make_aware(dt.datetime(call.year, 9, 6, 11, 0))
    occurrences = Occurrence.objects.bulk_create(
        Occurrence(
            event=event, start=base + dt.timedelta(weeks=4 * i),
            end=base + dt.timedelta(weeks=4 * i, hours=4),
            original_start=base + dt.timedelta(weeks=4 * i),
        )
        for i in range(6)
    )  # fmt: skip
    sessions = Session.objects.bulk_create(
        Session(programme=programme, call=call, occurrence=o) for o in occurrences
    )
    now = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(session=s, nomination=n, present=rng.random() < 0.9)
        for s in sessions
        if s.occurrence.start < now
        for n in admitted
    )
    return len(sessions)


def load(out) -> None:
    municipality = Municipality.objects.filter(number="3218").first()
    if municipality is None:
        out.write("  talent: no municipality, skipped")
        return
    rng = random.Random(17)
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        admin, teacher, panel, guardian, coordinators = _users()
        music = _programme(
            municipality, "ungmusikk", "UngMusikk",
            "Fordypningsprogram i musikk for unge talenter i 36 kommuner.",
            UNGMUSIKK_REGION, MUSIC_PARTNERS, MUSIC_DISCIPLINES,
            [("Talentløp", True, "Opptak ved prøvespill"),
             ("Mesterklasse", False, "Opptak ved nominasjon fra læreren")],
        )  # fmt: skip
        art = _programme(
            municipality, "ungkunst", "UngKunst",
            "Fordypningsprogram i visuell kunst for unge i 15 kommuner.",
            UNGKUNST_REGION, ART_PARTNERS, ART_DISCIPLINES,
            [("Fordypning visuell kunst", False, "Opptak ved portefølje")],
        )  # fmt: skip
        for programme in (music, art):
            ProgrammeAdmin.objects.get_or_create(programme=programme, user=admin)
            Teacher.objects.get_or_create(
                programme=programme, user=teacher, defaults={"municipality": municipality}
            )
        for sub_name, user in coordinators.items():
            Coordinator.objects.get_or_create(
                subregion=SubRegion.objects.get(programme=music, name=sub_name), user=user
            )
        Coordinator.objects.get_or_create(
            subregion=SubRegion.objects.get(programme=art, name="Follo"),
            user=coordinators["Follo"],
        )
        criteria = ["Teknikk", "Musikalitet", "Utviklingspotensial"]
        made = 0
        for programme, places, count in ((music, 30, 140), (art, 12, 45)):
            crit = (
                criteria if programme is music else ["Uttrykk", "Håndverk", "Utviklingspotensial"]
            )
            past = _call(programme, now.year - 1, now - dt.timedelta(days=400), crit, places)
            current = _call(programme, now.year, now - dt.timedelta(days=20), crit, places)
            panel_users = [panel, admin]
            for call in (past, current):
                PanelMember.objects.get_or_create(call=call, user=panel)
            made += len(
                _nominations(past, teacher, count, rng, completed_share=0.9,
                             when=past.completion_deadline - dt.timedelta(days=5))
            )  # fmt: skip
            new = _nominations(
                current, teacher, count, rng, completed_share=0.6, when=now - dt.timedelta(days=2)
            )
            made += len(new)
            if new:
                _score(past, panel_users, list(past.nominations.submitted()), rng)
                _score(current, [panel], [n for n in new if n.submitted_at][:25], rng)
            _finish(past, rng, now)
            admitted = list(past.nominations.filter(offer=Nomination.Offer.ACCEPTED))
            _sessions(programme, past, admitted, rng)
        _auditions(music, now, guardian, teacher)
    public_data_changed("talent")
    out.write(
        f"  talent: UngMusikk ({music.memberships.count()} municipalities, "
        f"{music.subregions.count()} sub-regions) and UngKunst ({art.memberships.count()}), "
        f"{made} new nominations; logins talent@, koordinator.follo@, panel@, laerer@, "
        "foresatt@demo.example"
    )


def _auditions(programme, now, guardian, teacher):
    """The current call's audition slots, some booked; and one nomination that waits for the
    demo guardian (foresatt@demo.example) to complete it."""
    call = programme.calls.get(year=now.year)
    violin = programme.disciplines.get(name="Fiolin")
    piano = programme.disciplines.get(name="Piano")
    day = timezone.localtime(call.completion_deadline + dt.timedelta(days=7)).replace(
        hour=10, minute=0, second=0
    )
    if not call.slots.exists():
        slots = []
        for discipline, place, offset in (
            (violin, "Ås kulturhus, sal 1", 0),
            (piano, "Ås kulturhus, sal 2", 0),
            (violin, "Norges musikkhøgskole, rom 105", 1),
        ):
            for i in range(8):
                slots.append(
                    AuditionSlot(
                        call=call, discipline=discipline, place=place, minutes=20,
                        starts_at=day + dt.timedelta(days=offset, minutes=20 * i),
                    )
                )  # fmt: skip
        AuditionSlot.objects.bulk_create(slots)
        free = {d.pk: [s for s in slots if s.discipline_id == d.pk] for d in (violin, piano)}
        for entry in call.nominations.submitted().filter(discipline__in=[violin, piano])[:10]:
            if free[entry.discipline_id]:
                slot = free[entry.discipline_id].pop(0)
                slot.nomination = entry
                slot.save(update_fields=["nomination"])
    Nomination.objects.get_or_create(
        call=call,
        pupil_name="Sofie Foresattsdatter",
        birth_date=dt.date(now.year - 15, 3, 14),
        defaults={
            "track": programme.tracks.get(name="Talentløp"), "discipline": violin,
            "home_municipality": call.programme.municipality,
            "subregion": programme.subregions.get(name="Follo"), "teacher": teacher,
            "gender": Gender.GIRL, "guardian_name": "Frode Foresatt",
            "guardian_email": guardian.email, "teacher_statement": "Sofie er en lovende fiolinist.",
            "is_demo": True,
        },
    )  # fmt: skip
