"""Participation fixtures: a process in the phase a test needs, young people of given ages, the
responsible unit's staff, the youth council's moderator."""

import datetime as dt

import pytest
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.participation import actions
from dugnad.participation.models import Participant, Phase, Process, YouthModerator
from tests.factories import UnitFactory, UnitRoleFactory, UserFactory

# Days from today at which each phase starts, so that `phase` is the current one.
OFFSETS = {
    Phase.UPCOMING: (5, 10, 15, 20, 25),
    Phase.IDEAS: (-5, 5, 10, 15, 20),
    Phase.ASSESSMENT: (-10, -5, 5, 10, 15),
    Phase.VOTE: (-15, -10, -5, 5, 10),
    Phase.RESULTS: (-20, -15, -10, -5, 5),
    Phase.FOLLOW_UP: (-25, -20, -15, -10, -5),
}


def phase_dates(phase, today=None) -> dict:
    today = today or timezone.localdate()
    names = ("ideas_start", "assessment_start", "vote_start", "vote_end", "follow_up_start")
    return {n: today + dt.timedelta(days=d) for n, d in zip(names, OFFSETS[phase], strict=True)}


def move_to(process, phase):
    Process.objects.filter(pk=process.pk).update(**phase_dates(phase))
    process.refresh_from_db()
    return process


def make_process(unit, phase=Phase.IDEAS, **extra):
    fields = {
        "municipality": unit.municipality,
        "unit": unit,
        "title": "Hva skal Midtgard gjøre neste år?",
        "summary": "Kom med ideer til ungdomsklubben.",
        "min_age": 13,
        "max_age": 19,
        **phase_dates(phase),
        **extra,
    }
    return Process.objects.create(**fields)


def young(municipality, age=15, name="Sara", **extra):
    user = UserFactory(birth_year=timezone.localdate().year - age, first_name=name, **extra)
    Participant.objects.create(municipality=municipality, user=user, shown_name=name)
    return user


def participant(user, municipality):
    return Participant.objects.filter(user=user, municipality=municipality).first()


def idea_data(**extra):
    return {
        "title": "Psykisk helse-kveld",
        "text": "En kveld med prat om psykisk helse og musikk.",
        "category": "mental_health",
        **extra,
    }


def propose(user, process, **extra):
    return actions.propose_idea(
        user, process, participant(user, process.municipality), idea_data(**extra)
    )


@pytest.fixture(autouse=True)
def _english():
    """Actions' messages are matched in English here; pages are read in bokmål by the client."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def youth_unit(municipality):
    return UnitFactory(municipality=municipality, name="Midtgard ungdomsklubb")


@pytest.fixture
def staff(youth_unit):
    return UnitRoleFactory(unit=youth_unit, role=UnitRole.Role.PARTICIPATION_MODERATOR).user


@pytest.fixture
def other_staff(municipality):
    other = UnitFactory(municipality=municipality, name="Biblioteket")
    return UnitRoleFactory(unit=other, role=UnitRole.Role.PARTICIPATION_MODERATOR).user


@pytest.fixture
def youth_moderator(municipality):
    user = young(municipality, age=17, name="Jonas")
    YouthModerator.objects.create(municipality=municipality, user=user)
    return user


@pytest.fixture
def process(youth_unit):
    return make_process(youth_unit)


@pytest.fixture
def sara(municipality):
    return young(municipality, 15, "Sara")


@pytest.fixture
def ali(municipality):
    return young(municipality, 16, "Ali")
