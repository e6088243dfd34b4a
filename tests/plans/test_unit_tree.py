"""Staff of a unit update the measures of its sub-units to any depth, never those above."""

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.plans.models import Measure
from dugnad.plans.rules import can_follow_up, can_update_measure
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


@pytest.fixture
def measures(tree, area):
    return {
        unit: Measure.objects.create(
            focus_area=area,
            number=n,
            text=f"Tiltak {unit.name}",
            responsible_unit=unit,
            start_year=2020,
            end_year=2023,
        )
        for n, unit in enumerate((tree.a, tree.b, tree.c, tree.d), start=1)
    }


def test_a_role_at_the_top_covers_every_measure_below(tree, measures):
    staff = person_with_role(tree.a, UnitRole.Role.VIEWER)
    for unit in (tree.a, *tree.below_a):
        assert can_update_measure(staff, measures[unit]), unit.name


def test_a_role_lower_down_covers_nothing_above(tree, measures):
    staff = person_with_role(tree.c, UnitRole.Role.EDITOR)
    assert can_update_measure(staff, measures[tree.d])
    for unit in tree.above_c:
        verdict = can_update_measure(staff, measures[unit])
        assert not verdict and verdict.reason, unit.name


def test_a_plan_owner_above_the_owner_unit_follows_the_plan_up(tree, plan, municipality):
    plan.owner_unit = tree.c
    plan.save()
    assert can_follow_up(person_with_role(tree.a, UnitRole.Role.PLAN_OWNER), plan)
    assert not can_follow_up(person_with_role(tree.d, UnitRole.Role.PLAN_OWNER), plan)
    assert not can_follow_up(person_with_role(tree.a, UnitRole.Role.EDITOR), plan)
