"""Plans fixtures: the volunteering action plan with a focus area and measures of two units,
its owner, staff of the responsible unit and of another unit, and an organisation's leader."""

import datetime as dt

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.plans.models import ActionPlan, FocusArea, Goal, Measure
from tests.factories import UnitFactory, UnitRoleFactory


@pytest.fixture
def library(municipality, unit):
    """A sub-unit of the plan's owner unit."""
    return UnitFactory(municipality=municipality, name="Biblioteket", slug="bibliotek", parent=unit)


@pytest.fixture
def school(municipality):
    """A unit outside the owner unit's tree."""
    return UnitFactory(municipality=municipality, name="Solberg skole", slug="solberg-skole")


@pytest.fixture
def plan(municipality, unit):
    plan = ActionPlan.objects.create(
        municipality=municipality,
        owner_unit=unit,
        title="Tiltaksplan for frivilligheten",
        start_year=2020,
        end_year=2023,
    )
    Goal.objects.create(plan=plan, number=1, text="Innen 2027 er Ås en inkluderende kommune")
    return plan


@pytest.fixture
def area(plan):
    return FocusArea.objects.create(plan=plan, number=1, title="Forenkling og synliggjøring")


@pytest.fixture
def measure(area, library):
    return Measure.objects.create(
        focus_area=area,
        number=3,
        text="Utvikle en frivilligportal",
        responsible_unit=library,
        start_year=2020,
        end_year=2023,
    )


@pytest.fixture
def school_measure(area, school):
    return Measure.objects.create(
        focus_area=area,
        number=2,
        text="Skolelokaler vederlagsfritt",
        responsible_unit=school,
        start_year=2020,
        end_year=2023,
    )


@pytest.fixture
def plan_owner(unit):
    return UnitRoleFactory(unit=unit, role=UnitRole.Role.PLAN_OWNER).user


@pytest.fixture
def library_staff(library):
    return UnitRoleFactory(unit=library, role=UnitRole.Role.VIEWER).user


@pytest.fixture
def school_staff(school):
    return UnitRoleFactory(unit=school, role=UnitRole.Role.EDITOR).user


def day(year, month, d):
    return dt.date(year, month, d)
