"""Fixtures for the directory's tests.

Two shared factories do not work with the installed libraries (reported to the lead):
OrganisationFactory draws org numbers with `orgnr.calc_check_digit`, which python-stdnum 2.2
does not have, so it never returns; UserFactory asks Faker for the locale `nb_NO`, which Faker
does not know. Until tests/factories.py is fixed, the fixtures below override the shared ones
and pass names and org numbers explicitly.
"""

import io
import itertools

import pytest
from PIL import Image

from dugnad.accounts.models import UnitRole
from dugnad.core.models import AgeGroup, Area
from dugnad.organisations.demo import demo_org_numbers
from dugnad.organisations.models import OrganisationRole
from tests.factories import (
    ActivityTypeFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitRoleFactory,
    UserFactory,
)

_NUMBERS = itertools.cycle(demo_org_numbers(400, seed=777))
_PEOPLE = itertools.count(1)


def make_user(**kwargs):
    n = next(_PEOPLE)
    kwargs.setdefault("first_name", "Test")
    kwargs.setdefault("last_name", f"Person {n}")
    kwargs.setdefault("email", f"org-person{n}@test.example")
    return UserFactory(**kwargs)


def org_number() -> str:
    return next(_NUMBERS)


def make_organisation(**kwargs):
    kwargs.setdefault("org_number", org_number())
    return OrganisationFactory(**kwargs)


def _unit_person(unit, role):
    return UnitRoleFactory(unit=unit, role=role, user=make_user()).user


def _org_person(organisation, role):
    return OrganisationRoleFactory(organisation=organisation, role=role, user=make_user()).user


@pytest.fixture
def citizen(db):
    return make_user()


@pytest.fixture
def site_admin(db):
    return make_user(is_superuser=True, is_staff=True)


@pytest.fixture
def coordinator(unit):
    return _unit_person(unit, UnitRole.Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def case_handler(unit):
    return _unit_person(unit, UnitRole.Role.CASE_HANDLER)


@pytest.fixture
def unit_editor(unit):
    return _unit_person(unit, UnitRole.Role.EDITOR)


@pytest.fixture
def leader(organisation):
    return _org_person(organisation, OrganisationRole.Role.LEADER)


@pytest.fixture
def org_editor(organisation):
    return _org_person(organisation, OrganisationRole.Role.EDITOR)


@pytest.fixture
def organisation(municipality):
    return make_organisation(municipality=municipality, name="Ås Testlag")


@pytest.fixture
def contact(organisation):
    return _org_person(organisation, OrganisationRole.Role.CONTACT)


@pytest.fixture
def other_leader(municipality):
    """The leader of a different organisation: holds no role in `organisation`."""
    other = make_organisation(municipality=municipality, name="Et annet lag")
    return _org_person(other, OrganisationRole.Role.LEADER)


@pytest.fixture
def areas(municipality):
    return {
        slug: Area.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )[0]
        for slug, name in [("nordby", "Nordby"), ("as-sentrum", "Ås sentrum")]
    }


@pytest.fixture
def activities(db):
    return {
        slug: ActivityTypeFactory(name=name, slug=slug, category=category)
        for slug, name, category in [
            ("fotball", "Fotball", "sports"),
            ("basketball", "Basketball", "sports"),
            ("kor", "Kor", "music"),
        ]
    }


@pytest.fixture
def age_groups(db):
    return {group.code: group for group in AgeGroup.objects.all()}


@pytest.fixture
def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def person(db):
    return make_user()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _no_staff_two_factor(settings):
    # The staff TOTP requirement has its own tests in accounts; here it would only add a step.
    settings.DUGNAD_REQUIRE_STAFF_2FA = False
