"""Fixtures for the activity calendar: an event with sign-up, built through the real action."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from dugnad.activities import actions
from dugnad.core.models import AgeGroup
from tests.factories import UnitFactory


@pytest.fixture
def age_groups(db):
    for position, code in enumerate(["children", "youth", "young_adults", "adults", "elderly"]):
        AgeGroup.objects.get_or_create(code=code, defaults={"position": position})
    return {group.code: group for group in AgeGroup.objects.all()}


@pytest.fixture
def culture_school(municipality):
    return UnitFactory(municipality=municipality, name="Kulturskolen")


@pytest.fixture
def school_editor(culture_school):
    from dugnad.accounts.models import UnitRole
    from tests.factories import UnitRoleFactory

    return UnitRoleFactory(unit=culture_school, role=UnitRole.Role.EDITOR).user


def tomorrow():
    return timezone.localdate() + timedelta(days=1)


@pytest.fixture
def make_event(organisation, leader, age_groups):
    def make(
        user=None,
        organiser=None,
        days=1,
        rule="",
        capacity=None,
        waitlist=0,
        groups=("children",),
        **values,
    ):
        values.setdefault("title", "Breakdance med AdAstra")
        values.setdefault("venue_name", "Ås kulturhus")
        if capacity is not None:
            values.update(signup_enabled=True, capacity=capacity, waitlist_capacity=waitlist)
        schedule = actions.Schedule(
            first_day=timezone.localdate() + timedelta(days=days),
            start_time=time(18),
            end_time=time(20),
            rule=rule,
        )
        return actions.create_event(
            user or leader,
            organiser or organisation,
            values,
            schedule,
            age_groups=[age_groups[g] for g in groups],
        )

    return make


@pytest.fixture
def event_with_signup(make_event):
    return make_event(capacity=2, waitlist=1)
