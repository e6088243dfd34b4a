"""A culture school with one school year, subjects, offers, and people in every role."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone, translation

from dugnad.accounts.models import UnitRole
from dugnad.culture_school import actions
from dugnad.culture_school.models import (
    FeePlan,
    Offer,
    Programme,
    RuleKind,
    School,
    SchoolYear,
    Subject,
    SubjectArea,
    Teaching,
    WaitingRule,
)
from tests.factories import UnitFactory, UnitRoleFactory, UserFactory


@pytest.fixture(autouse=True)
def _english():
    """The tests read the English source strings; pages and messages are asked for in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def client():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def school_unit(municipality):
    return UnitFactory(municipality=municipality, name="Kulturskolen")


@pytest.fixture
def school(school_unit, municipality):
    return School.objects.create(municipality=municipality, unit=school_unit, name="Ås kulturskole")


@pytest.fixture
def year(school):
    today = timezone.localdate()
    year = SchoolYear.objects.create(
        school=school,
        name="2026/27",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=300),
        lottery_seed="fixed-seed",
    )
    for n, kind in enumerate(
        [RuleKind.CHILDREN_FIRST, RuleKind.NEW_PUPILS_FIRST, RuleKind.EARLIER_APPLICATION], 1
    ):
        WaitingRule.objects.create(school_year=year, position=n, kind=kind)
    return year


@pytest.fixture
def fee_plan(school):
    return FeePlan.objects.create(school=school, name="Gruppe", semester_fee_ore=185000)


@pytest.fixture
def piano(school):
    return Subject.objects.create(school=school, name="Piano", area=SubjectArea.MUSIC)


@pytest.fixture
def dance(school):
    return Subject.objects.create(school=school, name="Dans", area=SubjectArea.DANCE)


def make_offer(year, subject, fee_plan, **extra):
    values = {
        "programme": Programme.BROAD,
        "teaching": Teaching.GROUP,
        "minutes": 45,
        "min_age": 6,
        "max_age": 19,
        "places": 2,
        "venue": "Ås kulturhus",
    }
    values.update(extra)
    return Offer.objects.create(school_year=year, subject=subject, fee_plan=fee_plan, **values)


@pytest.fixture
def offer(year, piano, fee_plan):
    return make_offer(year, piano, fee_plan)


@pytest.fixture
def dance_offer(year, dance, fee_plan):
    return make_offer(year, dance, fee_plan, programme=Programme.CORE, places=5)


@pytest.fixture
def admin(school_unit):
    return UnitRoleFactory(unit=school_unit, role=UnitRole.Role.CULTURE_SCHOOL_ADMIN).user


@pytest.fixture
def teacher(school_unit):
    return UnitRoleFactory(unit=school_unit, role=UnitRole.Role.TEACHER).user


@pytest.fixture
def guardian(db):
    return UserFactory(email="foresatt@test.example")


def add_child(guardian, school, name="Emma", age=10, **extra):
    birth = timezone.localdate().replace(year=timezone.localdate().year - age) - dt.timedelta(
        days=40
    )
    return actions.add_pupil(
        guardian, school, first_name=name, last_name="Hansen", birth_date=birth, **extra
    )


@pytest.fixture
def child(guardian, school):
    return add_child(guardian, school)
