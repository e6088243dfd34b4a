"""Volunteering fixtures: an organisation's assignment with shifts, a unit's, and volunteers."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.volunteering.models import Assignment, Shift, VolunteerProfile
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

# Short name the volunteering tests use for the shared factory.
person = UserFactory


def unit_person(unit, role):
    return UnitRoleFactory(unit=unit, role=role).user


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(municipality=municipality, email="post@laget.example")


@pytest.fixture
def nordby(municipality):
    return AreaFactory(municipality=municipality, name="Nordby", slug="nordby")


@pytest.fixture
def moertunet(municipality, unit):
    return UnitFactory(
        municipality=municipality,
        name="Moertunet demenssenter",
        slug="moertunet-demenssenter",
        email="moertunet@test.example",
    )


@pytest.fixture
def volunteer_contact(moertunet):
    return unit_person(moertunet, UnitRole.Role.VOLUNTEER_CONTACT)


def make_assignment(**fields):
    defaults = {
        "title": "Aktivitetsvenn",
        "description": "Gå tur og prat.",
        "people_needed": 2,
        "topics": ["elderly"],
        "times": ["weekday_evening"],
        "languages": [],
    }
    defaults.update(fields)
    return Assignment.objects.create(**defaults)


@pytest.fixture
def assignment(organisation, leader, nordby):
    return make_assignment(
        organisation=organisation,
        title="Vert på Kulturfesten",
        topics=["culture"],
        area=nordby,
        contact_person=leader,
    )


@pytest.fixture
def unit_assignment(moertunet):
    return make_assignment(unit=moertunet, title="Aktivitetsvenn på Moertunet", min_age=18)


def make_shift(assignment, days=3, hour=17, hours=3, needed=2):
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))
    )
    return Shift.objects.create(
        assignment=assignment,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        needed=needed,
    )


@pytest.fixture
def shift(assignment):
    return make_shift(assignment)


@pytest.fixture
def volunteer(db, nordby):
    user = person(phone="912 34 567")
    VolunteerProfile.objects.create(
        user=user,
        interests=["culture", "elderly"],
        languages=["nb", "ar"],
        availability=["weekday_evening"],
        area=nordby,
        birth_year=1990,
        contactable=True,
    )
    return user


@pytest.fixture
def other_volunteer(db):
    user = person()
    VolunteerProfile.objects.create(user=user, birth_year=1985, contactable=True)
    return user


@pytest.fixture
def shift_day_morning():
    """08:00 today, so a shift made for 23:00 today has not begun whatever time the suite runs."""
    morning = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(8)))
    with time_machine.travel(morning, tick=False):
        yield morning
