import datetime as dt

import pytest
from django.utils import timezone

from dugnad.accounts.models import UnitRole
from dugnad.activities.models import Event, Occurrence
from dugnad.initiatives import actions
from tests.factories import UnitFactory, UnitRoleFactory


@pytest.fixture
def lead_unit(municipality):
    return UnitFactory(municipality=municipality, name="Kulturskolen")


@pytest.fixture
def partner_unit(municipality):
    return UnitFactory(municipality=municipality, name="Bibliotek")


@pytest.fixture
def other_unit(municipality):
    return UnitFactory(municipality=municipality, name="NAV Ås")


@pytest.fixture
def lead_staff(lead_unit):
    return UnitRoleFactory(unit=lead_unit, role=UnitRole.Role.EDITOR).user


@pytest.fixture
def partner_staff(partner_unit):
    return UnitRoleFactory(unit=partner_unit, role=UnitRole.Role.VIEWER).user


@pytest.fixture
def other_staff(other_unit):
    return UnitRoleFactory(unit=other_unit, role=UnitRole.Role.EDITOR).user


@pytest.fixture
def desk_staff(unit):
    return UnitRoleFactory(unit=unit, role=UnitRole.Role.CITIZENS_DESK).user


@pytest.fixture
def initiative(municipality, lead_unit, partner_unit, organisation, lead_staff):
    return actions.create_initiative(
        lead_staff,
        municipality,
        {"title": "Kulturhack", "aim": "Kunst og teknologi for unge.", "lead_unit": lead_unit,
         "state": "running"},
        age_groups=["youth"],
        partner_units=[partner_unit],
        partner_organisations=[organisation],
    )  # fmt: skip


@pytest.fixture
def make_event(municipality, lead_unit):
    def make(title="Kulturhack-kveld", capacity=10, waitlist=0, unit=None):
        event = Event.objects.create(
            municipality=municipality,
            unit=unit or lead_unit,
            title=title,
            status=Event.Status.PUBLISHED,
            signup_enabled=True,
            capacity=capacity,
            waitlist_capacity=waitlist,
        )
        start = timezone.now() + dt.timedelta(days=7)
        Occurrence.objects.create(
            event=event, start=start, end=start + dt.timedelta(hours=2), original_start=start
        )
        return event

    return make
