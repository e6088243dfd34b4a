"""The kernel's depth rule on a four-level tree, and the info pages that rest on it."""

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.accounts.roles import has_unit_role, unit_role_holders
from dugnad.core.access import access_for, covering_unit_ids
from dugnad.core.rules import can_edit_pages
from tests.factories import UserFactory
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db

Role = UnitRole.Role


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


def test_a_role_covers_every_unit_below_and_none_above(tree):
    top = person_with_role(tree.a, Role.VIEWER)
    lower = person_with_role(tree.c, Role.VIEWER)
    all_four = {tree.a.pk, tree.b.pk, tree.c.pk, tree.d.pk}
    assert access_for(top).unit_ids(Role.VIEWER) == all_four
    assert access_for(lower).unit_ids(Role.VIEWER) == {tree.c.pk, tree.d.pk}
    for unit in (tree.a, *tree.below_a):
        assert has_unit_role(top, Role.VIEWER, unit=unit)
    for unit in tree.above_c:
        assert not has_unit_role(lower, Role.VIEWER, unit=unit)
    # Another role in the same unit does not count.
    assert not has_unit_role(top, Role.CASE_HANDLER, unit=tree.d)


def test_site_administrators_hold_every_role_in_every_unit(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert {tree.a.pk, tree.d.pk} <= access_for(admin).unit_ids(Role.EDITOR)
    assert has_unit_role(admin, Role.CASE_HANDLER, unit=tree.d)


def test_whom_to_ask_about_a_unit_walks_the_same_tree_upwards(tree):
    assert covering_unit_ids(tree.d) == [tree.d.pk, tree.c.pk, tree.b.pk, tree.a.pk]
    assert covering_unit_ids(tree.b.pk) == [tree.b.pk, tree.a.pk]
    top = person_with_role(tree.a, Role.PREMISES_MANAGER)
    lower = person_with_role(tree.c, Role.PREMISES_MANAGER)
    person_with_role(tree.a, Role.EDITOR)  # another role: not a holder
    assert set(unit_role_holders(tree.d, Role.PREMISES_MANAGER)) == {top, lower}
    assert set(unit_role_holders(tree.b, Role.PREMISES_MANAGER)) == {top}


def test_info_pages_are_edited_by_editors_of_any_unit_at_any_depth(tree):
    for unit in (tree.a, tree.d):
        assert can_edit_pages(person_with_role(unit, Role.EDITOR)), unit.name
    assert not can_edit_pages(person_with_role(tree.d, Role.VIEWER))
