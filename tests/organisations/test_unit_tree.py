"""Organisations and the unit tree.

Nothing in organisations depends on a unit's depth: the volunteer coordinator's role is a
municipality-wide role, which counts the same in whichever unit of the municipality's tree it is
held, and no organisation belongs to a unit. So these tests do not check the depth rule of
`core.access` (the apps whose rows belong to units do); they check what organisations does with
the tree: the role counts at every level (a level the tree walk missed would fail), a different
role at any level never counts, and the coordinators told about a new organisation are found at
every level of the municipality's own tree and in no other municipality's.
"""

import pytest

from dugnad.accounts.models import UnitRole
from dugnad.accounts.queries import coordinator_emails
from dugnad.accounts.roles import is_volunteer_coordinator
from dugnad.organisations.models import Organisation
from dugnad.organisations.rules import can_edit, can_review, can_view
from tests.factories import MunicipalityFactory, OrganisationFactory, UnitFactory
from tests.unit_tree import build_unit_tree, person_with_role

pytestmark = pytest.mark.django_db

COORDINATOR = UnitRole.Role.VOLUNTEER_COORDINATOR


@pytest.fixture
def tree(municipality):
    return build_unit_tree(municipality)


@pytest.mark.parametrize("level", ["a", "b", "c", "d"])
def test_coordinator_at_any_level_reviews_and_edits_organisations(tree, municipality, level):
    coordinator = person_with_role(getattr(tree, level), COORDINATOR)
    waiting = OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    assert is_volunteer_coordinator(coordinator)
    assert can_review(coordinator, waiting)
    assert can_view(coordinator, waiting)
    assert can_edit(coordinator, waiting)


@pytest.mark.parametrize("level", ["a", "d"])
def test_other_roles_at_any_level_do_not_make_a_coordinator(tree, municipality, level):
    contact = person_with_role(getattr(tree, level), UnitRole.Role.VOLUNTEER_CONTACT)
    waiting = OrganisationFactory(municipality=municipality, status=Organisation.Status.PENDING)
    assert not is_volunteer_coordinator(contact)
    assert not can_review(contact, waiting)
    assert not can_view(contact, waiting)
    assert not can_edit(contact, waiting)


def test_coordinators_told_are_those_anywhere_in_the_municipalitys_tree(tree, municipality):
    at_top = person_with_role(tree.a, COORDINATOR)
    at_bottom = person_with_role(tree.d, COORDINATOR)
    person_with_role(tree.c, UnitRole.Role.VOLUNTEER_CONTACT)
    elsewhere = MunicipalityFactory(number="3220", name="Frogn", slug="frogn")
    person_with_role(UnitFactory(municipality=elsewhere, slug="frogn-kultur"), COORDINATOR)
    assert sorted(coordinator_emails(municipality)) == sorted([at_top.email, at_bottom.email])
