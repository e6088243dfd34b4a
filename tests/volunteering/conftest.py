"""Volunteering fixtures: an organisation's assignment with shifts, a unit's, and volunteers."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from stdnum.no import orgnr

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import OrganisationRole
from dugnad.volunteering.models import Assignment, Shift, VolunteerProfile
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)

_org_numbers = itertools.count(91000000)


def org_number() -> str:
    """A valid organisation number. tests/factories.valid_org_number calls
    orgnr.calc_check_digit, which python-stdnum 2.x no longer has, and loops forever."""
    while True:
        body = str(next(_org_numbers))
        for digit in "0123456789":
            if orgnr.is_valid(body + digit):
                return body + digit


_people = itertools.count(1)


def person(**extra):
    """A user with explicit names: the shared UserFactory's Faker locale nb_NO is missing in
    the installed Faker, so its default names cannot be generated."""
    n = next(_people)
    extra.setdefault("first_name", f"Person{n}")
    extra.setdefault("last_name", "Test")
    extra.setdefault("email", f"vol-person{n}@test.example")
    return UserFactory(**extra)


def unit_person(unit, role):
    return UnitRoleFactory(unit=unit, role=role, user=person()).user


@pytest.fixture
def coordinator(unit):
    return unit_person(unit, UnitRole.Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def unit_editor(unit):
    return unit_person(unit, UnitRole.Role.EDITOR)


@pytest.fixture
def unit_viewer(unit):
    return unit_person(unit, UnitRole.Role.VIEWER)


@pytest.fixture
def citizen(db):
    return person()


@pytest.fixture
def site_admin(db):
    return person(is_superuser=True, is_staff=True)


@pytest.fixture
def leader(organisation):
    return OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER, user=person()
    ).user


@pytest.fixture
def org_editor(organisation):
    return OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.EDITOR, user=person()
    ).user


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(
        municipality=municipality, org_number=org_number(), email="post@laget.example"
    )


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


@pytest.fixture(autouse=True)
def _send_mail_at_once(monkeypatch):
    """Emails go out on commit; tests run inside a transaction that never commits."""
    monkeypatch.setattr("dugnad.core.notify.transaction.on_commit", lambda callback: callback())


@pytest.fixture(autouse=True)
def _no_staff_2fa(settings):
    # Two-factor for staff is tested with accounts; here staff act without setting up TOTP.
    settings.DUGNAD_REQUIRE_STAFF_2FA = False
