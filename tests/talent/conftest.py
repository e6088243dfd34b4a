"""A small programme: Ås runs it; Follo (Ås, Nordre Follo) and Romerike (Lillestrøm) are its
sub-regions, each with a coordinator; a teacher, a panel member and an administrator."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.core.models import Municipality
from dugnad.talent.models import (
    Call,
    CallQuestion,
    Coordinator,
    Discipline,
    Membership,
    PanelMember,
    Programme,
    ProgrammeAdmin,
    SubRegion,
    Teacher,
    Track,
)
from tests.factories import UnitFactory, UserFactory

OSLO = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=OSLO)


@pytest.fixture
def programme(municipality):
    # A transactional test (the race tests) flushes the register the migration loaded.
    if not Municipality.objects.filter(number="3205").exists():
        from dugnad.core.register import load_register

        load_register(Municipality)
    unit = UnitFactory(municipality=municipality, name="Kulturskolen")
    return Programme.objects.create(
        municipality=municipality, unit=unit, name="UngMusikk", slug="ungmusikk",
        summary="Fordypning i musikk", min_age=14, max_age=19,
    )  # fmt: skip


@pytest.fixture
def follo(programme):
    sub = SubRegion.objects.create(programme=programme, name="Follo")
    for number in ("3218", "3207"):
        Membership.objects.create(
            programme=programme, subregion=sub, municipality=Municipality.objects.get(number=number)
        )
    return sub


@pytest.fixture
def romerike(programme):
    sub = SubRegion.objects.create(programme=programme, name="Romerike")
    Membership.objects.create(
        programme=programme, subregion=sub, municipality=Municipality.objects.get(number="3205")
    )
    return sub


@pytest.fixture
def track(programme):
    return Track.objects.create(programme=programme, name="Talentløp", by_audition=True)


@pytest.fixture
def violin(programme):
    return Discipline.objects.create(programme=programme, name="Fiolin")


@pytest.fixture
def call(programme, follo, romerike, track, violin):
    call = Call.objects.create(
        programme=programme,
        year=2026,
        opens_at=NOW - dt.timedelta(days=30),
        nomination_deadline=NOW + dt.timedelta(days=30),
        completion_deadline=NOW + dt.timedelta(days=45),
        places=2,
        criteria=["Teknikk", "Musikalitet"],
    )
    CallQuestion.objects.create(call=call, key="motivasjon", label="Hvorfor vil du være med?")
    return call


@pytest.fixture
def admin(programme):
    user = UserFactory(first_name="Astrid", last_name="Admin")
    ProgrammeAdmin.objects.create(programme=programme, user=user)
    return user


@pytest.fixture
def follo_coordinator(follo):
    user = UserFactory(first_name="Frode", last_name="Follo")
    Coordinator.objects.create(subregion=follo, user=user)
    return user


@pytest.fixture
def romerike_coordinator(romerike):
    user = UserFactory(first_name="Rita", last_name="Romerike")
    Coordinator.objects.create(subregion=romerike, user=user)
    return user


@pytest.fixture
def teacher(programme):
    user = UserFactory(first_name="Tone", last_name="Lærer")
    Teacher.objects.create(
        programme=programme, user=user, municipality=Municipality.objects.get(number="3218")
    )
    return user


@pytest.fixture
def panelist(call):
    user = UserFactory(first_name="Per", last_name="Panel")
    PanelMember.objects.create(call=call, user=user)
    return user


@pytest.fixture
def pupil():
    return UserFactory(email="elev@test.example", first_name="Ella", last_name="Elev")


@pytest.fixture
def guardian():
    return UserFactory(email="forelder@test.example", first_name="Frida", last_name="Forelder")


def nomination_data(call, **overrides):
    data = {
        "track": call.programme.tracks.get(),
        "discipline": call.programme.disciplines.get(),
        "home_municipality": Municipality.objects.get(number="3218"),
        "pupil_name": "Ella Elev",
        "birth_date": dt.date(2010, 5, 1),
        "gender": "girl",
        "pupil_email": "elev@test.example",
        "guardian_name": "Frida Forelder",
        "guardian_email": "forelder@test.example",
        "teacher_statement": "Spiller svært godt.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def time(now):
    import time_machine

    with time_machine.travel(now, tick=False) as traveller:
        yield traveller


def completed(call, teacher, guardian, *, name="Ella Elev", number="3218", when=None, **extra):
    """A nomination completed by its guardian (with consent)."""
    from dugnad.talent import actions

    data = nomination_data(
        call, pupil_name=name, home_municipality=Municipality.objects.get(number=number), **extra
    )
    nomination = actions.nominate(teacher, call, data, now=when)
    actions.save_application(
        guardian,
        nomination,
        repertoire="Bach",
        answers={"motivasjon": "Jeg elsker musikk"},
        now=when,
    )
    actions.give_consent(guardian, nomination, now=when)
    return actions.submit_application(guardian, nomination, now=when)


@pytest.fixture
def started(time):
    return timezone.now()


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield
