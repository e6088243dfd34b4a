"""Fixtures for every app: the municipality, units, and one person per role."""

import pytest
from django.core.cache import cache

from dugnad.accounts.models import UnitRole
from dugnad.organisations.models import OrganisationRole

from .factories import (
    MunicipalityFactory,
    OrganisationFactory,
    OrganisationRoleFactory,
    UnitFactory,
    UnitRoleFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def unit(municipality):
    return UnitFactory(municipality=municipality, name="Kultur, idrett og frivillighet")


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(municipality=municipality)


def _unit_person(unit, role):
    return UnitRoleFactory(unit=unit, role=role).user


@pytest.fixture
def coordinator(unit):
    return _unit_person(unit, UnitRole.Role.VOLUNTEER_COORDINATOR)


@pytest.fixture
def case_handler(unit):
    return _unit_person(unit, UnitRole.Role.CASE_HANDLER)


@pytest.fixture
def premises_manager(unit):
    return _unit_person(unit, UnitRole.Role.PREMISES_MANAGER)


@pytest.fixture
def unit_editor(unit):
    return _unit_person(unit, UnitRole.Role.EDITOR)


@pytest.fixture
def unit_viewer(unit):
    return _unit_person(unit, UnitRole.Role.VIEWER)


@pytest.fixture
def leader(organisation):
    return OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.LEADER
    ).user


@pytest.fixture
def org_editor(organisation):
    return OrganisationRoleFactory(
        organisation=organisation, role=OrganisationRole.Role.EDITOR
    ).user


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def site_admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres_only` tests (row locks, exclusion constraints) skip on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://...")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
