"""Volunteer contacts of a unit organise the assignments of its sub-units to any depth."""

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.volunteering.models import Assignment
from dugnad.volunteering.rules import can_manage, can_post_for, organiser_scope
from tests.unit_tree import build_unit_tree, person_with_role

from .conftest import make_assignment

pytestmark = pytest.mark.django_db

CONTACT = UnitRole.Role.VOLUNTEER_CONTACT


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


@pytest.fixture
def assignments(tree):
    return {
        unit: make_assignment(unit=unit, title=f"Aktivitetsvenn, {unit.name}")
        for unit in (tree.a, tree.b, tree.c, tree.d)
    }


def test_contact_at_the_top_organises_every_unit_below(tree, assignments):
    contact = person_with_role(tree.a, CONTACT)
    _orgs, units = organiser_scope(contact)
    assert {tree.a.pk, tree.b.pk, tree.c.pk, tree.d.pk} <= set(units)
    for unit in (tree.a, *tree.below_a):
        assert can_post_for(contact, unit), unit.name
        assert can_manage(contact, assignments[unit]), unit.name
    organised = Assignment.objects.organised_by(set(), units)
    assert set(organised) == set(assignments.values())


def test_contact_lower_down_organises_nothing_above(tree, assignments):
    contact = person_with_role(tree.c, CONTACT)
    _orgs, units = organiser_scope(contact)
    assert set(units) == {tree.c.pk, tree.d.pk}
    assert can_manage(contact, assignments[tree.d])
    for unit in tree.above_c:
        assert not can_post_for(contact, unit), unit.name
        verdict = can_manage(contact, assignments[unit])
        assert not verdict, unit.name
        assert verdict.reason
    organised = Assignment.objects.organised_by(set(), units)
    assert set(organised) == {assignments[tree.c], assignments[tree.d]}
